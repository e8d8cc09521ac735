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

/* Rewards ----------------------------------------------------------------- */

void
till_reward_record_free (TillRewardRecord *reward)
{
  if (reward == NULL)
    return;
  g_free (reward->name);
  g_free (reward->kind);
  g_free (reward->valid_from);
  g_free (reward->valid_until);
  g_free (reward);
}

#define REWARD_COLUMNS "id, name, cost, kind, value, coalesce (product_id, 0), valid_from, valid_until, retired"

static TillRewardRecord *
reward_from_row (sqlite3_stmt *stmt)
{
  TillRewardRecord *r = g_new0 (TillRewardRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->name = till_store_column_dup (stmt, 1);
  r->cost = sqlite3_column_int64 (stmt, 2);
  r->kind = till_store_column_dup (stmt, 3);
  r->value = sqlite3_column_int64 (stmt, 4);
  r->product_id = sqlite3_column_int64 (stmt, 5);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    r->valid_from = till_store_column_dup (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    r->valid_until = till_store_column_dup (stmt, 7);
  r->retired = sqlite3_column_int (stmt, 8) != 0;
  return r;
}

GPtrArray *
till_loyalty_list_rewards (TillStore  *store,
                           gboolean    with_retired,
                           GError    **error)
{
  g_autoptr(GPtrArray) rewards = g_ptr_array_new_with_free_func ((GDestroyNotify)till_reward_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " REWARD_COLUMNS " FROM rewards WHERE ?1 OR retired = 0 ORDER BY name, id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, with_retired ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rewards, reward_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rewards);
}

TillRewardRecord *
till_loyalty_get_reward (TillStore  *store,
                         gint64      id,
                         GError    **error)
{
  TillRewardRecord *reward = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " REWARD_COLUMNS " FROM rewards WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reward = reward_from_row (stmt);
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such reward.");
  else if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return reward;
}

gint64
till_loyalty_find_reward (TillStore   *store,
                          const char  *name,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT id FROM rewards WHERE name = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return -1;
    }
  return id;
}

gboolean
till_loyalty_insert_reward (TillStore         *store,
                            TillRewardRecord  *r,
                            GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO rewards (name, cost, kind, value, product_id, valid_from, valid_until,"
                             " retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, r->cost);
  sqlite3_bind_text (stmt, 3, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, r->value);
  bind_id_or_null (stmt, 5, r->product_id);
  if (r->valid_from != NULL)
    sqlite3_bind_text (stmt, 6, r->valid_from, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  if (r->valid_until != NULL)
    sqlite3_bind_text (stmt, 7, r->valid_until, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, r->retired ? 1 : 0);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  r->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_loyalty_retire_reward (TillStore  *store,
                            gint64      id,
                            GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "UPDATE rewards SET retired = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return till_store_step_done (store, stmt, error);
}

/* The ledger read back -------------------------------------------------- */

void
till_ledger_row_free (TillLedgerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->at);
  g_free (row->lot_date);
  g_free (row->reason);
  g_free (row);
}

GPtrArray *
till_loyalty_list_ledger (TillStore  *store,
                          gint64      customer_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)till_ledger_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, customer_id, kind, points, at, lot_date, coalesce (order_id, 0),"
                             " coalesce (refund_id, 0), coalesce (staff_id, 0), reason FROM loyalty_ledger"
                             " WHERE customer_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillLedgerRow *row = g_new0 (TillLedgerRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->customer_id = sqlite3_column_int64 (stmt, 1);
      row->kind = till_store_column_dup (stmt, 2);
      row->points = sqlite3_column_int64 (stmt, 3);
      row->at = till_store_column_dup (stmt, 4);
      row->lot_date = till_store_column_dup (stmt, 5);
      row->order_id = sqlite3_column_int64 (stmt, 6);
      row->refund_id = sqlite3_column_int64 (stmt, 7);
      row->staff_id = sqlite3_column_int64 (stmt, 8);
      row->reason = till_store_column_dup (stmt, 9);
      g_ptr_array_add (rows, row);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
till_loyalty_list_members (TillStore  *store,
                           GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id FROM customers c WHERE erased_at IS NULL AND (tier_id IS NOT NULL"
                             " OR EXISTS (SELECT 1 FROM loyalty_ledger l WHERE l.customer_id = c.id)"
                             " OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'paid'))"
                             " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Each query yields (ledger id, order id, what is wrong) */
static const char *const check_queries[] = {
  /* a restore needs its order fully refunded */
  "SELECT l.id, coalesce (l.order_id, 0), 'restore row without a fully refunded order' FROM loyalty_ledger l"
  " WHERE l.kind = 'restore' AND (l.order_id IS NULL OR EXISTS (SELECT 1 FROM order_lines ol"
  " WHERE ol.order_id = l.order_id AND ol.refunded_qty < ol.qty))",
  /* …and gives back exactly the reward's cost, once */
  "SELECT l.id, l.order_id, 'restore row does not give back the reward''s cost' FROM loyalty_ledger l"
  " JOIN orders o ON o.id = l.order_id WHERE l.kind = 'restore' AND (l.points <> o.reward_cost"
  " OR (SELECT count (*) FROM loyalty_ledger m WHERE m.order_id = l.order_id AND m.kind = 'restore') > 1)",
  /* a redeem takes exactly its order's reward cost */
  "SELECT l.id, coalesce (l.order_id, 0), 'redeem row does not match its order''s reward cost'"
  " FROM loyalty_ledger l LEFT JOIN orders o ON o.id = l.order_id WHERE l.kind = 'redeem'"
  " AND (o.id IS NULL OR o.status <> 'paid' OR o.reward_cost = 0 OR l.points <> -o.reward_cost"
  " OR (l.customer_id <> o.customer_id AND (SELECT merged_into FROM customers WHERE id = l.customer_id)"
  " IS NOT o.customer_id))",
  /* a paid order with a reward has its redeem row */
  "SELECT 0, o.id, 'paid order with a reward has no redeem row' FROM orders o"
  " WHERE o.status = 'paid' AND o.reward_cost > 0 AND NOT EXISTS (SELECT 1 FROM loyalty_ledger l"
  " WHERE l.order_id = o.id AND l.kind = 'redeem')",
  /* an adjustment carries its reason (an erasure blanks it); expiry only takes */
  "SELECT l.id, 0, 'adjust row without a reason' FROM loyalty_ledger l JOIN customers c ON c.id = l.customer_id"
  " WHERE l.kind = 'adjust' AND trim (l.reason) = '' AND c.erased_at IS NULL",
  "SELECT l.id, 0, 'expire row that adds points' FROM loyalty_ledger l WHERE l.kind = 'expire' AND l.points > 0",
  /* earn and reverse rows carry exactly their order's and refund's points */
  "SELECT l.id, coalesce (l.order_id, 0), 'earn row does not match its order''s points' FROM loyalty_ledger l"
  " LEFT JOIN orders o ON o.id = l.order_id WHERE l.kind = 'earn'"
  " AND (o.id IS NULL OR o.status <> 'paid' OR l.points <> o.points OR (l.customer_id <> o.customer_id"
  /* a merged customer's orders belong to the customer it was merged into */
  " AND (SELECT merged_into FROM customers WHERE id = l.customer_id) IS NOT o.customer_id))",
  "SELECT l.id, coalesce (l.order_id, 0), 'reverse row does not match its refund''s points' FROM loyalty_ledger l"
  " LEFT JOIN refunds r ON r.id = l.refund_id WHERE l.kind = 'reverse' AND (r.id IS NULL OR l.points <> -r.points)",
};

GPtrArray *
till_loyalty_check_rows (TillStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  for (gsize q = 0; q < G_N_ELEMENTS (check_queries); q++)
    {
      sqlite3_stmt *stmt = till_store_prepare (store, check_queries[q], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (problems,
                         g_strdup_printf ("ledger row %" G_GINT64_FORMAT " (order %" G_GINT64_FORMAT "): %s",
                                          (gint64)sqlite3_column_int64 (stmt, 0),
                                          (gint64)sqlite3_column_int64 (stmt, 1),
                                          (const char *)sqlite3_column_text (stmt, 2)));
      till_store_release (stmt);
      if (rc != SQLITE_DONE)
        {
          till_store_fail (store, rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&problems);
}

/* Usage ------------------------------------------------------------------ */

gboolean
till_loyalty_visit_ledger (TillStore        *store,
                           const char       *since,
                           const char       *until,
                           TillLedgerVisit   visit,
                           gpointer          user_data,
                           GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "SELECT at, kind, points FROM loyalty_ledger WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    visit ((const char *)sqlite3_column_text (stmt, 0), (const char *)sqlite3_column_text (stmt, 1),
           sqlite3_column_int64 (stmt, 2), user_data);
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

static gboolean
name_counts (TillStore   *store,
             const char  *sql,
             const char  *since,
             const char  *until,
             GPtrArray   *names,
             GArray      *counts,
             GError     **error)
{
  sqlite3_stmt *stmt = till_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (since != NULL)
    {
      sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (names, till_store_column_dup (stmt, 0));
      g_array_append_val (counts, n);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

gboolean
till_loyalty_usage_counts (TillStore   *store,
                           const char  *active_since,
                           const char  *since,
                           const char  *until,
                           gint64      *out_members,
                           gint64      *out_active,
                           GPtrArray   *tier_names,
                           GArray      *tier_counts,
                           GPtrArray   *reward_names,
                           GArray      *reward_counts,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "SELECT count (*), coalesce (sum (EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id"
                             " AND o.status = 'paid' AND o.paid_at >= ?1 AND o.paid_at < ?2)), 0)"
                             " FROM customers c WHERE c.erased_at IS NULL AND (c.card IS NOT NULL OR c.tier_id IS NOT NULL"
                             " OR EXISTS (SELECT 1 FROM loyalty_ledger l WHERE l.customer_id = c.id))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, active_since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_members = sqlite3_column_int64 (stmt, 0);
      *out_active = sqlite3_column_int64 (stmt, 1);
    }
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    return till_store_fail (store, rc, error);

  return name_counts (store,
                      "SELECT coalesce (t.name, ''), count (*) FROM customers c LEFT JOIN tiers t ON t.id = c.tier_id"
                      " WHERE c.erased_at IS NULL AND (c.card IS NOT NULL OR c.tier_id IS NOT NULL"
                      " OR EXISTS (SELECT 1 FROM loyalty_ledger l WHERE l.customer_id = c.id))"
                      " GROUP BY c.tier_id ORDER BY coalesce (t.threshold, -1)",
                      NULL, NULL, tier_names, tier_counts, error) &&
         name_counts (store,
                      "SELECT r.name, count (*) FROM orders o JOIN rewards r ON r.id = o.reward_id"
                      " WHERE o.status = 'paid' AND o.paid_at >= ?1 AND o.paid_at < ?2"
                      " GROUP BY r.id ORDER BY count (*) DESC, r.name LIMIT 5",
                      since, until, reward_names, reward_counts, error);
}
