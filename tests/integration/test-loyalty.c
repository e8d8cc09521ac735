/* test-loyalty.c: the loyalty program on a real database with the demo shop:
 * rewards, redemption, reversal and restore, adjustments, FIFO expiry, tier
 * changes, notifications, till-admin check's new rows, and a property over
 * random sequences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-audit.h"
#include "till-check.h"
#include "till-checkout.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-loyalty-service.h"
#include "till-loyalty.h"
#include "till-staff.h"

typedef struct
{
  char         *path;
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  gint64        customer;   /* a new customer with no history */
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
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
balance_of (Fixture *f,
            gint64   customer)
{
  gint64 balance = 0;

  g_assert_true (till_loyalty_get_balance (f->store, customer, &balance, NULL, NULL));
  return balance;
}

static gint64
ledger_sum (Fixture *f,
            gint64   customer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (points), 0) FROM loyalty_ledger"
                                          " WHERE customer_id = %" G_GINT64_FORMAT, customer);
  return query_int (f, sql);
}

static gint64
product (Fixture    *f,
         const char *sku)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM products WHERE sku = '%s'", sku);
  gint64 id = query_int (f, sql);

  g_assert_cmpint (id, >, 0);
  return id;
}

static void
sign_in_as (Fixture    *f,
            const char *name)
{
  g_autoptr(TillStaffRecord) member = till_staff_get_by_name (f->store, name, NULL);

  g_assert_nonnull (member);
  till_context_set_staff (f->context, member->id, member->name, member->role);
}

