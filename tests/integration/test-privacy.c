/* test-privacy.c: a customer's data exported and erased, contact details revealed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-access.h"
#include "till-audit.h"
#include "till-check.h"
#include "till-customer-service.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-demo-history.h"
#include "till-error.h"
#include "till-privacy-service.h"
#include "till-service-requests.h"

#define NAME    "Zebulon Quixotic-Marchetti"
#define EMAIL   "zebulon.quixotic@example.org"
#define PHONE   "+4915199988877"
#define ADDRESS "Xylophonweg 7\n10115 Berlin"
#define NOTE    "Zebulon wants his rye sliced"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *admin;
  char         *path;
  gint64        customer_id;
} Fixture;

static void
sql (Fixture    *f,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static char *
sql_text (Fixture    *f,
          const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new ("");

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (const char *)sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 18, 0, 0);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-privacy-XXXXXX", &error);
  g_autofree char *id = NULL;
  TillDemoHistory history;

  g_assert_no_error (error);
  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  f->admin = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_ADMIN);
  g_assert_true (till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error));
  g_assert_no_error (error);
  g_assert_true (till_demo_add_history (f->store, 20, now, &history, &error));
  g_assert_no_error (error);

  /* The customer with the most paid orders takes distinctive details, so
   * every one of their bytes can be looked for. */
  id = sql_text (f, "SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND status = 'paid'"
                    " GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1");
  f->customer_id = g_ascii_strtoll (id, NULL, 10);
  g_assert_cmpint (f->customer_id, >, 0);
  customer = till_customers_get (f->store, f->customer_id, &error);
  g_assert_no_error (error);
  g_free (customer->name);
  customer->name = g_strdup (NAME);
  g_free (customer->email);
  customer->email = g_strdup (EMAIL);
  g_free (customer->phone);
  customer->phone = g_strdup (PHONE);
  g_free (customer->address);
  customer->address = g_strdup (ADDRESS);
  g_free (customer->notes);
  customer->notes = g_strdup (NOTE);
  g_assert_true (till_customer_service_save (f->admin, customer, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->notifier);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  g_clear_pointer (&f->path, g_free);
}

static TillContext *
context_as (Fixture    *f,
            const char *role)
{
  TillContext *context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  till_context_set_staff (context, 1, "Someone", role);
  return context;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static gboolean
database_contains (Fixture    *f,
                   const char *needle)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  return file_contains (f->path, needle) || file_contains (wal, needle);
}

