/* till-receipt-jobs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-receipt-jobs.h"
#include "till-store-private.h"

#define JOB_COLUMNS \
  "id, register_id, receipt_number, order_id, refund_id, printer, paper, duplicate, status, reason," \
  " sent, retry_of, staff_id, created_at, updated_at"

/* Receipts ----------------------------------------------------------------- */

gboolean
till_receipts_find (TillStore       *store,
                    gint64           register_id,
                    gint64           number,
                    TillReceiptRef  *out_ref,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_ref != NULL, FALSE);

  /* The series is shared: a number is a sale's or a refund's, never both. */
  stmt = till_store_prepare (store,
                             "SELECT id, 0 FROM orders WHERE register_id = ?1 AND receipt_number = ?2"
                             " AND status = 'paid'"
                             " UNION ALL "
                             "SELECT order_id, id FROM refunds WHERE register_id = ?1 AND receipt_number = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, register_id);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out_ref->register_id = register_id;
      out_ref->number = number;
      out_ref->order_id = sqlite3_column_int64 (stmt, 0);
      out_ref->refund_id = sqlite3_column_int64 (stmt, 1);
    }
  till_store_release (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                 "Register %" G_GINT64_FORMAT " has no receipt number %" G_GINT64_FORMAT ".", register_id, number);
  else
    till_store_fail (store, rc, error);
  return FALSE;
}

GArray *
till_receipts_list_since (TillStore   *store,
                          const char  *since,
                          GError     **error)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, TRUE, sizeof (TillReceiptRef));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (since != NULL, NULL);

  /* orders_paid and refunds_at keep this to the window asked for. */
  stmt = till_store_prepare (store,
                             "SELECT at, register_id, receipt_number, order_id, refund_id FROM ("
                             " SELECT paid_at AS at, register_id, receipt_number, id AS order_id, 0 AS refund_id"
                             " FROM orders WHERE paid_at >= ?1 AND receipt_number IS NOT NULL"
                             " UNION ALL"
                             " SELECT at, register_id, receipt_number, order_id, id FROM refunds WHERE at >= ?1)"
                             " ORDER BY at, register_id, receipt_number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillReceiptRef ref;

      ref.register_id = sqlite3_column_int64 (stmt, 1);
      ref.number = sqlite3_column_int64 (stmt, 2);
      ref.order_id = sqlite3_column_int64 (stmt, 3);
      ref.refund_id = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (refs, ref);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&refs);
}

TillRefundRecord *
till_receipts_get_refund (TillStore  *store,
                          gint64      refund_id,
                          GError    **error)
{
  TillRefundRecord *refund = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, order_id, register_id, receipt_number, staff_id, approved_by, at, amount,"
                             " tax, points, payout, rounding, reward_restored FROM refunds WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, refund_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      refund = g_new0 (TillRefundRecord, 1);
      refund->id = sqlite3_column_int64 (stmt, 0);
      refund->order_id = sqlite3_column_int64 (stmt, 1);
      refund->register_id = sqlite3_column_int64 (stmt, 2);
      refund->receipt_number = sqlite3_column_int64 (stmt, 3);
      refund->staff_id = sqlite3_column_int64 (stmt, 4);
      refund->approved_by = sqlite3_column_int64 (stmt, 5);
      refund->at = till_store_column_dup (stmt, 6);
      refund->amount = sqlite3_column_int64 (stmt, 7);
      refund->tax = sqlite3_column_int64 (stmt, 8);
      refund->points = sqlite3_column_int64 (stmt, 9);
      refund->payout = sqlite3_column_int64 (stmt, 10);
      refund->rounding = sqlite3_column_int64 (stmt, 11);
      refund->reward_restored = sqlite3_column_int64 (stmt, 12);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such refund.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return refund;
}

GArray *
till_receipts_get_refund_lines (TillStore  *store,
                                gint64      refund_id,
                                GError    **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (TillRefundLineRecord));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT r.line_id, r.qty, r.amount, r.tax, r.points FROM refund_lines r"
                             " JOIN order_lines l ON l.id = r.line_id"
                             " WHERE r.refund_id = ?1 ORDER BY l.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, refund_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillRefundLineRecord line;

      line.line_id = sqlite3_column_int64 (stmt, 0);
      line.qty = sqlite3_column_int64 (stmt, 1);
      line.amount = sqlite3_column_int64 (stmt, 2);
      line.tax = sqlite3_column_int64 (stmt, 3);
      line.points = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (lines, line);
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&lines);
}

/* Print jobs ------------------------------------------------------------- */

void
till_receipt_job_record_free (TillReceiptJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->printer);
  g_free (record->paper);
  g_free (record->status);
  g_free (record->reason);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_free (record);
}

