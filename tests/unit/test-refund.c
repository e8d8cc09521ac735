/* test-refund.c: RULES.md's "Refunds": cumulative line refunds and the default refund tender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-cash.h"
#include "till-error.h"
#include "till-money.h"
#include "till-pricing.h"
#include "till-refund.h"

#define N_RANDOM_ORDERS 2500
#define MAX_RANDOM_LINES 40
#define MAX_TENDERS 8

/* Line refunds */

typedef struct
{
  gint64 amount;     /* x */
  gint64 qty;        /* q */
  gint64 refunded;   /* K */
  gint64 refund;     /* k */
  gint64 expected;
} ShareCase;

static void
test_share_is_cumulative_difference_of_rounded_parts (void)
{
  static const ShareCase cases[] = {
    /* 1.00 over 3 units, one at a time: 33, 34, 33 */
    { 100, 3000, 0, 1000, 33 },       /* round(33.33) − 0 */
    { 100, 3000, 1000, 1000, 34 },    /* round(66.67) − round(33.33) = 67 − 33 */
    { 100, 3000, 2000, 1000, 33 },    /* 100 − 67 */
    { 100, 3000, 0, 3000, 100 },
    { 100, 3000, 1000, 2000, 67 },    /* 100 − 33 */
    /* Halves away from zero: 0.05 over 2 gives 3 then 2. */
    { 5, 2000, 0, 1000, 3 },          /* round(2.5) */
    { 5, 2000, 1000, 1000, 2 },
    /* Ham, 11.52 for 350 g: 100 g then the rest. */
    { 1152, 350, 0, 100, 329 },       /* round(115200 / 350) = round(329.14) */
    { 1152, 350, 100, 250, 823 },     /* 1152 − 329 */
    /* 0.01 over 3 units: 0, 1, 0 */
    { 1, 3000, 0, 1000, 0 },          /* round(0.33) */
    { 1, 3000, 1000, 1000, 1 },       /* round(0.67) − 0 */
    { 1, 3000, 2000, 1000, 0 },       /* 1 − 1 */
    { 0, 1000, 0, 1000, 0 },
    { 31, 2000, 0, 1000, 16 },        /* points: round(15.5) */
    { 31, 2000, 1000, 1000, 15 },
    /* 10^12 over 99,999.999: round(10000.0001) */
    { G_GINT64_CONSTANT (1000000000000), 99999999, 0, 1, 10000 },
    { G_GINT64_CONSTANT (1000000000000), 99999999, 1, 99999998,
      G_GINT64_CONSTANT (1000000000000) - 10000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ShareCase *c = &cases[i];

      g_test_message ("x %" G_GINT64_FORMAT ", q %" G_GINT64_FORMAT ", K %" G_GINT64_FORMAT
                      ", k %" G_GINT64_FORMAT, c->amount, c->qty, c->refunded, c->refund);
      g_assert_cmpint (till_refund_share (c->amount, c->qty, c->refunded, c->refund), ==,
                       c->expected);
    }
}

/* The croissant line of test-pricing's free-product case: 3 croissants,
 * paid 2.02, tax 0.13, 4 points.  One at a time:
 *   paid:   round(67.33) = 67;  round(134.67) − 67 = 68;  202 − 135 = 67
 *   tax:    round(4.33) = 4;    round(8.67) − 4 = 5;      13 − 9 = 4
 *   points: round(1.33) = 1;    round(2.67) − 1 = 2;      4 − 3 = 1 */
static void
test_line_refunded_one_unit_at_a_time (void)
{
  static const TillLineRefund expected[] = {
    { 1000, 67, 4, 1 },
    { 1000, 68, 5, 2 },
    { 1000, 67, 4, 1 },
  };
  TillRefundableLine line = { .qty = 3000, .paid = 202, .tax = 13, .points = 4 };
  gint64 paid = 0, tax = 0, points = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TillLineRefund refund;
      g_autoptr(GError) error = NULL;

      g_assert_true (till_refund_line (&line, 2, 1000, &refund, &error));
      g_assert_no_error (error);
      g_assert_cmpint (refund.qty, ==, expected[i].qty);
      g_assert_cmpint (refund.paid, ==, expected[i].paid);
      g_assert_cmpint (refund.tax, ==, expected[i].tax);
      g_assert_cmpint (refund.points, ==, expected[i].points);
      line.refunded_qty += refund.qty;
      paid += refund.paid;
      tax += refund.tax;
      points += refund.points;
    }

  g_assert_cmpint (paid, ==, 202);
  g_assert_cmpint (tax, ==, 13);
  g_assert_cmpint (points, ==, 4);
}