static void
set_time (Fixture *f,
          int      year,
          int      month,
          int      day,
          int      hour,
          int      minute)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, day, hour, minute, 0);
  till_fixed_clock_set (TILL_FIXED_CLOCK (f->clock), when);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-loyalty-XXXXXX", &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(TillCustomerRecord) customer = till_customer_record_new ();

  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  sign_in_as (f, "Marc Lefèvre");

  customer->name = g_strdup ("Ada Neu");
  g_assert_true (till_customers_insert (f->store, customer, when, &error));
  g_assert_no_error (error);
  f->customer = customer->id;

  /* 2.00 off for 50, 10 % for 80, a free baguette (1.30) for 100 */
  g_assert_true (till_loyalty_service_add_reward (f->context, "Two off", "50", "amount-off", "2.00", NULL, NULL,
                                                  &error));
  g_assert_true (till_loyalty_service_add_reward (f->context, "Ten percent", "80", "percent-off", "10", NULL,
                                                  NULL, &error));
  g_assert_true (till_loyalty_service_add_reward (f->context, "Free baguette", "100", "free-product", "BRD-001",
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
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

static GPtrArray *
check_problems (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  g_assert_true (till_check_run (f->store, &problems, &error));
  g_assert_no_error (error);
  return problems;
}

static void
assert_check_passes (Fixture *f)
{
  g_autoptr(GPtrArray) problems = check_problems (f);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("check: %s\n", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gint64
reward_id (Fixture    *f,
           const char *name)
{
  gint64 id = till_loyalty_find_reward (f->store, name, NULL);

  g_assert_cmpint (id, >, 0);
  return id;
}

static void
give (Fixture *f,
      gint64   points)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (till_loyalty_service_adjust (f->context, f->customer, points, "welcome", &error));
  g_assert_no_error (error);
}

/* An open order: @n baguettes (1.30) and @m pains de campagne (4.20) */
static TillOrder *
basket (Fixture *f,
        gint64   customer,
        gint64   n,
        gint64   m)
{
  g_autoptr(GError) error = NULL;
  TillOrder *order = till_checkout_open (f->context, 1, &error);

  g_assert_no_error (error);
  if (n > 0)
    till_checkout_add_product (f->context, order, product (f, "BRD-001"), "BRD-001", n * 1000, FALSE, 0, FALSE,
                               &error);
  if (m > 0)
    till_checkout_add_product (f->context, order, product (f, "BRD-002"), "BRD-002", m * 1000, FALSE, 0, FALSE,
                               &error);
  g_assert_no_error (error);
  if (customer > 0)
    {
      till_checkout_set_customer (f->context, order, customer, &error);
      g_assert_no_error (error);
    }
  return order;
}

static void
pay (Fixture   *f,
     TillOrder *order)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (till_checkout_pay_cash (f->context, order, till_order_get_due (order) + 10000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (till_order_is_paid (order));
}

/* Redemption as a table ---------------------------------------------------- */

typedef struct
{
  const char *reward;
  gint64      n, m;          /* the basket */
  gint64      total;         /* what is paid */
  gint64      reward_amount; /* what the reward took */
  gint64      points;        /* earned on what was paid */
  gint64      cost;
} RedeemCase;

static void
test_redeem_table (Fixture       *f,
                   gconstpointer  data)
{
  static const RedeemCase cases[] = {
    /* 2 × 1.30 + 4.20 = 6.80; 2.00 off → 4.80, 4 points */
    { "Two off", 2, 1, 480, 200, 4, 50 },
    /* 10 % of 6.80 = 0.68 → 6.12, 6 points */
    { "Ten percent", 2, 1, 612, 68, 6, 80 },
    /* one baguette free → 5.50, 5 points: nothing paid with the reward earns */
    { "Free baguette", 2, 1, 550, 130, 5, 100 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RedeemCase *c = &cases[i];
      g_autoptr(TillOrder) order = NULL;
      g_autoptr(GError) error = NULL;
      gint64 before;

      give (f, c->cost);
      before = balance_of (f, f->customer);
      order = basket (f, f->customer, c->n, c->m);
      g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, c->reward), &error));
      g_assert_no_error (error);
      g_assert_cmpint (till_order_get_total (order), ==, c->total);
      g_assert_cmpint (till_order_get_pricing (order)->reward, ==, c->reward_amount);
      pay (f, order);
      g_assert_cmpint (till_order_get_record (order)->points, ==, c->points);
      g_assert_cmpint (till_order_get_record (order)->loyalty_redeemed, ==, c->cost);
      g_assert_cmpint (balance_of (f, f->customer), ==, before - c->cost + c->points);
      g_assert_cmpint (till_order_get_record (order)->loyalty_balance_after, ==, before - c->cost + c->points);
      g_assert_cmpint (balance_of (f, f->customer), ==, ledger_sum (f, f->customer));
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeem'"), ==, 3);
  assert_check_passes (f);
}

/* Refusals with their reasons ---------------------------------------------- */

static void
test_redeem_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) anonymous = basket (f, 0, 2, 0);
  g_autoptr(TillOrder) order = basket (f, f->customer, 2, 0);
  g_autoptr(TillOrder) other = NULL;

  /* No customer */
  g_assert_false (till_checkout_set_reward (f->context, anonymous, reward_id (f, "Two off"), &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "customer"));
  g_clear_error (&error);

  /* Unaffordable: 0 points, the reward costs 50 */
  g_assert_false (till_checkout_set_reward (f->context, order, reward_id (f, "Two off"), &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "costs 50"));
  g_clear_error (&error);
  g_assert_cmpint (till_order_get_record (order)->reward_id, ==, 0);

  /* The free product must be on the order */
  give (f, 500);
  {
    g_autoptr(TillOrder) pains = basket (f, f->customer, 0, 1);

    g_assert_false (till_checkout_set_reward (f->context, pains, reward_id (f, "Free baguette"), &error));
    g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "not on the order"));
    g_clear_error (&error);
  }

  /* More off than the order: 2.00 off 1.30 */
  {
    g_autoptr(TillOrder) small = basket (f, f->customer, 1, 0);

    g_assert_false (till_checkout_set_reward (f->context, small, reward_id (f, "Two off"), &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* Retired, and out of its dates in the shop's time zone */
  g_assert_true (till_loyalty_service_retire_reward (f->context, "Ten percent", &error));
  g_assert_false (till_checkout_set_reward (f->context, order, reward_id (f, "Ten percent"), &error));
  g_assert_nonnull (strstr (error->message, "retired"));
  g_clear_error (&error);
  g_assert_true (till_loyalty_service_add_reward (f->context, "Tomorrow", "10", "amount-off", "0.50", "2026-11-26",
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_false (till_checkout_set_reward (f->context, order, reward_id (f, "Tomorrow"), &error));
  g_assert_nonnull (strstr (error->message, "starts on 2026-11-26"));
  g_clear_error (&error);
  /* 23:30 UTC is already the 26th in Berlin */
  set_time (f, 2026, 11, 25, 23, 30);
  g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, "Tomorrow"), &error));
  g_assert_no_error (error);

  /* Another register spends the points: completion refuses, the reward comes off */
  other = basket (f, f->customer, 2, 0);
  g_assert_true (till_checkout_set_reward (f->context, other, reward_id (f, "Two off"), &error));
  g_assert_no_error (error);
  g_assert_true (till_loyalty_service_adjust (f->context, f->customer, -(balance_of (f, f->customer) - 5),
                                              "spent elsewhere", &error));
  g_assert_no_error (error);
  g_assert_false (till_checkout_pay_cash (f->context, other, 10000, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (till_order_get_record (other)->reward_id, ==, 0);
  g_assert_cmpint (till_order_get_total (other), ==, 260);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeem'"), ==, 0);
  assert_check_passes (f);
}

/* Refunds after a redemption ---------------------------------------------- */

static void
test_refunds_after_redemption (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillRefundOutcome) partial = NULL;
  g_autoptr(TillRefundOutcome) rest = NULL;
  gint64 start, points;

  give (f, 100);
  start = balance_of (f, f->customer);
  order = basket (f, f->customer, 2, 1);
  g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, "Free baguette"), &error));
  pay (f, order);
  points = till_order_get_record (order)->points;
  g_assert_cmpint (balance_of (f, f->customer), ==, start - 100 + points);

  /* A partial refund reverses that line's points only; the cost stays spent. */
  partial = till_checkout_refund (f->context, till_order_get_record (order)->id, 1,
                                  (TillRefundRequest[]) { { 2, 1000 } }, 1, "cash", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (partial->restored, ==, 0);
  g_assert_cmpint (balance_of (f, f->customer), ==, start - 100 + points - partial->points);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'restore'"), ==, 0);

  /* Refunding the rest (the baguettes, one of them free) gives back C. */
  rest = till_checkout_refund (f->context, till_order_get_record (order)->id, 1,
                               (TillRefundRequest[]) { { 1, 2000 } }, 1, "cash", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rest->restored, ==, 100);
  g_assert_cmpint (partial->points + rest->points, ==, points);
  g_assert_cmpint (balance_of (f, f->customer), ==, start);
  g_assert_cmpint (balance_of (f, f->customer), ==, ledger_sum (f, f->customer));
  assert_check_passes (f);
}

