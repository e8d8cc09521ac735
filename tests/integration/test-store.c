/* test-store.c: the store on real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "till-audit.h"
#include "till-customers.h"
#include "till-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("till-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "shop", "till.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* Makes a SQLite file with plain SQLite, outside Till. */
static void
make_sqlite (const char *path,
             const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_refused_untouched (const char         *path,
                          TillStoreErrorCode  code)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, TILL_STORE_ERROR, (int)code);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 20);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_creates_private_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  GStatBuf st;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (till_store_get_schema_version (store), ==, till_store_get_latest_version ());
}

static void
test_missing_without_create (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_sets_pragmas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version,"
                                       " pragma_journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TILL_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, till_store_get_latest_version ());
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_reopens (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *value = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (store, "shop.name", "Boulangerie Lumière", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = till_store_get_setting (store, "shop.name");
  g_assert_cmpstr (value, ==, "Boulangerie Lumière");
}

static void
test_empty_file_is_initialised (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;

  write_file (f->path, "", 0);
  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (till_store_get_schema_version (store), ==, till_store_get_latest_version ());
}

static void
test_refuses_text_file (Fixture       *f,
                        gconstpointer  data)
{
  static const char text[] = "sku,name,price\nBRD-001,Baguette,1.30\n";

  write_file (f->path, text, sizeof text - 1);
  assert_refused_untouched (f->path, TILL_STORE_ERROR_NOT_TILL);
}

static void
test_refuses_other_sqlite (Fixture       *f,
                           gconstpointer  data)
{
  make_sqlite (f->path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                        "INSERT INTO notes (body) VALUES ('not a till');");
  assert_refused_untouched (f->path, TILL_STORE_ERROR_NOT_TILL);
}

static void
test_refuses_newer_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          "CREATE TABLE future (x);",
                                          TILL_STORE_APPLICATION_ID,
                                          till_store_get_latest_version () + 1);
  make_sqlite (f->path, sql);
  assert_refused_untouched (f->path, TILL_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_refuses_corrupt_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize len;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Keep the header, scribble over the schema page. */
  good = read_bytes (f->path);
  len = g_bytes_get_size (good);
  bytes = g_memdup2 (g_bytes_get_data (good, NULL), len);
  g_assert_cmpuint (len, >, 4096);
  for (gsize i = 100; i < 4096; i++)
    bytes[i] = (guint8)(i * 7);
  write_file (f->path, bytes, len);

  assert_refused_untouched (f->path, TILL_STORE_ERROR_CORRUPT);
}

static void
test_refuses_unwritable_folder (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "till.db", NULL);

  /* A file where the folder should be: refused even for root. */
  write_file (blocker, "x", 1);
  store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == TILL_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "blocker"));
}

static void
test_busy_when_locked (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *other = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = read_bytes (f->path);

  /* Another program takes the database for itself. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv ("TILL_BUSY_TIMEOUT_MS", "100", TRUE);
  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("TILL_BUSY_TIMEOUT_MS");
  g_assert_null (store);
  g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "busy"));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static gboolean
insert_then_fail (TillStore  *store,
                  gpointer    user_data,
                  GError    **error)
{
  if (!till_store_set_setting (store, "shop.name", "Half-written", error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "injected failure");
  return FALSE;
}

static gboolean
insert_ok (TillStore  *store,
           gpointer    user_data,
           GError    **error)
{
  return till_store_set_setting (store, "shop.name", user_data, error);
}

static gboolean
outer_with_failing_inner (TillStore  *store,
                          gpointer    user_data,
                          GError    **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!till_store_set_setting (store, "receipt.footer", "kept", error))
    return FALSE;
  g_assert_true (till_store_in_transaction (store));
  /* The inner failure rolls back to its savepoint only. */
  g_assert_false (till_store_transaction (store, insert_then_fail, NULL, &inner_error));
  g_assert_error (inner_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  return TRUE;
}

static void
test_transaction_rolls_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *footer = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_assert_true (till_store_transaction (store, insert_ok, (gpointer)"Before", &error));
  g_assert_no_error (error);

  g_assert_false (till_store_transaction (store, insert_then_fail, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (till_store_in_transaction (store));
  name = till_store_get_setting (store, "shop.name");
  g_assert_cmpstr (name, ==, "Before");

  g_assert_true (till_store_transaction (store, outer_with_failing_inner, NULL, &error));
  g_assert_no_error (error);
  g_free (name);
  name = till_store_get_setting (store, "shop.name");
  footer = till_store_get_setting (store, "receipt.footer");
  g_assert_cmpstr (name, ==, "Before");
  g_assert_cmpstr (footer, ==, "kept");
}

static void
test_settings_list_sorted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_auto(GStrv) list = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (store, "time_zone", "Europe/Berlin", &error);
  till_store_set_setting (store, "currency", "EUR", &error);
  till_store_set_setting (store, "currency", "CHF", &error);
  g_assert_no_error (error);

  list = till_store_list_settings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (list), ==, 4);
  g_assert_cmpstr (list[0], ==, "currency");
  g_assert_cmpstr (list[1], ==, "CHF");
  g_assert_cmpstr (list[2], ==, "time_zone");
}

