/* test-products.c: the Products and Settings pages of the real window, driven through their widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-catalog-csv.h"
#include "till-catalog.h"
#include "till-demo.h"
#include "till-products-page.h"
#include "till-settings-page.h"
#include "till-settings-service.h"
#include "till-staff-service.h"
#include "till-staff.h"
#include "till-window.h"

typedef struct
{
  char         *dir;
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  TillWindow   *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(TillStaffRecord) manager = NULL;

  f->dir = g_dir_make_tmp ("till-ui-products-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "till.db", NULL);
  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  f->window = till_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));

  /* A manager keeps the catalog. */
  manager = till_staff_get_by_name (f->store, "Marc Lefèvre", &error);
  g_assert_no_error (error);
  g_assert_true (till_staff_service_sign_in (f->context, manager->id, "2468", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->context);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_object_unref (f->notifier);
  g_free (f->dir);
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      found = find_by_id (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_page (Fixture    *f,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)),
                                         name);
}

static TillProductsPage *
products_page (Fixture *f)
{
  show_page (f, "products");
  return TILL_PRODUCTS_PAGE (find_by_type (GTK_WIDGET (f->window), TILL_TYPE_PRODUCTS_PAGE));
}

/* A widget of the Products page by its id (other pages have a search_entry too) */
static GtkWidget *
child_of (Fixture    *f,
          const char *id)
{
  GtkWidget *widget = find_by_id (GTK_WIDGET (products_page (f)), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (Fixture    *f,
          const char *id,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, id)), text);
}

/* Picks the dropdown item whose label starts with @label */
static void
choose (Fixture    *f,
        const char *id,
        const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (child_of (f, id));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("%s has no item “%s”", id, label);
}

static gboolean
action (Fixture    *f,
        const char *name)
{
  return gtk_widget_activate_action (GTK_WIDGET (products_page (f)), name, NULL);
}

static void
add_barcode (Fixture    *f,
             const char *code)
{
  set_text (f, "barcode_entry", code);
  g_assert_true (action (f, "products.add-barcode"));
}

static char *
with_check (const char *payload)
{
  return g_strdup_printf ("%s%d", payload, till_gs1_check_digit (payload, strlen (payload)));
}

typedef struct
{
  Fixture    *f;
  const char *search;
} SearchWait;

static gboolean
search_applied (gpointer data)
{
  SearchWait *wait = data;
  TillProductList *list = till_products_page_get_list (products_page (wait->f));
  const char *search = till_product_list_get_search (list);

  /* Empty text browses: the list has no search then. */
  return g_strcmp0 (search, wait->search[0] != '\0' ? wait->search : NULL) == 0;
}

/* Types into the search entry and waits as a person would; returns how many match */
static guint
type_search (Fixture    *f,
             const char *text)
{
  SearchWait wait = { f, text };

  g_test_message ("search “%s”", text);
  set_text (f, "search_entry", text);
  wait_until (search_applied, &wait, "the search runs");
  return g_list_model_get_n_items (G_LIST_MODEL (till_products_page_get_list (products_page (f))));
}

/* Searches, then presses Enter as a scanner does: the first match opens. */
static gint64
find_and_open (Fixture    *f,
               const char *text)
{
  g_assert_cmpuint (type_search (f, text), >=, 1);
  g_signal_emit_by_name (child_of (f, "search_entry"), "activate");
  return till_products_page_get_shown_id (products_page (f));
}