/* Adjustments --------------------------------------------------------------- */

static void
test_adjust (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
  guint before = shown->len;

  sign_in_as (f, "Lena Vogel");
  g_assert_false (till_loyalty_service_adjust (f->context, f->customer, 10, "nice", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  sign_in_as (f, "Marc Lefèvre");
  g_assert_false (till_loyalty_service_adjust (f->context, f->customer, 10, "  ", &error));
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_false (till_loyalty_service_adjust (f->context, f->customer, 0, "zero", &error));
  g_clear_error (&error);
  g_assert_false (till_loyalty_service_adjust (f->context, f->customer, -1, "below zero", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (till_loyalty_service_adjust (f->context, f->customer, TILL_ADJUST_MAX + 1, "overflow", &error));
  g_clear_error (&error);
  g_assert_cmpuint (shown->len, ==, before);

  g_assert_true (till_loyalty_service_adjust (f->context, f->customer, 25, "complaint", &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance_of (f, f->customer), ==, 25);
  g_assert_cmpuint (shown->len, ==, before + 1);
  g_assert_cmpstr (((TillNotification *)shown->pdata[before])->kind, ==, "points-updated");
  g_assert_nonnull (strstr (((TillNotification *)shown->pdata[before])->summary, "Ada Neu"));

  /* A failed notification changes nothing */
  till_recording_notifier_set_failing (TILL_RECORDING_NOTIFIER (f->notifier), TRUE);
  g_assert_true (till_loyalty_service_adjust (f->context, f->customer, -5, "typo", &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance_of (f, f->customer), ==, 20);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'adjust' AND reason = 'typo'"),
                   ==, 1);
  assert_check_passes (f);
}

/* Expiry ------------------------------------------------------------------- */

typedef struct
{
  const char *lot;        /* UTC */
  gint64      months;
  const char *expires;    /* UTC */
} ExpiryCase;

static void
test_lot_expiry_dates (void)
{
  static const ExpiryCase cases[] = {
    /* Berlin: 24 Nov 23:30 UTC is 25 Nov; expiry at 25 Nov 00:00 CET a year later */
    { "2025-11-24T23:30:00Z", 12, "2026-11-24T23:00:00Z" },
    { "2025-11-24T22:30:00Z", 12, "2026-11-23T23:00:00Z" },
    /* the month's last day when the day does not exist */
    { "2024-01-31T10:00:00Z", 1, "2024-02-28T23:00:00Z" },
    { "2025-01-31T10:00:00Z", 1, "2025-02-27T23:00:00Z" },
    { "2025-08-31T10:00:00Z", 6, "2026-02-27T23:00:00Z" },
    /* summer time: the start of the day is 22:00 UTC */
    { "2025-06-10T12:00:00Z", 12, "2026-06-09T22:00:00Z" },
    { "2025-03-15T12:00:00Z", 120, "2035-03-14T23:00:00Z" },
  };
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_nonnull (berlin);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) expiry = till_loyalty_lot_expiry (cases[i].lot, cases[i].months, berlin);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (expiry);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      g_assert_cmpstr (text, ==, cases[i].expires);
    }
}

static void
test_fifo_expiry (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TillMaintenanceReport report;

  g_assert_true (till_store_set_setting (f->store, "loyalty.expiry_months", "12", &error));

  /* Lots: 100 on 24 Nov 2025 (Berlin: the 25th), 50 on 1 Jan 2026; 30 spent in February */
  set_time (f, 2025, 11, 24, 23, 30);
  give (f, 100);
  set_time (f, 2026, 1, 1, 12, 0);
  give (f, 50);
  set_time (f, 2026, 2, 1, 12, 0);
  g_assert_true (till_loyalty_service_adjust (f->context, f->customer, -30, "spent", &error));

  /* 24 Nov 2026 22:59 UTC: nothing has expired yet */
  set_time (f, 2026, 11, 24, 22, 59);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance_of (f, f->customer), ==, 120);

  /* 23:00 UTC is midnight in Berlin: the first lot's 100 less the 30 spent */
  set_time (f, 2026, 11, 24, 23, 0);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_cmpint (report.expired, >=, 70);
  g_assert_cmpint (balance_of (f, f->customer), ==, 50);
  /* Twice changes nothing */
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_cmpuint (report.expired_rows, ==, 0);
  g_assert_cmpint (balance_of (f, f->customer), ==, 50);

  /* The second lot on 1 Jan 2027 (Berlin) */
  set_time (f, 2026, 12, 31, 23, 0);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_cmpint (balance_of (f, f->customer), ==, 0);
  g_assert_cmpint (balance_of (f, f->customer), ==, ledger_sum (f, f->customer));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'expire' AND points > 0"), ==, 0);
  assert_check_passes (f);
}

/* Tiers ----------------------------------------------------------------------- */

static void
test_tier_up_at_sale_down_in_maintenance (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
  g_autoptr(TillOrder) first = NULL;
  g_autoptr(TillOrder) crossing = NULL;
  g_autoptr(TillOrder) next = NULL;
  TillMaintenanceReport report;
  gint64 bronze;
  gboolean saw_tier = FALSE;

  if (query_int (f, "SELECT count(*) FROM tiers WHERE name = 'Bronze'") == 0)
    g_assert_true (till_loyalty_service_add_tier (f->context, "Bronze", "50.00", "2", "1", &error));
  g_assert_no_error (error);
  bronze = query_int (f, "SELECT id FROM tiers WHERE name = 'Bronze'");

  g_assert_cmpint (bronze, >, 0);
  /* Just below Bronze (50.00): 11 × 4.20 = 46.20 */
  first = basket (f, f->customer, 0, 11);
  pay (f, first);
  g_assert_cmpint (query_int (f, "SELECT coalesce (tier_id, 0) FROM customers ORDER BY id DESC LIMIT 1"), ==, 0);

  /* 1 more pain crosses it: the tier rises at this sale, for the next one */
  crossing = basket (f, f->customer, 0, 1);
  pay (f, crossing);
  g_assert_cmpint (till_order_get_record (crossing)->tier_bp, ==, 0);
  g_assert_cmpstr (till_order_get_record (crossing)->loyalty_tier, ==, "Bronze");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM tier_events WHERE cause = 'sale'"), ==, 1);
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (((TillNotification *)shown->pdata[i])->kind, "tier-reached"))
      saw_tier = TRUE;
  g_assert_true (saw_tier);

  /* The next sale has Bronze's discount; maintenance changes nothing now */
  next = basket (f, f->customer, 0, 1);
  g_assert_cmpint (till_order_get_record (next)->tier_id, ==, bronze);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_cmpuint (report.lowered + report.raised, ==, 0);

  /* A year and a day later the spend is out of the window: down, recorded, notified */
  set_time (f, 2027, 11, 26, 9, 0);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.lowered, >=, 1);
  g_assert_cmpint (query_int (f, "SELECT coalesce (tier_id, 0) FROM customers ORDER BY id DESC LIMIT 1"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM tier_events WHERE cause = 'maintenance' AND to_tier_id IS NULL"
                                 " AND customer_id = (SELECT max(id) FROM customers)"), ==, 1);
  g_assert_true (till_loyalty_service_maintain (f->context, &report, &error));
  g_assert_cmpuint (report.lowered + report.raised + report.expired_rows, ==, 0);
  assert_check_passes (f);
}

