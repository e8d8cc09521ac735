/* till-privacy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-privacy.h"
#include "till-store-private.h"

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

/* One row as an object keyed by the statement's column names; 0/1 columns
 * named in @booleans become true/false. */
static void
append_row (GString      *out,
            sqlite3_stmt *stmt,
            int           n_columns)
{
  g_string_append_c (out, '{');
  for (int i = 0; i < n_columns; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, name);
      g_string_append_c (out, ':');
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          if (g_str_equal (name, "marketing_consent"))
            g_string_append (out, sqlite3_column_int (stmt, i) ? "true" : "false");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_TEXT:
          append_json_string (out, (const char *)sqlite3_column_text (stmt, i));
          break;
        case SQLITE_NULL:
        default:
          g_string_append (out, "null");
        }
    }
}

/* Appends "name":[rows…] for @sql bound to @id.  @nested, when given, is
 * called for each row (with the row's first column, its id) before the row's
 * object is closed, to append nested arrays. */
typedef gboolean (*NestedFunc) (TillStore *store, GString *out, gint64 id, GError **error);

static gboolean
append_rows (TillStore   *store,
             GString     *out,
             const char  *name,
             const char  *sql,
             gint64       id,
             NestedFunc   nested,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean first = TRUE;
  int rc;

  /* Its own statement: nested queries run while this one steps. */
  rc = sqlite3_prepare_v2 (till_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return till_store_fail (store, rc, error);
  sqlite3_bind_int64 (stmt, 1, id);
  append_json_string (out, name);
  g_string_append (out, ":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_row (out, stmt, sqlite3_column_count (stmt));
      if (nested != NULL)
        {
          g_string_append_c (out, ',');
          if (!nested (store, out, sqlite3_column_int64 (stmt, 0), error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      g_string_append_c (out, '}');
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  g_string_append_c (out, ']');
  return TRUE;
}

static gboolean
refund_parts (TillStore  *store,
              GString    *out,
              gint64      refund_id,
              GError    **error)
{
  return append_rows (store, out, "lines",
                      "SELECT l.position AS line, r.qty, r.amount, r.tax, r.points"
                      " FROM refund_lines r JOIN order_lines l ON l.id = r.line_id"
                      " WHERE r.refund_id = ?1 ORDER BY l.position", refund_id, NULL, error) &&
         (g_string_append_c (out, ','), TRUE) &&
         append_rows (store, out, "tenders",
                      "SELECT seq, kind, amount, rounding FROM refund_tenders"
                      " WHERE refund_id = ?1 ORDER BY seq", refund_id, NULL, error);
}

static gboolean
order_parts (TillStore  *store,
             GString    *out,
             gint64      order_id,
             GError    **error)
{
  return append_rows (store, out, "lines",
                      "SELECT id, position, sku, name, sold_by, unit_price, qty, tax_rate_bp, note,"
                      " discount_kind, discount_value, base, line_discount, tier_discount, reward,"
                      " order_discount, tax, paid, points, refunded_qty, refunded_amount,"
                      " refunded_tax, refunded_points"
                      " FROM order_lines WHERE order_id = ?1 ORDER BY position", order_id, NULL, error) &&
         (g_string_append_c (out, ','), TRUE) &&
         append_rows (store, out, "payments",
                      "SELECT id, seq, kind, status, tendered, change, amount, reference, at"
                      " FROM payments WHERE order_id = ?1 ORDER BY seq", order_id, NULL, error) &&
         (g_string_append_c (out, ','), TRUE) &&
         append_rows (store, out, "refunds",
                      "SELECT id, register_id, receipt_number, at, amount, tax, points, payout, rounding"
                      " FROM refunds WHERE order_id = ?1 ORDER BY id", order_id, refund_parts, error);
}

static gboolean
request_parts (TillStore  *store,
               GString    *out,
               gint64      request_id,
               GError    **error)
{
  return append_rows (store, out, "notes",
                      "SELECT id, at, kind, body FROM request_notes WHERE request_id = ?1 ORDER BY id",
                      request_id, NULL, error) &&
         (g_string_append_c (out, ','), TRUE) &&
         append_rows (store, out, "special_order",
                      "SELECT item_name, unit_price, qty, expected_at, status, deposit, deposit_kind,"
                      " deposit_state, deposit_at, refunded_at FROM special_orders WHERE request_id = ?1",
                      request_id, NULL, error);
}

char *
till_privacy_export_json (TillStore  *store,
                          gint64      customer_id,
                          GError    **error)
{
  g_autoptr(GString) out = g_string_new ("{");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  rc = sqlite3_prepare_v2 (till_store_get_db (store),
                           "SELECT c.id, c.card, c.name, c.phone, c.email, c.address, c.birthday,"
                           " c.contact_channel, c.marketing_consent, c.marketing_consent_date,"
                           " c.receipt_preference, c.dietary_notes, c.allergies, c.notes,"
                           " t.name AS tier, c.balance, c.created_at, c.updated_at, c.erased_at"
                           " FROM customers c LEFT JOIN tiers t ON t.id = c.tier_id WHERE c.id = ?1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                     "There is no customer with id %" G_GINT64_FORMAT ".", customer_id);
      else
        till_store_fail (store, rc, error);
      return NULL;
    }
  g_string_append (out, "\"customer\":");
  append_row (out, stmt, sqlite3_column_count (stmt));
  g_string_append (out, "},");
  sqlite3_finalize (stmt);

  if (!append_rows (store, out, "orders",
                    "SELECT id, uuid, status, register_id, receipt_number, opened_at, paid_at,"
                    " voided_at, note, currency, prices_include_tax, subtotal, savings, tax, total,"
                    " points, rounding, change, refunded_amount, refunded_tax, refunded_points"
                    " FROM orders WHERE customer_id = ?1 AND status != 'quote' ORDER BY id",
                    customer_id, order_parts, error))
    return NULL;
  g_string_append_c (out, ',');
  if (!append_rows (store, out, "ledger",
                    "SELECT id, kind, points, at, lot_date, order_id, refund_id, other_customer_id,"
                    " reason FROM loyalty_ledger WHERE customer_id = ?1 ORDER BY id",
                    customer_id, NULL, error))
    return NULL;
  g_string_append_c (out, ',');
  if (!append_rows (store, out, "requests",
                    "SELECT id, kind, status, priority, title, description, due_at, complaint_category,"
                    " complaint_outcome, created_at, updated_at, resolved_at"
                    " FROM requests WHERE customer_id = ?1 ORDER BY id",
                    customer_id, request_parts, error))
    return NULL;
  g_string_append (out, "}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
exec_bound (TillStore   *store,
            const char  *sql,
            gint64       id,
            const char  *text,
            GError     **error)
{
  sqlite3_stmt *stmt = till_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return till_store_step_done (store, stmt, error);
}

static gboolean
erase_request_texts (TillStore  *store,
                     gint64      customer_id,
                     GError    **error)
{
  /* Titles, descriptions and every note of their requests: all free text
   * written about them.  Kinds, statuses, dates and deposits stay. */
  return exec_bound (store, "UPDATE request_notes SET body = '' WHERE body != '' AND request_id IN"
                     " (SELECT id FROM requests WHERE customer_id = ?1)", customer_id, NULL, error) &&
         exec_bound (store, "UPDATE requests SET title = '', description = '' WHERE customer_id = ?1",
                     customer_id, NULL, error);
}

gboolean
till_privacy_erase (TillStore  *store,
                    gint64      customer_id,
                    GDateTime  *erased_at,
                    char      **out_fields,
                    GError    **error)
{
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (till_store_in_transaction (store), FALSE);

  at = till_store_format_time (erased_at);
  /* The FTS triggers delete the old tokens; the blank row indexes none. */
  stmt = till_store_prepare (store,
                             "UPDATE customers SET name = '', card = NULL, phone = NULL, email = NULL,"
                             " address = '', birthday = NULL, contact_channel = 'none',"
                             " marketing_consent = 0, marketing_consent_date = NULL,"
                             " receipt_preference = 'none', dietary_notes = '', allergies = '',"
                             " notes = '', updated_at = ?2, erased_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                   "There is no customer with id %" G_GINT64_FORMAT ".", customer_id);
      return FALSE;
    }

  /* Free text about them: notes on their orders and lines.  Amounts stay. */
  if (!exec_bound (store, "UPDATE orders SET note = '' WHERE customer_id = ?1 AND note != ''",
                   customer_id, NULL, error) ||
      !exec_bound (store, "UPDATE order_lines SET note = '' WHERE note != '' AND order_id IN"
                   " (SELECT id FROM orders WHERE customer_id = ?1)", customer_id, NULL, error))
    return FALSE;

  /* The ledger is append-only; only its free-text reason is blanked, with
   * the guard lifted for this one statement and restored in the same
   * transaction. */
  if (!till_store_exec (store, "DROP TRIGGER loyalty_ledger_no_update;", error) ||
      !exec_bound (store, "UPDATE loyalty_ledger SET reason = '' WHERE customer_id = ?1 AND reason != ''",
                   customer_id, NULL, error) ||
      !till_store_exec (store,
                        "CREATE TRIGGER loyalty_ledger_no_update BEFORE UPDATE ON loyalty_ledger BEGIN"
                        "  SELECT RAISE (ABORT, 'the points ledger is append-only');"
                        "END;", error))
    return FALSE;

  if (!erase_request_texts (store, customer_id, error))
    return FALSE;

  if (out_fields != NULL)
    *out_fields = g_strdup ("name,card,phone,email,address,birthday,contact_channel,marketing_consent,"
                            "receipt_preference,dietary_notes,allergies,notes,order.note,line.note,"
                            "ledger.reason,request.title,request.description,request_note.body");
  return TRUE;
}

gboolean
till_privacy_scrub (TillStore  *store,
                    GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (!till_store_in_transaction (store), FALSE);

  if (!till_store_exec (store, "INSERT INTO customers_fts (customers_fts) VALUES ('optimize');", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (till_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      /* busy = 1 when a reader kept the checkpoint from finishing */
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
        {
          sqlite3_finalize (stmt);
          g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_BUSY,
                               "Another program is reading the database, so the erased data "
                               "may remain in its log: close the other registers and erase again.");
          return FALSE;
        }
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return till_store_fail (store, rc, error);
  return TRUE;
}
