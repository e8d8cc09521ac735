/* till-store-private.h: what the store's own files share, never included outside src/store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "till-store.h"

G_BEGIN_DECLS

sqlite3      *till_store_get_db        (TillStore    *self);
/* A prepared statement from the connection's cache, reset and unbound; the
 * caller resets it again with till_store_release when done. */
sqlite3_stmt *till_store_prepare       (TillStore    *self,
                                        const char   *sql,
                                        GError      **error);
void          till_store_release       (sqlite3_stmt *stmt);
/* Sets @error from a SQLite result code in TILL_STORE_ERROR; returns FALSE */
gboolean      till_store_fail          (TillStore    *self,
                                        int           rc,
                                        GError      **error);
/* Runs SQL without results; FALSE with @error set on failure */
gboolean      till_store_exec          (TillStore    *self,
                                        const char   *sql,
                                        GError      **error);
/* Steps a statement expecting no row (INSERT/UPDATE/DELETE) and releases it */
gboolean      till_store_step_done     (TillStore    *self,
                                        sqlite3_stmt *stmt,
                                        GError      **error);
/* Binds text, or NULL when @text is NULL or empty and @empty_is_null */
int           till_store_bind_text     (sqlite3_stmt *stmt,
                                        int           index,
                                        const char   *text,
                                        gboolean      empty_is_null);
char         *till_store_column_dup    (sqlite3_stmt *stmt,
                                        int           column);

typedef struct
{
  int         version;
  const char *sql;
} TillMigration;

const TillMigration *till_store_get_migrations (gsize *n_migrations);

G_END_DECLS
