/* till-merges.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-merges.h"
#include "till-store-private.h"

gint64
till_merges_get_merged_into (TillStore  *store,
                             gint64      id,
                             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 target = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT coalesce (merged_into, 0) FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    target = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                 "There is no customer %" G_GINT64_FORMAT ".", id);
  else if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return target;
}

static gboolean
move (TillStore   *store,
      const char  *sql,
      gint64       source_id,
      gint64       target_id,
      gint64      *out_changes,
      GError     **error)
{
  sqlite3_stmt *stmt = till_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (out_changes != NULL)
    *out_changes = sqlite3_changes (till_store_get_db (store));
  return TRUE;
}

gboolean
till_merges_move_history (TillStore  *store,
                          gint64      source_id,
                          gint64      target_id,
                          gint64     *out_orders,
                          GError    **error)
{
  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  return move (store, "UPDATE orders SET customer_id = ?2 WHERE customer_id = ?1", source_id, target_id,
               out_orders, error)
         && move (store, "UPDATE requests SET customer_id = ?2 WHERE customer_id = ?1", source_id, target_id,
                  NULL, error);
}

gboolean
till_merges_mark (TillStore   *store,
                  gint64       source_id,
                  gint64       target_id,
                  const char  *at,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE customers SET merged_into = ?2, card = NULL, phone = NULL, email = NULL,"
                             " updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_merges_record (TillStore   *store,
                    gint64       source_id,
                    gint64       target_id,
                    gint64       points,
                    gint64       orders,
                    const char  *at,
                    gint64       staff_id,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO customer_merges (source_id, target_id, points, orders, at, staff_id)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  sqlite3_bind_int64 (stmt, 3, points);
  sqlite3_bind_int64 (stmt, 4, orders);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 6, staff_id);
  else
    sqlite3_bind_null (stmt, 6);
  return till_store_step_done (store, stmt, error);
}
