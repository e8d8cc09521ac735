/* till-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-customers.h"
#include "till-store-private.h"

#define CUSTOMER_COLUMNS \
  "id, card, name, phone, email, address, birthday, contact_channel, marketing_consent," \
  " marketing_consent_date, receipt_preference, dietary_notes, allergies, notes, tier_id," \
  " balance, created_at, updated_at, erased_at"

TillCustomerRecord *
till_customer_record_copy (const TillCustomerRecord *record)
{
  TillCustomerRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->card = g_strdup (record->card);
  copy->name = g_strdup (record->name);
  copy->phone = g_strdup (record->phone);
  copy->email = g_strdup (record->email);
  copy->address = g_strdup (record->address);
  copy->birthday = g_strdup (record->birthday);
  copy->contact_channel = g_strdup (record->contact_channel);
  copy->marketing_consent_date = g_strdup (record->marketing_consent_date);
  copy->receipt_preference = g_strdup (record->receipt_preference);
  copy->dietary_notes = g_strdup (record->dietary_notes);
  copy->allergies = g_strdup (record->allergies);
  copy->notes = g_strdup (record->notes);
  copy->created_at = g_strdup (record->created_at);
  copy->updated_at = g_strdup (record->updated_at);
  copy->erased_at = g_strdup (record->erased_at);
  return copy;
}

TillCustomerRecord *
till_customer_record_new (void)
{
  TillCustomerRecord *record = g_new0 (TillCustomerRecord, 1);

  record->contact_channel = g_strdup ("none");
  record->receipt_preference = g_strdup ("paper");
  return record;
}

void
till_customer_record_free (TillCustomerRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->card);
  g_free (record->name);
  g_free (record->phone);
  g_free (record->email);
  g_free (record->address);
  g_free (record->birthday);
  g_free (record->contact_channel);
  g_free (record->marketing_consent_date);
  g_free (record->receipt_preference);
  g_free (record->dietary_notes);
  g_free (record->allergies);
  g_free (record->notes);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_free (record->erased_at);
  g_free (record);
}

static TillCustomerRecord *
record_from_row (sqlite3_stmt *stmt)
{
  TillCustomerRecord *record = g_new0 (TillCustomerRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->card = till_store_column_dup (stmt, 1);
  record->name = till_store_column_dup (stmt, 2);
  record->phone = till_store_column_dup (stmt, 3);
  record->email = till_store_column_dup (stmt, 4);
  record->address = till_store_column_dup (stmt, 5);
  record->birthday = till_store_column_dup (stmt, 6);
  record->contact_channel = till_store_column_dup (stmt, 7);
  record->marketing_consent = sqlite3_column_int (stmt, 8) != 0;
  record->marketing_consent_date = till_store_column_dup (stmt, 9);
  record->receipt_preference = till_store_column_dup (stmt, 10);
  record->dietary_notes = till_store_column_dup (stmt, 11);
  record->allergies = till_store_column_dup (stmt, 12);
  record->notes = till_store_column_dup (stmt, 13);
  record->tier_id = sqlite3_column_int64 (stmt, 14);
  record->balance = sqlite3_column_int64 (stmt, 15);
  record->created_at = till_store_column_dup (stmt, 16);
  record->updated_at = till_store_column_dup (stmt, 17);
  record->erased_at = till_store_column_dup (stmt, 18);
  return record;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

gboolean
till_customers_insert (TillStore           *store,
                       TillCustomerRecord  *record,
                       GDateTime           *now,
                       GError             **error)
{
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->name != NULL, FALSE);

  at = till_store_format_time (now);
  stmt = till_store_prepare (store,
                             "INSERT INTO customers (card, name, phone, email, address, birthday,"
                             " contact_channel, marketing_consent, marketing_consent_date,"
                             " receipt_preference, dietary_notes, allergies, notes, created_at,"
                             " updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                             " ?14, ?14)", error);
  if (stmt == NULL)
    return FALSE;
  till_store_bind_text (stmt, 1, record->card, TRUE);
  till_store_bind_text (stmt, 2, record->name, FALSE);
  till_store_bind_text (stmt, 3, record->phone, TRUE);
  till_store_bind_text (stmt, 4, record->email, TRUE);
  till_store_bind_text (stmt, 5, or_empty (record->address), FALSE);
  till_store_bind_text (stmt, 6, record->birthday, TRUE);
  till_store_bind_text (stmt, 7, record->contact_channel ? record->contact_channel : "none", FALSE);
  sqlite3_bind_int (stmt, 8, record->marketing_consent ? 1 : 0);
  till_store_bind_text (stmt, 9, record->marketing_consent_date, TRUE);
  till_store_bind_text (stmt, 10, record->receipt_preference ? record->receipt_preference : "paper", FALSE);
  till_store_bind_text (stmt, 11, or_empty (record->dietary_notes), FALSE);
  till_store_bind_text (stmt, 12, or_empty (record->allergies), FALSE);
  till_store_bind_text (stmt, 13, or_empty (record->notes), FALSE);
  till_store_bind_text (stmt, 14, at, FALSE);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_customers_update (TillStore                 *store,
                       const TillCustomerRecord  *record,
                       GDateTime                 *now,
                       GError                   **error)
{
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->id > 0 && record->name != NULL, FALSE);

  at = till_store_format_time (now);
  stmt = till_store_prepare (store,
                             "UPDATE customers SET card = ?1, name = ?2, phone = ?3, email = ?4,"
                             " address = ?5, birthday = ?6, contact_channel = ?7,"
                             " marketing_consent = ?8, marketing_consent_date = ?9,"
                             " receipt_preference = ?10, dietary_notes = ?11, allergies = ?12,"
                             " notes = ?13, updated_at = ?14 WHERE id = ?15", error);
  if (stmt == NULL)
    return FALSE;
  till_store_bind_text (stmt, 1, record->card, TRUE);
  till_store_bind_text (stmt, 2, record->name, FALSE);
  till_store_bind_text (stmt, 3, record->phone, TRUE);
  till_store_bind_text (stmt, 4, record->email, TRUE);
  till_store_bind_text (stmt, 5, or_empty (record->address), FALSE);
  till_store_bind_text (stmt, 6, record->birthday, TRUE);
  till_store_bind_text (stmt, 7, record->contact_channel ? record->contact_channel : "none", FALSE);
  sqlite3_bind_int (stmt, 8, record->marketing_consent ? 1 : 0);
  till_store_bind_text (stmt, 9, record->marketing_consent_date, TRUE);
  till_store_bind_text (stmt, 10, record->receipt_preference ? record->receipt_preference : "paper", FALSE);
  till_store_bind_text (stmt, 11, or_empty (record->dietary_notes), FALSE);
  till_store_bind_text (stmt, 12, or_empty (record->allergies), FALSE);
  till_store_bind_text (stmt, 13, or_empty (record->notes), FALSE);
  till_store_bind_text (stmt, 14, at, FALSE);
  sqlite3_bind_int64 (stmt, 15, record->id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                           "There is no such customer.");
      return FALSE;
    }
  return TRUE;
}

static TillCustomerRecord *
get_one (TillStore     *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  TillCustomerRecord *record = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    record = record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                         "There is no such customer.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return record;
}

TillCustomerRecord *
till_customers_get (TillStore  *store,
                    gint64      id,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_one (store, stmt, error);
}

TillCustomerRecord *
till_customers_find_by (TillStore   *store,
                        const char  *field,
                        const char  *value,
                        GError     **error)
{
  const char *sql;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  /* One fixed statement per field: the column name never comes from input. */
  if (g_strcmp0 (field, "card") == 0)
    sql = "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE card = ?1";
  else if (g_strcmp0 (field, "phone") == 0)
    sql = "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE phone = ?1";
  else if (g_strcmp0 (field, "email") == 0)
    sql = "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE email = ?1";
  else
    g_return_val_if_reached (NULL);

  stmt = till_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  return get_one (store, stmt, error);
}

