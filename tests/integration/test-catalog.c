/* test-catalog.c: the catalog, scanning, shop settings and CSV files on a real database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-catalog-csv.h"
#include "till-catalog-service.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-settings-service.h"

typedef struct
{
  char         *path;
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  gint64        bread;       /* category ids */
  gint64        deli;
  gint64        reduced;     /* tax rate ids */
  gint64        standard;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-catalog-XXXXXX", &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 8, 30, 0);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TillCategory) bread = g_new0 (TillCategory, 1);
  g_autoptr(TillCategory) deli = g_new0 (TillCategory, 1);

  g_assert_no_error (error);
  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_ADMIN);

  if (GPOINTER_TO_INT (data))
    return;   /* an empty catalog */

  g_assert_true (till_catalog_service_save_tax_rate (f->context, 0, "Reduced 7 %", "7", TILL_NOTATION_FILE,
                                                     &f->reduced, &problems, &error));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (till_catalog_service_save_tax_rate (f->context, 0, "Standard 19 %", "19", TILL_NOTATION_FILE,
                                                     &f->standard, &problems, &error));
  g_clear_pointer (&problems, g_ptr_array_unref);
  bread->name = g_strdup ("Bread");
  bread->colour = g_strdup ("#C64600");
  g_assert_true (till_catalog_service_save_category (f->context, bread, NULL, &problems, &error));
  g_clear_pointer (&problems, g_ptr_array_unref);
  f->bread = bread->id;
  deli->name = g_strdup ("Deli");
  deli->colour = g_strdup ("#2ec27e");
  deli->position = 1;
  g_assert_true (till_catalog_service_save_category (f->context, deli, NULL, &problems, &error));
  f->deli = deli->id;
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_assert_finalize_object (f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  g_free (f->path);
}

static char *
with_check (const char *payload)
{
  return g_strdup_printf ("%s%d", payload, till_gs1_check_digit (payload, strlen (payload)));
}

static TillProductForm *
croissant_form (Fixture *f)
{
  TillProductForm *form = till_product_form_new ();

  form->sku = g_strdup ("VIE-001");
  form->name = g_strdup ("Croissant");
  form->category_id = f->bread;
  form->price = g_strdup ("1.20");
  form->tax_rate_id = f->reduced;
  g_ptr_array_add (form->barcodes, g_strdup ("4006381333931"));
  g_ptr_array_add (form->barcodes, g_strdup ("96385074"));
  return form;
}

static gint64
save_new (Fixture         *f,
          TillProductForm *form)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!till_catalog_service_save_product (f->context, form, TILL_NOTATION_FILE, NULL, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_printerr ("%s: %s\n", ((TillFieldProblem *)problems->pdata[i])->field,
                    ((TillFieldProblem *)problems->pdata[i])->message);
      g_assert_no_error (error);
      g_assert_not_reached ();
    }
  g_assert_cmpint (form->id, >, 0);
  return form->id;
}

/* A weighed product carrying the scale-label templates of item 00135, by weight and by price */
static gint64
add_comte (Fixture *f)
{
  g_autoptr(TillProductForm) form = till_product_form_new ();
  g_autofree char *template = with_check ("210013500000");
  g_autofree char *price_template = with_check ("230013500000");

  form->sku = g_strdup ("CHE-001");
  form->name = g_strdup ("Comté 18 mois");
  form->category_id = f->deli;
  form->price = g_strdup ("34.90");
  form->tax_rate_id = f->reduced;
  form->sold_by_weight = TRUE;
  g_ptr_array_add (form->barcodes, g_strdup (template));
  g_ptr_array_add (form->barcodes, g_strdup (price_template));
  return save_new (f, form);
}

static gint64
last_audit (Fixture  *f,
            char    **out_action,
            char    **out_fields)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT action, fields, (SELECT count(*) FROM audit_log)"
                                           " FROM audit_log ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *out_action = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  *out_fields = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  count = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A paid order with one line of @product_id, as the checkout leaves it */
static void
record_sale (Fixture *f,
             gint64   product_id)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO orders (uuid, status, register_id, receipt_number, opened_at, paid_at, currency,"
    " prices_include_tax, earn_points, earn_amount, total)"
    " VALUES ('00000000-0000-4000-8000-%012" G_GINT64_FORMAT "', 'paid', 1, %" G_GINT64_FORMAT ","
    " '2026-11-25T08:00:00.000000Z', '2026-11-25T08:01:00.000000Z', 'EUR', 1, 1, 100, 120);"
    "INSERT INTO order_lines (order_id, position, product_id, code, sku, name, sold_by, unit_price,"
    " qty, tax_rate_bp, discountable, earns_points, base, paid)"
    " VALUES (last_insert_rowid (), 0, %" G_GINT64_FORMAT ", 'x', 'x', 'x', 'unit', 120, 1000, 700,"
    " 1, 1, 120, 120);", product_id, product_id, product_id);

  exec_sql (f, sql);
}

