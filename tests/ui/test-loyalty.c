/* test-loyalty.c: the loyalty program in the window: a customer just below
 * a tier threshold buys at the Sell page, crosses it, sees the tier and the
 * notification, then redeems a reward with F10 on the next order; the
 * ledger, the balance and the receipt's figures agree.  The Loyalty page
 * shows the usage of the demo data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-checkout.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-loyalty-card.h"
#include "till-loyalty-page.h"
#include "till-loyalty-service.h"
#include "till-loyalty.h"
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
child_of (GtkWidget  *root,
          const char *id)
{
  GtkWidget *widget = find_by_id (root, id);

  g_assert_nonnull (widget);
  return widget;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-ui-loyalty-XXXXXX", &error);
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

static void
type_enter (Fixture    *f,
            const char *id,
            const char *text)
{
  GtkWidget *entry = child_of (GTK_WIDGET (f->page), id);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
press (Fixture    *f,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

static TillOrder *
order_of (Fixture *f)
{
  return till_sell_page_get_order (f->page);
}

static void
sell_for_cash (Fixture    *f,
               const char *card,
               const char *sku,
               int         n,
               gboolean    reward)
{
  for (int i = 0; i < n; i++)
    type_enter (f, "scan_entry", sku);
  type_enter (f, "scan_entry", card);
  g_assert_cmpint (till_order_get_record (order_of (f))->customer_id, >, 0);
  if (reward)
    g_signal_emit_by_name (child_of (GTK_WIDGET (f->page), "reward_button"), "clicked");
  press (f, "sell.pay-cash");
  type_enter (f, "tendered_entry", "100");
  g_assert_true (till_order_is_paid (order_of (f)));
}

static void
test_cross_a_tier_then_redeem (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCustomerRecord) ada = till_customer_record_new ();
  g_autoptr(GDateTime) now = till_context_now (f->context);
  TillTierRecord tier = { 0, (char *)"Regular", 2000, 500, 10000 };
  TillRewardRecord reward = { 0, (char *)"Two off", 10, (char *)"amount_off", 200, 0, NULL, NULL, FALSE };
  GPtrArray *shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
  char card[14] = "291234567890";
  const TillOrderRecord *record;
  gboolean tier_notified = FALSE;
  gint64 balance, sum;

  g_assert_true (till_loyalty_insert_tier (f->store, &tier, &error));
  g_assert_true (till_loyalty_insert_reward (f->store, &reward, &error));
  g_assert_no_error (error);
  card[12] = (char)('0' + till_gs1_check_digit (card, 12));
  card[13] = '\0';
  ada->name = g_strdup ("Ada Neu");
  ada->card = g_strdup (card);
  g_assert_true (till_customers_insert (f->store, ada, now, &error));
  g_assert_no_error (error);

  /* 4 × 4.20 = 16.80: below the 20.00 of Regular */
  sell_for_cash (f, card, "BRD-002", 4, FALSE);
  g_assert_cmpint (till_order_get_record (order_of (f))->points, ==, 16);
  type_enter (f, "scan_entry", "");

  /* The card shows the way to the tier; one more 4.20 crosses it */
  type_enter (f, "scan_entry", card);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (GTK_WIDGET (f->page), "customer_loyalty"))),
                            "more to Regular"));
  sell_for_cash (f, card, "BRD-002", 1, FALSE);
  record = till_order_get_record (order_of (f));
  g_assert_cmpint (record->tier_bp, ==, 0);                 /* the tier counts from the next sale */
  g_assert_cmpstr (record->loyalty_tier, ==, "Regular");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (GTK_WIDGET (f->page), "paid_label"))),
                            "Regular"));
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (((TillNotification *)shown->pdata[i])->kind, "tier-reached") &&
        strstr (((TillNotification *)shown->pdata[i])->summary, "Ada Neu") != NULL)
      tier_notified = TRUE;
  g_assert_true (tier_notified);
  g_assert_cmpstr (((TillNotification *)shown->pdata[shown->len - 1])->kind, ==, "tier-reached");
  type_enter (f, "scan_entry", "");

  /* The next order: F12 takes 2.00 off for 10 points, with the tier's 5 % */
  sell_for_cash (f, card, "BRD-002", 1, TRUE);
  record = till_order_get_record (order_of (f));
  g_assert_cmpint (record->reward_cost, ==, 10);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (GTK_WIDGET (f->page), "customer_loyalty"))),
                            "Reward: Two off, 10 points"));
  g_assert_cmpint (record->tier_bp, ==, 500);
  /* 4.20 − 0.21 = 3.99, − 2.00 = 1.99 */
  g_assert_cmpint (record->total, ==, 199);
  g_assert_cmpint (record->loyalty_redeemed, ==, 10);

  g_assert_true (till_loyalty_get_balance (f->store, ada->id, &balance, NULL, &error));
  {
    g_autoptr(GPtrArray) rows = till_loyalty_list_ledger (f->store, ada->id, &error);

    sum = 0;
    for (guint i = 0; i < rows->len; i++)
      sum += ((TillLedgerRow *)rows->pdata[i])->points;
    g_assert_cmpuint (rows->len, ==, 4);                    /* earn, earn, redeem, earn */
    g_assert_cmpstr (((TillLedgerRow *)rows->pdata[2])->kind, ==, "redeem");
  }
  /* 16 + 4 − 10 + 1 */
  g_assert_cmpint (balance, ==, 11);
  g_assert_cmpint (sum, ==, balance);
  g_assert_cmpint (record->loyalty_balance_after, ==, balance);

  /* The customer's loyalty card: balance, tier, rewards redeemed, the ledger newest first */
  {
    GtkWidget *loyalty_card = g_object_ref_sink (till_loyalty_card_new ());
    GtkWidget *summary, *history;

    till_loyalty_card_show (loyalty_card, f->context, ada->id);
    g_assert_true (gtk_widget_get_visible (loyalty_card));
    summary = gtk_widget_get_next_sibling (gtk_widget_get_first_child (loyalty_card));
    history = gtk_widget_get_next_sibling (summary);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "11 points · Regular · 1 rewards redeemed"));
    g_assert_true (g_str_has_prefix (strstr (gtk_label_get_text (GTK_LABEL (history)), "earn"), "earn     +1"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (history)), "redeem   -10"));
    till_loyalty_card_show (loyalty_card, f->context, 0);
    g_assert_false (gtk_widget_get_visible (loyalty_card));
    g_object_unref (loyalty_card);
  }
}

static void
test_loyalty_page_shows_usage (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *page = find_by_type (GTK_WIDGET (f->window), TILL_TYPE_LOYALTY_PAGE);
  const char *summary;
  GtkWidget *grid;
  int rows = 0;

  g_assert_nonnull (page);
  till_loyalty_page_reload (TILL_LOYALTY_PAGE (page));
  summary = gtk_label_get_text (GTK_LABEL (child_of (page, "summary_label")));
  g_assert_nonnull (strstr (summary, "members"));
  g_assert_nonnull (strstr (summary, "points issued"));
  grid = child_of (page, "usage_grid");
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    rows++;
  g_assert_cmpint (rows, ==, 5 * 13);                       /* a heading and 12 weeks */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (page, "period_dropdown")), 2);
  rows = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    rows++;
  g_assert_cmpint (rows, ==, 5 * 13);                       /* and 12 months */
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/loyalty/cross-a-tier-then-redeem", Fixture, NULL, fixture_set_up, test_cross_a_tier_then_redeem,
              fixture_tear_down);
  g_test_add ("/ui/loyalty/page-shows-usage", Fixture, NULL, fixture_set_up, test_loyalty_page_shows_usage,
              fixture_tear_down);
  return g_test_run ();
}