static gboolean
error_visible (Fixture    *f,
               const char *id)
{
  GtkWidget *label = child_of (f, id);
  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

static void
test_create_find_and_retire (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *template = with_check ("210077700000");
  g_autofree char *price_template = with_check ("230077700000");
  g_autofree char *label = with_check ("210077701234");
  g_autofree char *price_label = with_check ("230077700899");
  g_autoptr(TillProductRecord) bagnat = NULL;
  g_autoptr(TillProductRecord) terrine = NULL;
  g_autoptr(TillProductRecord) retired = NULL;
  TillProductsPage *page = products_page (f);
  gint64 before = till_catalog_count_products (f->store, NULL);
  gint64 bagnat_id, terrine_id;

  /* A product sold by the piece, with two barcodes */
  g_assert_true (action (f, "products.new"));
  g_assert_cmpint (till_products_page_get_shown_id (page), ==, 0);
  set_text (f, "sku_entry", "SAN-010");
  set_text (f, "name_entry", "Pan bagnat");
  choose (f, "category_dropdown", "Sandwiches");
  set_text (f, "price_entry", "5.90");
  choose (f, "tax_dropdown", "Reduced 7 %");
  add_barcode (f, "4006381333931");
  add_barcode (f, "96385074");
  g_assert_true (till_products_page_is_dirty (page));
  g_assert_true (action (f, "products.save"));

  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, before + 1);
  bagnat_id = till_catalog_find_product_by_sku (f->store, "SAN-010", NULL);
  bagnat = till_catalog_get_product (f->store, bagnat_id, NULL);
  g_assert_cmpstr (bagnat->name, ==, "Pan bagnat");
  g_assert_cmpint (bagnat->price, ==, 590);
  g_assert_cmpstr (bagnat->category_name, ==, "Sandwiches");
  g_assert_cmpint (bagnat->tax_rate_bp, ==, 700);
  g_assert_false (bagnat->sold_by_weight);
  g_assert_cmpuint (bagnat->barcodes->len, ==, 2);
  g_assert_cmpstr (bagnat->barcodes->pdata[0], ==, "4006381333931");
  g_assert_cmpstr (bagnat->barcodes->pdata[1], ==, "96385074");
  g_assert_cmpint (till_products_page_get_shown_id (page), ==, bagnat_id);
  g_assert_false (till_products_page_is_dirty (page));

  /* A weighed product: a scale template on a unit product is refused at
   * once, and accepted once it is sold by weight. */
  g_assert_true (action (f, "products.new"));
  set_text (f, "sku_entry", "DEL-010");
  set_text (f, "name_entry", "Terrine de campagne");
  choose (f, "category_dropdown", "Deli");
  set_text (f, "price_entry", "24.90");
  add_barcode (f, template);
  g_assert_true (error_visible (f, "barcodes_error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "barcodes_error"))), "sold by weight"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (f, "sold_by_dropdown")), 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "price_unit"))), "per kg"));
  add_barcode (f, template);
  g_assert_false (error_visible (f, "barcodes_error"));
  /* and the template its scale prints price labels with */
  add_barcode (f, price_template);
  g_assert_true (action (f, "products.save"));

  terrine_id = till_catalog_find_product_by_sku (f->store, "DEL-010", NULL);
  g_assert_cmpint (terrine_id, >, 0);
  terrine = till_catalog_get_product (f->store, terrine_id, NULL);
  g_assert_true (terrine->sold_by_weight);
  g_assert_cmpint (terrine->price, ==, 2490);
  g_assert_cmpuint (terrine->barcodes->len, ==, 2);
  g_assert_cmpstr (terrine->barcodes->pdata[0], ==, template);
  g_assert_cmpstr (terrine->barcodes->pdata[1], ==, price_template);

  /* Found by each barcode, by a scale label (weight and price), and by the start of the name */
  g_assert_cmpint (find_and_open (f, "96385074"), ==, bagnat_id);
  g_assert_cmpint (find_and_open (f, "4006381333931"), ==, bagnat_id);
  g_assert_cmpint (find_and_open (f, label), ==, terrine_id);
  g_assert_cmpint (find_and_open (f, price_label), ==, terrine_id);
  g_assert_cmpint (find_and_open (f, "pan ba"), ==, bagnat_id);
  g_assert_cmpint (find_and_open (f, "terr"), ==, terrine_id);
  g_assert_cmpuint (type_search (f, "terrine camp"), ==, 1);

  /* Retired: not sold any more, gone from the products on sale, there under "Retired" */
  g_assert_cmpint (find_and_open (f, "pan ba"), ==, bagnat_id);
  g_assert_true (action (f, "products.retire"));
  retired = till_catalog_get_product (f->store, bagnat_id, NULL);
  g_assert_false (retired->active);
  g_assert_true (gtk_widget_get_visible (child_of (f, "retired_badge")));
  g_assert_cmpuint (type_search (f, "pan ba"), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (f, "state_filter")), 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (till_products_page_get_list (page))), ==, 1);
  g_assert_cmpuint (type_search (f, ""), ==, 1);
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, before + 2);
}

