/* till-requests.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-requests.h"
#include "till-store-private.h"

#define REQUEST_COLUMNS \
  "id, kind, status, priority, title, description, customer_id, order_id, owner_id, created_by," \
  " due_at, complaint_category, complaint_outcome, overdue_notified_at, created_at, updated_at," \
  " resolved_at"

/* One WHERE clause for every filter: each part is off when its parameter is
 * NULL or 0, so no SQL is ever assembled from pieces. */
#define FILTER_WHERE \
  " WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR kind = ?2)" \
  " AND (?3 IS NULL OR priority = ?3) AND (?4 = 0 OR owner_id = ?4)" \
  " AND (?5 = 0 OR customer_id = ?5)" \
  " AND (?6 = 0 OR status IN ('open', 'in_progress', 'waiting'))" \
  " AND (?7 IS NULL OR (status IN ('open', 'in_progress', 'waiting') AND due_at < ?7))"

void
till_request_record_free (TillRequestRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->status);
  g_free (record->priority);
  g_free (record->title);
  g_free (record->description);
  g_free (record->due_at);
  g_free (record->complaint_category);
  g_free (record->complaint_outcome);
  g_free (record->overdue_notified_at);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_free (record->resolved_at);
  g_free (record);
}

void
till_request_note_free (TillRequestNote *note)
{
  if (note == NULL)
    return;
  g_free (note->at);
  g_free (note->author);
  g_free (note->kind);
  g_free (note->body);
  g_free (note);
}

void
till_special_order_record_free (TillSpecialOrderRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->item_name);
  g_free (record->expected_at);
  g_free (record->status);
  g_free (record->deposit_kind);
  g_free (record->deposit_state);
  g_free (record->deposit_at);
  g_free (record->refunded_at);
  g_free (record);
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static TillRequestRecord *
read_request (sqlite3_stmt *stmt)
{
  TillRequestRecord *r = g_new0 (TillRequestRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->kind = till_store_column_dup (stmt, 1);
  r->status = till_store_column_dup (stmt, 2);
  r->priority = till_store_column_dup (stmt, 3);
  r->title = till_store_column_dup (stmt, 4);
  r->description = till_store_column_dup (stmt, 5);
  r->customer_id = sqlite3_column_int64 (stmt, 6);
  r->order_id = sqlite3_column_int64 (stmt, 7);
  r->owner_id = sqlite3_column_int64 (stmt, 8);
  r->created_by = sqlite3_column_int64 (stmt, 9);
  r->due_at = till_store_column_dup (stmt, 10);
  r->complaint_category = till_store_column_dup (stmt, 11);
  r->complaint_outcome = till_store_column_dup (stmt, 12);
  r->overdue_notified_at = till_store_column_dup (stmt, 13);
  r->created_at = till_store_column_dup (stmt, 14);
  r->updated_at = till_store_column_dup (stmt, 15);
  r->resolved_at = till_store_column_dup (stmt, 16);
  return r;
}

gboolean
till_requests_insert (TillStore          *store,
                      TillRequestRecord  *record,
                      const char         *at,
                      GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && at != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO requests (kind, status, priority, title, description, customer_id,"
                             " order_id, owner_id, created_by, due_at, complaint_category, complaint_outcome,"
                             " created_at, updated_at, resolved_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)", error);
  if (stmt == NULL)
    return FALSE;
  till_store_bind_text (stmt, 1, record->kind, FALSE);
  till_store_bind_text (stmt, 2, record->status, FALSE);
  till_store_bind_text (stmt, 3, record->priority, FALSE);
  till_store_bind_text (stmt, 4, record->title, FALSE);
  sqlite3_bind_text (stmt, 5, record->description != NULL ? record->description : "", -1, SQLITE_TRANSIENT);
  bind_id (stmt, 6, record->customer_id);
  bind_id (stmt, 7, record->order_id);
  bind_id (stmt, 8, record->owner_id);
  bind_id (stmt, 9, record->created_by);
  till_store_bind_text (stmt, 10, record->due_at, TRUE);
  sqlite3_bind_text (stmt, 11, record->complaint_category != NULL ? record->complaint_category : "",
                     -1, SQLITE_TRANSIENT);
  till_store_bind_text (stmt, 12, record->complaint_outcome, TRUE);
  sqlite3_bind_text (stmt, 13, at, -1, SQLITE_TRANSIENT);
  till_store_bind_text (stmt, 14, record->resolved_at, TRUE);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

TillRequestRecord *
till_requests_get (TillStore  *store,
                   gint64      id,
                   GError    **error)
{
  TillRequestRecord *record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " REQUEST_COLUMNS " FROM requests WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_request (stmt);
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                 "There is no request %" G_GINT64_FORMAT ".", id);
  else if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return record;
}

gboolean
till_requests_update (TillStore          *store,
                      TillRequestRecord  *record,
                      const char         *at,
                      GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && at != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE requests SET status = ?2, priority = ?3, title = ?4, description = ?5,"
                             " owner_id = ?6, due_at = ?7, complaint_category = ?8, complaint_outcome = ?9,"
                             " resolved_at = ?10, updated_at = ?11, customer_id = ?12, order_id = ?13"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->id);
  till_store_bind_text (stmt, 2, record->status, FALSE);
  till_store_bind_text (stmt, 3, record->priority, FALSE);
  till_store_bind_text (stmt, 4, record->title, FALSE);
  sqlite3_bind_text (stmt, 5, record->description != NULL ? record->description : "", -1, SQLITE_TRANSIENT);
  bind_id (stmt, 6, record->owner_id);
  till_store_bind_text (stmt, 7, record->due_at, TRUE);
  sqlite3_bind_text (stmt, 8, record->complaint_category != NULL ? record->complaint_category : "",
                     -1, SQLITE_TRANSIENT);
  till_store_bind_text (stmt, 9, record->complaint_outcome, TRUE);
  till_store_bind_text (stmt, 10, record->resolved_at, TRUE);
  sqlite3_bind_text (stmt, 11, at, -1, SQLITE_TRANSIENT);
  bind_id (stmt, 12, record->customer_id);
  bind_id (stmt, 13, record->order_id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                   "There is no request %" G_GINT64_FORMAT ".", record->id);
      return FALSE;
    }
  g_free (record->updated_at);
  record->updated_at = g_strdup (at);
  return TRUE;
}

