/* till-database-path.h: where the database is, decided the same way by the app and till-admin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --database PATH if given, else the GSettings key `database-path` if set (and
 * the schema is installed), else $XDG_DATA_HOME/till/till.db.  A relative
 * path is made absolute against the current folder. */
char *till_database_path_resolve (const char *command_line_path);

G_END_DECLS
