/* till-loyalty.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-loyalty.h"
#include "till-store-private.h"

void
till_tier_record_free (TillTierRecord *tier)
{
  if (tier == NULL)
    return;
  g_free (tier->name);
  g_free (tier);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
till_loyalty_append (TillStore              *store,
                     const TillLedgerEntry  *e,
                     GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (e != NULL && e->kind != NULL && e->at != NULL, FALSE);
  g_return_val_if_fail (till_store_in_transaction (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO loyalty_ledger (customer_id, kind, points, at, lot_date, order_id,"
                             " refund_id, staff_id, other_customer_id, reason)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->customer_id);
  sqlite3_bind_text (stmt, 2, e->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, e->points);
  sqlite3_bind_text (stmt, 4, e->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e->lot_date != NULL ? e->lot_date : e->at, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 6, e->order_id);
  bind_id_or_null (stmt, 7, e->refund_id);
  bind_id_or_null (stmt, 8, e->staff_id);
  bind_id_or_null (stmt, 9, e->other_customer_id);
  till_store_bind_text (stmt, 10, e->reason != NULL ? e->reason : "", FALSE);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;

  stmt = till_store_prepare (store, "UPDATE customers SET balance = balance + ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->customer_id);
  sqlite3_bind_int64 (stmt, 2, e->points);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_loyalty_get_balance (TillStore  *store,
                          gint64      customer_id,
                          gint64     *out_balance,
                          gint64     *out_tier_id,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "SELECT balance, tier_id FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_balance = sqlite3_column_int64 (stmt, 0);
      if (out_tier_id != NULL)
        *out_tier_id = sqlite3_column_int64 (stmt, 1);
    }
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such customer.");
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return till_store_fail (store, rc, error);
  return TRUE;
}

GPtrArray *
till_loyalty_check_balances (TillStore  *store,
                             GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT c.id, c.balance, coalesce (l.total, 0) FROM customers c"
                             " LEFT JOIN (SELECT customer_id, sum (points) AS total FROM loyalty_ledger"
                             " GROUP BY customer_id) l ON l.customer_id = c.id"
                             " WHERE c.balance <> coalesce (l.total, 0) ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf ("customer %" G_GINT64_FORMAT ": cached balance %" G_GINT64_FORMAT
                                      " but the ledger sums to %" G_GINT64_FORMAT,
                                      (gint64)sqlite3_column_int64 (stmt, 0),
                                      (gint64)sqlite3_column_int64 (stmt, 1),
                                      (gint64)sqlite3_column_int64 (stmt, 2)));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&problems);
}

GPtrArray *
till_loyalty_list_tiers (TillStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) tiers = g_ptr_array_new_with_free_func ((GDestroyNotify)till_tier_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, name, threshold, tier_bp, mult_bp FROM tiers ORDER BY threshold", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillTierRecord *tier = g_new0 (TillTierRecord, 1);

      tier->id = sqlite3_column_int64 (stmt, 0);
      tier->name = till_store_column_dup (stmt, 1);
      tier->threshold = sqlite3_column_int64 (stmt, 2);
      tier->tier_bp = sqlite3_column_int64 (stmt, 3);
      tier->mult_bp = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (tiers, tier);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&tiers);
}

gboolean
till_loyalty_insert_tier (TillStore       *store,
                          TillTierRecord  *tier,
                          GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO tiers (name, threshold, tier_bp, mult_bp) VALUES (?1, ?2, ?3, ?4)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tier->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, tier->threshold);
  sqlite3_bind_int64 (stmt, 3, tier->tier_bp);
  sqlite3_bind_int64 (stmt, 4, tier->mult_bp);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  tier->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_loyalty_delete_tier (TillStore   *store,
                          const char  *name,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "DELETE FROM tiers WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no tier named “%s”.", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
till_loyalty_set_tier (TillStore   *store,
                       gint64       customer_id,
                       gint64       from_tier_id,
                       gint64       to_tier_id,
                       const char  *cause,
                       gint64       order_id,
                       const char  *at,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "UPDATE customers SET tier_id = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  bind_id_or_null (stmt, 2, to_tier_id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;

  stmt = till_store_prepare (store,
                             "INSERT INTO tier_events (customer_id, at, from_tier_id, to_tier_id, cause, order_id)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, from_tier_id);
  bind_id_or_null (stmt, 4, to_tier_id);
  sqlite3_bind_text (stmt, 5, cause, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 6, order_id);
  return till_store_step_done (store, stmt, error);
}