static void
bind_filter (sqlite3_stmt            *stmt,
             const TillRequestFilter *filter)
{
  TillRequestFilter none = { 0 };

  if (filter == NULL)
    filter = &none;
  till_store_bind_text (stmt, 1, filter->status, TRUE);
  till_store_bind_text (stmt, 2, filter->kind, TRUE);
  till_store_bind_text (stmt, 3, filter->priority, TRUE);
  sqlite3_bind_int64 (stmt, 4, filter->owner_id);
  sqlite3_bind_int64 (stmt, 5, filter->customer_id);
  sqlite3_bind_int (stmt, 6, filter->open_only ? 1 : 0);
  till_store_bind_text (stmt, 7, filter->overdue_at, TRUE);
}

static GPtrArray *
collect_requests (TillStore     *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)till_request_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_request (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
till_requests_list (TillStore               *store,
                    const TillRequestFilter *filter,
                    gint64                   before_id,
                    guint                    limit,
                    GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " REQUEST_COLUMNS " FROM requests" FILTER_WHERE
                             " AND (?8 = 0 OR id < ?8) ORDER BY id DESC LIMIT ?9", error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 8, before_id);
  sqlite3_bind_int64 (stmt, 9, limit);
  return collect_requests (store, stmt, error);
}

gint64
till_requests_count (TillStore               *store,
                     const TillRequestFilter *filter,
                     GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM requests" FILTER_WHERE, error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return count;
}

