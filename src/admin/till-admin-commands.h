/* till-admin-commands.h: till-admin's commands beyond init, demo and check
 *
 * Each returns till-admin's exit code (DESIGN.md): 0 ok; 1 refused or
 * invalid input; 2 usage; 3 the database cannot be opened or read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int till_admin_quote   (const char  *database,
                        int          argc,
                        char       **argv);
int till_admin_sale    (const char  *database,
                        int          argc,
                        char       **argv);
int till_admin_refund  (const char  *database,
                        int          argc,
                        char       **argv);
int till_admin_loyalty (const char  *database,
                        int          argc,
                        char       **argv);

G_END_DECLS