static void
test_form_refuses_bad_fields (Fixture       *f,
                              gconstpointer  data)
{
  TillProductsPage *page = products_page (f);
  gint64 before = till_catalog_count_products (f->store, NULL);
  gint64 croissant;

  croissant = find_and_open (f, "VIE-001");
  g_assert_cmpint (croissant, >, 0);
  set_text (f, "name_entry", "  ");
  set_text (f, "price_entry", "-1.20");
  add_barcode (f, "4006381333932");
  /* A bad check digit is told at once and not added. */
  g_assert_true (error_visible (f, "barcodes_error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "barcodes_error"))), "check digit"));
  set_text (f, "barcode_entry", "");
  gtk_widget_activate_action (GTK_WIDGET (page), "products.save", NULL);
  g_assert_true (error_visible (f, "name_error"));
  g_assert_true (error_visible (f, "price_error"));
  g_assert_true (gtk_widget_has_css_class (child_of (f, "price_entry"), "error"));

  /* A SKU another product has */
  set_text (f, "name_entry", "Croissant");
  set_text (f, "price_entry", "1.20");
  set_text (f, "sku_entry", "VIE-002");
  gtk_widget_activate_action (GTK_WIDGET (page), "products.save", NULL);
  g_assert_true (error_visible (f, "sku_error"));
  g_assert_false (error_visible (f, "name_error"));
  {
    g_autoptr(TillProductRecord) stored = till_catalog_get_product (f->store, croissant, NULL);
    g_assert_cmpstr (stored->sku, ==, "VIE-001");
    g_assert_cmpstr (stored->name, ==, "Croissant");
  }
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, before);

  gtk_widget_activate_action (GTK_WIDGET (page), "products.revert", NULL);
  g_assert_false (error_visible (f, "sku_error"));
  g_assert_false (till_products_page_is_dirty (page));
}

static gboolean
import_done (gpointer data)
{
  return !till_products_page_is_importing (products_page (data));
}

static void
test_import_report_and_export (Fixture       *f,
                               gconstpointer  data)
{
  TillProductsPage *page = products_page (f);
  g_autofree char *path = g_build_filename (f->dir, "new.csv", NULL);
  g_autofree char *out_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  gint64 before = till_catalog_count_products (f->store, NULL);

  g_file_set_contents (path,
                       "sku,name,category,price,tax_rate,sold_by,barcodes,active,discountable\n"
                       "NEW-1,Fougasse,Bread,3.20,7,unit,,true,true\n"
                       "NEW-2,\"Pain\nde mie\",Bread,2.405,7,unit,,true,true\n", -1, &error);
  g_assert_no_error (error);

  till_products_page_import_file (page, file, TILL_CATALOG_CSV_PRODUCTS, FALSE);
  wait_until (import_done, f, "the import ends");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child_of (f, "report_revealer"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child_of (f, "report_title"))), ==, "Nothing was imported");
  /* The report names the row and the fields. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child_of (f, "report_list")), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (GTK_LIST_BOX (child_of (f, "report_list")), 0))), ==,
                   "Row 3 · name");
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, before);

  /* The good rows only, as the report offers */
  g_assert_true (gtk_widget_get_visible (child_of (f, "report_skip_button")));
  g_assert_true (action (f, "products.import-good-rows"));
  wait_until (import_done, f, "the second import ends");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child_of (f, "report_title"))), ==, "Imported 1 row of products");
  g_assert_cmpint (till_catalog_count_products (f->store, NULL), ==, before + 1);
  g_assert_cmpuint (type_search (f, "fougasse"), ==, 1);

  g_assert_true (till_products_page_export_file (page, out, TILL_CATALOG_CSV_PRODUCTS, &error));
  g_assert_no_error (error);
  g_file_get_contents (out_path, &exported, NULL, &error);
  expected = till_catalog_export (f->context, TILL_CATALOG_CSV_PRODUCTS, NULL);
  g_assert_cmpstr (exported, ==, expected);
  g_assert_nonnull (strstr (exported, "\nNEW-1,Fougasse,Bread,3.20,7,unit,,true,true\n"));
}