static void
assert_problem (GPtrArray  *problems,
                const char *field,
                const char *part)
{
  const char *message = till_field_problems_lookup (problems, field);

  if (message == NULL || strstr (message, part) == NULL)
    g_error ("expected a problem on %s with “%s”, got “%s”", field, part, message);
}

/* Products */

static void
test_product_saved_with_barcodes_in_order (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(TillProductRecord) stored = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL, *fields = NULL;
  gboolean changed = FALSE;
  gint64 id, rows;

  id = save_new (f, form);
  rows = last_audit (f, &action, &fields);
  g_assert_cmpstr (action, ==, "product.add");

  stored = till_catalog_get_product (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->sku, ==, "VIE-001");
  g_assert_cmpint (stored->price, ==, 120);
  g_assert_cmpint (stored->tax_rate_bp, ==, 700);
  g_assert_cmpstr (stored->category_name, ==, "Bread");
  g_assert_cmpstr (stored->category_colour, ==, "#c64600");
  g_assert_cmpuint (stored->barcodes->len, ==, 2);
  g_assert_cmpstr (stored->barcodes->pdata[0], ==, "4006381333931");
  g_assert_cmpstr (stored->barcodes->pdata[1], ==, "96385074");

  /* Saving it unchanged writes nothing; a change is audited by field names. */
  g_assert_true (till_catalog_service_save_product (f->context, form, TILL_NOTATION_FILE, &changed, &problems, &error));
  g_assert_false (changed);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_free (action);
  g_free (fields);
  g_assert_cmpint (last_audit (f, &action, &fields), ==, rows);

  g_free (form->price);
  form->price = g_strdup ("1.30");
  g_ptr_array_remove_index (form->barcodes, 0);
  g_ptr_array_add (form->barcodes, g_strdup ("INT-CRO"));
  g_assert_true (till_catalog_service_save_product (f->context, form, TILL_NOTATION_FILE, &changed, &problems, &error));
  g_assert_true (changed);
  g_free (action);
  g_free (fields);
  g_assert_cmpint (last_audit (f, &action, &fields), ==, rows + 1);
  g_assert_cmpstr (action, ==, "product.update");
  g_assert_cmpstr (fields, ==, "price,barcodes");

  g_clear_pointer (&stored, till_product_record_free);
  stored = till_catalog_get_product (f->store, id, &error);
  g_assert_cmpint (stored->price, ==, 130);
  g_assert_cmpstr (stored->barcodes->pdata[0], ==, "96385074");
  g_assert_cmpstr (stored->barcodes->pdata[1], ==, "INT-CRO");
}

