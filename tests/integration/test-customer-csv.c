/* test-customer-csv.c: customers exported and imported as DESIGN.md's CSV, and merged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-checkout.h"
#include "till-customer-csv.h"
#include "till-customer-merge.h"
#include "till-loyalty.h"
#include "till-check.h"
#include "till-customer-service.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-staff.h"

#define HEADER "card,name,phone,email,address,birthday,contact_channel,marketing_consent," \
               "marketing_consent_date,receipt_preference,dietary_notes,allergies\n"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  char         *path;
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-customer-csv-XXXXXX", &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);

  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_ADMIN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  g_free (f->path);
}

static char *
new_card (guint n)
{
  g_autofree char *payload = g_strdup_printf ("29%010u", 900000000 + n);

  return g_strdup_printf ("%s%d", payload, till_gs1_check_digit (payload, 12));
}

/* What is exported imports back unchanged, and exports the same bytes. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillImportReport) report = NULL;
  g_autofree char *first = till_customer_export (f->context, &error);
  g_autofree char *second = NULL;
  gint64 customers = query_int (f, "SELECT count(*) FROM customers");

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, HEADER));
  g_assert_true (till_customer_import (f->context, first, strlen (first), FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, customers);
  g_assert_cmpuint (report->n_unchanged, ==, customers);
  g_assert_cmpuint (report->n_added + report->n_updated + report->n_invalid, ==, 0);
  second = till_customer_export (f->context, &error);
  g_assert_cmpstr (first, ==, second);
}

/* Matching by card, else e-mail, else phone, else a new customer */
static void
test_matching (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(TillCustomerRecord) one = till_customers_get (f->store, 1, NULL);
  g_autoptr(TillCustomerRecord) two = till_customers_get (f->store, 2, NULL);
  g_autoptr(TillCustomerRecord) after = NULL;
  g_autofree char *card = new_card (1);
  g_autofree char *csv = NULL;
  gint64 customers = query_int (f, "SELECT count(*) FROM customers");

  g_assert_nonnull (one->card);
  g_assert_nonnull (two->email);
  csv = g_strdup_printf (HEADER
                         "%s,Renamed By Card,,,,,none,false,,paper,,\n"
                         ",Renamed By Mail,,%s,,,email,true,2026-01-02,email,vegan,sesame\n"
                         "%s,Brand New,,new.person@example.org,,,none,false,,paper,,\n",
                         one->card, two->email, card);
  g_assert_true (till_customer_import (f->context, csv, strlen (csv), FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 2);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, customers + 1);
  after = till_customers_get (f->store, 1, NULL);
  g_assert_cmpstr (after->name, ==, "Renamed By Card");
  g_clear_pointer (&after, till_customer_record_free);
  after = till_customers_get (f->store, 2, NULL);
  g_assert_cmpstr (after->name, ==, "Renamed By Mail");
  g_assert_cmpstr (after->marketing_consent_date, ==, "2026-01-02");
  g_assert_cmpstr (after->allergies, ==, "sesame");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action LIKE 'customer.%'"), >=, 3);
}