/* Weighed lines may be refunded by the gram: 100 g of 350 g of ham paid
 * 11.52 (tax 0.75, 11 points) returns round(329.14) = 329, round(21.43) = 21,
 * round(3.14) = 3. */
static void
test_weighed_line_refunded_by_weight (void)
{
  TillRefundableLine line = { .qty = 350, .sold_by_weight = TRUE, .paid = 1152, .tax = 75,
                              .points = 11 };
  TillLineRefund refund;
  g_autoptr(GError) error = NULL;

  g_assert_true (till_refund_line (&line, 1, 100, &refund, &error));
  g_assert_no_error (error);
  g_assert_cmpint (refund.paid, ==, 329);
  g_assert_cmpint (refund.tax, ==, 21);
  g_assert_cmpint (refund.points, ==, 3);
}

static void
test_line_refusals (void)
{
  static const struct
  {
    TillRefundableLine line;
    gsize              number;
    gint64             refund;
    TillErrorCode      code;
    const char        *message;
  } cases[] = {
    { { .qty = 3000, .paid = 300 }, 2, 0, TILL_ERROR_OUT_OF_RANGE,
      "Line 2, quantity: must be more than 0" },
    { { .qty = 3000, .paid = 300 }, 2, -1000, TILL_ERROR_OUT_OF_RANGE,
      "Line 2, quantity: must be more than 0" },
    { { .qty = 3000, .paid = 300 }, 2, 500, TILL_ERROR_INVALID,
      "Line 2, quantity: 0.500 is not a whole number, and this product is sold by unit" },
    { { .qty = 3000, .refunded_qty = 2000, .paid = 300 }, 2, 2000, TILL_ERROR_REFUSED,
      "Line 2, quantity: 2 is more than is left to refund, 1" },
    { { .qty = 3000, .refunded_qty = 3000, .paid = 300 }, 2, 1000, TILL_ERROR_REFUSED,
      "Line 2, quantity: the line is already refunded in full" },
    { { .qty = 350, .refunded_qty = 100, .sold_by_weight = TRUE, .paid = 1152 }, 1, 251,
      TILL_ERROR_REFUSED, "Line 1, quantity: 0.251 is more than is left to refund, 0.250" },
    { { .qty = 3000, .refunded_qty = 4000, .paid = 300 }, 3, 1000, TILL_ERROR_INVALID,
      "Line 3: the stored line does not add up (quantity 3000, refunded 4000)" },
    { { .qty = 0, .paid = 300 }, 3, 1000, TILL_ERROR_INVALID,
      "Line 3: the stored line does not add up (quantity 0, refunded 0)" },
    { { .qty = 1000, .paid = -1 }, 3, 1000, TILL_ERROR_INVALID,
      "Line 3: the stored line does not add up (quantity 1000, refunded 0)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TillLineRefund refund = { .qty = -77 };
      g_autoptr(GError) error = NULL;

      g_assert_false (till_refund_line (&cases[i].line, cases[i].number, cases[i].refund,
                                        &refund, &error));
      g_assert_error (error, TILL_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (refund.qty, ==, -77);
    }
}

/* The default refund tender */

typedef struct
{
  gint64         amount;
  gint64         increment;
  gsize          n_tenders;
  TillPaidTender tenders[MAX_TENDERS];
  gint64         shares[MAX_TENDERS];
  gint64         cash, cash_payout, cash_rounding, other;
} SplitCase;

#define CASH(paid, refunded) { TILL_TENDER_CASH, (paid), (refunded) }
#define CARD(paid, refunded) { TILL_TENDER_CARD, (paid), (refunded) }
#define DEPOSIT(paid, refunded) { TILL_TENDER_DEPOSIT, (paid), (refunded) }

static void
test_split_goes_back_last_tender_first (void)
{
  static const SplitCase cases[] = {
    /* Card 10.00 then cash 7.13 (T = 17.13), 0.05 rounding.
     * 5.00 back: all from the cash, the last tender. */
    { 500, 5, 2, { CARD (1000, 0), CASH (713, 0) }, { 0, 500 }, 500, 500, 0, 0 },
    /* 3.00 more: the cash has 2.13 left, the card gives the other 0.87; the
     * cash part 2.13 is paid out as round(42.6) × 5 = 2.15. */
    { 300, 5, 2, { CARD (1000, 0), CASH (713, 500) }, { 87, 213 }, 213, 215, 2, 87 },
    /* Everything at once. */
    { 1713, 5, 2, { CARD (1000, 0), CASH (713, 0) }, { 1000, 713 }, 713, 715, 2, 1000 },
    /* Cash 3.00 (a part payment), card 5.00, cash 2.38: 10.01 back takes
     * 2.38, 5.00, then 2.63 from the first cash.  The cash part 5.01 is
     * rounded once, to 5.00 (−0.01); rounding each cash tender would have
     * paid 2.40 + 2.65 = 5.05. */
    { 1001, 5, 3, { CASH (300, 0), CARD (500, 0), CASH (238, 0) }, { 263, 500, 238 },
      501, 500, -1, 500 },
    { 1001, 0, 3, { CASH (300, 0), CARD (500, 0), CASH (238, 0) }, { 263, 500, 238 },
      501, 501, 0, 500 },
    /* A deposit is given back like a card: no cash rounding. */
    { 2200, 5, 2, { DEPOSIT (2000, 0), CARD (500, 0) }, { 1700, 500 }, 0, 0, 0, 2200 },
    /* Tenders already refunded in full are skipped. */
    { 150, 10, 3, { CASH (500, 0), CARD (400, 400), CASH (100, 100) }, { 150, 0, 0 },
      150, 150, 0, 0 },
    { 0, 5, 2, { CARD (1000, 0), CASH (713, 0) }, { 0, 0 }, 0, 0, 0, 0 },
    { 0, 5, 0, { CARD (0, 0) }, { 0 }, 0, 0, 0, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SplitCase *c = &cases[i];
      gint64 shares[MAX_TENDERS];
      TillRefundPayout payout;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true (till_refund_split_tenders (c->amount, c->tenders, c->n_tenders, c->increment,
                                                NULL, shares, &payout, &error));
      g_assert_no_error (error);
      for (gsize k = 0; k < c->n_tenders; k++)
        g_assert_cmpint (shares[k], ==, c->shares[k]);
      g_assert_cmpint (payout.cash, ==, c->cash);
      g_assert_cmpint (payout.cash_payout, ==, c->cash_payout);
      g_assert_cmpint (payout.cash_rounding, ==, c->cash_rounding);
      g_assert_cmpint (payout.other, ==, c->other);
    }
}

static void
test_split_refusals (void)
{
  static const struct
  {
    gint64         amount;
    gsize          n_tenders;
    TillPaidTender tenders[MAX_TENDERS];
    TillErrorCode  code;
    const char    *message;
  } cases[] = {
    { 1714, 2, { CARD (1000, 0), CASH (713, 0) }, TILL_ERROR_REFUSED,
      "Refund: 17.14 is more than is left to refund on the order's tenders, 17.13" },
    { 1214, 2, { CARD (1000, 0), CASH (713, 500) }, TILL_ERROR_REFUSED,
      "Refund: 12.14 is more than is left to refund on the order's tenders, 12.13" },
    { 1, 0, { CARD (0, 0) }, TILL_ERROR_REFUSED,
      "Refund: 0.01 is more than is left to refund on the order's tenders, 0.00" },
    { -1, 1, { CARD (1000, 0) }, TILL_ERROR_OUT_OF_RANGE, "Refund: -0.01 is below 0" },
    { 10, 2, { CARD (100, 101), CASH (50, 0) }, TILL_ERROR_INVALID,
      "Tender 1: the stored tender does not add up (paid 100, refunded 101)" },
    { 10, 2, { CARD (100, 0), CASH (-50, 0) }, TILL_ERROR_INVALID,
      "Tender 2: the stored tender does not add up (paid -50, refunded 0)" },
    { 10, 1, { { (TillTenderKind) 9, 100, 0 } }, TILL_ERROR_INVALID,
      "Tender 1: the stored tender does not add up (paid 100, refunded 0)" },
    { 10, 2, { CARD (G_GINT64_CONSTANT (1000000000000), 0), CASH (1, 0) }, TILL_ERROR_INVALID,
      "The stored tenders add up to more than an order can hold" },
  };
  const TillCurrency *eur = till_currency_lookup ("EUR");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 shares[MAX_TENDERS] = { -77, -77, -77, -77, -77, -77, -77, -77 };
      TillRefundPayout payout = { .cash = -77 };
      g_autoptr(GError) error = NULL;

      g_assert_false (till_refund_split_tenders (cases[i].amount, cases[i].tenders,
                                                 cases[i].n_tenders, 5, eur, shares, &payout,
                                                 &error));
      g_assert_error (error, TILL_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* A refusal writes nothing. */
      for (gsize k = 0; k < MAX_TENDERS; k++)
        g_assert_cmpint (shares[k], ==, -77);
      g_assert_cmpint (payout.cash, ==, -77);
    }
}

/* Properties */

static gint64
random_range (gint64 lo,
              gint64 hi)
{
  guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();

  g_assert (lo <= hi);
  return lo + (gint64) (bits % ((guint64) (hi - lo) + 1));
}

static gboolean
one_in (int n)
{
  return g_test_rand_int_range (0, n) == 0;
}

typedef struct
{
  TillPricingInput input;
  TillPricingLine  lines[MAX_RANDOM_LINES];
} RandomOrder;

/* A random valid order: percent discounts only (they never need to know
 * the amounts they apply to), a customer half the time, with a tier and a
 * percent-off or free-product reward. */
static TillPricingResult *
random_priced_order (RandomOrder *order)
{
  static const gint64 rates[] = { 0, 700, 1000, 1900, 2000, 10000 };
  TillPricingInput *input = &order->input;
  TillPricingResult *result = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = (gsize) (one_in (10) ? g_test_rand_int_range (10, MAX_RANDOM_LINES + 1)
                                 : g_test_rand_int_range (1, 10));

  till_pricing_input_init (input);
  input->prices_include_tax = g_test_rand_bit ();
  input->lines = order->lines;
  input->n_lines = n;

  for (gsize i = 0; i < n; i++)
    {
      TillPricingLine *line = &order->lines[i];
      gboolean weighed = one_in (3);

      *line = (TillPricingLine) {
        .product_id = (gint64) i,
        .unit_price = one_in (10) ? random_range (0, 100000000) : random_range (0, 5000),
        .qty = weighed ? random_range (1, 5000) : 1000 * random_range (1, one_in (4) ? 40 : 4),
        .sold_by_weight = weighed,
        .tax_bp = rates[g_test_rand_int_range (0, G_N_ELEMENTS (rates))],
        .discountable = !one_in (5),
        .earns_points = !one_in (4),
      };
      if (line->discountable && one_in (4))
        line->discount = (TillDiscount) { TILL_DISCOUNT_PERCENT, random_range (0, 10000) };
    }

  if (g_test_rand_bit ())
    {
      input->has_customer = TRUE;
      input->tier_bp = one_in (2) ? 0 : random_range (0, 2000);
      input->mult_bp = random_range (0, TILL_MAX_MULT_BP);
      input->earn_points = random_range (1, 50);
      input->earn_amount = one_in (2) ? 1 : 100;
      input->balance = 1000;

      if (one_in (3))
        input->reward = (TillPricingReward) { .kind = TILL_REWARD_PERCENT_OFF,
                                              .value = random_range (0, 10000), .cost = 500 };
      else if (one_in (3) && !order->lines[0].sold_by_weight && order->lines[0].discountable)
        input->reward = (TillPricingReward) { .kind = TILL_REWARD_FREE_PRODUCT,
                                              .product_id = 0, .cost = 500 };
    }

  if (one_in (3))
    input->order_discount = (TillDiscount) { TILL_DISCOUNT_PERCENT, random_range (0, 10000) };

  if (!till_price_order (input, &result, &error))
    g_error ("a valid random order was refused: %s", error->message);
  return result;
}

static TillRefundableLine
refundable_from (const TillPricingLine *given,
                 const TillPricedLine  *priced)
{
  return (TillRefundableLine) {
    .qty = priced->qty,
    .refunded_qty = 0,
    .sold_by_weight = given->sold_by_weight,
    .paid = priced->paid,
    .tax = priced->tax,
    .points = priced->points,
  };
}

/* A step of k for a line with @left still to refund: whole units for a
 * product sold by unit, grams for a weighed one. */
static gint64
random_step (const TillRefundableLine *line,
             gint64                    left)
{
  if (line->sold_by_weight)
    return one_in (4) ? left : random_range (1, left);
  return 1000 * (one_in (4) ? left / 1000 : random_range (1, left / 1000));
}

static void
test_property_refunding_everything_returns_total_tax_and_points (void)
{
  for (guint k = 0; k < N_RANDOM_ORDERS; k++)
    {
      RandomOrder order;
      g_autoptr(TillPricingResult) result = random_priced_order (&order);
      TillRefundableLine lines[MAX_RANDOM_LINES];
      gint64 paid = 0, tax = 0, points = 0;
      gsize open = result->n_lines;

      for (gsize i = 0; i < result->n_lines; i++)
        lines[i] = refundable_from (&order.lines[i], &result->lines[i]);

      /* Random lines, random steps, interleaved, until nothing is left. */
      while (open > 0)
        {
          gsize i = (gsize) g_test_rand_int_range (0, (gint32) result->n_lines);
          TillRefundableLine *line = &lines[i];
          gint64 left = line->qty - line->refunded_qty;
          TillLineRefund refund;
          g_autoptr(GError) error = NULL;

          if (left == 0)
            continue;

          g_assert_true (till_refund_line (line, i + 1, random_step (line, left), &refund, &error));
          g_assert_no_error (error);
          line->refunded_qty += refund.qty;
          paid += refund.paid;
          tax += refund.tax;
          points += refund.points;
          if (line->refunded_qty == line->qty)
            open--;
        }

      g_assert_cmpint (paid, ==, result->total);
      g_assert_cmpint (tax, ==, result->tax);
      g_assert_cmpint (points, ==, result->points);
    }
}

static void
test_property_no_steps_return_more_than_paid (void)
{
  for (guint k = 0; k < N_RANDOM_ORDERS; k++)
    {
      RandomOrder order;
      g_autoptr(TillPricingResult) result = random_priced_order (&order);

      for (gsize i = 0; i < result->n_lines; i++)
        {
          TillRefundableLine line = refundable_from (&order.lines[i], &result->lines[i]);
          gint64 paid = 0, tax = 0, points = 0;

          while (line.refunded_qty < line.qty)
            {
              gint64 left = line.qty - line.refunded_qty;
              TillLineRefund refund;
              g_autoptr(GError) error = NULL;

              /* Now and then ask for more than is left: refused, nothing moves. */
              if (one_in (4))
                {
                  gint64 too_much = left + (line.sold_by_weight ? random_range (1, 1000)
                                                                : 1000 * random_range (1, 5));

                  g_assert_false (till_refund_line (&line, i + 1, too_much, &refund, &error));
                  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
                  continue;
                }

              g_assert_true (till_refund_line (&line, i + 1, random_step (&line, left),
                                               &refund, &error));
              g_assert_no_error (error);
              g_assert_cmpint (refund.paid, >=, 0);
              g_assert_cmpint (refund.tax, >=, 0);
              g_assert_cmpint (refund.points, >=, 0);

              line.refunded_qty += refund.qty;
              paid += refund.paid;
              tax += refund.tax;
              points += refund.points;

              g_assert_cmpint (paid, <=, line.paid);
              g_assert_cmpint (tax, <=, line.tax);
              g_assert_cmpint (points, <=, line.points);
              /* What K of q returns does not depend on the steps taken. */
              g_assert_cmpint (paid, ==, till_refund_share (line.paid, line.qty, 0, line.refunded_qty));
            }

          g_assert_cmpint (paid, ==, line.paid);
          g_assert_cmpint (tax, ==, line.tax);
          g_assert_cmpint (points, ==, line.points);
        }
    }
}

/* Pays a random total with a random mix of tenders, as the till would. */
static gsize
random_payment (gint64          total,
                gint64          increment,
                TillPaidTender *tenders)
{
  gint64 remaining = total;
  gsize n = 0;

  for (;;)
    {
      gint64 due = till_cash_round (remaining, increment);
      TillCashOutcome outcome;
      g_autoptr(GError) error = NULL;

      if (n + 1 < MAX_TENDERS && MIN (remaining, due) > 1 && one_in (3))
        {
          gint64 t = random_range (1, MIN (remaining, due) - 1);

          g_assert_true (till_cash_apply_tender (remaining, increment, t, NULL, &outcome, &error));
          tenders[n++] = (TillPaidTender) { TILL_TENDER_CASH, outcome.applied, 0 };
          remaining = outcome.remaining;
        }
      else if (n + 1 < MAX_TENDERS && remaining > 1 && one_in (2))
        {
          gint64 t = random_range (1, remaining - 1);

          g_assert_true (till_card_check_tender (remaining, t, NULL, &error));
          tenders[n++] = (TillPaidTender) { TILL_TENDER_CARD, t, 0 };
          remaining -= t;
        }
      else if (remaining > 0 && one_in (2))
        {
          tenders[n++] = (TillPaidTender) { TILL_TENDER_CARD, remaining, 0 };
          return n;
        }
      else
        {
          /* Cash that settles, with change: what it paid of T is R. */
          g_assert_true (till_cash_apply_tender (remaining, increment, due + random_range (0, 5000),
                                                 NULL, &outcome, &error));
          g_assert_true (outcome.settles);
          tenders[n++] = (TillPaidTender) { TILL_TENDER_CASH, outcome.applied, 0 };
          return n;
        }
      g_assert_no_error (error);
    }
}

static void
test_property_split_last_first_within_each_tender (void)
{
  static const gint64 increments[] = { 0, 1, 5, 10, 100 };

  for (guint k = 0; k < N_RANDOM_ORDERS; k++)
    {
      gint64 total = one_in (5) ? random_range (0, 20) : random_range (0, 200000);
      gint64 increment = increments[g_test_rand_int_range (0, G_N_ELEMENTS (increments))];
      TillPaidTender tenders[MAX_TENDERS];
      gsize n = random_payment (total, increment, tenders);
      gint64 paid = 0, refunded = 0;

      for (gsize i = 0; i < n; i++)
        paid += tenders[i].paid;
      g_assert_cmpint (paid, ==, total);

      /* Refunds in random amounts until the whole total is back. */
      while (refunded < total)
        {
          gint64 amount = one_in (4) ? total - refunded : random_range (1, total - refunded);
          gint64 shares[MAX_TENDERS];
          gint64 sum = 0, cash = 0;
          TillRefundPayout payout;
          g_autoptr(GError) error = NULL;

          g_assert_true (till_refund_split_tenders (amount, tenders, n, increment, NULL,
                                                    shares, &payout, &error));
          g_assert_no_error (error);

          for (gsize i = 0; i < n; i++)
            {
              g_assert_cmpint (shares[i], >=, 0);
              g_assert_cmpint (shares[i], <=, tenders[i].paid - tenders[i].refunded);
              sum += shares[i];
              if (tenders[i].kind == TILL_TENDER_CASH)
                cash += shares[i];

              /* Last first: an earlier tender gives only once every later
               * one has given back all it paid. */
              if (shares[i] > 0)
                for (gsize j = i + 1; j < n; j++)
                  g_assert_cmpint (tenders[j].refunded + shares[j], ==, tenders[j].paid);
            }
          g_assert_cmpint (sum, ==, amount);
          g_assert_cmpint (payout.cash, ==, cash);
          g_assert_cmpint (payout.other, ==, amount - cash);
          g_assert_cmpint (payout.cash_payout, ==, till_cash_round (cash, increment));
          g_assert_cmpint (payout.cash_rounding, ==, payout.cash_payout - cash);
          if (increment > 0)
            g_assert_cmpint (2 * ABS (payout.cash_rounding), <=, increment);

          for (gsize i = 0; i < n; i++)
            tenders[i].refunded += shares[i];
          refunded += amount;
        }

      /* Everything is back: not a minor unit more. */
      for (gsize i = 0; i < n; i++)
        g_assert_cmpint (tenders[i].refunded, ==, tenders[i].paid);

      {
        gint64 shares[MAX_TENDERS];
        TillRefundPayout payout;
        g_autoptr(GError) error = NULL;

        g_assert_false (till_refund_split_tenders (1, tenders, n, increment, NULL, shares,
                                                   &payout, &error));
        g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refund/share-is-cumulative-difference-of-rounded-parts",
                   test_share_is_cumulative_difference_of_rounded_parts);
  g_test_add_func ("/refund/line-refunded-one-unit-at-a-time-adds-up",
                   test_line_refunded_one_unit_at_a_time);
  g_test_add_func ("/refund/weighed-line-refunded-by-weight", test_weighed_line_refunded_by_weight);
  g_test_add_func ("/refund/line-refusals-name-line-and-quantity", test_line_refusals);
  g_test_add_func ("/refund/split-goes-back-last-tender-first-cash-rounded-once",
                   test_split_goes_back_last_tender_first);
  g_test_add_func ("/refund/split-refusals-write-nothing", test_split_refusals);
  g_test_add_func ("/refund/property/refunding-everything-returns-total-tax-and-points",
                   test_property_refunding_everything_returns_total_tax_and_points);
  g_test_add_func ("/refund/property/no-sequence-of-steps-returns-more-than-paid",
                   test_property_no_steps_return_more_than_paid);
  g_test_add_func ("/refund/property/split-last-first-within-what-each-tender-paid",
                   test_property_split_last_first_within_each_tender);

  return g_test_run ();
}