static void
test_product_form_refuses_bad_fields (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(TillProductForm) first = croissant_form (f);
  g_autoptr(TillProductForm) form = till_product_form_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template = with_check ("210013500000");
  g_autofree char *action = NULL, *fields = NULL;
  gint64 rows;

  save_new (f, first);
  rows = last_audit (f, &action, &fields);

  /* Everything wrong at once: each field says why, nothing is saved. */
  form->sku = g_strdup ("VIE-001");
  form->name = g_strdup ("   ");
  form->price = g_strdup ("-1.20");
  form->category_id = 999;
  form->tax_rate_id = f->reduced;
  g_ptr_array_add (form->barcodes, g_strdup ("96385074"));
  g_assert_false (till_catalog_service_save_product (f->context, form, TILL_NOTATION_FILE, NULL, &problems, &error));
  g_assert_no_error (error);
  assert_problem (problems, "sku", "Another product already has the SKU");
  assert_problem (problems, "name", "Name");
  assert_problem (problems, "price", "minus");
  assert_problem (problems, "category", "does not exist");
  assert_problem (problems, "barcodes", "already on another product: Croissant");
  g_assert_cmpint (form->id, ==, 0);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 1);
  g_free (action);
  g_free (fields);
  g_assert_cmpint (last_audit (f, &action, &fields), ==, rows);

  /* One at a time, the rest right */
  {
    const struct { const char *price; const char *barcode; gboolean weighed; const char *field; const char *part; } cases[] = {
      { "2.405",     NULL,            FALSE, "price",    "more than 2 decimals" },
      { "2,40",      NULL,            FALSE, "price",    "2,40" },
      { "abc",       NULL,            FALSE, "price",    "abc" },
      { "",          NULL,            FALSE, "price",    "price is needed" },
      { "10000000.01", NULL,          FALSE, "price",    "at most" },
      { "2.400",     "4006381333932", FALSE, "barcodes", "check digit" },
      { "2.400",     template,        FALSE, "barcodes", "only goes on a product sold by weight" },
      { "2.400",     "2900000048218", FALSE, "barcodes", "loyalty cards" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(TillProductForm) one = till_product_form_new ();
        g_autoptr(GPtrArray) found = NULL;

        g_test_message ("price %s, barcode %s", cases[i].price, cases[i].barcode);
        one->sku = g_strdup ("NEW-1");
        one->name = g_strdup ("Pain au chocolat");
        one->price = g_strdup (cases[i].price);
        one->category_id = f->bread;
        one->tax_rate_id = f->reduced;
        one->sold_by_weight = cases[i].weighed;
        if (cases[i].barcode != NULL)
          g_ptr_array_add (one->barcodes, g_strdup (cases[i].barcode));
        g_assert_false (till_catalog_service_save_product (f->context, one, TILL_NOTATION_FILE, NULL, &found, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (found->len, ==, 1);
        assert_problem (found, cases[i].field, cases[i].part);
      }
  }
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 1);
}

static void
test_sold_product_retired_not_deleted (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(TillProductRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sold, comte;

  sold = save_new (f, form);
  comte = add_comte (f);
  record_sale (f, sold);

  g_assert_false (till_catalog_service_delete_product (f->context, sold, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "retire it instead"));
  g_clear_error (&error);

  g_assert_true (till_catalog_service_set_product_active (f->context, sold, FALSE, &error));
  g_assert_no_error (error);
  stored = till_catalog_get_product (f->store, sold, &error);
  g_assert_false (stored->active);
  g_assert_cmpint (till_catalog_count_products_filtered (f->store, 0, TILL_PRODUCT_FILTER_ACTIVE, NULL), ==, 1);
  g_assert_cmpint (till_catalog_count_products_filtered (f->store, 0, TILL_PRODUCT_FILTER_RETIRED, NULL), ==, 1);

  /* A product never sold may go entirely, its barcodes with it. */
  g_assert_true (till_catalog_service_delete_product (f->context, comte, &error));
  g_assert_no_error (error);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 1);
  g_assert_cmpint (till_catalog_find_product_by_barcode (f->store, "2100135000000", NULL), ==, 0);
}

static void
test_tax_rate_in_use_only_retired (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(TillProductForm) other = till_product_form_new ();
  g_autoptr(TillTaxRate) rate = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = save_new (f, form);

  g_assert_false (till_catalog_service_delete_tax_rate (f->context, f->reduced, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "only retired"));
  g_clear_error (&error);

  /* Active products still sell at it: move them first. */
  g_assert_false (till_catalog_service_set_tax_rate_retired (f->context, f->reduced, TRUE, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (till_catalog_service_set_product_active (f->context, id, FALSE, &error));
  g_assert_true (till_catalog_service_set_tax_rate_retired (f->context, f->reduced, TRUE, &error));
  g_assert_no_error (error);

  /* A retired rate is offered for no product any more. */
  other->sku = g_strdup ("NEW-2");
  other->name = g_strdup ("Brioche");
  other->price = g_strdup ("1.80");
  other->category_id = f->bread;
  other->tax_rate_id = f->reduced;
  g_assert_false (till_catalog_service_save_product (f->context, other, TILL_NOTATION_FILE, NULL, &problems, &error));
  assert_problem (problems, "tax_rate", "retired");

  /* A changed rate applies from now on: the sold line keeps its 7 %. */
  record_sale (f, id);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (till_catalog_service_save_tax_rate (f->context, f->standard, "Standard 20 %", "20",
                                                     TILL_NOTATION_FILE, NULL, &problems, &error));
  rate = till_catalog_get_tax_rate (f->store, f->standard, &error);
  g_assert_cmpint (rate->rate_bp, ==, 2000);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (till_catalog_service_save_tax_rate (f->context, 0, "Standard 20 %", "21", TILL_NOTATION_FILE,
                                                      NULL, &problems, &error));
  assert_problem (problems, "name", "already has this name");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (till_catalog_service_save_tax_rate (f->context, 0, "Luxury", "101", TILL_NOTATION_FILE,
                                                      NULL, &problems, &error));
  g_assert_nonnull (till_field_problems_lookup (problems, "rate"));

  /* An unused rate can go. */
  g_assert_true (till_catalog_service_delete_tax_rate (f->context, f->standard, &error));
  g_assert_no_error (error);
}

static void
test_category_rules (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(TillCategory) draft = g_new0 (TillCategory, 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  save_new (f, form);
  draft->name = g_strdup ("Bread");
  draft->colour = g_strdup ("orange");
  draft->position = 10000;
  g_assert_false (till_catalog_service_save_category (f->context, draft, NULL, &problems, &error));
  assert_problem (problems, "name", "Another category");
  assert_problem (problems, "colour", "not a colour");
  assert_problem (problems, "position", "0 to 9999");

  g_assert_false (till_catalog_service_delete_category (f->context, f->bread, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (till_catalog_service_delete_category (f->context, f->deli, &error));
  g_assert_no_error (error);
}

static void
test_cashier_may_not_edit_catalog_or_settings (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr(TillContext) cashier = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  till_context_set_staff (cashier, 4, "Lena Vogel", "cashier");
  g_assert_false (till_catalog_service_save_product (cashier, form, TILL_NOTATION_FILE, NULL, &problems, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (till_settings_service_set (cashier, "shop.name", "Mine", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 0);
}

/* Scanning */

static gboolean
resolve (Fixture         *f,
         const char      *code,
         TillScanResult **scan,
         GError         **error)
{
  g_clear_pointer (scan, till_scan_result_free);
  return till_catalog_resolve_code (f->context, code, scan, error);
}

static void
test_scan_resolves_in_design_order (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(TillProductForm) upc = till_product_form_new ();
  g_autoptr(TillCustomerRecord) customer = till_customer_record_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *weight_label = with_check ("210013500350");
  g_autofree char *price_label = with_check ("230013501222");
  g_autofree char *unknown_item = with_check ("210099900350");
  g_autofree char *card = with_check ("290000004821");
  g_autofree char *stranger = with_check ("290000009999");
  gint64 croissant, comte;
  TillScanResult *scan = NULL;

  croissant = save_new (f, form);
  comte = add_comte (f);
  g_assert_true (till_settings_service_set (f->context, "scale.rules", "21:weight,23:price", NULL, &error));
  upc->sku = g_strdup ("COL-009");
  upc->name = g_strdup ("Root beer");
  upc->price = g_strdup ("2.00");
  upc->category_id = f->bread;
  upc->tax_rate_id = f->standard;
  g_ptr_array_add (upc->barcodes, g_strdup ("036000291452"));
  save_new (f, upc);
  customer->name = g_strdup ("Hélène Dubois");
  customer->card = g_strdup (card);
  g_assert_true (till_customers_insert (f->store, customer, now, &error));

#define RESOLVE(code) resolve (f, (code), &scan, &error)

  /* 1. a barcode, with blanks around as a keyboard may add */
  g_assert_true (RESOLVE (" 96385074 "));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_PRODUCT);
  g_assert_cmpint (scan->product->id, ==, croissant);
  g_assert_false (scan->by_sku);
  /* a UPC-A as the EAN-13 a scanner sends for it */
  g_assert_true (RESOLVE ("0036000291452"));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_PRODUCT);
  g_assert_cmpstr (scan->product->sku, ==, "COL-009");
  /* 2. an exact SKU */
  g_assert_true (RESOLVE ("VIE-001"));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_PRODUCT);
  g_assert_true (scan->by_sku);
  /* 3. scale labels: 350 g, or 12.22 of the currency */
  g_assert_true (RESOLVE (weight_label));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_SCALE_LABEL);
  g_assert_cmpint (scan->product->id, ==, comte);
  g_assert_cmpint (scan->scale_kind, ==, TILL_SCALE_WEIGHT);
  g_assert_cmpint (scan->grams, ==, 350);
  g_assert_true (RESOLVE (price_label));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_SCALE_LABEL);
  g_assert_cmpint (scan->product->id, ==, comte);
  g_assert_cmpint (scan->scale_kind, ==, TILL_SCALE_PRICE);
  g_assert_cmpint (scan->label_price, ==, 1222);
  /* 4. a loyalty card */
  g_assert_true (RESOLVE (card));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_CUSTOMER);
  g_assert_cmpint (scan->customer_id, ==, customer->id);
  /* 5. anything else is a search */
  g_assert_true (RESOLVE ("crois"));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_SEARCH);
  g_assert_true (RESOLVE ("12345"));
  g_assert_cmpint (scan->kind, ==, TILL_SCAN_SEARCH);
  g_assert_no_error (error);

  /* Misreads are refused, never searched or sold. */
  {
    g_autofree char *bad_label = g_strdup (weight_label);
    g_autofree char *bad_card = g_strdup (card);
    const char *misreads[] = { "4006381333932", "96385075", bad_label, bad_card };

    bad_label[12] = bad_label[12] == '9' ? '0' : bad_label[12] + 1;
    bad_card[12] = bad_card[12] == '9' ? '0' : bad_card[12] + 1;
    for (gsize i = 0; i < G_N_ELEMENTS (misreads); i++)
      {
        g_assert_false (RESOLVE (misreads[i]));
        g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, "check digit"));
        g_clear_error (&error);
      }
  }
  g_assert_false (RESOLVE (unknown_item));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "scale-label template"));
  g_clear_error (&error);
  g_assert_false (RESOLVE (stranger));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&scan, till_scan_result_free);