/* Abuse ---------------------------------------------------------------------- */

static void
test_buy_refund_loop_mints_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  give (f, 50);
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(TillOrder) order = basket (f, f->customer, 3, 2);
      g_autoptr(TillRefundOutcome) a = NULL;
      g_autoptr(TillRefundOutcome) b = NULL;

      if (i % 2 == 0)
        g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, "Two off"), &error));
      g_assert_no_error (error);
      pay (f, order);
      a = till_checkout_refund (f->context, till_order_get_record (order)->id, 1,
                                (TillRefundRequest[]) { { 1, 1000 } }, 1, "cash", NULL, &error);
      g_assert_no_error (error);
      b = till_checkout_refund (f->context, till_order_get_record (order)->id, 1,
                                (TillRefundRequest[]) { { 1, 2000 }, { 2, 2000 } }, 2, "cash", NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (balance_of (f, f->customer), ==, 50);
  assert_check_passes (f);
}

/* till-admin check catches corruption ---------------------------------------- */

static void
test_check_catches_corruption (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillRefundOutcome) partial = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *sql = NULL;
  gboolean balance_caught = FALSE, restore_caught = FALSE;

  give (f, 100);
  order = basket (f, f->customer, 2, 1);
  g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, "Two off"), &error));
  pay (f, order);
  partial = till_checkout_refund (f->context, till_order_get_record (order)->id, 1,
                                  (TillRefundRequest[]) { { 2, 1000 } }, 1, "cash", NULL, &error);
  g_assert_no_error (error);
  assert_check_passes (f);

  /* One balance off by a point, and a restore for an order only partly refunded
   * (its balance kept in step, so that only the row is wrong) */
  exec_sql (f, "UPDATE customers SET balance = balance + 1 WHERE id = 1");
  sql = g_strdup_printf ("INSERT INTO loyalty_ledger (customer_id, kind, points, at, lot_date, order_id)"
                         " VALUES (%" G_GINT64_FORMAT ", 'restore', 50, '2026-11-25T10:00:00.000000Z',"
                         " '2026-11-25T10:00:00.000000Z', %" G_GINT64_FORMAT ");"
                         "UPDATE customers SET balance = balance + 50 WHERE id = %" G_GINT64_FORMAT,
                         f->customer, till_order_get_record (order)->id, f->customer);
  exec_sql (f, sql);

  problems = check_problems (f);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = problems->pdata[i];

      if (strstr (p, "customer 1: cached balance") != NULL)
        balance_caught = TRUE;
      if (strstr (p, "restore row without a fully refunded order") != NULL)
        restore_caught = TRUE;
    }
  g_assert_true (balance_caught);
  g_assert_true (restore_caught);
  g_assert_cmpuint (problems->len, ==, 2);
}

