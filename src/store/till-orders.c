/* till-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-orders.h"
#include "till-store-private.h"

#define ORDER_COLUMNS \
  "id, uuid, status, register_id, receipt_number, staff_id, customer_id, opened_at, parked," \
  " paid_at, voided_at, note, currency, prices_include_tax, earn_points, earn_amount, tier_id," \
  " tier_bp, mult_bp, order_discount_kind, order_discount_value, discount_approved_by, reward_id," \
  " reward_cost, subtotal, savings, tax, total, points, rounding, change, loyalty_earned," \
  " loyalty_redeemed, loyalty_balance_after, loyalty_tier, loyalty_next_tier," \
  " loyalty_to_next_tier, refunded_amount, refunded_tax, refunded_points"

#define LINE_COLUMNS \
  "id, position, product_id, code, sku, name, sold_by, unit_price, qty, label_price, tax_rate_bp," \
  " discountable, earns_points, note, discount_kind, discount_value, base, line_discount," \
  " tier_discount, reward, order_discount, tax, paid, points, refunded_qty, refunded_amount," \
  " refunded_tax, refunded_points"

TillOrderRecord *
till_order_record_new (void)
{
  TillOrderRecord *record = g_new0 (TillOrderRecord, 1);

  record->status = g_strdup ("open");
  record->note = g_strdup ("");
  record->order_discount_kind = g_strdup ("none");
  record->mult_bp = 10000;
  record->prices_include_tax = TRUE;
  return record;
}

void
till_order_record_free (TillOrderRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->uuid);
  g_free (record->status);
  g_free (record->opened_at);
  g_free (record->paid_at);
  g_free (record->voided_at);
  g_free (record->note);
  g_free (record->currency);
  g_free (record->order_discount_kind);
  g_free (record->loyalty_tier);
  g_free (record->loyalty_next_tier);
  g_free (record);
}

TillOrderLineRecord *
till_order_line_record_new (void)
{
  TillOrderLineRecord *line = g_new0 (TillOrderLineRecord, 1);

  line->note = g_strdup ("");
  line->discount_kind = g_strdup ("none");
  return line;
}

TillOrderLineRecord *
till_order_line_record_copy (const TillOrderLineRecord *line)
{
  TillOrderLineRecord *copy = g_memdup2 (line, sizeof *line);

  copy->code = g_strdup (line->code);
  copy->sku = g_strdup (line->sku);
  copy->name = g_strdup (line->name);
  copy->note = g_strdup (line->note);
  copy->discount_kind = g_strdup (line->discount_kind);
  return copy;
}

void
till_order_line_record_free (TillOrderLineRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->code);
  g_free (record->sku);
  g_free (record->name);
  g_free (record->note);
  g_free (record->discount_kind);
  g_free (record);
}

void
till_payment_record_free (TillPaymentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->status);
  g_free (record->reference);
  g_free (record->message);
  g_free (record->at);
  g_free (record);
}

void
till_product_snapshot_free (TillProductSnapshot *product)
{
  if (product == NULL)
    return;
  g_free (product->sku);
  g_free (product->name);
  g_free (product);
}

void
till_refund_record_free (TillRefundRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->at);
  g_free (record);
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

TillProductSnapshot *
till_orders_get_product (TillStore  *store,
                         gint64      product_id,
                         GError    **error)
{
  TillProductSnapshot *product = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT p.id, p.sku, p.name, p.price, t.rate_bp, p.sold_by, p.active,"
                             " p.discountable, c.earns_points"
                             " FROM products p JOIN tax_rates t ON t.id = p.tax_rate_id"
                             " JOIN categories c ON c.id = p.category_id WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      product = g_new0 (TillProductSnapshot, 1);
      product->id = sqlite3_column_int64 (stmt, 0);
      product->sku = till_store_column_dup (stmt, 1);
      product->name = till_store_column_dup (stmt, 2);
      product->price = sqlite3_column_int64 (stmt, 3);
      product->tax_rate_bp = sqlite3_column_int64 (stmt, 4);
      product->sold_by_weight = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 5), "weight") == 0;
      product->active = sqlite3_column_int (stmt, 6) != 0;
      product->discountable = sqlite3_column_int (stmt, 7) != 0;
      product->earns_points = sqlite3_column_int (stmt, 8) != 0;
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such product.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return product;
}

TillProductSnapshot *
till_orders_get_product_by_sku (TillStore   *store,
                                const char  *sku,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT id FROM products WHERE sku = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no product %s.", sku);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return till_orders_get_product (store, id, error);
}

static gboolean
insert_line (TillStore                  *store,
             gint64                      order_id,
             const TillOrderLineRecord  *line,
             GError                    **error)
{
  sqlite3_stmt *stmt;

  stmt = till_store_prepare (store,
                             "INSERT INTO order_lines (order_id, position, product_id, code, sku, name,"
                             " sold_by, unit_price, qty, label_price, tax_rate_bp, discountable,"
                             " earns_points, note, discount_kind, discount_value, base, line_discount,"
                             " tier_discount, reward, order_discount, tax, paid, points, refunded_qty,"
                             " refunded_amount, refunded_tax, refunded_points)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                             " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int64 (stmt, 2, line->position);
  sqlite3_bind_int64 (stmt, 3, line->product_id);
  till_store_bind_text (stmt, 4, line->code != NULL ? line->code : "", FALSE);
  till_store_bind_text (stmt, 5, line->sku != NULL ? line->sku : "", FALSE);
  till_store_bind_text (stmt, 6, line->name != NULL ? line->name : "", FALSE);
  sqlite3_bind_text (stmt, 7, line->sold_by_weight ? "weight" : "unit", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, line->unit_price);
  sqlite3_bind_int64 (stmt, 9, line->qty);
  if (line->has_label_price)
    sqlite3_bind_int64 (stmt, 10, line->label_price);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, line->tax_rate_bp);
  sqlite3_bind_int (stmt, 12, line->discountable ? 1 : 0);
  sqlite3_bind_int (stmt, 13, line->earns_points ? 1 : 0);
  till_store_bind_text (stmt, 14, line->note != NULL ? line->note : "", FALSE);
  till_store_bind_text (stmt, 15, line->discount_kind != NULL ? line->discount_kind : "none", FALSE);
  sqlite3_bind_int64 (stmt, 16, line->discount_value);
  sqlite3_bind_int64 (stmt, 17, line->base);
  sqlite3_bind_int64 (stmt, 18, line->line_discount);
  sqlite3_bind_int64 (stmt, 19, line->tier_discount);
  sqlite3_bind_int64 (stmt, 20, line->reward);
  sqlite3_bind_int64 (stmt, 21, line->order_discount);
  sqlite3_bind_int64 (stmt, 22, line->tax);
  sqlite3_bind_int64 (stmt, 23, line->paid);
  sqlite3_bind_int64 (stmt, 24, line->points);
  sqlite3_bind_int64 (stmt, 25, line->refunded_qty);
  sqlite3_bind_int64 (stmt, 26, line->refunded_amount);
  sqlite3_bind_int64 (stmt, 27, line->refunded_tax);
  sqlite3_bind_int64 (stmt, 28, line->refunded_points);
  return till_store_step_done (store, stmt, error);
}

static void
bind_order (sqlite3_stmt          *stmt,
            const TillOrderRecord *r)
{
  sqlite3_bind_text (stmt, 1, r->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, r->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, r->register_id);
  bind_id_or_null (stmt, 4, r->receipt_number);
  bind_id_or_null (stmt, 5, r->staff_id);
  bind_id_or_null (stmt, 6, r->customer_id);
  sqlite3_bind_text (stmt, 7, r->opened_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, r->parked ? 1 : 0);
  till_store_bind_text (stmt, 9, r->paid_at, TRUE);
  till_store_bind_text (stmt, 10, r->voided_at, TRUE);
  till_store_bind_text (stmt, 11, r->note != NULL ? r->note : "", FALSE);
  till_store_bind_text (stmt, 12, r->currency != NULL ? r->currency : "EUR", FALSE);
  sqlite3_bind_int (stmt, 13, r->prices_include_tax ? 1 : 0);
  sqlite3_bind_int64 (stmt, 14, r->earn_points);
  sqlite3_bind_int64 (stmt, 15, r->earn_amount);
  bind_id_or_null (stmt, 16, r->tier_id);
  sqlite3_bind_int64 (stmt, 17, r->tier_bp);
  sqlite3_bind_int64 (stmt, 18, r->mult_bp);
  till_store_bind_text (stmt, 19, r->order_discount_kind != NULL ? r->order_discount_kind : "none", FALSE);
  sqlite3_bind_int64 (stmt, 20, r->order_discount_value);
  bind_id_or_null (stmt, 21, r->discount_approved_by);
  bind_id_or_null (stmt, 22, r->reward_id);
  sqlite3_bind_int64 (stmt, 23, r->reward_cost);
  sqlite3_bind_int64 (stmt, 24, r->subtotal);
  sqlite3_bind_int64 (stmt, 25, r->savings);
  sqlite3_bind_int64 (stmt, 26, r->tax);
  sqlite3_bind_int64 (stmt, 27, r->total);
  sqlite3_bind_int64 (stmt, 28, r->points);
  sqlite3_bind_int64 (stmt, 29, r->rounding);
  sqlite3_bind_int64 (stmt, 30, r->change);
  if (r->has_loyalty)
    {
      sqlite3_bind_int64 (stmt, 31, r->loyalty_earned);
      sqlite3_bind_int64 (stmt, 32, r->loyalty_redeemed);
      sqlite3_bind_int64 (stmt, 33, r->loyalty_balance_after);
      till_store_bind_text (stmt, 34, r->loyalty_tier, FALSE);
      till_store_bind_text (stmt, 35, r->loyalty_next_tier, FALSE);
      sqlite3_bind_int64 (stmt, 36, r->loyalty_to_next_tier);
    }
  else
    for (int i = 31; i <= 36; i++)
      sqlite3_bind_null (stmt, i);
  sqlite3_bind_int64 (stmt, 37, r->refunded_amount);
  sqlite3_bind_int64 (stmt, 38, r->refunded_tax);
  sqlite3_bind_int64 (stmt, 39, r->refunded_points);
}

gboolean
till_orders_save (TillStore        *store,
                  TillOrderRecord  *record,
                  GPtrArray        *lines,
                  GPtrArray        *taxes,
                  GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->uuid != NULL, FALSE);
  g_return_val_if_fail (till_store_in_transaction (store), FALSE);

  if (record->id == 0)
    stmt = till_store_prepare (store,
                               "INSERT INTO orders (uuid, status, register_id, receipt_number, staff_id,"
                               " customer_id, opened_at, parked, paid_at, voided_at, note, currency,"
                               " prices_include_tax, earn_points, earn_amount, tier_id, tier_bp, mult_bp,"
                               " order_discount_kind, order_discount_value, discount_approved_by,"
                               " reward_id, reward_cost, subtotal, savings, tax, total, points, rounding,"
                               " change, loyalty_earned, loyalty_redeemed, loyalty_balance_after,"
                               " loyalty_tier, loyalty_next_tier, loyalty_to_next_tier, refunded_amount,"
                               " refunded_tax, refunded_points)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                               " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
                               " ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)", error);
  else
    stmt = till_store_prepare (store,
                               "UPDATE orders SET uuid = ?1, status = ?2, register_id = ?3,"
                               " receipt_number = ?4, staff_id = ?5, customer_id = ?6, opened_at = ?7,"
                               " parked = ?8, paid_at = ?9, voided_at = ?10, note = ?11, currency = ?12,"
                               " prices_include_tax = ?13, earn_points = ?14, earn_amount = ?15,"
                               " tier_id = ?16, tier_bp = ?17, mult_bp = ?18, order_discount_kind = ?19,"
                               " order_discount_value = ?20, discount_approved_by = ?21, reward_id = ?22,"
                               " reward_cost = ?23, subtotal = ?24, savings = ?25, tax = ?26, total = ?27,"
                               " points = ?28, rounding = ?29, change = ?30, loyalty_earned = ?31,"
                               " loyalty_redeemed = ?32, loyalty_balance_after = ?33, loyalty_tier = ?34,"
                               " loyalty_next_tier = ?35, loyalty_to_next_tier = ?36,"
                               " refunded_amount = ?37, refunded_tax = ?38, refunded_points = ?39"
                               " WHERE id = ?40", error);
  if (stmt == NULL)
    return FALSE;
  bind_order (stmt, record);
  if (record->id != 0)
    sqlite3_bind_int64 (stmt, 40, record->id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (record->id == 0)
    record->id = sqlite3_last_insert_rowid (till_store_get_db (store));

  if (lines != NULL)
    {
      stmt = till_store_prepare (store, "DELETE FROM order_lines WHERE order_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, record->id);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
      for (guint i = 0; i < lines->len; i++)
        if (!insert_line (store, record->id, lines->pdata[i], error))
          return FALSE;
    }

  if (taxes != NULL)
    {
      stmt = till_store_prepare (store, "DELETE FROM order_taxes WHERE order_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, record->id);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
      for (guint i = 0; i < taxes->len; i++)
        {
          const TillOrderTaxRecord *t = taxes->pdata[i];

          stmt = till_store_prepare (store,
                                     "INSERT INTO order_taxes (order_id, rate_bp, net, tax, gross)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, record->id);
          sqlite3_bind_int64 (stmt, 2, t->rate_bp);
          sqlite3_bind_int64 (stmt, 3, t->net);
          sqlite3_bind_int64 (stmt, 4, t->tax);
          sqlite3_bind_int64 (stmt, 5, t->gross);
          if (!till_store_step_done (store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static TillOrderRecord *
order_from_row (sqlite3_stmt *stmt)
{
  TillOrderRecord *r = g_new0 (TillOrderRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->uuid = till_store_column_dup (stmt, 1);
  r->status = till_store_column_dup (stmt, 2);
  r->register_id = sqlite3_column_int64 (stmt, 3);
  r->receipt_number = sqlite3_column_int64 (stmt, 4);
  r->staff_id = sqlite3_column_int64 (stmt, 5);
  r->customer_id = sqlite3_column_int64 (stmt, 6);
  r->opened_at = till_store_column_dup (stmt, 7);
  r->parked = sqlite3_column_int (stmt, 8) != 0;
  r->paid_at = till_store_column_dup (stmt, 9);
  r->voided_at = till_store_column_dup (stmt, 10);
  r->note = till_store_column_dup (stmt, 11);
  r->currency = till_store_column_dup (stmt, 12);
  r->prices_include_tax = sqlite3_column_int (stmt, 13) != 0;
  r->earn_points = sqlite3_column_int64 (stmt, 14);
  r->earn_amount = sqlite3_column_int64 (stmt, 15);
  r->tier_id = sqlite3_column_int64 (stmt, 16);
  r->tier_bp = sqlite3_column_int64 (stmt, 17);
  r->mult_bp = sqlite3_column_int64 (stmt, 18);
  r->order_discount_kind = till_store_column_dup (stmt, 19);
  r->order_discount_value = sqlite3_column_int64 (stmt, 20);
  r->discount_approved_by = sqlite3_column_int64 (stmt, 21);
  r->reward_id = sqlite3_column_int64 (stmt, 22);
  r->reward_cost = sqlite3_column_int64 (stmt, 23);
  r->subtotal = sqlite3_column_int64 (stmt, 24);
  r->savings = sqlite3_column_int64 (stmt, 25);
  r->tax = sqlite3_column_int64 (stmt, 26);
  r->total = sqlite3_column_int64 (stmt, 27);
  r->points = sqlite3_column_int64 (stmt, 28);
  r->rounding = sqlite3_column_int64 (stmt, 29);
  r->change = sqlite3_column_int64 (stmt, 30);
  r->has_loyalty = sqlite3_column_type (stmt, 31) != SQLITE_NULL;
  r->loyalty_earned = sqlite3_column_int64 (stmt, 31);
  r->loyalty_redeemed = sqlite3_column_int64 (stmt, 32);
  r->loyalty_balance_after = sqlite3_column_int64 (stmt, 33);
  r->loyalty_tier = till_store_column_dup (stmt, 34);
  r->loyalty_next_tier = till_store_column_dup (stmt, 35);
  r->loyalty_to_next_tier = sqlite3_column_int64 (stmt, 36);
  r->refunded_amount = sqlite3_column_int64 (stmt, 37);
  r->refunded_tax = sqlite3_column_int64 (stmt, 38);
  r->refunded_points = sqlite3_column_int64 (stmt, 39);
  return r;
}

static TillOrderRecord *
get_order (TillStore     *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  TillOrderRecord *record = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    record = order_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such order.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return record;
}

TillOrderRecord *
till_orders_get (TillStore  *store,
                 gint64      id,
                 GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_order (store, stmt, error);
}

TillOrderRecord *
till_orders_find_by_uuid (TillStore   *store,
                          const char  *uuid,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " ORDER_COLUMNS " FROM orders WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  return get_order (store, stmt, error);
}

TillOrderRecord *
till_orders_find_by_receipt (TillStore  *store,
                             gint64      register_id,
                             gint64      receipt_number,
                             GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " ORDER_COLUMNS " FROM orders"
                             " WHERE register_id = ?1 AND receipt_number = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, register_id);
  sqlite3_bind_int64 (stmt, 2, receipt_number);
  return get_order (store, stmt, error);
}

static TillOrderLineRecord *
line_from_row (sqlite3_stmt *stmt)
{
  TillOrderLineRecord *l = g_new0 (TillOrderLineRecord, 1);

  l->id = sqlite3_column_int64 (stmt, 0);
  l->position = sqlite3_column_int64 (stmt, 1);
  l->product_id = sqlite3_column_int64 (stmt, 2);
  l->code = till_store_column_dup (stmt, 3);
  l->sku = till_store_column_dup (stmt, 4);
  l->name = till_store_column_dup (stmt, 5);
  l->sold_by_weight = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 6), "weight") == 0;
  l->unit_price = sqlite3_column_int64 (stmt, 7);
  l->qty = sqlite3_column_int64 (stmt, 8);
  l->has_label_price = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  l->label_price = sqlite3_column_int64 (stmt, 9);
  l->tax_rate_bp = sqlite3_column_int64 (stmt, 10);
  l->discountable = sqlite3_column_int (stmt, 11) != 0;
  l->earns_points = sqlite3_column_int (stmt, 12) != 0;
  l->note = till_store_column_dup (stmt, 13);
  l->discount_kind = till_store_column_dup (stmt, 14);
  l->discount_value = sqlite3_column_int64 (stmt, 15);
  l->base = sqlite3_column_int64 (stmt, 16);
  l->line_discount = sqlite3_column_int64 (stmt, 17);
  l->tier_discount = sqlite3_column_int64 (stmt, 18);
  l->reward = sqlite3_column_int64 (stmt, 19);
  l->order_discount = sqlite3_column_int64 (stmt, 20);
  l->tax = sqlite3_column_int64 (stmt, 21);
  l->paid = sqlite3_column_int64 (stmt, 22);
  l->points = sqlite3_column_int64 (stmt, 23);
  l->refunded_qty = sqlite3_column_int64 (stmt, 24);
  l->refunded_amount = sqlite3_column_int64 (stmt, 25);
  l->refunded_tax = sqlite3_column_int64 (stmt, 26);
  l->refunded_points = sqlite3_column_int64 (stmt, 27);
  return l;
}

GPtrArray *
till_orders_get_lines (TillStore  *store,
                       gint64      order_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)till_order_line_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " LINE_COLUMNS " FROM order_lines WHERE order_id = ?1 ORDER BY position",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, line_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&lines);
}

GPtrArray *
till_orders_get_taxes (TillStore  *store,
                       gint64      order_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) taxes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT rate_bp, net, tax, gross FROM order_taxes WHERE order_id = ?1"
                             " ORDER BY rate_bp", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillOrderTaxRecord *t = g_new0 (TillOrderTaxRecord, 1);

      t->rate_bp = sqlite3_column_int64 (stmt, 0);
      t->net = sqlite3_column_int64 (stmt, 1);
      t->tax = sqlite3_column_int64 (stmt, 2);
      t->gross = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (taxes, t);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&taxes);
}

GPtrArray *
till_orders_get_payments (TillStore  *store,
                          gint64      order_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify)till_payment_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, seq, kind, status, tendered, change, amount, reference, message, at"
                             " FROM payments WHERE order_id = ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillPaymentRecord *p = g_new0 (TillPaymentRecord, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->seq = sqlite3_column_int64 (stmt, 1);
      p->kind = till_store_column_dup (stmt, 2);
      p->status = till_store_column_dup (stmt, 3);
      p->tendered = sqlite3_column_int64 (stmt, 4);
      p->change = sqlite3_column_int64 (stmt, 5);
      p->amount = sqlite3_column_int64 (stmt, 6);
      p->reference = till_store_column_dup (stmt, 7);
      p->message = till_store_column_dup (stmt, 8);
      p->at = till_store_column_dup (stmt, 9);
      g_ptr_array_add (payments, p);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&payments);
}

gboolean
till_orders_add_payment (TillStore          *store,
                         gint64              order_id,
                         TillPaymentRecord  *payment,
                         GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO payments (order_id, seq, kind, status, tendered, change, amount,"
                             " reference, message, at)"
                             " VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM payments WHERE order_id = ?1),"
                             " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, payment->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, payment->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, payment->tendered);
  sqlite3_bind_int64 (stmt, 5, payment->change);
  sqlite3_bind_int64 (stmt, 6, payment->amount);
  till_store_bind_text (stmt, 7, payment->reference != NULL ? payment->reference : "", FALSE);
  till_store_bind_text (stmt, 8, payment->message != NULL ? payment->message : "", FALSE);
  till_store_bind_text (stmt, 9, payment->at, FALSE);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  payment->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

GArray *
till_orders_list_ids (TillStore   *store,
                      const char  *status,
                      GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT id FROM orders WHERE status = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
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

gboolean
till_orders_delete_open (TillStore  *store,
                         gint64      order_id,
                         GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  /* Only an order nothing was ever paid on, still open or a quote. */
  stmt = till_store_prepare (store,
                             "DELETE FROM orders WHERE id = ?1 AND status IN ('open', 'quote')"
                             " AND NOT EXISTS (SELECT 1 FROM payments WHERE order_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_orders_next_receipt (TillStore  *store,
                          gint64      register_id,
                          gint64     *out_number,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (till_store_in_transaction (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO receipt_series (register_id, last_number) VALUES (?1, 1)"
                             " ON CONFLICT (register_id) DO UPDATE SET last_number = last_number + 1"
                             " RETURNING last_number", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, register_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_number = sqlite3_column_int64 (stmt, 0);
  /* RETURNING: the statement must run to its end before the change counts. */
  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

gboolean
till_orders_qualifying_spend (TillStore   *store,
                              gint64       customer_id,
                              const char  *since,
                              gint64      *out_spend,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store,
                             "SELECT coalesce (sum (total - refunded_amount), 0) FROM orders"
                             " WHERE customer_id = ?1 AND status = 'paid' AND paid_at >= ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_spend = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    return till_store_fail (store, rc, error);
  return TRUE;
}

gboolean
till_orders_add_refund (TillStore                     *store,
                        TillRefundRecord              *refund,
                        const TillRefundLineRecord    *lines,
                        gsize                          n_lines,
                        const TillRefundTenderRecord  *tenders,
                        gsize                          n_tenders,
                        GError                       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (till_store_in_transaction (store), FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO refunds (order_id, register_id, receipt_number, staff_id,"
                             " approved_by, at, amount, tax, points, payout, rounding, reward_restored)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, refund->order_id);
  sqlite3_bind_int64 (stmt, 2, refund->register_id);
  sqlite3_bind_int64 (stmt, 3, refund->receipt_number);
  bind_id_or_null (stmt, 4, refund->staff_id);
  bind_id_or_null (stmt, 5, refund->approved_by);
  sqlite3_bind_text (stmt, 6, refund->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, refund->amount);
  sqlite3_bind_int64 (stmt, 8, refund->tax);
  sqlite3_bind_int64 (stmt, 9, refund->points);
  sqlite3_bind_int64 (stmt, 10, refund->payout);
  sqlite3_bind_int64 (stmt, 11, refund->rounding);
  sqlite3_bind_int64 (stmt, 12, refund->reward_restored);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  refund->id = sqlite3_last_insert_rowid (till_store_get_db (store));

  for (gsize i = 0; i < n_lines; i++)
    {
      stmt = till_store_prepare (store,
                                 "INSERT INTO refund_lines (refund_id, line_id, qty, amount, tax, points)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, refund->id);
      sqlite3_bind_int64 (stmt, 2, lines[i].line_id);
      sqlite3_bind_int64 (stmt, 3, lines[i].qty);
      sqlite3_bind_int64 (stmt, 4, lines[i].amount);
      sqlite3_bind_int64 (stmt, 5, lines[i].tax);
      sqlite3_bind_int64 (stmt, 6, lines[i].points);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;

      stmt = till_store_prepare (store,
                                 "UPDATE order_lines SET refunded_qty = refunded_qty + ?2,"
                                 " refunded_amount = refunded_amount + ?3, refunded_tax = refunded_tax + ?4,"
                                 " refunded_points = refunded_points + ?5 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, lines[i].line_id);
      sqlite3_bind_int64 (stmt, 2, lines[i].qty);
      sqlite3_bind_int64 (stmt, 3, lines[i].amount);
      sqlite3_bind_int64 (stmt, 4, lines[i].tax);
      sqlite3_bind_int64 (stmt, 5, lines[i].points);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (gsize i = 0; i < n_tenders; i++)
    {
      stmt = till_store_prepare (store,
                                 "INSERT INTO refund_tenders (refund_id, seq, kind, amount, rounding)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, refund->id);
      sqlite3_bind_int64 (stmt, 2, (gint64)i + 1);
      sqlite3_bind_text (stmt, 3, tenders[i].kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, tenders[i].amount);
      sqlite3_bind_int64 (stmt, 5, tenders[i].rounding);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
    }

  stmt = till_store_prepare (store,
                             "UPDATE orders SET refunded_amount = refunded_amount + ?2,"
                             " refunded_tax = refunded_tax + ?3, refunded_points = refunded_points + ?4"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, refund->order_id);
  sqlite3_bind_int64 (stmt, 2, refund->amount);
  sqlite3_bind_int64 (stmt, 3, refund->tax);
  sqlite3_bind_int64 (stmt, 4, refund->points);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_orders_refunded_by_kind (TillStore  *store,
                              gint64      order_id,
                              gint64     *out_cash,
                              gint64     *out_card,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  *out_cash = 0;
  *out_card = 0;
  /* Refunded against each kind, before cash rounding: what the tender's share was. */
  stmt = till_store_prepare (store,
                             "SELECT t.kind, sum (t.amount - t.rounding) FROM refund_tenders t"
                             " JOIN refunds r ON r.id = t.refund_id WHERE r.order_id = ?1 GROUP BY t.kind",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "cash") == 0)
        *out_cash = sqlite3_column_int64 (stmt, 1);
      else
        *out_card = sqlite3_column_int64 (stmt, 1);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

gint64
till_orders_count_paid (TillStore  *store,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM orders WHERE status = 'paid'", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return count;
}

typedef struct
{
  const char *sql;
  const char *format;   /* the sentence, given the row's first three columns */
} Invariant;

/* Each query returns the offending rows: (id, value, expected) */
static const Invariant invariants[] = {
  { "SELECT o.id, o.total, coalesce (sum (l.paid), 0) FROM orders o"
    " LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.status IN ('open', 'paid')"
    " GROUP BY o.id HAVING o.total <> coalesce (sum (l.paid), 0)",
    "order %s: total %s but its lines paid %s" },
  { "SELECT o.id, coalesce (sum (p.tendered - p.change), 0), o.total + o.rounding FROM orders o"
    " LEFT JOIN payments p ON p.order_id = o.id AND p.status = 'approved' WHERE o.status = 'paid'"
    " GROUP BY o.id HAVING coalesce (sum (p.tendered - p.change), 0) <> o.total + o.rounding",
    "order %s: tenders less change come to %s, not total plus rounding %s" },
  { "SELECT t.order_id, t.tax, (SELECT coalesce (sum (l.tax), 0) FROM order_lines l"
    " WHERE l.order_id = t.order_id AND l.tax_rate_bp = t.rate_bp) FROM order_taxes t"
    " WHERE t.tax <> (SELECT coalesce (sum (l.tax), 0) FROM order_lines l"
    " WHERE l.order_id = t.order_id AND l.tax_rate_bp = t.rate_bp)",
    "order %s: a rate's tax is %s but its lines' shares sum to %s" },
  { "SELECT o.id, o.tax, (SELECT coalesce (sum (tax), 0) FROM order_taxes WHERE order_id = o.id)"
    " FROM orders o WHERE o.status = 'paid'"
    " AND o.tax <> (SELECT coalesce (sum (tax), 0) FROM order_taxes WHERE order_id = o.id)",
    "order %s: tax %s but its rates sum to %s" },
  { "SELECT o.id, o.points, coalesce (sum (l.points), 0) FROM orders o"
    " LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.status = 'paid'"
    " GROUP BY o.id HAVING o.points <> coalesce (sum (l.points), 0)",
    "order %s: %s points but its lines hold %s" },
  { "SELECT id, refunded_amount, total FROM orders WHERE refunded_amount > total OR refunded_amount < 0",
    "order %s: refunded %s of a total of %s" },
  { "SELECT id, refunded_tax, tax FROM orders WHERE refunded_tax > tax OR refunded_tax < 0",
    "order %s: refunded tax %s of %s" },
  { "SELECT id, refunded_points, points FROM orders WHERE refunded_points > points OR refunded_points < 0",
    "order %s: reversed %s of %s points" },
  { "SELECT l.order_id, l.refunded_qty, l.qty FROM order_lines l WHERE l.refunded_qty > l.qty",
    "order %s: a line refunded %s of %s" },
  { "SELECT o.id, o.refunded_amount, coalesce (sum (r.amount), 0) FROM orders o"
    " LEFT JOIN refunds r ON r.order_id = o.id GROUP BY o.id"
    " HAVING o.refunded_amount <> coalesce (sum (r.amount), 0)",
    "order %s: refunded amount %s but its refunds sum to %s" },
  /* Receipt numbers: one gapless series per register over orders and refunds. */
  { "WITH numbers (register_id, n) AS (SELECT register_id, receipt_number FROM orders"
    " WHERE receipt_number IS NOT NULL UNION ALL SELECT register_id, receipt_number FROM refunds"
    /* special orders' deposits and their refunds take numbers too */
    " UNION ALL SELECT deposit_register_id, deposit_receipt_number FROM special_orders"
    " WHERE deposit_receipt_number IS NOT NULL"
    " UNION ALL SELECT refund_register_id, refund_receipt_number FROM special_orders"
    " WHERE refund_receipt_number IS NOT NULL)"
    " SELECT register_id, count (*), max (n) FROM numbers GROUP BY register_id"
    " HAVING count (*) <> max (n) OR count (DISTINCT n) <> count (*) OR min (n) <> 1",
    "register %s: %s receipts but the series runs to %s (a gap or a repeat)" },
  { "SELECT s.register_id, s.last_number, (SELECT count (*) FROM orders o WHERE o.register_id = s.register_id"
    " AND o.receipt_number IS NOT NULL) + (SELECT count (*) FROM refunds r WHERE r.register_id = s.register_id)"
    " + (SELECT count (*) FROM special_orders d WHERE d.deposit_register_id = s.register_id)"
    " + (SELECT count (*) FROM special_orders d WHERE d.refund_register_id = s.register_id)"
    " FROM receipt_series s WHERE s.last_number <> (SELECT count (*) FROM orders o"
    " WHERE o.register_id = s.register_id AND o.receipt_number IS NOT NULL)"
    " + (SELECT count (*) FROM refunds r WHERE r.register_id = s.register_id)"
    " + (SELECT count (*) FROM special_orders d WHERE d.deposit_register_id = s.register_id)"
    " + (SELECT count (*) FROM special_orders d WHERE d.refund_register_id = s.register_id)",
    "register %s: the series stands at %s but %s receipts exist" },
};

GPtrArray *
till_orders_check_invariants (TillStore  *store,
                              GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (invariants); i++)
    {
      sqlite3_stmt *stmt = till_store_prepare (store, invariants[i].sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GString) sentence = g_string_new (NULL);
          const char *format = invariants[i].format;
          int column = 0;

          /* The three columns fill the three %s of the sentence, in order. */
          for (const char *p = format; *p != '\0'; p++)
            {
              if (p[0] == '%' && p[1] == 's')
                {
                  const char *value = (const char *)sqlite3_column_text (stmt, column++);
                  g_string_append (sentence, value != NULL ? value : "NULL");
                  p++;
                }
              else
                g_string_append_c (sentence, *p);
            }
          g_ptr_array_add (problems, g_string_free (g_steal_pointer (&sentence), FALSE));
        }
      till_store_release (stmt);
      if (rc != SQLITE_DONE)
        {
          till_store_fail (store, rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&problems);
}

/* The order history ------------------------------------------------------ */

void
till_order_summary_free (TillOrderSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->status);
  g_free (summary->at);
  g_free (summary->currency);
  g_free (summary->staff_name);
  g_free (summary->customer_name);
  g_free (summary->customer_card);
  g_free (summary);
}

void
till_refund_tender_record_free (TillRefundTenderRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record);
}

/* Every query below joins a key table k (id, at) with the order, its staff
 * member and its customer, in this column order. */
#define SUMMARY_SELECT \
  "SELECT o.id, o.status, o.parked, o.register_id, coalesce (o.receipt_number, 0), k.at, o.currency," \
  " o.total, o.refunded_amount," \
  " EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id)," \
  " NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.refunded_qty < l.qty)," \
  " s.name, coalesce (o.customer_id, 0), c.name, c.card"
#define SUMMARY_JOIN \
  " JOIN orders o ON o.id = k.id LEFT JOIN staff s ON s.id = o.staff_id" \
  " LEFT JOIN customers c ON c.id = o.customer_id"

static TillOrderSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  TillOrderSummary *s = g_new0 (TillOrderSummary, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->status = till_store_column_dup (stmt, 1);
  s->parked = sqlite3_column_int (stmt, 2) != 0;
  s->register_id = sqlite3_column_int64 (stmt, 3);
  s->receipt_number = sqlite3_column_int64 (stmt, 4);
  s->at = till_store_column_dup (stmt, 5);
  s->currency = till_store_column_dup (stmt, 6);
  s->total = sqlite3_column_int64 (stmt, 7);
  s->refunded_amount = sqlite3_column_int64 (stmt, 8);
  s->has_refunds = sqlite3_column_int (stmt, 9) != 0;
  s->fully_refunded = s->has_refunds && sqlite3_column_int (stmt, 10) != 0;
  s->staff_name = till_store_column_dup (stmt, 11);
  s->customer_id = sqlite3_column_int64 (stmt, 12);
  s->customer_name = till_store_column_dup (stmt, 13);
  s->customer_card = till_store_column_dup (stmt, 14);
  return s;
}

/* The customers as a JSON array of integers, bound as text and read back
 * by json_each: one statement whatever their number. */
static char *
customer_ids_json (const TillOrderFilter *filter)
{
  GString *json = g_string_new ("[");

  for (gsize i = 0; i < filter->n_customer_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", filter->customer_ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* ISO 8601 UTC times sort as text: "" is before and "9999" after every one. */
#define HISTORY_FIRST ""
#define HISTORY_LAST  "9999"

gint64
till_orders_count_history (TillStore              *store,
                           const TillOrderFilter  *filter,
                           GError                **error)
{
  const char *since, *until;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);
  g_return_val_if_fail (filter != NULL, -1);

  since = filter->since != NULL ? filter->since : HISTORY_FIRST;
  until = filter->until != NULL ? filter->until : HISTORY_LAST;
  if (filter->n_customer_ids > 0)
    stmt = till_store_prepare (store,
                               "SELECT count (*) FROM orders WHERE status <> 'quote'"
                               " AND customer_id IN (SELECT value FROM json_each (?3))"
                               " AND coalesce (paid_at, opened_at) >= ?1 AND coalesce (paid_at, opened_at) < ?2",
                               error);
  else
    stmt = till_store_prepare (store,
                               "SELECT (SELECT count (*) FROM orders WHERE paid_at IS NOT NULL"
                               " AND paid_at >= ?1 AND paid_at < ?2)"
                               " + (SELECT count (*) FROM orders WHERE status IN ('open', 'voided')"
                               " AND opened_at >= ?1 AND opened_at < ?2)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  if (filter->n_customer_ids > 0)
    sqlite3_bind_text (stmt, 3, customer_ids_json (filter), -1, g_free);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return count;
}

static GPtrArray *
collect_summaries (TillStore     *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)till_order_summary_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, summary_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
till_orders_history_page (TillStore              *store,
                          const TillOrderFilter  *filter,
                          const char             *after_at,
                          gint64                  after_id,
                          guint                   limit,
                          GError                **error)
{
  const char *since;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  since = filter->since != NULL ? filter->since : HISTORY_FIRST;
  /* The upper bound of a day is the first key: (until, 0) lets through
   * exactly the times before it. */
  if (after_at == NULL)
    {
      after_at = filter->until != NULL ? filter->until : HISTORY_LAST;
      after_id = 0;
    }

  if (filter->n_customer_ids > 0)
    /* A few customers' orders: few rows, sorted after the index lookups. */
    stmt = till_store_prepare (store,
                               SUMMARY_SELECT
                               " FROM (SELECT id, coalesce (paid_at, opened_at) AS at FROM orders"
                               " WHERE status <> 'quote' AND customer_id IN (SELECT value FROM json_each (?5))) k"
                               SUMMARY_JOIN
                               " WHERE (k.at, k.id) < (?1, ?2) AND k.at >= ?3"
                               " ORDER BY k.at DESC, k.id DESC LIMIT ?4", error);
  else
    stmt = till_store_prepare (store,
                               SUMMARY_SELECT
                               " FROM (SELECT * FROM (SELECT id, paid_at AS at FROM orders"
                               " WHERE paid_at IS NOT NULL AND (paid_at, id) < (?1, ?2) AND paid_at >= ?3"
                               " ORDER BY paid_at DESC, id DESC LIMIT ?4)"
                               " UNION ALL SELECT * FROM (SELECT id, opened_at AS at FROM orders"
                               " WHERE status IN ('open', 'voided') AND (opened_at, id) < (?1, ?2) AND opened_at >= ?3"
                               " ORDER BY opened_at DESC, id DESC LIMIT ?4)) k"
                               SUMMARY_JOIN
                               " ORDER BY k.at DESC, k.id DESC LIMIT ?4", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, after_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_text (stmt, 3, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, limit);
  if (filter->n_customer_ids > 0)
    sqlite3_bind_text (stmt, 5, customer_ids_json (filter), -1, g_free);
  return collect_summaries (store, stmt, error);
}

TillOrderSummary *
till_orders_get_summary (TillStore  *store,
                         gint64      order_id,
                         GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             SUMMARY_SELECT
                             " FROM (SELECT id, coalesce (paid_at, opened_at) AS at FROM orders WHERE id = ?1) k"
                             SUMMARY_JOIN, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rows = collect_summaries (store, stmt, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such order.");
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GArray *
till_orders_find_receipt (TillStore  *store,
                          gint64      register_id,
                          gint64      number,
                          GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  /* A receipt number is a sale's or a refund's: both lead to the order. */
  stmt = till_store_prepare (store,
                             "SELECT id FROM orders WHERE register_id = ?1 AND receipt_number = ?2"
                             " UNION SELECT order_id FROM refunds WHERE register_id = ?1 AND receipt_number = ?2"
                             " ORDER BY 1 DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, register_id);
  sqlite3_bind_int64 (stmt, 2, number);
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

GPtrArray *
till_orders_get_refunds (TillStore  *store,
                         gint64      order_id,
                         GError    **error)
{
  g_autoptr(GPtrArray) refunds = g_ptr_array_new_with_free_func ((GDestroyNotify)till_refund_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, order_id, register_id, receipt_number, coalesce (staff_id, 0),"
                             " coalesce (approved_by, 0), at, amount, tax, points, payout, rounding, reward_restored"
                             " FROM refunds WHERE order_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillRefundRecord *r = g_new0 (TillRefundRecord, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->order_id = sqlite3_column_int64 (stmt, 1);
      r->register_id = sqlite3_column_int64 (stmt, 2);
      r->receipt_number = sqlite3_column_int64 (stmt, 3);
      r->staff_id = sqlite3_column_int64 (stmt, 4);
      r->approved_by = sqlite3_column_int64 (stmt, 5);
      r->at = till_store_column_dup (stmt, 6);
      r->amount = sqlite3_column_int64 (stmt, 7);
      r->tax = sqlite3_column_int64 (stmt, 8);
      r->points = sqlite3_column_int64 (stmt, 9);
      r->payout = sqlite3_column_int64 (stmt, 10);
      r->rounding = sqlite3_column_int64 (stmt, 11);
      r->reward_restored = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (refunds, r);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&refunds);
}

GPtrArray *
till_orders_get_refund_tenders (TillStore  *store,
                                gint64      refund_id,
                                GError    **error)
{
  g_autoptr(GPtrArray) tenders = g_ptr_array_new_with_free_func ((GDestroyNotify)till_refund_tender_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT kind, amount, rounding FROM refund_tenders WHERE refund_id = ?1 ORDER BY seq",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, refund_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillRefundTenderRecord *t = g_new0 (TillRefundTenderRecord, 1);

      t->kind = till_store_column_dup (stmt, 0);
      t->amount = sqlite3_column_int64 (stmt, 1);
      t->rounding = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (tenders, t);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&tenders);
}
