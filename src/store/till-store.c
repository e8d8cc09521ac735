/* till-store.c: opening, checking and migrating the database; transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "till-store-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _TillStore
{
  GObject     parent_instance;

  /* owned */
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, finalized on dispose */

  guint       depth;        /* open transactions and savepoints */
};

G_DEFINE_FINAL_TYPE (TillStore, till_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (till-store-error-quark, till_store_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
till_store_finalize (GObject *object)
{
  TillStore *self = (TillStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (till_store_parent_class)->finalize (object);
}

static void
till_store_class_init (TillStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = till_store_finalize;
}

static void
till_store_init (TillStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("TILL_BUSY_TIMEOUT_MS");
  guint64 value;

  /* Tests of a locked database lower the wait so they stay fast. */
  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, 600000, &value, NULL))
    return (int)value;
  return DEFAULT_BUSY_TIMEOUT_MS;
}

static TillStoreErrorCode
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TILL_STORE_ERROR_BUSY;
    case SQLITE_FULL:
      return TILL_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return TILL_STORE_ERROR_CONSTRAINT;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TILL_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
      return TILL_STORE_ERROR_IO;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return TILL_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return TILL_STORE_ERROR_CANT_OPEN;
    default:
      return TILL_STORE_ERROR_FAILED;
    }
}

static gboolean
fail_with (sqlite3     *db,
           const char  *path,
           int          rc,
           GError     **error)
{
  TillStoreErrorCode code = code_from_sqlite (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (code)
    {
    case TILL_STORE_ERROR_BUSY:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "The database %s is busy: another program or register is using it (%s). "
                   "Try again in a moment.", path, detail);
      break;
    case TILL_STORE_ERROR_FULL:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "The disk holding %s is full (%s). Free some space and try again; "
                   "nothing was saved.", path, detail);
      break;
    case TILL_STORE_ERROR_CORRUPT:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "The database %s is damaged (%s). Restore it from a backup.", path, detail);
      break;
    case TILL_STORE_ERROR_IO:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "Reading or writing %s failed (%s). Check the disk and try again.", path, detail);
      break;
    case TILL_STORE_ERROR_READ_ONLY:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "The database %s cannot be written (%s). Check the permissions of the file "
                   "and its folder.", path, detail);
      break;
    case TILL_STORE_ERROR_CANT_OPEN:
      g_set_error (error, TILL_STORE_ERROR, code,
                   "The database %s cannot be opened (%s).", path, detail);
      break;
    case TILL_STORE_ERROR_CONSTRAINT:
    case TILL_STORE_ERROR_NEWER_SCHEMA:
    case TILL_STORE_ERROR_NOT_TILL:
    case TILL_STORE_ERROR_NOT_FOUND:
    case TILL_STORE_ERROR_FAILED:
    default:
      g_set_error (error, TILL_STORE_ERROR, code, "%s", detail);
      break;
    }
  return FALSE;
}

gboolean
till_store_fail (TillStore  *self,
                 int         rc,
                 GError    **error)
{
  return fail_with (self->db, self->path, rc, error);
}

sqlite3 *
till_store_get_db (TillStore *self)
{
  g_return_val_if_fail (TILL_IS_STORE (self), NULL);
  return self->db;
}

const char *
till_store_get_path (TillStore *self)
{
  g_return_val_if_fail (TILL_IS_STORE (self), NULL);
  return self->path;
}

char *
till_store_dup_archive_dir (TillStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (TILL_IS_STORE (self), NULL);

  dir = g_path_get_dirname (self->path);
  return g_build_filename (dir, "receipts", NULL);
}