/* A property over random sequences ------------------------------------------ */

static void
test_random_sequences (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GArray) paid = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char *rewards[] = { "Two off", "Ten percent", "Free baguette" };

  g_assert_true (till_store_set_setting (f->store, "loyalty.expiry_months", "2", &error));
  for (int step = 0; step < 120; step++)
    {
      int what = g_rand_int_range (rand, 0, 10);

      till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), g_rand_int_range (rand, 1, 72) * G_TIME_SPAN_HOUR);
      if (what < 5)
        {
          g_autoptr(TillOrder) order = basket (f, f->customer, g_rand_int_range (rand, 1, 4),
                                               g_rand_int_range (rand, 0, 3));
          GError *reward_error = NULL;

          if (g_rand_boolean (rand))
            {
              /* Refused when unaffordable: the order goes through without it */
              if (!till_checkout_set_reward (f->context, order, reward_id (f, rewards[g_rand_int_range (rand, 0, 3)]),
                                             &reward_error))
                g_clear_error (&reward_error);
            }
          pay (f, order);
          g_array_append_val (paid, till_order_get_record (order)->id);
        }
      else if (what < 7 && paid->len > 0)
        {
          gint64 id = g_array_index (paid, gint64, g_rand_int_range (rand, 0, paid->len));
          g_autoptr(GPtrArray) lines = NULL;
          g_autoptr(TillOrder) order = till_checkout_load (f->context, id, &error);
          g_assert_no_error (error);
          lines = g_ptr_array_ref (till_order_get_lines (order));
          for (guint i = 0; i < lines->len; i++)
            {
              TillOrderLineRecord *line = lines->pdata[i];
              gint64 left = line->qty - line->refunded_qty;

              if (left > 0)
                {
                  TillRefundRequest request = { i + 1, g_rand_boolean (rand) ? 1000 : left };
                  g_autoptr(TillRefundOutcome) outcome =
                    till_checkout_refund (f->context, id, 1, &request, 1, "cash", NULL, &error);
                  g_assert_no_error (error);
                  break;
                }
            }
        }
      else if (what < 9)
        {
          gint64 points = g_rand_int_range (rand, -40, 60);
          GError *adjust_error = NULL;

          if (points != 0 && !till_loyalty_service_adjust (f->context, f->customer, points, "random", &adjust_error))
            {
              /* only refused when it would go below zero */
              g_assert_error (adjust_error, TILL_ERROR, TILL_ERROR_REFUSED);
              g_assert_cmpint (balance_of (f, f->customer) + points, <, 0);
              g_clear_error (&adjust_error);
            }
        }
      else
        {
          g_assert_true (till_loyalty_service_maintain (f->context, NULL, &error));
          g_assert_no_error (error);
        }

      /* balance = Σ ledger, always */
      g_assert_cmpint (balance_of (f, f->customer), ==, ledger_sum (f, f->customer));
    }

  {
    g_autofree char *by_orders = g_strdup_printf (
      "SELECT coalesce (sum (points - refunded_points), 0) FROM orders WHERE status = 'paid' AND customer_id = %"
      G_GINT64_FORMAT, f->customer);
    g_autofree char *by_ledger = g_strdup_printf (
      "SELECT coalesce (sum (points), 0) FROM loyalty_ledger WHERE kind IN ('earn', 'reverse') AND customer_id = %"
      G_GINT64_FORMAT, f->customer);
    g_autofree char *allowed = g_strdup_printf (
      "SELECT (SELECT coalesce (sum (points - refunded_points), 0) FROM orders WHERE status = 'paid'"
      " AND customer_id = %1$" G_GINT64_FORMAT ")"
      " + (SELECT coalesce (sum (points), 0) FROM loyalty_ledger WHERE kind = 'adjust' AND customer_id = %1$"
      G_GINT64_FORMAT ")", f->customer);

    /* Points earned less points reversed are what the orders still hold, and
     * no sequence ends above what sales and adjustments allow. */
    g_assert_cmpint (query_int (f, by_ledger), ==, query_int (f, by_orders));
    g_assert_cmpint (balance_of (f, f->customer), <=, query_int (f, allowed));
  }
  assert_check_passes (f);
}

