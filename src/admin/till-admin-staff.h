/* till-admin-staff.h: `till-admin staff` and `till-admin privacy`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int till_admin_staff   (const char  *database,
                        int          argc,
                        char       **argv);
int till_admin_privacy (const char  *database,
                        int          argc,
                        char       **argv);

G_END_DECLS
