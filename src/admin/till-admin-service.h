/* till-admin-service.h: customer service from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int till_admin_requests  (const char  *database,
                          int          argc,
                          char       **argv);
int till_admin_customers (const char  *database,
                          int          argc,
                          char       **argv);

G_END_DECLS