gint64
till_customers_count (TillStore  *store,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM customers", error);
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

char *
till_customers_build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* Every word typed becomes a quoted prefix term ("hel"*), so that nothing a
   * cashier types is read as FTS5 syntax.  Words are split at white space and
   * at the punctuation the tokenizer splits at anyway. */
  p = text;
  while (*p != '\0')
    {
      g_autoptr(GString) word = g_string_new (NULL);

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          if (g_unichar_isalnum (c) || g_unichar_ismark (c))
            break;
          p = g_utf8_next_char (p);
        }
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          if (!(g_unichar_isalnum (c) || g_unichar_ismark (c)))
            break;
          g_string_append_unichar (word, c);
          p = g_utf8_next_char (p);
        }
      if (word->len == 0)
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s\"*", word->str);
    }
  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

GArray *
till_customers_search (TillStore   *store,
                       const char  *text,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&ids);
  match = till_customers_build_match (text);
  if (match == NULL)
    return g_steal_pointer (&ids);

  stmt = till_store_prepare (store,
                             "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?1"
                             " LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)MIN (limit, G_MAXINT));
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
till_customers_page (TillStore   *store,
                     const char  *after_name,
                     gint64       after_id,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify)till_customer_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  /* Keyset paging: the next page starts after the last (name, id) seen. */
  /* Two statements, so that each walks the (name, id) index: an "?1 IS NULL
   * OR …" condition would make SQLite scan the table. */
  if (after_name == NULL)
    stmt = till_store_prepare (store,
                               "SELECT " CUSTOMER_COLUMNS " FROM customers"
                               " ORDER BY name, id LIMIT ?3", error);
  else
    stmt = till_store_prepare (store,
                               "SELECT " CUSTOMER_COLUMNS " FROM customers"
                               " WHERE (name, id) > (?1, ?2)"
                               " ORDER BY name, id LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  if (after_name != NULL)
    {
      till_store_bind_text (stmt, 1, after_name, FALSE);
      sqlite3_bind_int64 (stmt, 2, after_id);
    }
  sqlite3_bind_int (stmt, 3, (int)MIN (limit, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (page, record_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&page);
}