#undef RESOLVE
}

static void
test_search_by_name_sku_barcode_and_label (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autofree char *label = with_check ("210013500350");
  gint64 croissant = save_new (f, form);
  gint64 comte = add_comte (f);
  const struct { const char *text; gint64 *want; } cases[] = {
    { "cro",      &croissant },
    { "CROISS",   &croissant },
    { "comte",    &comte },     /* accents ignored */
    { "18 mo",    &comte },     /* every word starts a word */
    { "vie-0",    &croissant },
    { "che",      &comte },
    { "963",      &croissant }, /* the start of a barcode */
    { label,      &comte },     /* a scale label finds its product */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = till_catalog_service_search_products (f->context, cases[i].text, 50, &error);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, *cases[i].want);
    }
}

/* Settings */

static void
test_settings_defaults_set_and_audited_by_name (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *action = NULL, *fields = NULL;
  gint64 rows;

  value = till_settings_service_get (f->context, "loyalty.window_days", &error);
  g_assert_cmpstr (value, ==, "365");
  g_assert_true (till_settings_service_set (f->context, "shop.name", " Boulangerie Lumière ", &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "Boulangerie Lumière");
  rows = last_audit (f, &action, &fields);
  g_assert_cmpstr (action, ==, "setting.change");
  g_assert_cmpstr (fields, ==, "shop.name");

  /* The same value again changes nothing. */
  g_assert_true (till_settings_service_set (f->context, "shop.name", "Boulangerie Lumière", NULL, &error));
  g_free (action);
  g_free (fields);
  g_assert_cmpint (last_audit (f, &action, &fields), ==, rows);

  g_assert_false (till_settings_service_set (f->context, "loyalty.window_days", "0", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE);
  g_assert_true (g_str_has_prefix (error->message, "loyalty.window_days"));
  g_clear_error (&error);
  g_assert_false (till_settings_service_set (f->context, "no.such", "1", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (till_settings_service_set (f->context, "card.prefix", "21", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);

  values = till_settings_service_list (f->context, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      TillSettingValue *v = values->pdata[i];

      if (i > 0)
        g_assert_cmpint (strcmp (((TillSettingValue *)values->pdata[i - 1])->key, v->key), <, 0);
      if (g_str_equal (v->key, "shop.name"))
        {
          g_assert_false (v->is_default);
          g_assert_cmpstr (v->value, ==, "Boulangerie Lumière");
        }
      if (g_str_equal (v->key, "currency"))
        {
          g_assert_true (v->is_default);
          g_assert_cmpstr (v->value, ==, "EUR");
        }
    }
}

static void
test_currency_refused_once_sales_exist (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(TillProductForm) form = croissant_form (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (till_settings_service_set (f->context, "currency", "chf", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (till_settings_service_set (f->context, "currency", "EUR", NULL, &error));
  record_sale (f, save_new (f, form));

  g_assert_false (till_settings_service_set (f->context, "currency", "JPY", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "sales exist"));
  value = till_settings_service_get (f->context, "currency", NULL);
  g_assert_cmpstr (value, ==, "EUR");
  g_clear_error (&error);
  /* Saying what it already is, is fine. */
  g_assert_true (till_settings_service_set (f->context, "currency", "EUR", NULL, &error));
}

/* CSV */

static char *
read_source_file (const char *relative,
                  gsize      *out_len)
{
  const char *root = g_getenv ("TILL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", relative, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, out_len, &error);
  g_assert_no_error (error);
  return data;
}

static TillImportReport *
import_text (Fixture            *f,
             TillCatalogCsvKind  kind,
             const char         *text,
             gboolean            skip_invalid,
             gboolean            expect_ok)
{
  g_autoptr(GError) error = NULL;
  TillImportReport *report = NULL;
  gboolean ok = till_catalog_import (f->context, kind, text, strlen (text), skip_invalid, &report, &error);

  if (ok != expect_ok)
    g_error ("import %s: %s", ok ? "succeeded" : "failed", error != NULL ? error->message : "");
  if (!ok)
    g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_nonnull (report);
  return report;
}

static void
assert_reported (TillImportReport *report,
                 guint             row,
                 const char       *field,
                 const char       *part)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      TillImportProblem *problem = report->problems->pdata[i];

      if (problem->row == row && g_str_equal (problem->field, field) && strstr (problem->reason, part) != NULL)
        return;
    }
  {
    g_autofree char *csv = till_import_report_to_csv (report);
    g_error ("the report does not name row %u, %s (“%s”):\n%s", row, field, part, csv);
  }
}

#define HEADER "sku,name,category,price,tax_rate,sold_by,barcodes,active,discountable\n"

static void
test_demo_csv_round_trip_byte_identical (Fixture       *f,
                                         gconstpointer  data)
{
  gsize products_len, categories_len;
  g_autofree char *products = read_source_file ("data/demo/products.csv", &products_len);
  g_autofree char *categories = read_source_file ("data/demo/categories.csv", &categories_len);
  g_autoptr(TillImportReport) first = NULL;
  g_autoptr(TillImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_products = NULL;
  g_autofree char *exported_categories = NULL;
  gint64 audit_rows;

  /* Into an empty database: categories and tax rates are created as needed. */
  g_assert_true (till_catalog_import (f->context, TILL_CATALOG_CSV_CATEGORIES, categories, categories_len,
                                      FALSE, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_added, ==, 10);
  g_clear_pointer (&first, till_import_report_free);
  g_assert_true (till_catalog_import (f->context, TILL_CATALOG_CSV_PRODUCTS, products, products_len,
                                      FALSE, &first, &error));
  g_assert_no_error (error);
  g_assert_true (first->committed);
  g_assert_cmpuint (first->n_rows, >=, 60);
  g_assert_cmpuint (first->n_added, ==, first->n_rows);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, first->n_rows);

  exported_products = till_catalog_export (f->context, TILL_CATALOG_CSV_PRODUCTS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (exported_products), ==, products_len);
  g_assert_cmpstr (exported_products, ==, products);
  exported_categories = till_catalog_export (f->context, TILL_CATALOG_CSV_CATEGORIES, &error);
  g_assert_cmpstr (exported_categories, ==, categories);

  /* Twice: every row found again, nothing added, nothing written. */
  audit_rows = till_audit_count (f->store, NULL);
  g_assert_true (till_catalog_import (f->context, TILL_CATALOG_CSV_PRODUCTS, products, products_len,
                                      FALSE, &again, &error));
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_updated, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, first->n_rows);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, first->n_rows);
  g_assert_cmpint (till_audit_count (f->store, NULL), ==, audit_rows);
}

static void
test_import_updates_by_sku (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(TillProductRecord) stored = NULL;
  g_autofree char *template = with_check ("210013500000");
  g_autofree char *file = g_strdup_printf (HEADER
                                           "CHE-001,Comté,Cheese,34.90,7,weight,%s,true,true\n"
                                           "VIE-001,Croissant,Bread,1.20,19.5,unit,4006381333931|96385074,true,false\n",
                                           template);
  g_autofree char *changed = g_strdup_printf (HEADER
                                              "VIE-001,Croissant au beurre,Bread,1.25,19.5,unit,96385074,false,false\n");
  g_autoptr(TillTaxRate) rate = NULL;
  g_autoptr(TillCategory) cheese = NULL;

  report = import_text (f, TILL_CATALOG_CSV_PRODUCTS, file, FALSE, TRUE);
  g_assert_cmpuint (report->n_added, ==, 2);
  /* The unknown category and rate were made. */
  cheese = till_catalog_find_category (f->store, "Cheese", NULL);
  g_assert_nonnull (cheese);
  rate = till_catalog_find_tax_rate_by_bp (f->store, 1950, NULL);
  g_assert_nonnull (rate);
  g_assert_cmpstr (rate->name, ==, "19.5 %");

  g_clear_pointer (&report, till_import_report_free);
  report = import_text (f, TILL_CATALOG_CSV_PRODUCTS, changed, FALSE, TRUE);
  g_assert_cmpuint (report->n_updated, ==, 1);
  stored = till_catalog_get_product (f->store, till_catalog_find_product_by_sku (f->store, "VIE-001", NULL), NULL);
  g_assert_cmpstr (stored->name, ==, "Croissant au beurre");
  g_assert_cmpint (stored->price, ==, 125);
  g_assert_false (stored->active);
  g_assert_cmpuint (stored->barcodes->len, ==, 1);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 2);
}

static void
test_import_bad_files_named_in_report (Fixture       *f,
                                       gconstpointer  data)
{
  struct
  {
    const char *what;
    const char *text;
    guint       row;
    const char *field;
    const char *part;
  } cases[] = {
    { "wrong header",
      "sku,name,category,price,vat,sold_by,barcodes,active,discountable\nX,Y,Bread,1,7,unit,,true,true\n",
      1, "tax_rate", "missing" },
    { "an unexpected column",
      "sku,name,category,price,vat,sold_by,barcodes,active,discountable\nX,Y,Bread,1,7,unit,,true,true\n",
      1, "vat", "not expected" },
    { "a missing column",
      "sku,name,category,price,tax_rate,sold_by,barcodes,active\nX,Y,Bread,1,7,unit,,true\n",
      1, "discountable", "missing" },
    { "bad UTF-8",
      HEADER "BAD-1,Pain \xe9pices,Bread,1.00,7,unit,,true,true\n",
      2, "name", "not UTF-8" },
    { "a newline in a quoted name",
      HEADER "OK-1,Fine,Bread,1.00,7,unit,,true,true\n"
             "NL-1,\"Pain\nde mie\",Bread,1.00,7,unit,,true,true\n",
      3, "name", "newline" },
    { "a duplicate SKU",
      HEADER "DUP-1,One,Bread,1.00,7,unit,,true,true\nOK-2,Two,Bread,1.00,7,unit,,true,true\n"
             "DUP-1,Again,Bread,1.00,7,unit,,true,true\n",
      4, "sku", "also on row 2" },
    { "a wrong field count",
      HEADER "SHORT-1,Short,Bread,1.00\n",
      2, "", "fields" },
    { "values of every kind",
      HEADER "V-1,Values,Bread,2.405,7,box,,maybe,true\n",
      2, "price", "decimals" },
    { "a bad sold_by",
      HEADER "V-1,Values,Bread,2.405,7,box,,maybe,true\n",
      2, "sold_by", "box" },
    { "a bad boolean",
      HEADER "V-1,Values,Bread,2.405,7,box,,maybe,true\n",
      2, "active", "maybe" },
    { "a bad tax rate",
      HEADER "V-2,Values,Bread,2.40,seven,unit,,true,true\n",
      2, "tax_rate", "seven" },
    { "a bad barcode",
      HEADER "V-3,Values,Bread,2.40,7,unit,4006381333931|4006381333932,true,true\n",
      2, "barcodes", "check digit" },
    { "an unclosed quote",
      HEADER "Q-1,\"Open,Bread,2.40,7,unit,,true,true\n",
      2, "", "never closed" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TillImportReport) report = NULL;

      g_test_message ("%s", cases[i].what);
      report = import_text (f, TILL_CATALOG_CSV_PRODUCTS, cases[i].text, FALSE, FALSE);
      assert_reported (report, cases[i].row, cases[i].field, cases[i].part);
      g_assert_false (report->committed);
      /* All or nothing: even the good rows are not there. */
      g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 0);
    }
}

static void
test_import_skip_invalid_keeps_good_rows (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(TillImportReport) report = NULL;
  g_autofree char *csv = NULL;

  report = import_text (f, TILL_CATALOG_CSV_PRODUCTS,
                        HEADER "OK-1,Fine,Bread,1.00,7,unit,,true,true\n"
                               "BAD-1,Bad,New category,-1,7,unit,,true,true\n"
                               "OK-2,Also fine,Bread,2.00,7,unit,4006381333931,true,true\n",
                        TRUE, TRUE);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->n_invalid, ==, 1);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, 2);
  /* The bad row's new category went with it. */
  g_assert_null (till_catalog_find_category (f->store, "New category", NULL));

  csv = till_import_report_to_csv (report);
  g_assert_true (g_str_has_prefix (csv, "row,field,reason\n3,price,"));
}

static void
test_categories_import_and_refusals (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(TillCategory) bread = NULL;

  report = import_text (f, TILL_CATALOG_CSV_CATEGORIES,
                        "name,colour,position,earns_points\nBread,#e01b24,5,false\nGifts,#77767b,9,false\n",
                        FALSE, TRUE);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (report->n_added, ==, 1);
  bread = till_catalog_find_category (f->store, "Bread", NULL);
  g_assert_cmpstr (bread->colour, ==, "#e01b24");
  g_assert_false (bread->earns_points);

  g_clear_pointer (&report, till_import_report_free);
  report = import_text (f, TILL_CATALOG_CSV_CATEGORIES,
                        "name,colour,position,earns_points\nA,red,1,true\nB,#000000,-1,yes\nA,#000000,1,true\n",
                        FALSE, FALSE);
  assert_reported (report, 2, "colour", "not a colour");
  assert_reported (report, 3, "position", "-1");
  assert_reported (report, 3, "earns_points", "yes");
  assert_reported (report, 4, "name", "also on row 2");
}

typedef struct
{
  GMainLoop        *loop;
  TillImportReport *report;
  gboolean          ok;
} AsyncWait;

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->ok = till_catalog_import_finish (TILL_CONTEXT (source), result, &wait->report, &error);
  g_assert_no_error (error);
  g_main_loop_quit (wait->loop);
}

