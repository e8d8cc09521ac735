/* test-sell.c: the Sell page in the real window, driven through its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-checkout.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-orders.h"
#include "till-sell-page.h"
#include "till-staff.h"
#include "till-window.h"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  TillWindow   *window;
  TillSellPage *page;
} Fixture;

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      if ((found = find_by_id (child, id)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
child_of (Fixture    *f,
          const char *id)
{
  GtkWidget *widget = find_by_id (GTK_WIDGET (f->page), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-sell-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "till.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(TillStaffRecord) lena = NULL;

  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  f->window = till_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));

  lena = till_staff_get_by_name (f->store, "Lena Vogel", NULL);
  till_context_set_staff (f->context, lena->id, lena->name, lena->role);
  f->page = TILL_SELL_PAGE (find_by_type (GTK_WIDGET (f->window), TILL_TYPE_SELL_PAGE));
  g_assert_nonnull (f->page);
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
}

/* Types into the scan entry and presses Enter, as a scanner or a person does. */
static void
type_enter (Fixture    *f,
            const char *id,
            const char *text)
{
  GtkWidget *entry = child_of (f, id);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
scan (Fixture    *f,
      const char *text)
{
  type_enter (f, "scan_entry", text);
}

static void
press (Fixture    *f,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

static const char *
banner (Fixture *f)
{
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (child_of (f, "banner_revealer"))))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child_of (f, "banner_label")));
}

static char *
scale_label (Fixture    *f,
             const char *sku,
             guint       grams)
{
  g_autoptr(GString) label = g_string_new (NULL);
  gint64 id = 0;
  g_autoptr(TillProductSnapshot) product = till_orders_get_product_by_sku (f->store, sku, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int check;

  g_assert_nonnull (product);
  id = product->id;
  /* The product's template with the weight in its value digits */
  g_assert_cmpint (sqlite3_open_v2 (till_store_get_path (f->store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT code FROM barcodes WHERE product_id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_len (label, (const char *)sqlite3_column_text (stmt, 0), 7);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_string_append_printf (label, "%05u", grams);
  check = till_gs1_check_digit (label->str, 12);
  g_string_append_printf (label, "%d", check);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

typedef struct
{
  TillSellPage *page;
} PaidWait;

static gboolean
order_paid (gpointer data)
{
  return till_order_is_paid (till_sell_page_get_order (((Fixture *)data)->page));
}

static gboolean
card_answered (gpointer data)
{
  Fixture *f = data;
  return till_order_get_payments (till_sell_page_get_order (f->page))->len > 0 &&
         !gtk_spinner_get_spinning (GTK_SPINNER (child_of (f, "card_spinner")));
}

static void
wait_until (gboolean (*condition) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
use_terminal (Fixture    *f,
              const char *behaviour)
{
  g_autoptr(TillPaymentTerminal) terminal = till_simulated_terminal_new (behaviour);

  till_simulated_terminal_set_delay_ms (TILL_SIMULATED_TERMINAL (terminal), 5);
  till_sell_page_set_terminal (f->page, terminal);
}

/* The order's lines now: every accepted change replaces the array */
#define LINE(f, i) ((TillOrderLineRecord *)till_order_get_lines (till_sell_page_get_order ((f)->page))->pdata[i])

static void
test_sale_matches_the_quote (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TillCustomerRecord) customer = till_customers_get (f->store, 2, NULL);
  g_autofree char *label = scale_label (f, "DEL-001", 350);
  g_autoptr(TillOrder) quote = NULL;
  g_autoptr(GError) error = NULL;
  TillOrder *order;
  const TillOrderRecord *record;
  TillDiscount ten = { TILL_DISCOUNT_PERCENT, 1000 };
  GPtrArray *lines, *quoted;

  /* By barcode (twice: one line of 2), by a scale label, by a search and Enter */
  scan (f, "4012345000092");           /* the demo's croissant barcode */
  scan (f, "4012345000092");
  scan (f, label);
  scan (f, "café cr");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (f, "left_stack"))), ==, "results");
  scan (f, "café cr");                 /* Enter again takes the first match */
  g_assert_null (banner (f));
  /* The customer, by their loyalty card */
  scan (f, customer->card);
  order = till_sell_page_get_order (f->page);
  lines = till_order_get_lines (order);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (((TillOrderLineRecord *)lines->pdata[0])->qty, ==, 2000);
  g_assert_cmpint (((TillOrderLineRecord *)lines->pdata[1])->qty, ==, 350);
  g_assert_cmpint (till_order_get_record (order)->customer_id, ==, customer->id);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child_of (f, "customer_name"))), ==, customer->name);

  /* A line discount on the selected (last) line through F7 */
  press (f, "sell.discount");
  scan (f, "10%");
  g_assert_null (banner (f));
  g_assert_cmpstr (LINE (f, 2)->discount_kind, ==, "percent");
  lines = till_order_get_lines (order);

  /* The checkout engine's quote of the same basket */
  quote = till_checkout_open_transient (f->context, &error);
  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *line = lines->pdata[i];
      till_checkout_add_product (f->context, quote, line->product_id, line->code, line->qty, FALSE, 0, FALSE, &error);
    }
  till_checkout_set_customer (f->context, quote, customer->id, &error);
  till_checkout_set_line_discount (f->context, quote, 2, ten, NULL, &error);
  g_assert_no_error (error);

  /* Split: 5.00 in cash, the rest on the card */
  use_terminal (f, "approve");
  press (f, "sell.pay-cash");
  type_enter (f, "tendered_entry", "5");
  g_assert_null (banner (f));
  g_assert_false (till_order_is_paid (order));
  press (f, "sell.pay-card");
  wait_until (order_paid, f, "the card completes the sale");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (f, "action_stack"))), ==, "paid");

  record = till_order_get_record (order);
  lines = till_order_get_lines (order);
  quoted = till_order_get_lines (quote);
  g_assert_cmpint (record->total, ==, till_order_get_total (quote));
  g_assert_cmpint (record->points, ==, till_order_get_record (quote)->points);
  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *a = lines->pdata[i], *b = quoted->pdata[i];
      g_assert_cmpint (a->paid, ==, b->paid);
      g_assert_cmpint (a->tax, ==, b->tax);
      g_assert_cmpint (a->points, ==, b->points);
    }
  g_assert_cmpint (record->receipt_number, ==, 1);
  g_assert_cmpint (record->change, ==, 0);
  g_assert_cmpuint (till_order_get_payments (order)->len, ==, 2);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "paid_label"))), "points earned"));
  {
    g_autoptr(TillCustomerRecord) after = till_customers_get (f->store, customer->id, NULL);
    g_assert_cmpint (after->balance, ==, customer->balance + record->points);
  }

  /* Enter on the empty entry starts the next sale. */
  scan (f, "");
  g_assert_false (till_order_is_paid (till_sell_page_get_order (f->page)));
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 0);
}