sqlite3_stmt *
till_store_prepare (TillStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (TILL_IS_STORE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      till_store_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
till_store_release (sqlite3_stmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

gboolean
till_store_exec (TillStore   *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return till_store_fail (self, rc, error);
  return TRUE;
}

gboolean
till_store_step_done (TillStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      till_store_fail (self, rc, error);
      till_store_release (stmt);
      return FALSE;
    }
  till_store_release (stmt);
  return TRUE;
}

int
till_store_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text,
                      gboolean      empty_is_null)
{
  if (text == NULL || (empty_is_null && text[0] == '\0'))
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
till_store_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      fail_with (db, path, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

int
till_store_get_latest_version (void)
{
  gsize n;
  const TillMigration *migrations = till_store_get_migrations (&n);

  return migrations[n - 1].version;
}

/* Looks at an existing file without changing a byte of it: the SQLite header,
 * then, through a read-only connection, the application id and schema version. */
static gboolean
inspect_existing (const char  *path,
                  gboolean    *out_empty,
                  GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *wal = NULL;
  g_autofree char *uri = NULL;
  char header[100];
  GStatBuf st;
  sqlite3 *db = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0;
  ssize_t n_read;
  int fd, rc;

  *out_empty = FALSE;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN,
                   "The database %s cannot be read: %s.", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_TILL,
                   "%s is not a file. Choose a Till database file.", path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      *out_empty = TRUE;
      return TRUE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN,
                   "The database %s cannot be read: %s.", path, g_strerror (saved));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);
  if (n_read < (ssize_t)sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_TILL,
                   "%s is not a Till database (it is not a SQLite database at all). "
                   "Choose another file; this one was left as it was.", path);
      return FALSE;
    }

  /* Without a -wal file the main file is the whole truth: read it as
   * immutable, so not even a -shm or -wal appears beside a file that turns
   * out not to be ours. */
  wal = g_strconcat (path, "-wal", NULL);
  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_filename_to_uri (path, NULL, NULL);
      uri = base != NULL ? g_strconcat (base, "?immutable=1", NULL) : NULL;
    }
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &db,
                        SQLITE_OPEN_READONLY | (uri != NULL ? SQLITE_OPEN_URI : 0), NULL);
  if (rc != SQLITE_OK)
    {
      fail_with (db, path, rc, error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, busy_timeout_ms ());

  if (!query_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, path, "PRAGMA user_version", &version, error) ||
      !query_int (db, path, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    {
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);

  if (app_id == 0 && n_objects == 0 && version == 0)
    {
      /* A blank SQLite database: as good as an empty file. */
      *out_empty = TRUE;
      return TRUE;
    }
  if (app_id != TILL_STORE_APPLICATION_ID)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_TILL,
                   "%s is a SQLite database of another program, not Till's. "
                   "Choose another file; this one was left as it was.", path);
      return FALSE;
    }
  if (version > till_store_get_latest_version ())
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NEWER_SCHEMA,
                   "%s was made by a newer version of Till (schema %" G_GINT64_FORMAT
                   ", this Till knows up to %d). Update Till to open it; the file was left "
                   "as it was.", path, version, till_store_get_latest_version ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN,
                       "The folder %s cannot be created: %s. Choose a folder you can write to.",
                       dir, g_strerror (saved));
          return FALSE;
        }
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TILL_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                     ? TILL_STORE_ERROR_READ_ONLY : TILL_STORE_ERROR_CANT_OPEN,
                   "The database %s cannot be created: %s. Choose a folder you can write to.",
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (TillStore  *self,
         GError    **error)
{
  const TillMigration *migrations;
  gint64 version = 0;
  gsize n;

  if (!query_int (self->db, self->path, "PRAGMA user_version", &version, error))
    return FALSE;

  migrations = till_store_get_migrations (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *pragmas = NULL;
      GError *local_error = NULL;

      if (migrations[i].version <= version)
        continue;

      if (!till_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 TILL_STORE_APPLICATION_ID, migrations[i].version);
      if (!till_store_exec (self, migrations[i].sql, &local_error) ||
          !till_store_exec (self, pragmas, &local_error) ||
          !till_store_exec (self, "COMMIT", &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_propagate_prefixed_error (error, local_error,
                                      "Updating the database to schema %d failed: ",
                                      migrations[i].version);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
refuse_if_others_can_write (const char  *path,
                            const char  *what,
                            const char  *fix,
                            GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* absent: nothing to refuse */
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
    return TRUE;
  g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN,
               "Till will not open %s %s: other users can write to it (mode %04o), so they could "
               "change sales or read customers' data. Make it private with “chmod %s %s”.",
               what, path, (unsigned)(st.st_mode & 07777), fix, path);
  return FALSE;
}

/* The database, its WAL, its folder and the receipts archive must be
 * writable by their owner alone (customer data protection, DESIGN.md). */
static gboolean
check_private (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *archive = g_build_filename (dir, "receipts", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return refuse_if_others_can_write (dir, "the database folder", "700", error) &&
         refuse_if_others_can_write (path, "the database", "600", error) &&
         refuse_if_others_can_write (wal, "the database log", "600", error) &&
         refuse_if_others_can_write (shm, "the database log", "600", error) &&
         refuse_if_others_can_write (archive, "the receipts archive", "700", error);
}

TillStore *
till_store_open (const char          *path,
                 TillStoreOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(TillStore) self = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean empty = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL && path[0] != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if ((flags & TILL_STORE_OPEN_CREATE) == 0)
        {
          g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN,
                       "There is no database at %s. Run “till-admin init” to create one.", path);
          return NULL;
        }
      if (!create_file (path, error) || !check_private (path, error))
        return NULL;
    }
  else if (!check_private (path, error) || !inspect_existing (path, &empty, error))
    return NULL;

  self = g_object_new (TILL_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      till_store_fail (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());

  if (!till_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", error))
    return NULL;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      journal_mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      till_store_fail (self, rc, error);
      return NULL;
    }
  if (g_strcmp0 (journal_mode, "wal") != 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_IO,
                   "The database %s cannot use write-ahead logging (journal mode is %s). "
                   "Keep it on a local disk.", path, journal_mode);
      return NULL;
    }
  if (!till_store_exec (self, "PRAGMA synchronous = FULL;", error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
till_store_get_schema_version (TillStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (TILL_IS_STORE (self), -1);

  if (!query_int (self->db, self->path, "PRAGMA user_version", &version, NULL))
    return -1;
  return (int)version;
}

gboolean
till_store_in_transaction (TillStore *self)
{
  g_return_val_if_fail (TILL_IS_STORE (self), FALSE);
  return self->depth > 0;
}

gboolean
till_store_transaction (TillStore      *self,
                        TillStoreFunc   func,
                        gpointer        user_data,
                        GError        **error)
{
  g_autofree char *savepoint = NULL;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TILL_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->depth == 0)
    {
      if (!till_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      g_autofree char *sql = NULL;

      savepoint = g_strdup_printf ("till_%u", self->depth);
      sql = g_strdup_printf ("SAVEPOINT %s", savepoint);
      if (!till_store_exec (self, sql, error))
        return FALSE;
    }

  self->depth++;
  ok = func (self, user_data, &local_error);
  self->depth--;

  if (ok && savepoint != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE %s", savepoint);
      ok = till_store_exec (self, sql, &local_error);
    }
  else if (ok)
    ok = till_store_exec (self, "COMMIT", &local_error);

  if (!ok)
    {
      if (savepoint != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", savepoint, savepoint);
          sqlite3_exec (self->db, sql, NULL, NULL, NULL);
        }
      else if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

      if (local_error == NULL)
        g_set_error_literal (&local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_FAILED,
                             "The change failed for an unknown reason; nothing was saved.");
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

char *
till_store_get_setting (TillStore  *self,
                        const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (TILL_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = till_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = till_store_column_dup (stmt, 0);
  till_store_release (stmt);
  return value;
}

gboolean
till_store_set_setting (TillStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stmt = till_store_prepare (self,
                             "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return till_store_step_done (self, stmt, error);
}

GStrv
till_store_list_settings (TillStore  *self,
                          GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (self), NULL);

  stmt = till_store_prepare (self, "SELECT key, value FROM settings ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
      g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 1));
    }
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static GPtrArray *
collect_rows (TillStore   *self,
              const char  *sql,
              const char  *skip_value,
              GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      g_autoptr(GString) row = g_string_new (NULL);
      int n = sqlite3_column_count (stmt);

      for (int i = 0; i < n; i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          if (i > 0)
            g_string_append (row, " ");
          g_string_append (row, text != NULL ? text : "NULL");
        }
      if (skip_value != NULL && g_str_equal (row->str, skip_value))
        continue;
      g_ptr_array_add (problems, g_string_free (g_steal_pointer (&row), FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      till_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&problems);
}

GPtrArray *
till_store_check_integrity (TillStore  *self,
                            GError    **error)
{
  g_return_val_if_fail (TILL_IS_STORE (self), NULL);
  return collect_rows (self, "PRAGMA integrity_check", "ok", error);
}

GPtrArray *
till_store_check_foreign_keys (TillStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (TILL_IS_STORE (self), NULL);
  return collect_rows (self, "PRAGMA foreign_key_check", NULL, error);
}

char *
till_store_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", seconds, g_date_time_get_microsecond (utc));
}