GPtrArray *
till_requests_list_overdue_unnotified (TillStore   *store,
                                       const char  *now,
                                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* requests_due holds exactly the open rows with a due date. */
  stmt = till_store_prepare (store,
                             "SELECT " REQUEST_COLUMNS " FROM requests"
                             " WHERE status IN ('open', 'in_progress', 'waiting') AND due_at IS NOT NULL"
                             " AND due_at < ?1 AND overdue_notified_at IS NULL ORDER BY due_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  return collect_requests (store, stmt, error);
}

gboolean
till_requests_mark_overdue_notified (TillStore   *store,
                                     gint64       id,
                                     const char  *at,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "UPDATE requests SET overdue_notified_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  till_store_bind_text (stmt, 2, at, TRUE);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_requests_add_note (TillStore        *store,
                        TillRequestNote  *note,
                        GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO request_notes (request_id, at, staff_id, author, kind, body)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note->request_id);
  till_store_bind_text (stmt, 2, note->at, FALSE);
  bind_id (stmt, 3, note->staff_id);
  till_store_bind_text (stmt, 4, note->author, FALSE);
  till_store_bind_text (stmt, 5, note->kind, FALSE);
  /* The body goes in byte for byte: bound, never part of the SQL. */
  sqlite3_bind_text (stmt, 6, note->body != NULL ? note->body : "", -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  note->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

GPtrArray *
till_requests_list_notes (TillStore  *store,
                          gint64      request_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify)till_request_note_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, request_id, at, staff_id, author, kind, body FROM request_notes"
                             " WHERE request_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillRequestNote *note = g_new0 (TillRequestNote, 1);

      note->id = sqlite3_column_int64 (stmt, 0);
      note->request_id = sqlite3_column_int64 (stmt, 1);
      note->at = till_store_column_dup (stmt, 2);
      note->staff_id = sqlite3_column_int64 (stmt, 3);
      note->author = till_store_column_dup (stmt, 4);
      note->kind = till_store_column_dup (stmt, 5);
      note->body = till_store_column_dup (stmt, 6);
      g_ptr_array_add (notes, note);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&notes);
}

gboolean
till_special_orders_insert (TillStore               *store,
                            TillSpecialOrderRecord  *record,
                            GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO special_orders (request_id, product_id, item_name, unit_price,"
                             " tax_rate_id, qty, expected_at, status)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->request_id);
  bind_id (stmt, 2, record->product_id);
  till_store_bind_text (stmt, 3, record->item_name, FALSE);
  sqlite3_bind_int64 (stmt, 4, record->unit_price);
  bind_id (stmt, 5, record->tax_rate_id);
  sqlite3_bind_int64 (stmt, 6, record->qty);
  till_store_bind_text (stmt, 7, record->expected_at, TRUE);
  till_store_bind_text (stmt, 8, record->status != NULL ? record->status : "ordered", FALSE);
  return till_store_step_done (store, stmt, error);
}

TillSpecialOrderRecord *
till_special_orders_get (TillStore  *store,
                         gint64      request_id,
                         GError    **error)
{
  TillSpecialOrderRecord *r = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT request_id, product_id, item_name, unit_price, tax_rate_id, qty,"
                             " expected_at, status, deposit, deposit_kind, deposit_state, deposit_register_id,"
                             " deposit_receipt_number, deposit_at, refund_receipt_number, refunded_at,"
                             " collected_order_id, refund_register_id FROM special_orders WHERE request_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      r = g_new0 (TillSpecialOrderRecord, 1);
      r->request_id = sqlite3_column_int64 (stmt, 0);
      r->product_id = sqlite3_column_int64 (stmt, 1);
      r->item_name = till_store_column_dup (stmt, 2);
      r->unit_price = sqlite3_column_int64 (stmt, 3);
      r->tax_rate_id = sqlite3_column_int64 (stmt, 4);
      r->qty = sqlite3_column_int64 (stmt, 5);
      r->expected_at = till_store_column_dup (stmt, 6);
      r->status = till_store_column_dup (stmt, 7);
      r->deposit = sqlite3_column_int64 (stmt, 8);
      r->deposit_kind = till_store_column_dup (stmt, 9);
      r->deposit_state = till_store_column_dup (stmt, 10);
      r->deposit_register_id = sqlite3_column_int64 (stmt, 11);
      r->deposit_receipt_number = sqlite3_column_int64 (stmt, 12);
      r->deposit_at = till_store_column_dup (stmt, 13);
      r->refund_receipt_number = sqlite3_column_int64 (stmt, 14);
      r->refunded_at = till_store_column_dup (stmt, 15);
      r->collected_order_id = sqlite3_column_int64 (stmt, 16);
      r->refund_register_id = sqlite3_column_int64 (stmt, 17);
    }
  till_store_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                 "Request %" G_GINT64_FORMAT " is not a special order.", request_id);
  else if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return r;
}