/* Bad rows are named in the report; nothing is imported unless skipping. */
static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillImportReport) report = NULL;
  g_autofree char *a = new_card (2);
  g_autofree char *b = new_card (3);
  g_autofree char *csv = NULL;
  g_autofree char *report_csv = NULL;
  gint64 customers = query_int (f, "SELECT count(*) FROM customers");
  TillImportProblem *p;

  csv = g_strdup_printf (HEADER
                         "%s,Good One,,good.one@example.org,,,none,false,,paper,,\n"   /* row 2 */
                         ",Bad Mail,,not-an-address,,,none,false,,paper,,\n"           /* row 3 */
                         "%s,Twice,,,,,none,false,,paper,,\n"                          /* row 4 */
                         "%s,Twice Again,,,,,none,false,,paper,,\n"                    /* row 5 */
                         ",Bad \xff Bytes,,,,,none,false,,paper,,\n"                   /* row 6 */
                         ",Too,Few\n"                                                  /* row 7 */
                         ",Maybe,,,,,none,perhaps,,paper,,\n",                         /* row 8 */
                         a, b, b);
  g_assert_false (till_customer_import (f->context, csv, strlen (csv), FALSE, &report, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_clear_error (&error);
  g_assert_false (report->committed);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpuint (report->n_invalid, ==, 5);
  p = report->problems->pdata[0];
  g_assert_cmpuint (p->row, ==, 3);
  g_assert_cmpstr (p->field, ==, "email");
  p = report->problems->pdata[1];
  g_assert_cmpuint (p->row, ==, 5);
  g_assert_cmpstr (p->field, ==, "card");
  g_assert_nonnull (strstr (p->reason, "row 4"));
  p = report->problems->pdata[2];
  g_assert_cmpuint (p->row, ==, 6);
  g_assert_cmpstr (p->field, ==, "name");
  p = report->problems->pdata[3];
  g_assert_cmpuint (p->row, ==, 7);
  p = report->problems->pdata[4];
  g_assert_cmpuint (p->row, ==, 8);
  g_assert_cmpstr (p->field, ==, "marketing_consent");
  report_csv = till_import_report_to_csv (report);
  g_assert_true (g_str_has_prefix (report_csv, "row,field,reason\n3,email,"));
  g_clear_pointer (&report, till_import_report_free);

  /* Skipping keeps the good rows: Good One and the first Twice */
  g_assert_true (till_customer_import (f->context, csv, strlen (csv), TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, customers + 2);

  /* A wrong header imports nothing and says so on row 1. */
  g_clear_pointer (&report, till_import_report_free);
  g_assert_false (till_customer_import (f->context, "name,card\nA,1\n", 13, FALSE, &report, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_cmpuint (((TillImportProblem *)report->problems->pdata[0])->row, ==, 1);
}

/* Cashiers may neither import nor export customers. */
static void
test_permission (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(TillStaffRecord) lena = till_staff_get_by_name (f->store, "Lena Vogel", NULL);
  g_autoptr(TillContext) cashier = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  g_autofree char *csv = NULL;

  till_context_set_staff (cashier, lena->id, lena->name, lena->role);
  csv = till_customer_export (cashier, &error);
  g_assert_null (csv);
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (till_customer_import (cashier, HEADER, strlen (HEADER), FALSE, &report, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_assert_null (report);
}

typedef struct
{
  gint64      customer_id;
  const char *kind;
  gint64      points;
  const char *lot_date;
} Row;

static gboolean
append_rows (TillStore  *store,
             gpointer    user_data,
             GError    **error)
{
  const Row *rows = user_data;

  for (guint i = 0; rows[i].kind != NULL; i++)
    {
      TillLedgerEntry entry = { .customer_id = rows[i].customer_id, .kind = rows[i].kind,
                                .points = rows[i].points, .at = "2026-11-01T10:00:00.000000Z",
                                .lot_date = rows[i].lot_date,
                                .reason = g_str_equal (rows[i].kind, "adjust") ? "test" : "" };

      if (!till_loyalty_append (store, &entry, error))
        return FALSE;
    }
  return TRUE;
}

/* Merging: orders and requests move, points move per live lot with their
 * dates, the survivor takes the contact it lacked, check still passes. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCustomerRecord) source = till_customers_get (f->store, 5, NULL);
  g_autoptr(TillCustomerRecord) target = till_customer_record_new ();
  g_autoptr(TillCustomerRecord) after = NULL;
  g_autoptr(TillStaffRecord) marc = till_staff_get_by_name (f->store, "Marc Lefèvre", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(TillContext) manager = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  g_autoptr(TillOrder) order = NULL;
  g_autofree char *sql = NULL;
  TillMergeOutcome outcome = { 0 };
  TillCashOutcome cash;
  gint64 source_balance, source_orders;
  Row rows[] = {
    { 5, "adjust", 100, "2026-01-10T09:00:00.000000Z" },
    { 5, "adjust", 50, "2026-03-10T09:00:00.000000Z" },
    { 5, "adjust", -120, "2026-04-01T09:00:00.000000Z" },
    { 5, "adjust", 40, "2026-03-10T09:00:00.000000Z" },
    { 0, NULL, 0, NULL },
  };

  till_context_set_staff (manager, marc->id, marc->name, marc->role);
  target->name = g_strdup ("Duplicate Without Contact");
  g_assert_true (till_customer_service_save (manager, target, &problems, &error));
  g_assert_no_error (error);
  g_assert_true (till_store_transaction (f->store, append_rows, rows, &error));
  g_assert_no_error (error);
  /* a paid order of the duplicate */
  order = till_checkout_open (manager, 1, &error);
  g_assert_no_error (error);
  g_assert_true (till_checkout_add_product (manager, order,
                                            query_int (f, "SELECT id FROM products WHERE sold_by = 'unit'"
                                                          " AND active = 1 ORDER BY id LIMIT 1"),
                                            NULL, 1000, FALSE, 0, FALSE, &error));
  g_assert_true (till_checkout_set_customer (manager, order, 5, &error));
  g_assert_true (till_checkout_pay_cash (manager, order, till_order_get_total (order) + 500, &cash, &error));
  g_assert_no_error (error);
  source_balance = query_int (f, "SELECT balance FROM customers WHERE id = 5");
  source_orders = query_int (f, "SELECT count(*) FROM orders WHERE customer_id = 5");
  g_assert_cmpint (source_orders, >=, 1);

  g_assert_false (till_customer_merge (manager, 5, 5, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (till_customer_merge (manager, 5, target->id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome.points, ==, source_balance);
  g_assert_cmpint (outcome.orders, ==, source_orders);

  g_assert_cmpint (query_int (f, "SELECT balance FROM customers WHERE id = 5"), ==, 0);
  sql = g_strdup_printf ("SELECT balance FROM customers WHERE id = %" G_GINT64_FORMAT, target->id);
  g_assert_cmpint (query_int (f, sql), ==, source_balance);
  g_clear_pointer (&sql, g_free);
  /* The live lots keep their dates: the March lots (30 + 40 after FIFO) travel as one */
  sql = g_strdup_printf ("SELECT sum(points) FROM loyalty_ledger WHERE customer_id = %" G_GINT64_FORMAT
                         " AND kind = 'transfer' AND lot_date = '2026-03-10T09:00:00.000000Z'", target->id);
  g_assert_cmpint (query_int (f, sql), ==, 70);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'transfer'"), ==, 2 * outcome.lots);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE customer_id = 5"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT merged_into FROM customers WHERE id = 5"), ==, target->id);
  after = till_customers_get (f->store, target->id, NULL);
  g_assert_cmpstr (after->card, ==, source->card);
  g_assert_cmpstr (after->email, ==, source->email);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customer_merges"), ==, 1);

  /* Merged once is enough */
  g_assert_false (till_customer_merge (manager, 5, target->id, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (till_check_run (f->store, &checks, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < checks->len; i++)
    g_printerr ("check: %s\n", (char *)checks->pdata[i]);
  g_assert_cmpuint (checks->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/customer-csv/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("matching", test_matching);
  ADD ("bad-rows", test_bad_rows);
  ADD ("permission", test_permission);
  ADD ("merge", test_merge);
#undef ADD
  return g_test_run ();
}
