/* till-admin-receipt.h: `receipt` of till-admin
 *
 * Returns till-admin's exit code (DESIGN.md): 0 ok; 1 refused or invalid
 * input; 2 usage; 3 the database cannot be opened or read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int till_admin_receipt (const char  *database,
                        int          argc,
                        char       **argv);

G_END_DECLS