gboolean
till_special_orders_update (TillStore               *store,
                            TillSpecialOrderRecord  *record,
                            GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE special_orders SET status = ?2, deposit = ?3, deposit_kind = ?4,"
                             " deposit_state = ?5, deposit_register_id = ?6, deposit_receipt_number = ?7,"
                             " deposit_at = ?8, refund_receipt_number = ?9, refunded_at = ?10,"
                             " collected_order_id = ?11, expected_at = ?12, refund_register_id = ?13"
                             " WHERE request_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->request_id);
  till_store_bind_text (stmt, 2, record->status, FALSE);
  sqlite3_bind_int64 (stmt, 3, record->deposit);
  till_store_bind_text (stmt, 4, record->deposit_kind, TRUE);
  till_store_bind_text (stmt, 5, record->deposit_state != NULL ? record->deposit_state : "none", FALSE);
  bind_id (stmt, 6, record->deposit_register_id);
  bind_id (stmt, 7, record->deposit_receipt_number);
  till_store_bind_text (stmt, 8, record->deposit_at, TRUE);
  bind_id (stmt, 9, record->refund_receipt_number);
  till_store_bind_text (stmt, 10, record->refunded_at, TRUE);
  bind_id (stmt, 11, record->collected_order_id);
  till_store_bind_text (stmt, 12, record->expected_at, TRUE);
  bind_id (stmt, 13, record->refund_register_id);
  return till_store_step_done (store, stmt, error);
}

void
till_favourite_product_free (TillFavouriteProduct *favourite)
{
  if (favourite == NULL)
    return;
  g_free (favourite->name);
  g_free (favourite);
}

GPtrArray *
till_requests_list_favourites (TillStore  *store,
                               gint64      customer_id,
                               guint       limit,
                               GError    **error)
{
  g_autoptr(GPtrArray) favourites = g_ptr_array_new_with_free_func ((GDestroyNotify)till_favourite_product_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  /* orders_customer finds the customer's orders, the lines' unique
   * (order_id, position) index their lines. */
  stmt = till_store_prepare (store,
                             "SELECT l.product_id, (SELECT l2.name FROM order_lines l2 JOIN orders o2"
                             " ON o2.id = l2.order_id WHERE o2.customer_id = ?1 AND l2.product_id = l.product_id"
                             " ORDER BY o2.paid_at DESC, l2.id DESC LIMIT 1),"
                             " count (DISTINCT o.id), sum (l.qty - l.refunded_qty) AS kept"
                             " FROM orders o JOIN order_lines l ON l.order_id = o.id"
                             " WHERE o.customer_id = ?1 AND o.status = 'paid' AND l.qty > l.refunded_qty"
                             " GROUP BY l.product_id ORDER BY 3 DESC, kept DESC, l.product_id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillFavouriteProduct *favourite = g_new0 (TillFavouriteProduct, 1);

      favourite->product_id = sqlite3_column_int64 (stmt, 0);
      favourite->name = till_store_column_dup (stmt, 1);
      favourite->orders = sqlite3_column_int64 (stmt, 2);
      favourite->qty = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (favourites, favourite);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&favourites);
}
