/* till-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-audit.h"
#include "till-store-private.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

void
till_audit_row_free (TillAuditRow *row)
{
  if (row == NULL)
    return;
  g_free (row->at);
  g_free (row->actor);
  g_free (row->action);
  g_free (row->entity);
  g_free (row->entity_id);
  g_free (row->fields);
  g_free (row->prev_hash);
  g_free (row->hash);
  g_free (row);
}

char *
till_audit_serialize (const TillAuditRow *row)
{
  g_autofree char *staff = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  staff = row->staff_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, row->staff_id) : g_strdup ("");
  return g_strdup_printf ("till-audit-v1\n"
                          "%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n",
                          row->id, row->at, row->actor, staff, row->action,
                          row->entity, row->entity_id, row->fields, row->prev_hash);
}

char *
till_audit_hash (const TillAuditRow *row)
{
  g_autofree char *text = till_audit_serialize (row);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
is_single_line (const char *text)
{
  return text != NULL && strpbrk (text, "\n\r") == NULL && g_utf8_validate (text, -1, NULL);
}

typedef struct
{
  TillAuditRow row;
} AppendData;

static gboolean
append_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  AppendData *data = user_data;
  TillAuditRow *row = &data->row;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = till_store_prepare (store, "SELECT last_id, hash FROM audit_head WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0) + 1;
      row->prev_hash = till_store_column_dup (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    {
      row->id = 1;
      row->prev_hash = g_strdup (GENESIS_HASH);
    }
  till_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);

  hash = till_audit_hash (row);

  stmt = till_store_prepare (store,
                             "INSERT INTO audit_log (id, at, actor, staff_id, action, entity,"
                             " entity_id, fields, prev_hash, hash)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, row->at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->actor, -1, SQLITE_STATIC);
  if (row->staff_id > 0)
    sqlite3_bind_int64 (stmt, 4, row->staff_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, row->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;

  stmt = till_store_prepare (store,
                             "INSERT INTO audit_head (id, last_id, hash) VALUES (1, ?1, ?2)"
                             " ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id,"
                             " hash = excluded.hash", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  return till_store_step_done (store, stmt, error);
}

gboolean
till_audit_append (TillStore   *store,
                   GDateTime   *at,
                   const char  *actor,
                   gint64       staff_id,
                   const char  *action,
                   const char  *entity,
                   const char  *entity_id,
                   const char  *fields,
                   GError     **error)
{
  g_autofree char *at_text = NULL;
  AppendData data = { { 0 } };
  gboolean ok;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (fields == NULL)
    fields = "";
  if (entity == NULL)
    entity = "";
  if (entity_id == NULL)
    entity_id = "";

  if (!is_single_line (actor) || !is_single_line (action) || action[0] == '\0' ||
      !is_single_line (entity) || !is_single_line (entity_id) || !is_single_line (fields))
    {
      g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_FAILED,
                           "An audit row needs an action, and its texts must be single lines.");
      return FALSE;
    }

  at_text = till_store_format_time (at);
  data.row.at = at_text;
  data.row.actor = (char *)actor;
  data.row.staff_id = staff_id;
  data.row.action = (char *)action;
  data.row.entity = (char *)entity;
  data.row.entity_id = (char *)entity_id;
  data.row.fields = (char *)fields;

  ok = till_store_transaction (store, append_in_transaction, &data, error);
  g_free (data.row.prev_hash);
  return ok;
}

gint64
till_audit_count (TillStore  *store,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM audit_log", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    till_store_fail (store, rc, error);
  return count;
}

static gboolean
guards_present (TillStore  *store,
                gboolean   *out_present,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = till_store_prepare (store,
                             "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                             " AND name IN ('audit_log_no_update', 'audit_log_no_delete')",
                             error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_present = sqlite3_column_int64 (stmt, 0) == 2;
  till_store_release (stmt);
  if (rc != SQLITE_ROW)
    return till_store_fail (store, rc, error);
  return TRUE;
}

gboolean
till_audit_verify (TillStore  *store,
                   char      **out_problem,
                   GError    **error)
{
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  g_autofree char *head_hash = NULL;
  gint64 expected_id = 1, head_id = 0;
  gboolean guarded = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_problem != NULL, FALSE);

  *out_problem = NULL;

  if (!guards_present (store, &guarded, error))
    return FALSE;
  if (!guarded)
    {
      *out_problem = g_strdup ("the audit log's append-only triggers were removed");
      return TRUE;
    }

  /* Reads every row with its own statement: a plain scan, no caching needed. */
  rc = sqlite3_prepare_v2 (till_store_get_db (store),
                           "SELECT id, at, actor, staff_id, action, entity, entity_id, fields,"
                           " prev_hash, hash FROM audit_log ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return till_store_fail (store, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillAuditRow row = { 0 };
      g_autofree char *hash = NULL;
      const char *stored_hash = (const char *)sqlite3_column_text (stmt, 9);

      row.id = sqlite3_column_int64 (stmt, 0);
      row.at = (char *)sqlite3_column_text (stmt, 1);
      row.actor = (char *)sqlite3_column_text (stmt, 2);
      row.staff_id = sqlite3_column_int64 (stmt, 3);
      row.action = (char *)sqlite3_column_text (stmt, 4);
      row.entity = (char *)sqlite3_column_text (stmt, 5);
      row.entity_id = (char *)sqlite3_column_text (stmt, 6);
      row.fields = (char *)sqlite3_column_text (stmt, 7);
      row.prev_hash = (char *)sqlite3_column_text (stmt, 8);

      if (row.id != expected_id)
        {
          *out_problem = g_strdup_printf ("audit row %" G_GINT64_FORMAT " follows row %"
                                          G_GINT64_FORMAT ": row %" G_GINT64_FORMAT
                                          " was removed", row.id, expected_id - 1, expected_id);
          break;
        }
      if (g_strcmp0 (row.prev_hash, expected_prev) != 0)
        {
          *out_problem = g_strdup_printf ("audit row %" G_GINT64_FORMAT " does not chain to row %"
                                          G_GINT64_FORMAT ": one of them was changed",
                                          row.id, row.id - 1);
          break;
        }
      hash = till_audit_hash (&row);
      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          *out_problem = g_strdup_printf ("audit row %" G_GINT64_FORMAT " does not match its hash:"
                                          " it was changed after it was written", row.id);
          break;
        }
      g_free (expected_prev);
      expected_prev = g_strdup (stored_hash);
      expected_id++;
    }
  sqlite3_finalize (stmt);
  if (*out_problem != NULL)
    return TRUE;
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);

  stmt = till_store_prepare (store, "SELECT last_id, hash FROM audit_head WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      head_id = sqlite3_column_int64 (stmt, 0);
      head_hash = till_store_column_dup (stmt, 1);
    }
  till_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);

  if (head_id != expected_id - 1 ||
      (head_hash != NULL && g_strcmp0 (head_hash, expected_prev) != 0))
    {
      if (head_id > expected_id - 1)
        *out_problem = g_strdup_printf ("audit rows %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                                        " were removed from the end of the log",
                                        expected_id, head_id);
      else
        *out_problem = g_strdup_printf ("the audit log's head does not match row %" G_GINT64_FORMAT,
                                        expected_id - 1);
    }
  return TRUE;
}