TillReceiptJobRecord *
till_receipt_job_record_copy (const TillReceiptJobRecord *record)
{
  TillReceiptJobRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->printer = g_strdup (record->printer);
  copy->paper = g_strdup (record->paper);
  copy->status = g_strdup (record->status);
  copy->reason = g_strdup (record->reason);
  copy->created_at = g_strdup (record->created_at);
  copy->updated_at = g_strdup (record->updated_at);
  return copy;
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

static TillReceiptJobRecord *
job_from_row (sqlite3_stmt *stmt)
{
  TillReceiptJobRecord *job = g_new0 (TillReceiptJobRecord, 1);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->register_id = sqlite3_column_int64 (stmt, 1);
  job->receipt_number = sqlite3_column_int64 (stmt, 2);
  job->order_id = sqlite3_column_int64 (stmt, 3);
  job->refund_id = sqlite3_column_int64 (stmt, 4);
  job->printer = till_store_column_dup (stmt, 5);
  job->paper = till_store_column_dup (stmt, 6);
  job->duplicate = sqlite3_column_int (stmt, 7) != 0;
  job->status = till_store_column_dup (stmt, 8);
  job->reason = till_store_column_dup (stmt, 9);
  job->sent = sqlite3_column_int (stmt, 10) != 0;
  job->retry_of = sqlite3_column_int64 (stmt, 11);
  job->staff_id = sqlite3_column_int64 (stmt, 12);
  job->created_at = till_store_column_dup (stmt, 13);
  job->updated_at = till_store_column_dup (stmt, 14);
  return job;
}

static GPtrArray *
jobs_from (TillStore     *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)till_receipt_job_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, job_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

gboolean
till_receipt_jobs_insert (TillStore             *store,
                          TillReceiptJobRecord  *record,
                          GError               **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO receipt_jobs (register_id, receipt_number, order_id, refund_id, printer,"
                             " paper, duplicate, status, reason, sent, retry_of, staff_id, created_at, updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->register_id);
  bind_id_or_null (stmt, 2, record->receipt_number);
  bind_id_or_null (stmt, 3, record->order_id);
  bind_id_or_null (stmt, 4, record->refund_id);
  sqlite3_bind_text (stmt, 5, record->printer != NULL ? record->printer : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, record->paper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, record->duplicate ? 1 : 0);
  sqlite3_bind_text (stmt, 8, record->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, record->reason != NULL ? record->reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, record->sent ? 1 : 0);
  bind_id_or_null (stmt, 11, record->retry_of);
  bind_id_or_null (stmt, 12, record->staff_id);
  sqlite3_bind_text (stmt, 13, record->created_at, -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_receipt_jobs_set_status (TillStore   *store,
                              gint64       id,
                              const char  *status,
                              const char  *reason,
                              gboolean     sent,
                              const char  *at,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (status != NULL && at != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE receipt_jobs SET status = ?2, reason = ?3, sent = ?4, updated_at = ?5"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, sent ? 1 : 0);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  return till_store_step_done (store, stmt, error);
}

TillReceiptJobRecord *
till_receipt_jobs_get (TillStore  *store,
                       gint64      id,
                       GError    **error)
{
  TillReceiptJobRecord *job = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " JOB_COLUMNS " FROM receipt_jobs WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job = job_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such print job.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return job;
}

GPtrArray *
till_receipt_jobs_list_for_receipt (TillStore  *store,
                                    gint64      register_id,
                                    gint64      number,
                                    GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " JOB_COLUMNS " FROM receipt_jobs WHERE register_id = ?1 AND receipt_number = ?2"
                             " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, register_id);
  sqlite3_bind_int64 (stmt, 2, number);
  return jobs_from (store, stmt, error);
}

gboolean
till_receipt_jobs_any_sent (TillStore  *store,
                            gint64      register_id,
                            gint64      number,
                            gboolean   *out_sent,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_sent != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "SELECT EXISTS (SELECT 1 FROM receipt_jobs WHERE register_id = ?1 AND receipt_number = ?2"
                             " AND (status = 'printed' OR sent = 1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, register_id);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_sent = sqlite3_column_int (stmt, 0) != 0;
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    return till_store_fail (store, rc, error);
  return TRUE;
}

GPtrArray *
till_receipt_jobs_list_unsettled (TillStore  *store,
                                  guint       limit,
                                  GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " JOB_COLUMNS " FROM receipt_jobs j WHERE status IN ('failed', 'held')"
                             " AND NOT EXISTS (SELECT 1 FROM receipt_jobs l WHERE l.register_id = j.register_id"
                             "  AND l.receipt_number IS j.receipt_number AND l.order_id IS j.order_id AND l.id > j.id)"
                             " ORDER BY id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  return jobs_from (store, stmt, error);
}

gint64
till_receipt_jobs_interrupt (TillStore   *store,
                             const char  *reason,
                             const char  *at,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store,
                             "UPDATE receipt_jobs SET status = 'failed', reason = ?1, sent = 1, updated_at = ?2"
                             " WHERE status = 'queued'", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return -1;
  return sqlite3_changes (till_store_get_db (store));
}