static TillStore *
open_with_customers (Fixture *f)
{
  static const char *names[] = {
    "Hélène Dubois", "Helmut Schröder", "王小明", "山田花子", "Zoë Øster", "Søren Weiß",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  TillStore *store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TillCustomerRecord) c = till_customer_record_new ();
      c->name = g_strdup (names[i]);
      c->card = g_strdup_printf ("29000000%04u", (guint)i);
      c->email = g_strdup_printf ("c%u@example.org", (guint)i);
      till_customers_insert (store, c, now, &error);
      g_assert_no_error (error);
      g_assert_cmpint (c->id, >, 0);
    }
  return store;
}

static void
assert_search (TillStore  *store,
               const char *text,
               guint       n_expected,
               const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = till_customers_search (store, text, 50, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_expected);
  if (first_name != NULL)
    {
      g_autoptr(TillCustomerRecord) c = till_customers_get (store, g_array_index (ids, gint64, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (c->name, ==, first_name);
    }
}

static void
test_customer_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TillStore) store = open_with_customers (f);

  assert_search (store, "hel", 2, NULL);              /* Hélène, Helmut */
  assert_search (store, "HÉLÈ", 1, "Hélène Dubois");
  assert_search (store, "dub", 1, "Hélène Dubois");   /* the start of any word */
  assert_search (store, "ubois", 0, NULL);            /* not the middle of a word */
  assert_search (store, "王", 1, "王小明");
  assert_search (store, "山田", 1, "山田花子");
  assert_search (store, "zoe", 1, "Zoë Øster");
  assert_search (store, "schro", 1, "Helmut Schröder");
  assert_search (store, "hel sch", 1, "Helmut Schröder");
  assert_search (store, "2900000000", 6, NULL);       /* a card number's start */
  assert_search (store, "\"); DROP TABLE customers; --", 0, NULL);
  assert_search (store, "   ", 0, NULL);
  assert_search (store, "NEAR(hel", 0, NULL);
}

static void
test_customer_unique_fields (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TillStore) store = open_with_customers (f);
  g_autoptr(TillCustomerRecord) c = till_customer_record_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  c->name = g_strdup ("Copy Cat");
  c->email = g_strdup ("C0@EXAMPLE.ORG");   /* e-mail compared without case */
  g_assert_false (till_customers_insert (store, c, now, &error));
  g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (till_customers_count (store, NULL), ==, 6);
}

static void
test_customer_pages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TillStore) store = open_with_customers (f);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *after_name = NULL;
  gint64 after_id = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = till_customers_page (store, after_name, after_id, 4, &error);
      TillCustomerRecord *last;

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (seen, g_strdup (((TillCustomerRecord *)page->pdata[i])->name));
      last = page->pdata[page->len - 1];
      g_free (after_name);
      after_name = g_strdup (last->name);
      after_id = last->id;
    }
  g_assert_cmpuint (seen->len, ==, 6);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpint (strcmp (seen->pdata[i - 1], seen->pdata[i]), <, 0);
}

static void
test_audit_chain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autofree char *problem = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_assert_true (till_audit_verify (store, &problem, &error));
  g_assert_null (problem);

  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("%d", i);
      till_audit_append (store, now, TILL_AUDIT_ACTOR_STAFF, 2, "customer.update", "customer", id,
                         "phone,email", &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (till_audit_count (store, NULL), ==, 5);
  g_assert_true (till_audit_verify (store, &problem, &error));
  g_assert_no_error (error);
  g_assert_null (problem);

  /* A value with a newline would make the serialisation ambiguous. */
  g_assert_false (till_audit_append (store, now, TILL_AUDIT_ACTOR_STAFF, 2, "x", "customer", "1",
                                     "phone\nemail", &error));
  g_assert_nonnull (error);
}