static void
test_declined_card_then_cash (Fixture       *f,
                              gconstpointer  data)
{
  TillOrder *order;
  gint64 total;

  scan (f, "VIE-002");
  scan (f, "HOT-003");
  order = till_sell_page_get_order (f->page);
  total = till_order_get_total (order);

  use_terminal (f, "decline");
  press (f, "sell.pay-card");
  wait_until (card_answered, f, "the terminal answers");
  g_assert_nonnull (banner (f));
  g_assert_nonnull (strstr (banner (f), "not accepted"));
  g_assert_false (till_order_is_paid (order));
  g_assert_cmpint (till_order_get_due (order), ==, total);
  g_assert_cmpuint (till_order_get_lines (order)->len, ==, 2);
  g_assert_true (gtk_widget_get_visible (child_of (f, "attempts_list")));

  press (f, "sell.pay-cash");
  type_enter (f, "tendered_entry", "");        /* Enter alone: exact */
  g_assert_true (till_order_is_paid (order));
  g_assert_cmpuint (till_order_get_payments (order)->len, ==, 2);
}

static void
test_discount_needs_a_manager_pin (Fixture       *f,
                                   gconstpointer  data)
{
  TillOrder *order;

  scan (f, "CAK-007");
  order = till_sell_page_get_order (f->page);
  press (f, "sell.order-discount");
  scan (f, "50%");
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (child_of (f, "scan_entry"))));   /* a PIN, hidden */
  scan (f, "1111");                      /* a cashier's PIN approves nothing */
  g_assert_nonnull (banner (f));
  g_assert_cmpstr (till_order_get_record (order)->order_discount_kind, ==, "none");
  scan (f, "2468");                      /* Marc Lefèvre, manager */
  g_assert_cmpstr (till_order_get_record (order)->order_discount_kind, ==, "percent");
  g_assert_cmpint (till_order_get_total (order), ==, 1245);
  g_assert_cmpint (till_order_get_record (order)->discount_approved_by, >, 0);
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (child_of (f, "scan_entry"))));
}