/* Usage ---------------------------------------------------------------------- */

static void
test_usage_buckets (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillLoyaltyUsage) weeks = NULL;
  g_autoptr(TillLoyaltyUsage) months = NULL;
  g_autofree char *csv = NULL;
  gint64 issued = 0;

  /* Sunday 22 Nov 2026 23:30 UTC is Monday the 23rd in Berlin: this week's bucket */
  set_time (f, 2026, 11, 22, 23, 30);
  give (f, 300);
  set_time (f, 2026, 11, 25, 9, 0);
  {
    g_autoptr(TillOrder) order = basket (f, f->customer, 2, 1);

    g_assert_true (till_checkout_set_reward (f->context, order, reward_id (f, "Two off"), &error));
    pay (f, order);
  }
  weeks = till_loyalty_service_usage (f->context, FALSE, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weeks->buckets->len, ==, 12);
  g_assert_cmpstr (((TillLoyaltyBucket *)weeks->buckets->pdata[11])->label, ==, "2026-11-23");
  g_assert_cmpstr (((TillLoyaltyBucket *)weeks->buckets->pdata[10])->label, ==, "2026-11-16");
  /* The demo's history and Ada's rows: the totals are the ledger's over the weeks */
  for (guint i = 0; i < weeks->buckets->len; i++)
    issued += ((TillLoyaltyBucket *)weeks->buckets->pdata[i])->issued;
  g_assert_cmpint (issued, ==, weeks->issued);
  g_assert_cmpint (weeks->redeemed, ==, 50);
  g_assert_cmpint (((TillLoyaltyBucket *)weeks->buckets->pdata[11])->redeemed, ==, 50);
  g_assert_cmpint (weeks->issued,
                   ==, query_int (f, "SELECT sum (points) FROM loyalty_ledger WHERE at >= '2026-09-06T22:00:00'"
                                     " AND (kind IN ('earn', 'restore') OR (kind = 'adjust' AND points > 0))"));
  g_assert_cmpint (weeks->redemption_bp, ==, weeks->redeemed * 10000 / weeks->issued);
  g_assert_cmpint (weeks->members, >=, 1);
  g_assert_cmpint (weeks->active, <=, weeks->members);

  months = till_loyalty_service_usage (f->context, TRUE, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TillLoyaltyBucket *)months->buckets->pdata[0])->label, ==, "2025-12");
  g_assert_cmpstr (((TillLoyaltyBucket *)months->buckets->pdata[11])->label, ==, "2026-11");
  g_assert_cmpuint (months->top_rewards->len, ==, 1);
  g_assert_cmpstr (months->top_rewards->pdata[0], ==, "Two off");

  csv = till_loyalty_usage_to_csv (weeks);
  g_assert_true (g_str_has_prefix (csv, "bucket,issued,redeemed,expired,reversed\n"));
  g_assert_nonnull (strstr (csv, "\n2026-11-23,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/loyalty/redeem/table", test_redeem_table);
  ADD ("/loyalty/redeem/refused", test_redeem_refused);
  ADD ("/loyalty/redeem/refunds", test_refunds_after_redemption);
  ADD ("/loyalty/adjust", test_adjust);
  g_test_add_func ("/loyalty/expiry/dates", test_lot_expiry_dates);
  ADD ("/loyalty/expiry/fifo", test_fifo_expiry);
  ADD ("/loyalty/tiers/up-and-down", test_tier_up_at_sale_down_in_maintenance);
  ADD ("/loyalty/abuse/buy-refund-loop", test_buy_refund_loop_mints_nothing);
  ADD ("/loyalty/check/corruption", test_check_catches_corruption);
  ADD ("/loyalty/property/random-sequences", test_random_sequences);
  ADD ("/loyalty/usage/buckets", test_usage_buckets);
#undef ADD

  return g_test_run ();
}