GPtrArray *
till_audit_list (TillStore              *store,
                 const TillAuditFilter  *filter,
                 gint64                  before_id,
                 guint                   limit,
                 GError                **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)till_audit_row_free);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  TillAuditFilter any = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &any;
  from = filter->from != NULL ? till_store_format_time (filter->from) : NULL;
  until = filter->until != NULL ? till_store_format_time (filter->until) : NULL;
  /* Keyset paging on the primary key, newest first. */
  stmt = till_store_prepare (store,
                             "SELECT id, at, actor, staff_id, action, entity, entity_id, fields,"
                             " prev_hash, hash FROM audit_log"
                             " WHERE (?1 = 0 OR id < ?1)"
                             " AND (?2 = 0 OR staff_id = ?2)"
                             " AND (?3 IS NULL OR action = ?3)"
                             " AND (?4 IS NULL OR at >= ?4)"
                             " AND (?5 IS NULL OR at < ?5)"
                             " ORDER BY id DESC LIMIT ?6", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id);
  sqlite3_bind_int64 (stmt, 2, filter->staff_id);
  if (filter->action != NULL)
    sqlite3_bind_text (stmt, 3, filter->action, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  if (from != NULL)
    sqlite3_bind_text (stmt, 4, from, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  if (until != NULL)
    sqlite3_bind_text (stmt, 5, until, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TillAuditRow *row = g_new0 (TillAuditRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->at = till_store_column_dup (stmt, 1);
      row->actor = till_store_column_dup (stmt, 2);
      row->staff_id = sqlite3_column_int64 (stmt, 3);
      row->action = till_store_column_dup (stmt, 4);
      row->entity = till_store_column_dup (stmt, 5);
      row->entity_id = till_store_column_dup (stmt, 6);
      row->fields = till_store_column_dup (stmt, 7);
      row->prev_hash = till_store_column_dup (stmt, 8);
      row->hash = till_store_column_dup (stmt, 9);
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