static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "DROP TRIGGER audit_log_no_delete;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* Put the guards back, so only the tampering itself is left to find. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
                                 " SELECT RAISE (ABORT, 'x'); END;"
                                 "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
                                 " SELECT RAISE (ABORT, 'x'); END;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
audit_problem_after (Fixture    *f,
                     const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  char *problem = NULL;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (int i = 1; i <= 5; i++)
    till_audit_append (store, now, TILL_AUDIT_ACTOR_SYSTEM, 0, "staff.sign-in", "staff", "1", "", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  tamper (f->path, sql);

  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (till_audit_verify (store, &problem, &error));
  g_assert_no_error (error);
  return problem;
}

static void
test_audit_detects_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *problem = audit_problem_after (f, "UPDATE audit_log SET staff_id = 9 WHERE id = 3");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "row 3"));
}

static void
test_audit_detects_rehashed_edit (Fixture       *f,
                                  gconstpointer  data)
{
  /* Editing a row and its own hash still breaks the link from the next row. */
  g_autofree char *problem = audit_problem_after (f, "UPDATE audit_log SET action = 'x', hash = 'ab' WHERE id = 2");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "row 2"));
}

static void
test_audit_detects_deleted_row (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *problem = audit_problem_after (f, "DELETE FROM audit_log WHERE id = 2");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "row 2"));
}

static void
test_audit_detects_deleted_newest (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *problem = audit_problem_after (f, "DELETE FROM audit_log WHERE id = 5");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "5"));
}

static void
test_refuses_writable_by_others (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *archive = g_build_filename (dir, "receipts", NULL);
  TillStore *store;

  store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_object_unref (store);

  /* The file, its folder and the receipts archive, each in turn */
  g_assert_cmpint (g_chmod (f->path, 0666), ==, 0);
  assert_refused_untouched (f->path, TILL_STORE_ERROR_CANT_OPEN);
  g_assert_cmpint (g_chmod (f->path, 0620), ==, 0);
  assert_refused_untouched (f->path, TILL_STORE_ERROR_CANT_OPEN);
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);

  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  assert_refused_untouched (f->path, TILL_STORE_ERROR_CANT_OPEN);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  g_assert_cmpint (g_mkdir (archive, 0700), ==, 0);
  g_assert_cmpint (g_chmod (archive, 0777), ==, 0);
  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_CANT_OPEN);
  g_assert_nonnull (strstr (error->message, "other users can write"));
  g_assert_nonnull (strstr (error->message, "chmod 700"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (archive, 0755), ==, 0);
  store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_object_unref (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/creates-private-file-and-folder", test_creates_private_file);
  ADD ("/store/open/missing-file-without-create-is-refused", test_missing_without_create);
  ADD ("/store/open/sets-application-id-schema-and-wal", test_sets_pragmas);
  ADD ("/store/open/reopens-existing-database", test_reopens);
  ADD ("/store/open/initialises-empty-file", test_empty_file_is_initialised);
  ADD ("/store/open/refuses-text-file-untouched", test_refuses_text_file);
  ADD ("/store/open/refuses-other-programs-sqlite-untouched", test_refuses_other_sqlite);
  ADD ("/store/open/refuses-newer-schema-untouched", test_refuses_newer_schema);
  ADD ("/store/open/refuses-corrupt-file-untouched", test_refuses_corrupt_file);
  ADD ("/store/open/refuses-unwritable-folder", test_refuses_unwritable_folder);
  ADD ("/store/open/refuses-writable-by-others", test_refuses_writable_by_others);
  ADD ("/store/open/reports-busy-when-locked-untouched", test_busy_when_locked);
  ADD ("/store/transaction/rolls-back-on-error", test_transaction_rolls_back);
  ADD ("/store/settings/list-sorted-by-key", test_settings_list_sorted);
  ADD ("/store/customers/search-prefix-ignores-accents", test_customer_search);
  ADD ("/store/customers/unique-email-ignores-case", test_customer_unique_fields);
  ADD ("/store/customers/keyset-pages-cover-all-in-order", test_customer_pages);
  ADD ("/store/audit/chain-verifies", test_audit_chain);
  ADD ("/store/audit/detects-edited-row", test_audit_detects_edit);
  ADD ("/store/audit/detects-edited-row-with-new-hash", test_audit_detects_rehashed_edit);
  ADD ("/store/audit/detects-deleted-row", test_audit_detects_deleted_row);
  ADD ("/store/audit/detects-deleted-newest-row", test_audit_detects_deleted_newest);
#undef ADD

  return g_test_run ();
}