static void
test_export_holds_orders_and_ledger (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(TillContext) manager = context_as (f, "manager");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *expected = g_strdup_printf ("customer.export|%" G_GINT64_FORMAT "|\n", f->customer_id);

  g_assert_null (till_privacy_service_export (manager, f->customer_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);

  json = till_privacy_service_export (f->admin, f->customer_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (json, "{\"customer\":{\"id\":"));
  g_assert_nonnull (strstr (json, "\"name\":\"" NAME "\""));
  g_assert_nonnull (strstr (json, "\"phone\":\"" PHONE "\""));
  g_assert_nonnull (strstr (json, "\"address\":\"Xylophonweg 7\\n10115 Berlin\""));
  g_assert_nonnull (strstr (json, "\"orders\":[{"));
  g_assert_nonnull (strstr (json, "\"lines\":[{"));
  g_assert_nonnull (strstr (json, "\"payments\":[{"));
  g_assert_nonnull (strstr (json, "\"ledger\":[{"));
  g_assert_nonnull (strstr (json, "\"requests\":["));
  g_assert_true (g_str_has_suffix (json, "\"requests\":[]}\n"));
  g_assert_nonnull (strstr (json, "\"marketing_consent\":"));
  g_assert_nonnull (strstr (json, "T"));  /* ISO 8601 times */
  audit = sql_text (f, "SELECT action, entity_id, fields FROM audit_log WHERE action = 'customer.export'");
  g_assert_cmpstr (audit, ==, expected);
}

static void
test_erase_leaves_no_bytes_and_keeps_totals (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(TillContext) cashier = context_as (f, "cashier");
  g_autoptr(TillContext) manager = context_as (f, "manager");
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *totals_before = NULL;
  g_autofree char *totals_after = NULL;
  g_autofree char *ledger_before = NULL;
  g_autofree char *ledger_after = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *note = NULL;
  const char *needles[] = { NAME, "Zebulon", "zebulon", "Quixotic", "quixotic", "Marchetti", "marchetti",
                            EMAIL, PHONE, "15199988877", "Xylophonweg", "xylophonweg", "rye sliced" };

  /* Free text about them on an order, a line and a ledger row */
  note = g_strdup_printf ("UPDATE orders SET note = 'Zebulon collects at noon' WHERE id ="
                          " (SELECT min(id) FROM orders WHERE customer_id = %" G_GINT64_FORMAT ");"
                          "UPDATE order_lines SET note = 'slice for Zebulon' WHERE order_id ="
                          " (SELECT min(id) FROM orders WHERE customer_id = %" G_GINT64_FORMAT ");"
                          "INSERT INTO loyalty_ledger (customer_id, kind, points, at, lot_date, reason)"
                          " VALUES (%" G_GINT64_FORMAT ", 'adjust', 0, '2026-11-25T17:00:00.000000Z',"
                          " '2026-11-25', 'goodwill for Zebulon');",
                          f->customer_id, f->customer_id, f->customer_id);
  sql (f, note);
  {
    TillRequestDraft draft = { .kind = "complaint", .title = "Zebulon found a stone",
                               .description = "Call Zebulon back", .customer_id = f->customer_id };
    g_autoptr(TillRequestRecord) request = till_service_requests_create (f->admin, &draft, &error);

    g_assert_no_error (error);
    g_assert_true (till_service_requests_add_note (f->admin, request->id, "Zebulon was happy with a loaf", &error));
    g_assert_no_error (error);
  }
  g_assert_true (database_contains (f, "Zebulon"));

  totals_before = sql_text (f, "SELECT substr(paid_at, 1, 10), count(*), sum(total), sum(tax), sum(refunded_amount)"
                               " FROM orders WHERE status = 'paid' GROUP BY 1 ORDER BY 1");
  ledger_before = sql_text (f, "SELECT customer_id, sum(points), count(*) FROM loyalty_ledger GROUP BY 1 ORDER BY 1");

  g_assert_false (till_privacy_service_erase (cashier, f->customer_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (till_privacy_service_erase (manager, f->customer_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (till_privacy_service_erase (f->admin, f->customer_id, &error));
  g_assert_no_error (error);

  /* The bytes: nowhere in the file or its WAL */
  for (gsize i = 0; i < G_N_ELEMENTS (needles); i++)
    if (database_contains (f, needles[i]))
      g_error ("“%s” is still in the database after the erasure", needles[i]);

  /* The money and points of every past day are as they were */
  totals_after = sql_text (f, "SELECT substr(paid_at, 1, 10), count(*), sum(total), sum(tax), sum(refunded_amount)"
                              " FROM orders WHERE status = 'paid' GROUP BY 1 ORDER BY 1");
  g_assert_cmpstr (totals_after, ==, totals_before);
  ledger_after = sql_text (f, "SELECT customer_id, sum(points), count(*) FROM loyalty_ledger GROUP BY 1 ORDER BY 1");
  g_assert_cmpstr (ledger_after, ==, ledger_before);

  customer = till_customers_get (f->store, f->customer_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer->erased_at);
  g_assert_cmpstr (customer->name, ==, "");
  g_assert_null (customer->phone);
  g_assert_null (customer->email);

  /* Audited by id and field names; the chain and every invariant hold */
  audit = sql_text (f, "SELECT entity_id FROM audit_log WHERE action = 'customer.erase'");
  g_assert_cmpint (g_ascii_strtoll (audit, NULL, 10), ==, f->customer_id);
  {
    g_autoptr(GPtrArray) check = NULL;
    g_assert_true (till_check_run (f->store, &check, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < check->len; i++)
      g_test_message ("check: %s", (char *)check->pdata[i]);
    g_assert_cmpuint (check->len, ==, 0);
  }
  {
    g_autofree char *ledger_guard = sql_text (f, "SELECT count(*) FROM sqlite_schema WHERE name = 'loyalty_ledger_no_update'");
    g_assert_cmpstr (ledger_guard, ==, "1\n");
  }

  /* Once is enough */
  g_assert_false (till_privacy_service_erase (f->admin, f->customer_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  /* The customer is not found by search either */
  g_clear_pointer (&customer, till_customer_record_free);
  customer = till_customer_service_find (f->admin, "phone:" PHONE, &error);
  g_assert_null (customer);
  g_clear_error (&error);
}

static void
test_reveal_is_guarded_and_audited (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(TillContext) cashier = context_as (f, "cashier");
  g_autoptr(TillContext) manager = context_as (f, "manager");
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;

  g_assert_false (till_privacy_service_reveal_contact (cashier, f->customer_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (till_privacy_service_reveal_contact (manager, f->customer_id, &error));
  g_assert_no_error (error);
  audit = sql_text (f, "SELECT staff_id, fields FROM audit_log WHERE action = 'customer.reveal'");
  g_assert_cmpstr (audit, ==, "1|phone,email,address,birthday\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/privacy/export-holds-orders-and-ledger", test_export_holds_orders_and_ledger);
  ADD ("/privacy/erase-leaves-no-bytes-and-keeps-totals", test_erase_leaves_no_bytes_and_keeps_totals);
  ADD ("/privacy/reveal-is-guarded-and-audited", test_reveal_is_guarded_and_audited);
#undef ADD

  return g_test_run ();
}