static void
test_weighed_product_asks_for_weight (Fixture       *f,
                                      gconstpointer  data)
{
  GPtrArray *lines;

  scan (f, "CHE-002");
  g_assert_true (gtk_widget_get_visible (child_of (f, "prompt_label")));
  scan (f, "abc");
  g_assert_nonnull (banner (f));                 /* not a weight: told, nothing added */
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 0);
  scan (f, "0.250");
  lines = till_order_get_lines (till_sell_page_get_order (f->page));
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (LINE (f, 0)->qty, ==, 250);
  /* A quantity typed before the code */
  scan (f, "3*BRD-006");
  g_assert_cmpint (LINE (f, 1)->qty, ==, 3000);
  /* A note on the selected line */
  press (f, "sell.note");
  scan (f, "slice it");
  g_assert_cmpstr (((TillOrderLineRecord *)till_order_get_lines (till_sell_page_get_order (f->page))->pdata[1])->note,
                   ==, "slice it");
  /* An unknown code says so and changes nothing */
  scan (f, "4006381333932");
  g_assert_nonnull (banner (f));
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 2);
}

static void
test_park_and_resume (Fixture       *f,
                      gconstpointer  data)
{
  gint64 parked_id;

  scan (f, "SAN-001");
  parked_id = till_order_get_record (till_sell_page_get_order (f->page))->id;
  press (f, "sell.park");
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 0);
  scan (f, "HOT-001");
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 1);

  {
    g_autoptr(TillOrder) stored = till_checkout_load (f->context, parked_id, NULL);
    g_assert_true (till_order_get_record (stored)->parked);
  }
  /* Resuming through the parked list's button */
  press (f, "sell.parked");
  {
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (child_of (f, "parked_button"))));
    GtkWidget *button = find_by_type (popover, GTK_TYPE_BUTTON);

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_cmpint (till_order_get_record (till_sell_page_get_order (f->page))->id, ==, parked_id);
  g_assert_false (till_order_get_record (till_sell_page_get_order (f->page))->parked);
}

static void
test_quote_kept_and_sold (Fixture       *f,
                          gconstpointer  data)
{
  gint64 quote_id;

  scan (f, "CAK-007");
  quote_id = till_order_get_record (till_sell_page_get_order (f->page))->id;
  press (f, "sell.quote");
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 0);
  {
    g_autoptr(TillOrder) kept = till_checkout_load (f->context, quote_id, NULL);
    g_assert_cmpstr (till_order_get_record (kept)->status, ==, "quote");
  }
  press (f, "sell.parked");
  {
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (child_of (f, "parked_button"))));
    GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));
    GtkWidget *last = gtk_widget_get_last_child (box);

    g_assert_nonnull (g_object_get_data (G_OBJECT (last), "quote-id"));
    g_signal_emit_by_name (last, "clicked");
  }
  g_assert_cmpint (till_order_get_record (till_sell_page_get_order (f->page))->id, ==, quote_id);
  g_assert_cmpstr (till_order_get_record (till_sell_page_get_order (f->page))->status, ==, "open");
  press (f, "sell.pay-cash");
  type_enter (f, "tendered_entry", "");
  g_assert_true (till_order_is_paid (till_sell_page_get_order (f->page)));
}

static void
test_quick_keys_sell_their_category (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *keys = child_of (f, "quick_keys");
  GtkWidget *first = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (keys)));
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (first));
  GtkWidget *grid = gtk_popover_get_child (popover);
  GtkWidget *product = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (grid)));

  /* The first category's key lists its products; one click sells one. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (first)), ==, "Bread");
  g_assert_true (GTK_IS_BUTTON (product));
  g_signal_emit_by_name (product, "clicked");
  g_assert_cmpuint (till_order_get_lines (till_sell_page_get_order (f->page))->len, ==, 1);
  g_assert_cmpstr (LINE (f, 0)->sku, ==, g_object_get_data (G_OBJECT (product), "code"));
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sell/split-sale-by-barcode-label-search-and-card-matches-the-quote", test_sale_matches_the_quote);
  ADD ("/sell/declined-card-leaves-the-order-then-cash-pays-it", test_declined_card_then_cash);
  ADD ("/sell/discount-above-the-limit-takes-a-manager-pin", test_discount_needs_a_manager_pin);
  ADD ("/sell/weights-quantities-notes-and-unknown-codes", test_weighed_product_asks_for_weight);
  ADD ("/sell/park-and-resume", test_park_and_resume);
  ADD ("/sell/quote-kept-then-sold", test_quote_kept_and_sold);
  ADD ("/sell/quick-keys-sell-their-category", test_quick_keys_sell_their_category);
#undef ADD

  return g_test_run ();
}
