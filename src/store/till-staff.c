/* till-staff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-staff.h"
#include "till-store-private.h"

#define STAFF_COLUMNS "id, name, role, pin_hash, active, failed_attempts, locked_until"

void
till_staff_record_free (TillStaffRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->role);
  g_free (record->pin_hash);
  g_free (record->locked_until);
  g_free (record);
}

static TillStaffRecord *
record_from_row (sqlite3_stmt *stmt)
{
  TillStaffRecord *record = g_new0 (TillStaffRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = till_store_column_dup (stmt, 1);
  record->role = till_store_column_dup (stmt, 2);
  record->pin_hash = till_store_column_dup (stmt, 3);
  record->active = sqlite3_column_int (stmt, 4) != 0;
  record->failed_attempts = sqlite3_column_int (stmt, 5);
  record->locked_until = till_store_column_dup (stmt, 6);
  return record;
}

gboolean
till_staff_insert (TillStore   *store,
                   const char  *name,
                   const char  *role,
                   const char  *pin_hash,
                   GDateTime   *created_at,
                   gint64      *out_id,
                   GError     **error)
{
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && role != NULL && pin_hash != NULL, FALSE);

  at = till_store_format_time (created_at);
  stmt = till_store_prepare (store,
                             "INSERT INTO staff (name, role, pin_hash, created_at)"
                             " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pin_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

static TillStaffRecord *
get_one (TillStore    *store,
         sqlite3_stmt *stmt,
         const char   *what,
         GError      **error)
{
  TillStaffRecord *record = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    record = record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                 "There is no staff member %s.", what);
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return record;
}

TillStaffRecord *
till_staff_get_by_id (TillStore  *store,
                      gint64      id,
                      GError    **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  what = g_strdup_printf ("with id %" G_GINT64_FORMAT, id);
  return get_one (store, stmt, what, error);
}

TillStaffRecord *
till_staff_get_by_name (TillStore   *store,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = till_store_prepare (store, "SELECT " STAFF_COLUMNS " FROM staff WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  what = g_strdup_printf ("named “%s”", name);
  return get_one (store, stmt, what, error);
}

GPtrArray *
till_staff_list (TillStore  *store,
                 GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)till_staff_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT " STAFF_COLUMNS " FROM staff ORDER BY active DESC, name, id",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, record_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
till_staff_count (TillStore  *store,
                  gboolean    active_only,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store,
                             "SELECT count(*) FROM staff WHERE active = 1 OR ?1 = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, active_only ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return count;
}

/* Runs an UPDATE of one member bound by the caller; NOT_FOUND when no row changed. */
static gboolean
update_one (TillStore     *store,
            sqlite3_stmt  *stmt,
            gint64         id,
            GError       **error)
{
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                   "There is no staff member with id %" G_GINT64_FORMAT ".", id);
      return FALSE;
    }
  return TRUE;
}

gboolean
till_staff_set_failures (TillStore  *store,
                         gint64      id,
                         int         failed_attempts,
                         GDateTime  *locked_until,
                         GError    **error)
{
  g_autofree char *until = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  until = locked_until != NULL ? till_store_format_time (locked_until) : NULL;
  stmt = till_store_prepare (store,
                             "UPDATE staff SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, failed_attempts);
  if (until != NULL)
    sqlite3_bind_text (stmt, 3, until, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  return update_one (store, stmt, id, error);
}

gboolean
till_staff_set_active (TillStore  *store,
                       gint64      id,
                       gboolean    active,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "UPDATE staff SET active = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, active ? 1 : 0);
  return update_one (store, stmt, id, error);
}

gboolean
till_staff_set_role (TillStore   *store,
                     gint64       id,
                     const char  *role,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  stmt = till_store_prepare (store, "UPDATE staff SET role = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  return update_one (store, stmt, id, error);
}

gboolean
till_staff_set_pin_hash (TillStore   *store,
                         gint64       id,
                         const char  *pin_hash,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (pin_hash != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE staff SET pin_hash = ?2, failed_attempts = 0, locked_until = NULL"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, pin_hash, -1, SQLITE_TRANSIENT);
  return update_one (store, stmt, id, error);
}