static void
apply (GtkWidget  *row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_settings_refused_then_saved (Fixture       *f,
                                  gconstpointer  data)
{
  TillSettingsPage *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  GtkWidget *rounding, *rules, *register_id, *includes;

  show_page (f, "settings");
  page = TILL_SETTINGS_PAGE (find_by_type (GTK_WIDGET (f->window), TILL_TYPE_SETTINGS_PAGE));

  /* Every shop setting has its row. */
  {
    gsize n;
    const TillSettingSpec *specs = till_settings_spec_get_all (&n);
    for (gsize i = 0; i < n; i++)
      g_assert_nonnull (till_settings_page_get_row (page, specs[i].key));
  }

  /* Money is typed as money and stored in minor units. */
  rounding = till_settings_page_get_row (page, "cash_rounding");
  apply (rounding, "abc");
  g_assert_nonnull (till_settings_page_get_error (page, "cash_rounding"));
  g_assert_true (gtk_widget_has_css_class (rounding, "error"));
  value = till_settings_service_get (f->context, "cash_rounding", NULL);
  g_assert_cmpstr (value, ==, "0");
  apply (rounding, "0.05");
  g_assert_null (till_settings_page_get_error (page, "cash_rounding"));
  g_free (value);
  value = till_settings_service_get (f->context, "cash_rounding", NULL);
  g_assert_cmpstr (value, ==, "5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rounding)), ==, "0.05");

  /* A scale prefix out of bounds is refused with the reason under the row. */
  rules = till_settings_page_get_row (page, "scale.rules");
  apply (rules, "21:weight,29:price");
  g_assert_nonnull (strstr (till_settings_page_get_error (page, "scale.rules"), "from 20 to 28"));
  apply (rules, "23:price, 21:weight ");
  g_assert_null (till_settings_page_get_error (page, "scale.rules"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rules)), ==, "21:weight,23:price");

  /* A switch */
  includes = till_settings_page_get_row (page, "prices_include_tax");
  g_assert_true (till_settings_service_get_boolean (f->context, "prices_include_tax"));
  /* (activating the switch animates first; setting it is where a click ends) */
  gtk_switch_set_active (GTK_SWITCH (find_by_type (includes, GTK_TYPE_SWITCH)), FALSE);
  g_assert_false (till_settings_service_get_boolean (f->context, "prices_include_tax"));

  /* This register's own setting lives in GSettings, bounds checked. */
  register_id = till_settings_page_get_row (page, "register-id");
  apply (register_id, "1000");
  g_assert_nonnull (till_settings_page_get_error (page, "register-id"));
  apply (register_id, "3");
  g_assert_null (till_settings_page_get_error (page, "register-id"));
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.tillpos.Till");
    g_assert_cmpuint (g_settings_get_uint (settings, "register-id"), ==, 3);
    g_settings_reset (settings, "register-id");
  }
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      found = find_by_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
settings_widget (Fixture    *f,
                 const char *name)
{
  GtkWidget *widget = find_by_name (find_by_type (GTK_WIDGET (f->window), TILL_TYPE_SETTINGS_PAGE), name);

  if (widget == NULL)
    g_error ("no widget named %s on the Settings page", name);
  return widget;
}

static void
test_tax_rates_and_categories_managed (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(TillTaxRate) luxury = NULL;
  g_autoptr(TillCategory) seasonal = NULL;
  g_autoptr(TillTaxRate) reduced = NULL;
  g_autofree char *reduced_delete = NULL;
  g_autofree char *luxury_delete = NULL;

  show_page (f, "settings");

  /* A new rate: a bad percent is told under it, then it is added. */
  gtk_editable_set_text (GTK_EDITABLE (settings_widget (f, "tax-rate-new-name")), "Luxury 25 %");
  gtk_editable_set_text (GTK_EDITABLE (settings_widget (f, "tax-rate-new-rate")), "125");
  g_signal_emit_by_name (settings_widget (f, "tax-rate-new-save"), "clicked");
  g_assert_true (gtk_widget_get_visible (settings_widget (f, "tax-rate-new-error")));
  g_assert_null (till_catalog_find_tax_rate_by_name (f->store, "Luxury 25 %", NULL));
  gtk_editable_set_text (GTK_EDITABLE (settings_widget (f, "tax-rate-new-rate")), "25");
  g_signal_emit_by_name (settings_widget (f, "tax-rate-new-save"), "clicked");
  luxury = till_catalog_find_tax_rate_by_name (f->store, "Luxury 25 %", NULL);
  g_assert_nonnull (luxury);
  g_assert_cmpint (luxury->rate_bp, ==, 2500);

  /* A rate in use cannot be deleted (its button is off); an unused one can. */
  reduced = till_catalog_find_tax_rate_by_name (f->store, "Reduced 7 %", NULL);
  reduced_delete = g_strdup_printf ("tax-rate-%" G_GINT64_FORMAT "-delete", reduced->id);
  g_assert_false (gtk_widget_get_sensitive (settings_widget (f, reduced_delete)));
  luxury_delete = g_strdup_printf ("tax-rate-%" G_GINT64_FORMAT "-delete", luxury->id);
  g_assert_true (gtk_widget_get_sensitive (settings_widget (f, luxury_delete)));
  g_signal_emit_by_name (settings_widget (f, luxury_delete), "clicked");
  g_clear_pointer (&luxury, till_tax_rate_free);
  luxury = till_catalog_find_tax_rate_by_name (f->store, "Luxury 25 %", NULL);
  g_assert_null (luxury);

  /* A new category earns points unless told otherwise. */
  gtk_editable_set_text (GTK_EDITABLE (settings_widget (f, "category-new-name")), "Seasonal");
  g_signal_emit_by_name (settings_widget (f, "category-new-save"), "clicked");
  seasonal = till_catalog_find_category (f->store, "Seasonal", NULL);
  g_assert_nonnull (seasonal);
  g_assert_true (seasonal->earns_points);
  /* and is offered on the Products page at once */
  products_page (f);
  choose (f, "category_filter", "Seasonal");
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under Xvfb (build-aux/test does)\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/products/create-two-barcodes-and-a-weighed-one-find-each-and-retire", test_create_find_and_retire);
  ADD ("/products/form-refuses-bad-fields-next-to-them-and-saves-nothing", test_form_refuses_bad_fields);
  ADD ("/products/import-report-in-the-window-good-rows-and-export", test_import_report_and_export);
  ADD ("/settings/refusal-shown-under-the-row-then-saved", test_settings_refused_then_saved);
  ADD ("/settings/tax-rates-and-categories-added-refused-and-deleted", test_tax_rates_and_categories_managed);
#undef ADD

  return g_test_run ();
}
