/* test-customer-csv.c: customers exported and imported as DESIGN.md's CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-customer-csv.h"
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
#undef ADD
  return g_test_run ();
}