static void
test_import_in_worker_thread (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (HEADER "T-1,Threaded,Bread,1.00,7,unit,,true,true\n",
                                                strlen (HEADER "T-1,Threaded,Bread,1.00,7,unit,,true,true\n"));
  AsyncWait wait = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  till_catalog_import_async (f->context, TILL_CATALOG_CSV_PRODUCTS, bytes, FALSE, NULL, on_imported, &wait);
  g_main_loop_run (wait.loop);
  g_assert_true (wait.ok);
  g_assert_cmpuint (wait.report->n_added, ==, 1);
  /* Written through its own connection, seen through ours. */
  g_assert_cmpint (till_catalog_find_product_by_sku (f->store, "T-1", NULL), >, 0);
  till_import_report_free (wait.report);
  g_main_loop_unref (wait.loop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, empty, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (empty), fixture_set_up, func, fixture_tear_down)
  ADD ("/catalog/product/saved-with-barcodes-in-order-and-audited-by-field", FALSE, test_product_saved_with_barcodes_in_order);
  ADD ("/catalog/product/form-refuses-bad-fields-and-saves-nothing", FALSE, test_product_form_refuses_bad_fields);
  ADD ("/catalog/product/sold-product-is-retired-not-deleted", FALSE, test_sold_product_retired_not_deleted);
  ADD ("/catalog/tax-rate/in-use-is-retired-not-deleted-and-changes-apply-ahead", FALSE, test_tax_rate_in_use_only_retired);
  ADD ("/catalog/category/refuses-duplicates-bad-colours-and-deleting-a-full-one", FALSE, test_category_rules);
  ADD ("/catalog/permission/cashier-may-not-edit-catalog-or-settings", FALSE, test_cashier_may_not_edit_catalog_or_settings);
  ADD ("/catalog/scan/resolves-in-design-order-and-refuses-misreads", FALSE, test_scan_resolves_in_design_order);
  ADD ("/catalog/search/by-name-start-sku-barcode-and-scale-label", FALSE, test_search_by_name_sku_barcode_and_label);
  ADD ("/settings/defaults-set-normalised-and-audited-by-key-only", FALSE, test_settings_defaults_set_and_audited_by_name);
  ADD ("/settings/currency-refused-once-sales-exist", FALSE, test_currency_refused_once_sales_exist);
  ADD ("/catalog/csv/demo-into-empty-database-exports-byte-identical-and-twice-adds-nothing", TRUE, test_demo_csv_round_trip_byte_identical);
  ADD ("/catalog/csv/import-matches-by-sku-and-creates-unknown-category-and-rate", FALSE, test_import_updates_by_sku);
  ADD ("/catalog/csv/bad-files-named-by-row-and-field-nothing-saved", FALSE, test_import_bad_files_named_in_report);
  ADD ("/catalog/csv/skip-invalid-keeps-the-good-rows", FALSE, test_import_skip_invalid_keeps_good_rows);
  ADD ("/catalog/csv/categories-match-by-name-and-refusals-named", FALSE, test_categories_import_and_refusals);
  ADD ("/catalog/csv/import-runs-in-a-worker-thread", FALSE, test_import_in_worker_thread);
#undef ADD

  return g_test_run ();
}
