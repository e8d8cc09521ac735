/* test-pricing.c: RULES.md's "Pricing an order" and "Points" as tables and properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-error.h"
#include "till-money.h"
#include "till-pricing.h"

typedef __int128 Int128;

#define MAX_TABLE_LINES 6
#define N_RANDOM_ORDERS 2500
#define MAX_RANDOM_LINES 80
#define N_RANDOM_PRODUCTS 10

/* Line builders.  Every field that a case may set is a parameter, so that
 * no designated initializer overrides another. */
#define UNIT(id, price, units, bp, disc, earns) \
  .product_id = (id), .unit_price = (price), .qty = (units) * 1000, .tax_bp = (bp), \
  .discountable = (disc), .earns_points = (earns)
#define WEIGHED(id, per_kg, grams, bp, disc, earns) \
  .product_id = (id), .unit_price = (per_kg), .qty = (grams), .sold_by_weight = TRUE, \
  .tax_bp = (bp), .discountable = (disc), .earns_points = (earns)
#define LABEL(id, per_kg, price, bp, disc, earns) \
  .product_id = (id), .unit_price = (per_kg), .sold_by_weight = TRUE, \
  .has_label_price = TRUE, .label_price = (price), \
  .tax_bp = (bp), .discountable = (disc), .earns_points = (earns)
#define PERCENT(bp) { TILL_DISCOUNT_PERCENT, (bp) }
#define AMOUNT(v) { TILL_DISCOUNT_AMOUNT, (v) }

/* What a line should come to: qty, base, line discount d, tier t, reward r,
 * order discount o, tax share s, paid, points. */
typedef struct
{
  gint64 qty, base, d, t, r, o, tax, paid, points;
} ExpectedLine;

typedef struct
{
  gboolean          prices_include_tax;
  gboolean          has_customer;
  gint64            tier_bp;
  gint64            mult_bp;
  gint64            earn_points;
  gint64            earn_amount;
  gint64            balance;
  TillPricingReward reward;
  TillDiscount      order_discount;
  gsize             n_lines;
  TillPricingLine   lines[MAX_TABLE_LINES];
  ExpectedLine      expected[MAX_TABLE_LINES];
  gsize             n_rows;
  TillTaxRow        rows[MAX_TABLE_LINES];      /* rate_bp, net, tax, gross */
  gint64            total, tax, savings, earn_base, points;
} PricingCase;

static void
input_from_case (const PricingCase *c,
                 TillPricingInput  *input)
{
  till_pricing_input_init (input);
  input->prices_include_tax = c->prices_include_tax;
  input->has_customer = c->has_customer;
  input->tier_bp = c->tier_bp;
  input->mult_bp = c->mult_bp;
  input->earn_points = c->earn_points;
  input->earn_amount = c->earn_amount;
  input->balance = c->balance;
  input->reward = c->reward;
  input->order_discount = c->order_discount;
  input->lines = c->lines;
  input->n_lines = c->n_lines;
  input->currency = till_currency_lookup ("EUR");
}

static char *
describe_lines (const ExpectedLine *lines,
                gsize               n)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "line %" G_GSIZE_FORMAT ": qty %" G_GINT64_FORMAT
                            " base %" G_GINT64_FORMAT " d %" G_GINT64_FORMAT
                            " t %" G_GINT64_FORMAT " r %" G_GINT64_FORMAT
                            " o %" G_GINT64_FORMAT " tax %" G_GINT64_FORMAT
                            " paid %" G_GINT64_FORMAT " points %" G_GINT64_FORMAT "\n",
                            i + 1, lines[i].qty, lines[i].base, lines[i].d, lines[i].t,
                            lines[i].r, lines[i].o, lines[i].tax, lines[i].paid,
                            lines[i].points);
  return g_string_free (s, FALSE);
}

static char *
describe_rows (const TillTaxRow *rows,
               gsize             n)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "rate %" G_GINT64_FORMAT ": net %" G_GINT64_FORMAT
                            " tax %" G_GINT64_FORMAT " gross %" G_GINT64_FORMAT "\n",
                            rows[i].rate_bp, rows[i].net, rows[i].tax, rows[i].gross);
  return g_string_free (s, FALSE);
}

static char *
describe_totals (gint64 total,
                 gint64 tax,
                 gint64 savings,
                 gint64 earn_base,
                 gint64 points)
{
  return g_strdup_printf ("total %" G_GINT64_FORMAT " tax %" G_GINT64_FORMAT
                          " savings %" G_GINT64_FORMAT " E %" G_GINT64_FORMAT
                          " P %" G_GINT64_FORMAT,
                          total, tax, savings, earn_base, points);
}

/* The chain of RULES.md holds on every priced line, whatever the case. */
static void
assert_line_chain (const TillPricedLine *line,
                   gboolean              prices_include_tax)
{
  g_assert_cmpint (line->l1, ==, line->base - line->line_discount);
  g_assert_cmpint (line->l2, ==, line->l1 - line->tier_discount);
  g_assert_cmpint (line->l3, ==, line->l2 - line->reward);
  g_assert_cmpint (line->l4, ==, line->l3 - line->order_discount);
  g_assert_cmpint (line->paid, ==, prices_include_tax ? line->l4 : line->l4 + line->tax);
}

static void
test_case (gconstpointer data)
{
  const PricingCase *c = data;
  TillPricingInput input;
  g_autoptr(TillPricingResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ExpectedLine got[MAX_TABLE_LINES];
  g_autofree char *got_lines = NULL, *want_lines = NULL;
  g_autofree char *got_rows = NULL, *want_rows = NULL;
  g_autofree char *got_totals = NULL, *want_totals = NULL;

  input_from_case (c, &input);
  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_lines, ==, c->n_lines);

  for (gsize i = 0; i < c->n_lines; i++)
    {
      const TillPricedLine *line = &result->lines[i];

      assert_line_chain (line, c->prices_include_tax);
      g_assert_cmpint (line->tax_bp, ==, c->lines[i].tax_bp);
      got[i] = (ExpectedLine) { line->qty, line->base, line->line_discount,
                                line->tier_discount, line->reward, line->order_discount,
                                line->tax, line->paid, line->points };
    }

  got_lines = describe_lines (got, c->n_lines);
  want_lines = describe_lines (c->expected, c->n_lines);
  g_assert_cmpstr (got_lines, ==, want_lines);

  got_rows = describe_rows (result->taxes, result->n_taxes);
  want_rows = describe_rows (c->rows, c->n_rows);
  g_assert_cmpstr (got_rows, ==, want_rows);

  got_totals = describe_totals (result->total, result->tax, result->savings,
                                result->earn_base, result->points);
  want_totals = describe_totals (c->total, c->tax, c->savings, c->earn_base, c->points);
  g_assert_cmpstr (got_totals, ==, want_totals);
}

/* Tables: every figure below is worked out by hand in the comment above it.
 * round() is half away from zero; allocate() is largest remainder, ties to
 * the earlier line.  "rem" is A × w_i mod Σw. */

/* Prices include tax; no customer.
 *   L1 croissant 1.20 × 2 at 7 %:      base = 240
 *   L2 café crème 3.10 × 1 at 19 %:    base = 310
 *   L3 ham 32.90/kg × 350 g at 7 %:    base = round(3290 × 350 / 1000) = round(1151.5) = 1152
 *   7 %:  G = 240 + 1152 = 1392, tax = round(1392 × 700 / 10700) = round(91.07) = 91
 *         s = allocate(91, [240, 1152]): floors 15 (rem 960), 75 (rem 432), 1 missing → L1
 *         → 16, 75
 *   19 %: G = 310, tax = round(310 × 1900 / 11900) = round(49.50 − …) = round(49.4958) = 49
 *   paid = l4; T = 1702; rows 7 %: net 1301 tax 91 gross 1392; 19 %: net 261 tax 49 gross 310 */
static const PricingCase case_inclusive = {
  .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 3,
  .lines = {
    { UNIT (1, 120, 2, 700, TRUE, TRUE) },
    { UNIT (2, 310, 1, 1900, TRUE, TRUE) },
    { WEIGHED (3, 3290, 350, 700, TRUE, TRUE) },
  },
  .expected = {
    { 2000, 240, 0, 0, 0, 0, 16, 240, 0 },
    { 1000, 310, 0, 0, 0, 0, 49, 310, 0 },
    { 350, 1152, 0, 0, 0, 0, 75, 1152, 0 },
  },
  .n_rows = 2,
  .rows = { { 700, 1301, 91, 1392 }, { 1900, 261, 49, 310 } },
  .total = 1702, .tax = 140, .savings = 0, .earn_base = 0, .points = 0,
};

/* The same lines with prices excluding tax.
 *   7 %:  G = 1392, tax = round(1392 × 0.07) = round(97.44) = 97
 *         s = allocate(97, [240, 1152]): floors 16 (rem 1008), 80 (rem 384), 1 missing → L1
 *         → 17, 80
 *   19 %: G = 310, tax = round(58.9) = 59
 *   paid = l4 + s: 257, 369, 1232; T = 1858 = Σ l4 1702 + tax 156
 *   rows 7 %: gross 257 + 1232 = 1489, tax 97, net 1392; 19 %: gross 369, tax 59, net 310 */
static const PricingCase case_exclusive = {
  .prices_include_tax = FALSE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 3,
  .lines = {
    { UNIT (1, 120, 2, 700, TRUE, TRUE) },
    { UNIT (2, 310, 1, 1900, TRUE, TRUE) },
    { WEIGHED (3, 3290, 350, 700, TRUE, TRUE) },
  },
  .expected = {
    { 2000, 240, 0, 0, 0, 0, 17, 257, 0 },
    { 1000, 310, 0, 0, 0, 0, 59, 369, 0 },
    { 350, 1152, 0, 0, 0, 0, 80, 1232, 0 },
  },
  .n_rows = 2,
  .rows = { { 700, 1392, 97, 1489 }, { 1900, 310, 59, 369 } },
  .total = 1858, .tax = 156, .savings = 0, .earn_base = 0, .points = 0,
};

/* Prices include tax; a 0 % rate gets its own row; halves round away from zero.
 *   L1 stamps 0.85 × 3 at 0 %, not discountable, not earning: base 255
 *   L2 gum 0.05 × 3 at 20 %: base 15
 *   L3 cheese 19.99/kg × 250 g at 0 %: base = round(499.75) = 500
 *   0 %:  G = 755, tax 0
 *   20 %: G = 15, tax = round(15 × 2000 / 12000) = round(2.5) = 3 (not 2)
 *   T = 770 */
static const PricingCase case_zero_rate = {
  .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 3,
  .lines = {
    { UNIT (10, 85, 3, 0, FALSE, FALSE) },
    { UNIT (11, 5, 3, 2000, TRUE, TRUE) },
    { WEIGHED (12, 1999, 250, 0, TRUE, TRUE) },
  },
  .expected = {
    { 3000, 255, 0, 0, 0, 0, 0, 255, 0 },
    { 3000, 15, 0, 0, 0, 0, 3, 15, 0 },
    { 250, 500, 0, 0, 0, 0, 0, 500, 0 },
  },
  .n_rows = 2,
  .rows = { { 0, 755, 0, 755 }, { 2000, 12, 3, 15 } },
  .total = 770, .tax = 3, .savings = 0, .earn_base = 0, .points = 0,
};

/* Prices exclude tax; halves away from zero in the tax and in a label's weight.
 *   L1 0.50 × 1 at 7 %: base 50; tax = round(50 × 0.07) = round(3.5) = 4; paid 54
 *   L2 scale label 10.01 for a product at 20.00/kg, 0 %: base = 1001 exactly,
 *      qty = round(1001 × 1000 / 2000) = round(500.5) = 501 g; tax 0; paid 1001
 *   T = 1055; rows 0 %: 1001/0/1001; 7 %: net 50 tax 4 gross 54 */
static const PricingCase case_exclusive_halves = {
  .prices_include_tax = FALSE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 2,
  .lines = {
    { UNIT (90, 50, 1, 700, TRUE, TRUE) },
    { LABEL (91, 2000, 1001, 0, TRUE, TRUE) },
  },
  .expected = {
    { 1000, 50, 0, 0, 0, 0, 4, 54, 0 },
    { 501, 1001, 0, 0, 0, 0, 0, 1001, 0 },
  },
  .n_rows = 2,
  .rows = { { 0, 1001, 0, 1001 }, { 700, 50, 4, 54 } },
  .total = 1055, .tax = 4, .savings = 0, .earn_base = 0, .points = 0,
};

/* Tax is rounded once per rate, then shared: three lines of 0.10 at 19 %
 * inclusive would give round(10 × 1900 / 11900) = round(1.60) = 2 each, 6 in
 * all, but the rate gives round(30 × 1900 / 11900) = round(4.79) = 5.
 *   s = allocate(5, [10, 10, 10]): floors 1, 1, 1 (rem 20 each), 2 missing →
 *   L1, L2 (ties to the earlier line) → 2, 2, 1 */
static const PricingCase case_tax_once_per_rate = {
  .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 3,
  .lines = {
    { UNIT (110, 10, 1, 1900, TRUE, TRUE) },
    { UNIT (111, 10, 1, 1900, TRUE, TRUE) },
    { UNIT (112, 10, 1, 1900, TRUE, TRUE) },
  },
  .expected = {
    { 1000, 10, 0, 0, 0, 0, 2, 10, 0 },
    { 1000, 10, 0, 0, 0, 0, 2, 10, 0 },
    { 1000, 10, 0, 0, 0, 0, 1, 10, 0 },
  },
  .n_rows = 1,
  .rows = { { 1900, 25, 5, 30 } },
  .total = 30, .tax = 5, .savings = 0, .earn_base = 0, .points = 0,
};

/* Manual line discounts, prices include tax, all at 19 %.
 *   L1 3.10, 10 %:   d = round(31.0) = 31,   l1 = 279
 *   L2 4.55, 15 %:   d = round(68.25) = 68,  l1 = 387
 *   L3 2.50 × 2 = 500, 1.20 off the line:  d = 120, l1 = 380
 *   L4 1.25, 50 %:   d = round(62.5) = 63,   l1 = 62
 *   G = 1108, tax = round(1108 × 1900 / 11900) = round(176.91) = 177
 *   s = allocate(177, [279, 387, 380, 62]): floors 44 (rem 631), 61 (rem 911),
 *   60 (rem 780), 9 (rem 1002); 3 missing → L4, L2, L3 → 44, 62, 61, 10
 *   T = 1108; savings = 31 + 68 + 120 + 63 = 282 */
static const PricingCase case_line_discounts = {
  .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .n_lines = 4,
  .lines = {
    { UNIT (20, 310, 1, 1900, TRUE, TRUE), .discount = PERCENT (1000) },
    { UNIT (21, 455, 1, 1900, TRUE, TRUE), .discount = PERCENT (1500) },
    { UNIT (22, 250, 2, 1900, TRUE, TRUE), .discount = AMOUNT (120) },
    { UNIT (23, 125, 1, 1900, TRUE, TRUE), .discount = PERCENT (5000) },
  },
  .expected = {
    { 1000, 310, 31, 0, 0, 0, 44, 279, 0 },
    { 1000, 455, 68, 0, 0, 0, 62, 387, 0 },
    { 2000, 500, 120, 0, 0, 0, 61, 380, 0 },
    { 1000, 125, 63, 0, 0, 0, 10, 62, 0 },
  },
  .n_rows = 1,
  .rows = { { 1900, 931, 177, 1108 } },
  .total = 1108, .tax = 177, .savings = 282, .earn_base = 0, .points = 0,
};

/* A customer with a 5 % tier, ×1, 1 point per 1.00; prices include tax.
 *   L1 10.00 at 7 %, discountable, earns:       t = round(50.0) = 50, l2 = 950
 *   L2 10.00 at 7 %, discountable, no points:   not eligible, t = 0, l2 = 1000
 *   L3 gift card 20.00 at 0 %, not discountable, earns: t = 0, l2 = 2000
 *   L4 3.33 at 19 %, discountable, earns:       t = round(16.65) = 17, l2 = 316
 *   0 %:  G = 2000, tax 0
 *   7 %:  G = 1950, tax = round(1950 × 700 / 10700) = round(127.57) = 128
 *         s = allocate(128, [950, 1000]): floors 62 (rem 700), 65 (rem 1250) → 62, 66
 *   19 %: G = 316, tax = round(316 × 1900 / 11900) = round(50.45) = 50
 *   T = 950 + 1000 + 2000 + 316 = 4266
 *   E = 950 + 2000 + 316 = 3266 (L2 is not eligible); P = floor(3266 / 100) = 32
 *   points = allocate(32, [950, 2000, 316]): floors 9 (rem 1006), 19 (rem 1946),
 *   3 (rem 314); 1 missing → L3 → 9, 20, 3 (and 0 on L2) */
static const PricingCase case_tier = {
  .prices_include_tax = TRUE, .has_customer = TRUE, .tier_bp = 500, .mult_bp = 10000,
  .earn_points = 1, .earn_amount = 100,
  .n_lines = 4,
  .lines = {
    { UNIT (30, 1000, 1, 700, TRUE, TRUE) },
    { UNIT (31, 1000, 1, 700, TRUE, FALSE) },
    { UNIT (32, 2000, 1, 0, FALSE, TRUE) },
    { UNIT (33, 333, 1, 1900, TRUE, TRUE) },
  },
  .expected = {
    { 1000, 1000, 0, 50, 0, 0, 62, 950, 9 },
    { 1000, 1000, 0, 0, 0, 0, 66, 1000, 0 },
    { 1000, 2000, 0, 0, 0, 0, 0, 2000, 20 },
    { 1000, 333, 0, 17, 0, 0, 50, 316, 3 },
  },
  .n_rows = 3,
  .rows = { { 0, 2000, 0, 2000 }, { 700, 1822, 128, 1950 }, { 1900, 266, 50, 316 } },
  .total = 4266, .tax = 178, .savings = 67, .earn_base = 3266, .points = 32,
};

/* The same lines with no customer: the tier (5 %) and multiplier (×1.5)
 * given in the input count for nothing.
 *   7 %:  G = 2000, tax = round(2000 × 700 / 10700) = round(130.84) = 131
 *         s = allocate(131, [1000, 1000]): floors 65, 65, rem 1000 each, the
 *         tie to the earlier line → 66, 65
 *   19 %: G = 333, tax = round(333 × 1900 / 11900) = round(53.17) = 53
 *   T = 4333, no points */
static const PricingCase case_no_customer = {
  .prices_include_tax = TRUE, .has_customer = FALSE, .tier_bp = 500, .mult_bp = 15000,
  .earn_points = 1, .earn_amount = 100,
  .n_lines = 4,
  .lines = {
    { UNIT (30, 1000, 1, 700, TRUE, TRUE) },
    { UNIT (31, 1000, 1, 700, TRUE, FALSE) },
    { UNIT (32, 2000, 1, 0, FALSE, TRUE) },
    { UNIT (33, 333, 1, 1900, TRUE, TRUE) },
  },
  .expected = {
    { 1000, 1000, 0, 0, 0, 0, 66, 1000, 0 },
    { 1000, 1000, 0, 0, 0, 0, 65, 1000, 0 },
    { 1000, 2000, 0, 0, 0, 0, 0, 2000, 0 },
    { 1000, 333, 0, 0, 0, 0, 53, 333, 0 },
  },
  .n_rows = 3,
  .rows = { { 0, 2000, 0, 2000 }, { 700, 1869, 131, 2000 }, { 1900, 280, 53, 333 } },
  .total = 4333, .tax = 184, .savings = 0, .earn_base = 0, .points = 0,
};

/* Amount-off reward of 5.00 (cost 200, balance 250); prices exclude tax;
 * customer ×1.5, no tier discount.
 *   Discountable l2: 1999, 501, 1000 (Σ 3500); L4 1500 is not discountable.
 *   r = allocate(500, [1999, 501, 1000]): floors 285 (rem 2000), 71 (rem 2000),
 *   142 (rem 3000); 2 missing → L3, then the tie to L1 → 286, 71, 143
 *   l4 = 1713, 430, 857, 1500
 *   0 %:  G = 1500, tax 0
 *   7 %:  G = 2143, tax = round(150.01) = 150; s = allocate(150, [1713, 430]):
 *         floors 119 (rem 1933), 30 (rem 210) → 120, 30
 *   19 %: G = 857, tax = round(162.83) = 163
 *   paid = 1833, 460, 1020, 1500; T = 4813 = 4500 + 313
 *   E = 4813; P = floor(4813 × 1 × 15000 / (100 × 10000)) = floor(72.195) = 72
 *   points = allocate(72, [1833, 460, 1020, 1500]): floors 27 (rem 2025),
 *   6 (rem 4242), 15 (rem 1245), 22 (rem 2114); 2 missing → L2, L4 → 27, 7, 15, 23 */
static const PricingCase case_amount_off = {
  .prices_include_tax = FALSE, .has_customer = TRUE, .tier_bp = 0, .mult_bp = 15000,
  .earn_points = 1, .earn_amount = 100, .balance = 250,
  .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 500, .cost = 200 },
  .n_lines = 4,
  .lines = {
    { UNIT (40, 1999, 1, 700, TRUE, TRUE) },
    { UNIT (41, 501, 1, 700, TRUE, TRUE) },
    { UNIT (42, 1000, 1, 1900, TRUE, TRUE) },
    { UNIT (43, 1500, 1, 0, FALSE, TRUE) },
  },
  .expected = {
    { 1000, 1999, 0, 0, 286, 0, 120, 1833, 27 },
    { 1000, 501, 0, 0, 71, 0, 30, 460, 7 },
    { 1000, 1000, 0, 0, 143, 0, 163, 1020, 15 },
    { 1000, 1500, 0, 0, 0, 0, 0, 1500, 23 },
  },
  .n_rows = 3,
  .rows = { { 0, 1500, 0, 1500 }, { 700, 2143, 150, 2293 }, { 1900, 857, 163, 1020 } },
  .total = 4813, .tax = 313, .savings = 500, .earn_base = 4813, .points = 72,
};

/* Tier 10 %, ×1.25; percent-off reward 10 % (cost 100, balance exactly 100),
 * then a 5 % order discount; prices include tax.
 *   L1 4.50 × 2 = 900 at 7 %, earns:      t = 90, l2 = 810
 *   L2 12.34 at 19 %, no points:           t = 0,  l2 = 1234
 *   L3 25.00 at 0 %, not discountable:     l2 = 2500
 *   R = round((810 + 1234) × 0.10) = round(204.4) = 204
 *   r = allocate(204, [810, 1234]): floors 80 (rem 1720), 123 (rem 324) → 81, 123
 *   l3 = 729, 1111; D = round(1840 × 0.05) = 92
 *   o = allocate(92, [729, 1111]): floors 36 (rem 828), 55 (rem 1012) → 36, 56
 *   l4 = 693, 1055, 2500
 *   7 %:  tax = round(693 × 700 / 10700) = round(45.34) = 45
 *   19 %: tax = round(1055 × 1900 / 11900) = round(168.45) = 168
 *   T = 4248; savings = 90 + 204 + 92 = 386 = 4634 − 4248
 *   E = 693 + 2500 = 3193; P = floor(3193 × 12500 / 1000000) = floor(39.91) = 39
 *   points = allocate(39, [693, 2500]): floors 8 (rem 1483), 30 (rem 1710) → 8, 31 */
static const PricingCase case_percent_off_and_order_percent = {
  .prices_include_tax = TRUE, .has_customer = TRUE, .tier_bp = 1000, .mult_bp = 12500,
  .earn_points = 1, .earn_amount = 100, .balance = 100,
  .reward = { .kind = TILL_REWARD_PERCENT_OFF, .value = 1000, .cost = 100 },
  .order_discount = PERCENT (500),
  .n_lines = 3,
  .lines = {
    { UNIT (50, 450, 2, 700, TRUE, TRUE) },
    { UNIT (51, 1234, 1, 1900, TRUE, FALSE) },
    { UNIT (52, 2500, 1, 0, FALSE, TRUE) },
  },
  .expected = {
    { 2000, 900, 0, 90, 81, 36, 45, 693, 8 },
    { 1000, 1234, 0, 0, 123, 56, 168, 1055, 0 },
    { 1000, 2500, 0, 0, 0, 0, 0, 2500, 31 },
  },
  .n_rows = 3,
  .rows = { { 0, 2500, 0, 2500 }, { 700, 648, 45, 693 }, { 1900, 887, 168, 1055 } },
  .total = 4248, .tax = 213, .savings = 386, .earn_base = 3193, .points = 39,
};

/* Free-product reward (a croissant, product 61, cost 300, balance 1000) with
 * a 5 % tier, 2 points per 1.00, and a 1.00 order discount; prices exclude tax.
 *   L1 2.50 at 7 %:            t = round(12.5) = 13 (half away), l2 = 237
 *   L2 croissant 1.20 × 3:     base 360, t = 18, l2 = 342; the reward takes one
 *                              unit of this first line: r = round(342 × 1000 / 3000) = 114
 *   L3 croissant 1.20 × 1:     base 120, t = 6, l2 = 114; not the first line: r = 0
 *   l3 = 237, 228, 114 (Σ 579); o = allocate(100, [237, 228, 114]): floors
 *   40 (rem 540), 39 (rem 219), 19 (rem 399); 2 missing → L1, L3 → 41, 39, 20
 *   l4 = 196, 189, 94; G = 479, tax = round(33.53) = 34
 *   s = allocate(34, [196, 189, 94]): floors 13 (rem 437), 13 (rem 199),
 *   6 (rem 322); 2 missing → L1, L3 → 14, 13, 7
 *   paid = 210, 202, 101; T = 513 = 479 + 34
 *   P = floor(513 × 2 × 10000 / (100 × 10000)) = floor(10.26) = 10
 *   points = allocate(10, [210, 202, 101]): floors 4 (rem 48), 3 (rem 481),
 *   1 (rem 497); 2 missing → L3, L2 → 4, 4, 2
 *   savings = (13 + 18 + 6) + 114 + 100 = 251 = 730 − 479 */
static const PricingCase case_free_product = {
  .prices_include_tax = FALSE, .has_customer = TRUE, .tier_bp = 500, .mult_bp = 10000,
  .earn_points = 2, .earn_amount = 100, .balance = 1000,
  .reward = { .kind = TILL_REWARD_FREE_PRODUCT, .product_id = 61, .cost = 300 },
  .order_discount = AMOUNT (100),
  .n_lines = 3,
  .lines = {
    { UNIT (60, 250, 1, 700, TRUE, TRUE) },
    { UNIT (61, 120, 3, 700, TRUE, TRUE) },
    { UNIT (61, 120, 1, 700, TRUE, TRUE) },
  },
  .expected = {
    { 1000, 250, 0, 13, 0, 41, 14, 210, 4 },
    { 3000, 360, 0, 18, 114, 39, 13, 202, 4 },
    { 1000, 120, 0, 6, 0, 20, 7, 101, 2 },
  },
  .n_rows = 1,
  .rows = { { 700, 479, 34, 513 } },
  .total = 513, .tax = 34, .savings = 251, .earn_base = 513, .points = 10,
};

/* Weighed lines and a scale label with a price, a 10 % order discount that
 * skips a deposit; prices include tax; no customer.
 *   L1 label 12.34 for ham at 32.90/kg, 7 %: base = 1234 exactly,
 *      qty = round(1234 × 1000 / 3290) = round(375.08) = 375 g
 *   L2 cheese 24.50/kg × 1.250 kg, 7 %: base = round(3062.5) = 3063, 0.63 off → l1 3000
 *   L3 deposit 0.25 × 6 at 19 %, not discountable: 150
 *   D = round((1234 + 3000) × 0.10) = round(423.4) = 423
 *   o = allocate(423, [1234, 3000]): floors 123 (rem 1200), 299 (rem 3034) → 123, 300
 *   l4 = 1111, 2700, 150
 *   7 %:  G = 3811, tax = round(3811 × 700 / 10700) = round(249.32) = 249
 *         s = allocate(249, [1111, 2700]): floors 72 (rem 2247), 176 (rem 1564) → 73, 176
 *   19 %: G = 150, tax = round(150 × 1900 / 11900) = round(23.95) = 24
 *   T = 3961; savings = 63 + 423 = 486 */
static const PricingCase case_weighed_and_label = {
  .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000,
  .order_discount = PERCENT (1000),
  .n_lines = 3,
  .lines = {
    { LABEL (70, 3290, 1234, 700, TRUE, TRUE) },
    { WEIGHED (71, 2450, 1250, 700, TRUE, TRUE), .discount = AMOUNT (63) },
    { UNIT (72, 25, 6, 1900, FALSE, FALSE) },
  },
  .expected = {
    { 375, 1234, 0, 0, 0, 123, 73, 1111, 0 },
    { 1250, 3063, 63, 0, 0, 300, 176, 2700, 0 },
    { 6000, 150, 0, 0, 0, 0, 24, 150, 0 },
  },
  .n_rows = 2,
  .rows = { { 700, 3562, 249, 3811 }, { 1900, 126, 24, 150 } },
  .total = 3961, .tax = 273, .savings = 486, .earn_base = 0, .points = 0,
};

/* A 100 % line discount leaves a line of 0: its tier discount is 0, the
 * 50 % order discount has nothing to take (D = round(0 × 0.5) = 0 over
 * weights [0]), its rate still gets a row of zeros.
 *   L1 5.00 at 19 %, 100 % off: d = 500, l4 = 0
 *   L2 1.00 at 0 %, not discountable, earns: 100
 *   T = 100; E = 0 + 100; P = floor(100 / 100) = 1 → allocate(1, [0, 100]) → 0, 1 */
static const PricingCase case_full_line_discount = {
  .prices_include_tax = TRUE, .has_customer = TRUE, .tier_bp = 1000, .mult_bp = 10000,
  .earn_points = 1, .earn_amount = 100,
  .order_discount = PERCENT (5000),
  .n_lines = 2,
  .lines = {
    { UNIT (80, 500, 1, 1900, TRUE, TRUE), .discount = PERCENT (10000) },
    { UNIT (81, 100, 1, 0, FALSE, TRUE) },
  },
  .expected = {
    { 1000, 500, 500, 0, 0, 0, 0, 0, 0 },
    { 1000, 100, 0, 0, 0, 0, 0, 100, 1 },
  },
  .n_rows = 2,
  .rows = { { 0, 100, 0, 100 }, { 1900, 0, 0, 0 } },
  .total = 100, .tax = 0, .savings = 500, .earn_base = 100, .points = 1,
};

/* An amount-off reward of exactly Σ l2 of the discountable lines (7.00, cost
 * 50, balance exactly 50) is allowed and takes them to 0; the 20 % order
 * discount then comes to round(0 × 0.2) = 0.
 *   r = allocate(700, [300, 400]) = 300, 400
 *   T = 150 (the deposit-like L3 alone); P = floor(150 / 100) = 1 → L3 */
static const PricingCase case_reward_takes_everything = {
  .prices_include_tax = TRUE, .has_customer = TRUE, .mult_bp = 10000,
  .earn_points = 1, .earn_amount = 100, .balance = 50,
  .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 700, .cost = 50 },
  .order_discount = PERCENT (2000),
  .n_lines = 3,
  .lines = {
    { UNIT (100, 300, 1, 1900, TRUE, TRUE) },
    { UNIT (101, 200, 2, 700, TRUE, TRUE) },
    { UNIT (102, 150, 1, 0, FALSE, TRUE) },
  },
  .expected = {
    { 1000, 300, 0, 0, 300, 0, 0, 0, 0 },
    { 2000, 400, 0, 0, 400, 0, 0, 0, 0 },
    { 1000, 150, 0, 0, 0, 0, 0, 150, 1 },
  },
  .n_rows = 3,
  .rows = { { 0, 150, 0, 150 }, { 700, 0, 0, 0 }, { 1900, 0, 0, 0 } },
  .total = 150, .tax = 0, .savings = 700, .earn_base = 150, .points = 1,
};

static void
test_empty_order_prices_to_zero (void)
{
  TillPricingInput input;
  g_autoptr(TillPricingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  till_pricing_input_init (&input);
  input.has_customer = TRUE;
  input.tier_bp = 500;

  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_lines, ==, 0);
  g_assert_cmpuint (result->n_taxes, ==, 0);
  g_assert_cmpint (result->total, ==, 0);
  g_assert_cmpint (result->tax, ==, 0);
  g_assert_cmpint (result->points, ==, 0);
  g_assert_cmpint (result->savings, ==, 0);
}

/* Refusals */

typedef struct
{
  const char       *message;
  TillErrorCode     code;
  gboolean          prices_include_tax;
  gboolean          has_customer;
  gint64            tier_bp;
  gint64            mult_bp;
  gint64            earn_points;
  gint64            earn_amount;
  gint64            balance;
  TillPricingReward reward;
  TillDiscount      order_discount;
  gsize             n_lines;
  TillPricingLine   lines[MAX_TABLE_LINES];
} RefusalCase;

/* A croissant (2 × 1.20 = 2.40) and ham (32.90/kg × 350 g = 11.52) unless
 * a case says otherwise; 1 point per 1.00, ×1. */
#define CROISSANTS UNIT (1, 120, 2, 700, TRUE, TRUE)
#define HAM WEIGHED (2, 3290, 350, 700, TRUE, TRUE)
#define SETTINGS .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 10000

static const RefusalCase refusal_cases[] = {
  { "Line 2, quantity: must be more than 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 2, .lines = { { CROISSANTS }, { WEIGHED (2, 3290, 0, 700, TRUE, TRUE) } } },
  { "Line 1, quantity: must be more than 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 120, -1, 700, TRUE, TRUE) } } },
  { "Line 1, quantity: 1.500 is not a whole number, and this product is sold by unit",
    TILL_ERROR_INVALID, SETTINGS,
    .n_lines = 1, .lines = { { .product_id = 1, .unit_price = 120, .qty = 1500, .tax_bp = 700 } } },
  { "Line 2, quantity: 100000 is more than the most a line can hold, 99999.999",
    TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 2, .lines = { { CROISSANTS }, { UNIT (1, 1, 100000, 700, TRUE, TRUE) } } },
  { "Line 1, price: 10000000.01 is more than the most a price can be, 10000000.00",
    TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 1000000001, 1, 700, TRUE, TRUE) } } },
  { "Line 1, price: -0.01 is below 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, -1, 1, 700, TRUE, TRUE) } } },
  { "Line 1, tax rate: 100.01 % is more than 100 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 120, 1, 10001, TRUE, TRUE) } } },
  { "Line 1, tax rate: -1 % is below 0 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 120, 1, -100, TRUE, TRUE) } } },
  { "Line 2, discount: 120 % is more than 100 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM, .discount = PERCENT (12000) } } },
  { "Line 1, discount: -5 % is below 0 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { CROISSANTS, .discount = PERCENT (-500) } } },
  { "Line 1, discount: this product cannot be discounted", TILL_ERROR_REFUSED, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 2000, 1, 0, FALSE, TRUE), .discount = PERCENT (0) } } },
  { "Line 2, discount: this product cannot be discounted", TILL_ERROR_REFUSED, SETTINGS,
    .n_lines = 2,
    .lines = { { CROISSANTS }, { UNIT (3, 2000, 1, 0, FALSE, TRUE), .discount = AMOUNT (100) } } },
  { "Line 1, discount: 2.41 is more than the line's 2.40", TILL_ERROR_REFUSED, SETTINGS,
    .n_lines = 1, .lines = { { CROISSANTS, .discount = AMOUNT (241) } } },
  /* The quantity lowered below what an amount discount allows. */
  { "Line 1, discount: 2.00 is more than the line's 1.20", TILL_ERROR_REFUSED, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 120, 1, 700, TRUE, TRUE), .discount = AMOUNT (200) } } },
  { "Line 1, discount: -0.05 is below 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { CROISSANTS, .discount = AMOUNT (-5) } } },
  { "Line 1, discount: unknown kind of discount", TILL_ERROR_INVALID, SETTINGS,
    .n_lines = 1, .lines = { { CROISSANTS, .discount = { (TillDiscountKind) 7, 5 } } } },
  { "Line 1, label price: only a product sold by weight can carry a price label",
    TILL_ERROR_INVALID, SETTINGS,
    .n_lines = 1,
    .lines = { { .product_id = 1, .unit_price = 120, .has_label_price = TRUE, .label_price = 120 } } },
  { "Line 2, label price: the product has no price per kg, so the weight cannot be worked out",
    TILL_ERROR_INVALID, SETTINGS,
    .n_lines = 2, .lines = { { CROISSANTS }, { LABEL (2, 0, 500, 700, TRUE, TRUE) } } },
  { "Line 2, label price: 0.01 at 32.90 a kg is less than a gram", TILL_ERROR_OUT_OF_RANGE,
    SETTINGS, .n_lines = 2, .lines = { { CROISSANTS }, { LABEL (2, 3290, 1, 700, TRUE, TRUE) } } },
  { "Line 1, label price: must be more than 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { LABEL (2, 3290, 0, 700, TRUE, TRUE) } } },
  { "Line 1, label price: the weight it stands for is more than the most a line can hold, "
    "99999.999 kg", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { LABEL (2, 1, 100000, 700, TRUE, TRUE) } } },
  /* 10.00 × 1001 = 10,010,000,000.00 */
  { "Order, subtotal: 10010000000.00 is more than the most an order can hold, 10000000000.00",
    TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .n_lines = 1, .lines = { { UNIT (1, 1000000000, 1001, 0, TRUE, TRUE) } } },
  /* A subtotal of exactly 10^12 is fine; 100 % tax on top doubles it. */
  { "Order, total: 20000000000.00 is more than the most an order can hold, 10000000000.00",
    TILL_ERROR_OUT_OF_RANGE, .prices_include_tax = FALSE, .earn_points = 1, .earn_amount = 100,
    .mult_bp = 10000,
    .n_lines = 1, .lines = { { UNIT (1, 1000000000, 1000, 10000, TRUE, TRUE) } } },
  { "Reward: a reward needs a customer on the order", TILL_ERROR_REFUSED, SETTINGS,
    .balance = 1000, .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 100, .cost = 10 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward: the customer has 499 points and this reward costs 500", TILL_ERROR_REFUSED,
    SETTINGS, .has_customer = TRUE, .balance = 499,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 100, .cost = 500 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward: the customer has -20 points and this reward costs 1", TILL_ERROR_REFUSED,
    SETTINGS, .has_customer = TRUE, .balance = -20,
    .reward = { .kind = TILL_REWARD_PERCENT_OFF, .value = 100, .cost = 1 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward, cost: 0 is outside 1 to 1000000000", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 100, .cost = 0 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward: unknown kind of reward", TILL_ERROR_INVALID, SETTINGS,
    .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = (TillRewardKind) 9, .value = 100, .cost = 1 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward: the free product is not on the order", TILL_ERROR_REFUSED, SETTINGS,
    .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_FREE_PRODUCT, .product_id = 99, .cost = 100 },
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM } } },
  { "Line 2, reward: this product is sold by weight; a free product must be one sold by unit",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_FREE_PRODUCT, .product_id = 2, .cost = 100 },
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM } } },
  { "Line 2, reward: this product cannot be discounted, so it cannot be given free",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_FREE_PRODUCT, .product_id = 5, .cost = 100 },
    .n_lines = 2, .lines = { { CROISSANTS }, { UNIT (5, 2000, 1, 0, FALSE, TRUE) } } },
  /* Σ l2 of the discountable lines: 240 + 1152 = 1392 (the gift card does not count). */
  { "Reward, amount: 13.93 is more than the discountable part of the order, 13.92",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 1393, .cost = 100 },
    .n_lines = 3,
    .lines = { { CROISSANTS }, { HAM }, { UNIT (5, 2000, 1, 0, FALSE, TRUE) } } },
  /* With a 10 % tier Σ l2 is 216 + 1037 = 1253. */
  { "Reward, amount: 12.54 is more than the discountable part of the order, 12.53",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .tier_bp = 1000, .balance = 1000,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 1254, .cost = 100 },
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM } } },
  { "Reward, amount: 0.01 is more than the discountable part of the order, 0.00",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 1, .cost = 100 },
    .n_lines = 1, .lines = { { UNIT (5, 2000, 1, 0, FALSE, TRUE) } } },
  { "Reward, amount: -1.00 is below 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = -100, .cost = 100 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Reward, percent: 100.01 % is more than 100 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .has_customer = TRUE, .balance = 1000,
    .reward = { .kind = TILL_REWARD_PERCENT_OFF, .value = 10001, .cost = 100 },
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Order discount: 13.93 is more than the discountable part of the order, 13.92",
    TILL_ERROR_REFUSED, SETTINGS, .order_discount = AMOUNT (1393),
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM } } },
  /* After a 5.00 reward Σ l3 is 1392 − 500 = 892. */
  { "Order discount: 8.93 is more than the discountable part of the order, 8.92",
    TILL_ERROR_REFUSED, SETTINGS, .has_customer = TRUE, .balance = 100,
    .reward = { .kind = TILL_REWARD_AMOUNT_OFF, .value = 500, .cost = 100 },
    .order_discount = AMOUNT (893),
    .n_lines = 2, .lines = { { CROISSANTS }, { HAM } } },
  { "Order discount: 120 % is more than 100 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .order_discount = PERCENT (12000), .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Order discount: -0.01 is below 0", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .order_discount = AMOUNT (-1), .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Order discount: unknown kind of discount", TILL_ERROR_INVALID, SETTINGS,
    .order_discount = { (TillDiscountKind) 3, 1 }, .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Settings, loyalty.earn_amount: 0 is outside 1 to 1000000", TILL_ERROR_OUT_OF_RANGE,
    .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 0, .mult_bp = 10000,
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Settings, loyalty.earn_points: 1001 is outside 0 to 1000", TILL_ERROR_OUT_OF_RANGE,
    .prices_include_tax = TRUE, .earn_points = 1001, .earn_amount = 100, .mult_bp = 10000,
    .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Customer, points multiplier: ×10.0001 is outside ×0 to ×10", TILL_ERROR_OUT_OF_RANGE,
    .prices_include_tax = TRUE, .earn_points = 1, .earn_amount = 100, .mult_bp = 100001,
    .has_customer = TRUE, .n_lines = 1, .lines = { { CROISSANTS } } },
  { "Customer, tier discount: 100.01 % is more than 100 %", TILL_ERROR_OUT_OF_RANGE, SETTINGS,
    .has_customer = TRUE, .tier_bp = 10001, .n_lines = 1, .lines = { { CROISSANTS } } },
};

static void
input_from_refusal (const RefusalCase *c,
                    TillPricingInput  *input)
{
  till_pricing_input_init (input);
  input->prices_include_tax = c->prices_include_tax;
  input->has_customer = c->has_customer;
  input->tier_bp = c->tier_bp;
  input->mult_bp = c->mult_bp;
  input->earn_points = c->earn_points;
  input->earn_amount = c->earn_amount;
  input->balance = c->balance;
  input->reward = c->reward;
  input->order_discount = c->order_discount;
  input->lines = c->lines;
  input->n_lines = c->n_lines;
  input->currency = till_currency_lookup ("EUR");
}

static void
test_refusals_name_line_and_field (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (refusal_cases); i++)
    {
      const RefusalCase *c = &refusal_cases[i];
      TillPricingInput input;
      TillPricingResult *result = NULL;
      g_autoptr(GError) error = NULL;

      input_from_refusal (c, &input);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, c->message);
      g_assert_false (till_price_order (&input, &result, &error));
      g_assert_error (error, TILL_ERROR, (gint) c->code);
      g_assert_cmpstr (error->message, ==, c->message);
      /* A refusal hands back nothing. */
      g_assert_null (result);
    }
}

static void
test_messages_in_minor_units_without_currency (void)
{
  TillPricingLine line = { CROISSANTS, .discount = AMOUNT (241) };
  TillPricingInput input;
  TillPricingResult *result = NULL;
  g_autoptr(GError) error = NULL;

  till_pricing_input_init (&input);
  input.lines = &line;
  input.n_lines = 1;

  g_assert_false (till_price_order (&input, &result, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "Line 1, discount: 241 is more than the line's 240");
  g_assert_null (result);
}

static void
test_more_than_1000_lines_refused (void)
{
  g_autofree TillPricingLine *lines = g_new0 (TillPricingLine, TILL_MAX_ORDER_LINES + 1);
  TillPricingInput input;
  g_autoptr(TillPricingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i <= TILL_MAX_ORDER_LINES; i++)
    lines[i] = (TillPricingLine) { UNIT ((gint64) i, 100, 1, 700, TRUE, TRUE) };

  till_pricing_input_init (&input);
  input.lines = lines;

  /* 1000 lines are fine: 1000 × 1.00 at 7 % inclusive, one row. */
  input.n_lines = TILL_MAX_ORDER_LINES;
  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, 100000);
  g_assert_cmpuint (result->n_taxes, ==, 1);
  g_clear_pointer (&result, till_pricing_result_free);

  input.n_lines = TILL_MAX_ORDER_LINES + 1;
  g_assert_false (till_price_order (&input, &result, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Order: 1001 lines is more than the most an order can hold, 1000");
  g_assert_null (result);
}

/* Each limit itself is allowed: a percent of exactly 100 %, an amount of
 * exactly the line or the order, a balance of exactly the cost, the largest
 * price and quantity, a subtotal of exactly 10^12. */
static void
test_limits_themselves_are_allowed (void)
{
  TillPricingLine lines[] = {
    { UNIT (1, 120, 2, 10000, TRUE, TRUE), .discount = AMOUNT (240) },
    { UNIT (2, 310, 1, 0, TRUE, TRUE), .discount = PERCENT (10000) },
    { WEIGHED (3, 10, TILL_MAX_LINE_QTY, 700, TRUE, TRUE) },
  };
  TillPricingLine big = { UNIT (9, TILL_MAX_UNIT_PRICE, 1000, 0, TRUE, TRUE) };
  TillPricingInput input;
  g_autoptr(TillPricingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  till_pricing_input_init (&input);
  input.lines = lines;
  input.n_lines = G_N_ELEMENTS (lines);
  input.has_customer = TRUE;
  input.tier_bp = 10000;
  input.mult_bp = TILL_MAX_MULT_BP;
  input.earn_points = TILL_MAX_EARN_POINTS;
  input.earn_amount = TILL_MAX_EARN_AMOUNT;
  input.balance = TILL_MAX_REWARD_COST;
  input.reward = (TillPricingReward) { .kind = TILL_REWARD_PERCENT_OFF, .value = 10000,
                                       .cost = TILL_MAX_REWARD_COST };
  input.order_discount = (TillDiscount) AMOUNT (0);

  /* L3: 0.10/kg × 99,999.999 kg = round(999999.99) = 1000000, then the 100 %
   * tier takes it all: every line ends at 0. */
  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result->lines[2].base, ==, 1000000);
  g_assert_cmpint (result->subtotal, ==, 240 + 310 + 1000000);
  g_assert_cmpint (result->total, ==, 0);
  g_assert_cmpint (result->savings, ==, result->subtotal);
  g_clear_pointer (&result, till_pricing_result_free);

  /* 10.00 × 1000 = the most an order holds, with 100 % of it taken back off
   * as an order discount of exactly Σ l3. */
  till_pricing_input_init (&input);
  input.lines = &big;
  input.n_lines = 1;
  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, TILL_MAX_ORDER_AMOUNT);
  g_clear_pointer (&result, till_pricing_result_free);

  input.order_discount = (TillDiscount) AMOUNT (TILL_MAX_ORDER_AMOUNT);
  g_assert_true (till_price_order (&input, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, 0);
  g_assert_cmpint (result->order_discount, ==, TILL_MAX_ORDER_AMOUNT);
}

/* Properties over random orders */

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

/* A reference of the test's own: round and floor on the exact rational. */
static gint64
ref_round (Int128 n,
           Int128 d)
{
  Int128 q, r;

  g_assert (d > 0 && n >= 0);
  q = n / d;
  r = n % d;
  if (2 * r >= d)
    q++;
  return (gint64) q;
}

static gint64
ref_floor (Int128 n,
           Int128 d)
{
  g_assert (d > 0 && n >= 0);
  return (gint64) (n / d);
}

typedef struct
{
  gint64   price;
  gboolean weighed;
  gboolean discountable;
  gboolean earns;
  gint64   tax_bp;
} RandomProduct;

typedef struct
{
  TillPricingInput input;
  TillPricingLine  lines[MAX_RANDOM_LINES];
} RandomOrder;

static const gint64 random_rates[] = { 0, 500, 550, 700, 1000, 1900, 2000, 2100, 10000 };

static void
random_catalog (RandomProduct *products)
{
  for (gsize p = 0; p < N_RANDOM_PRODUCTS; p++)
    {
      RandomProduct *product = &products[p];

      product->weighed = one_in (3);
      product->discountable = !one_in (5);
      product->earns = !one_in (4);
      product->tax_bp = random_rates[g_test_rand_int_range (0, G_N_ELEMENTS (random_rates))];

      if (product->weighed)
        product->price = one_in (10) ? random_range (100, 1000000) : random_range (100, 20000);
      else if (one_in (20))
        product->price = 0;
      else if (one_in (20))
        product->price = random_range (1000000, TILL_MAX_UNIT_PRICE);
      else
        product->price = random_range (1, 5000);
    }
}

static TillPricingResult *
price_or_fail (const TillPricingInput *input)
{
  TillPricingResult *result = NULL;
  g_autoptr(GError) error = NULL;

  if (!till_price_order (input, &result, &error))
    g_error ("a valid random order was refused: %s", error->message);
  return result;
}

static gint64
sum_discountable (const TillPricingInput  *input,
                  const TillPricingResult *result,
                  gboolean                 after_reward)
{
  gint64 sum = 0;

  for (gsize i = 0; i < result->n_lines; i++)
    if (input->lines[i].discountable)
      sum += after_reward ? result->lines[i].l3 : result->lines[i].l2;
  return sum;
}

/* A random but valid order, its amounts chosen from a first pricing of it
 * so that amount discounts fit what they apply to.  Edges come up often:
 * 0 and 100 %, an amount of exactly the base or the sum, a balance of
 * exactly the cost, many lines of one product. */
static void
random_order (RandomOrder *order)
{
  RandomProduct products[N_RANDOM_PRODUCTS];
  TillPricingInput *input = &order->input;
  g_autoptr(TillPricingResult) first = NULL;
  g_autoptr(TillPricingResult) second = NULL;
  g_autoptr(TillPricingResult) third = NULL;
  gsize n;

  random_catalog (products);

  if (one_in (20))
    n = (gsize) g_test_rand_int_range (31, MAX_RANDOM_LINES + 1);
  else if (one_in (4))
    n = (gsize) g_test_rand_int_range (9, 31);
  else
    n = (gsize) g_test_rand_int_range (0, 9);

  for (gsize i = 0; i < n; i++)
    {
      gint64 id = g_test_rand_int_range (0, N_RANDOM_PRODUCTS);
      const RandomProduct *product = &products[id];
      TillPricingLine *line = &order->lines[i];

      *line = (TillPricingLine) {
        .product_id = id,
        .unit_price = product->price,
        .sold_by_weight = product->weighed,
        .tax_bp = product->tax_bp,
        .discountable = product->discountable,
        .earns_points = product->earns,
      };

      if (!product->weighed)
        line->qty = 1000 * (product->price > 1000000 ? random_range (1, 3)
                            : one_in (5) ? random_range (1, 50) : random_range (1, 3));
      else if (one_in (3))
        {
          /* At least half a gram's worth, so the weight rounds to 1 g or more. */
          line->has_label_price = TRUE;
          line->label_price = random_range (MAX (1, (product->price + 1999) / 2000), 100000);
        }
      else
        line->qty = one_in (10) ? random_range (1, 99999) : random_range (1, 5000);
    }

  till_pricing_input_init (input);
  input->prices_include_tax = g_test_rand_bit ();
  input->lines = order->lines;
  input->n_lines = n;
  input->currency = till_currency_lookup ("EUR");
  input->earn_points = one_in (3) ? random_range (0, TILL_MAX_EARN_POINTS) : 1;
  input->earn_amount = one_in (3) ? random_range (1, TILL_MAX_EARN_AMOUNT)
                       : one_in (2) ? 1 : 100;

  if (!one_in (3))
    {
      static const gint64 tiers[] = { 0, 250, 500, 1000, 10000 };
      static const gint64 mults[] = { 0, 10000, 12500, 15000, 20000, 100000 };

      input->has_customer = TRUE;
      input->tier_bp = one_in (3) ? random_range (0, 10000)
                       : tiers[g_test_rand_int_range (0, G_N_ELEMENTS (tiers))];
      input->mult_bp = one_in (3) ? random_range (0, TILL_MAX_MULT_BP)
                       : mults[g_test_rand_int_range (0, G_N_ELEMENTS (mults))];
    }

  /* Line discounts, from each line's base. */
  first = price_or_fail (input);
  for (gsize i = 0; i < n; i++)
    {
      TillPricingLine *line = &order->lines[i];
      gint64 base = first->lines[i].base;

      if (!line->discountable || !one_in (4))
        continue;

      if (g_test_rand_bit ())
        line->discount = (TillDiscount) PERCENT (one_in (5) ? 10000 : random_range (0, 10000));
      else
        line->discount = (TillDiscount) AMOUNT (one_in (5) ? base : random_range (0, base));
    }

  /* A reward, from Σ l2. */
  second = price_or_fail (input);
  if (input->has_customer && g_test_rand_bit ())
    {
      TillPricingReward *reward = &input->reward;
      gint64 sum = sum_discountable (input, second, FALSE);

      reward->cost = one_in (3) ? random_range (1, TILL_MAX_REWARD_COST) : random_range (1, 1000);
      input->balance = g_test_rand_bit () ? reward->cost : reward->cost + random_range (0, 100000);

      switch (g_test_rand_int_range (0, 3))
        {
        case 0:
          reward->kind = TILL_REWARD_AMOUNT_OFF;
          reward->value = one_in (5) ? sum : random_range (0, sum);
          break;
        case 1:
          reward->kind = TILL_REWARD_PERCENT_OFF;
          reward->value = one_in (5) ? 10000 : random_range (0, 10000);
          break;
        default:
          /* A product of the order that can be given free, if any. */
          for (gsize i = 0; i < n; i++)
            {
              const TillPricingLine *line = &order->lines[(i + n / 2) % n];

              if (!line->sold_by_weight && line->discountable)
                {
                  reward->kind = TILL_REWARD_FREE_PRODUCT;
                  reward->product_id = line->product_id;
                  break;
                }
            }
          break;
        }
    }

  /* An order discount, from Σ l3. */
  third = price_or_fail (input);
  if (!one_in (3))
    {
      gint64 sum = sum_discountable (input, third, TRUE);

      if (g_test_rand_bit ())
        input->order_discount = (TillDiscount) PERCENT (one_in (5) ? 10000 : random_range (0, 10000));
      else
        input->order_discount = (TillDiscount) AMOUNT (one_in (5) ? sum : random_range (0, sum));
    }
}

typedef void (*OrderCheck) (const TillPricingInput  *input,
                            const TillPricingResult *result);

static void
for_random_orders (OrderCheck check)
{
  for (guint k = 0; k < N_RANDOM_ORDERS; k++)
    {
      RandomOrder order;
      g_autoptr(TillPricingResult) result = NULL;

      random_order (&order);
      result = price_or_fail (&order.input);
      check (&order.input, result);
    }
}

static void
check_total_is_sum_of_paid (const TillPricingInput  *input,
                            const TillPricingResult *result)
{
  gint64 paid = 0, base = 0, l4 = 0;

  g_assert_cmpuint (result->n_lines, ==, input->n_lines);
  for (gsize i = 0; i < result->n_lines; i++)
    {
      paid += result->lines[i].paid;
      base += result->lines[i].base;
      l4 += result->lines[i].l4;
    }

  g_assert_cmpint (result->total, ==, paid);
  g_assert_cmpint (result->total, <=, TILL_MAX_ORDER_AMOUNT);
  g_assert_cmpint (result->subtotal, ==, base);
  g_assert_cmpint (result->savings, ==, base - l4);
  g_assert_cmpint (result->savings, ==, result->line_discounts + result->tier_discounts
                                        + result->reward + result->order_discount);
}

static void
test_property_total_is_sum_of_paid_lines (void)
{
  for_random_orders (check_total_is_sum_of_paid);
}

static void
check_tax_rows (const TillPricingInput  *input,
                const TillPricingResult *result)
{
  gint64 gross = 0, tax = 0;

  for (gsize r = 0; r < result->n_taxes; r++)
    {
      const TillTaxRow *row = &result->taxes[r];
      gint64 row_paid = 0, row_shares = 0, row_l4 = 0;
      gboolean present = FALSE;

      if (r > 0)
        g_assert_cmpint (result->taxes[r - 1].rate_bp, <, row->rate_bp);

      for (gsize i = 0; i < result->n_lines; i++)
        {
          if (result->lines[i].tax_bp != row->rate_bp)
            continue;
          present = TRUE;
          row_paid += result->lines[i].paid;
          row_shares += result->lines[i].tax;
          row_l4 += result->lines[i].l4;
        }

      g_assert_true (present);
      g_assert_cmpint (row->gross, ==, row_paid);
      g_assert_cmpint (row->tax, ==, row_shares);
      g_assert_cmpint (row->net, ==, row->gross - row->tax);
      /* Rounded once per rate, on the exact rational. */
      g_assert_cmpint (row->tax, ==,
                       ref_round ((Int128) row_l4 * row->rate_bp,
                                  input->prices_include_tax ? 10000 + row->rate_bp : 10000));
      gross += row->gross;
      tax += row->tax;
    }

  /* Every rate on the order has its row. */
  for (gsize i = 0; i < result->n_lines; i++)
    {
      gboolean found = FALSE;

      for (gsize r = 0; r < result->n_taxes; r++)
        found = found || result->taxes[r].rate_bp == result->lines[i].tax_bp;
      g_assert_true (found);
    }

  g_assert_cmpint (gross, ==, result->total);
  g_assert_cmpint (tax, ==, result->tax);
}

static void
test_property_tax_rows_add_up (void)
{
  for_random_orders (check_tax_rows);
}

/* A largest-remainder share is the floor of the exact pro-rata share, or one more. */
static void
assert_share_near_pro_rata (gint64 share,
                            gint64 amount,
                            gint64 weight,
                            gint64 total_weight)
{
  gint64 floor_share;

  if (total_weight == 0)
    {
      g_assert_cmpint (share, ==, 0);
      return;
    }

  floor_share = ref_floor ((Int128) amount * weight, total_weight);
  g_assert_cmpint (share, >=, floor_share);
  g_assert_cmpint (share, <=, floor_share + 1);
}

static void
check_allocations (const TillPricingInput  *input,
                   const TillPricingResult *result)
{
  gint64 sum_l2 = 0, sum_l3 = 0, rewards = 0, order_shares = 0, points = 0, eligible_paid = 0;
  gint64 expected_reward = 0, expected_d = 0;
  gboolean free_line_found = FALSE;

  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricedLine *line = &result->lines[i];

      rewards += line->reward;
      order_shares += line->order_discount;
      points += line->points;
      if (line->eligible)
        eligible_paid += line->paid;
      if (input->lines[i].discountable)
        {
          sum_l2 += line->l2;
          sum_l3 += line->l3;
        }
      else
        {
          g_assert_cmpint (line->reward, ==, 0);
          g_assert_cmpint (line->order_discount, ==, 0);
        }
    }

  switch (input->reward.kind)
    {
    case TILL_REWARD_NONE:
      expected_reward = 0;
      break;
    case TILL_REWARD_AMOUNT_OFF:
      expected_reward = input->reward.value;
      break;
    case TILL_REWARD_PERCENT_OFF:
      expected_reward = ref_round ((Int128) sum_l2 * input->reward.value, 10000);
      break;
    case TILL_REWARD_FREE_PRODUCT:
      for (gsize i = 0; i < result->n_lines; i++)
        {
          const TillPricedLine *line = &result->lines[i];

          if (!free_line_found && input->lines[i].product_id == input->reward.product_id)
            {
              free_line_found = TRUE;
              expected_reward = ref_round ((Int128) line->l2 * 1000, line->qty);
              g_assert_cmpint (line->reward, ==, expected_reward);
            }
          else
            {
              g_assert_cmpint (line->reward, ==, 0);
            }
        }
      g_assert_true (free_line_found);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpint (rewards, ==, expected_reward);
  g_assert_cmpint (result->reward, ==, expected_reward);

  switch (input->order_discount.kind)
    {
    case TILL_DISCOUNT_NONE:
      expected_d = 0;
      break;
    case TILL_DISCOUNT_PERCENT:
      expected_d = ref_round ((Int128) sum_l3 * input->order_discount.value, 10000);
      break;
    case TILL_DISCOUNT_AMOUNT:
      expected_d = input->order_discount.value;
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpint (order_shares, ==, expected_d);
  g_assert_cmpint (result->order_discount, ==, expected_d);
  g_assert_cmpint (points, ==, result->points);

  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricedLine *line = &result->lines[i];
      gint64 rate_tax = 0, rate_l4 = 0;

      if (input->lines[i].discountable)
        {
          if (input->reward.kind == TILL_REWARD_AMOUNT_OFF
              || input->reward.kind == TILL_REWARD_PERCENT_OFF)
            assert_share_near_pro_rata (line->reward, expected_reward, line->l2, sum_l2);
          assert_share_near_pro_rata (line->order_discount, expected_d, line->l3, sum_l3);
        }

      for (gsize r = 0; r < result->n_taxes; r++)
        if (result->taxes[r].rate_bp == line->tax_bp)
          rate_tax = result->taxes[r].tax;
      for (gsize j = 0; j < result->n_lines; j++)
        if (result->lines[j].tax_bp == line->tax_bp)
          rate_l4 += result->lines[j].l4;
      assert_share_near_pro_rata (line->tax, rate_tax, line->l4, rate_l4);

      if (line->eligible)
        assert_share_near_pro_rata (line->points, result->points, line->paid, eligible_paid);
    }
}

static void
test_property_every_allocation_sums_exactly (void)
{
  for_random_orders (check_allocations);
}

static void
check_no_line_below_zero (const TillPricingInput  *input,
                          const TillPricingResult *result)
{
  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricedLine *line = &result->lines[i];

      assert_line_chain (line, input->prices_include_tax);
      g_assert_cmpint (line->line_discount, >=, 0);
      g_assert_cmpint (line->tier_discount, >=, 0);
      g_assert_cmpint (line->reward, >=, 0);
      g_assert_cmpint (line->order_discount, >=, 0);
      g_assert_cmpint (line->l4, >=, 0);
      g_assert_cmpint (line->tax, >=, 0);
      g_assert_cmpint (line->paid, >=, 0);
      if (input->prices_include_tax)
        g_assert_cmpint (line->tax, <=, line->paid);
    }
}

static void
test_property_no_line_pays_below_zero (void)
{
  for_random_orders (check_no_line_below_zero);
}

static void
check_points (const TillPricingInput  *input,
              const TillPricingResult *result)
{
  gint64 earn_base = 0;
  gint64 expected;

  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricedLine *line = &result->lines[i];

      g_assert_true (line->eligible == (input->has_customer && input->lines[i].earns_points));
      g_assert_cmpint (line->points, >=, 0);
      if (line->eligible)
        earn_base += line->paid;
      else
        g_assert_cmpint (line->points, ==, 0);
    }

  g_assert_cmpint (result->earn_base, ==, earn_base);
  expected = ref_floor ((Int128) earn_base * input->earn_points * input->mult_bp,
                        (Int128) input->earn_amount * 10000);
  g_assert_cmpint (result->points, ==, expected);
  g_assert_cmpint (result->points, >=, 0);
  if (!input->has_customer)
    g_assert_cmpint (result->points, ==, 0);
}

static void
test_property_points_one_floor_per_order (void)
{
  for_random_orders (check_points);
}

static void
check_exclusive_total (const TillPricingInput  *input,
                       const TillPricingResult *result)
{
  gint64 l4 = 0;

  for (gsize i = 0; i < result->n_lines; i++)
    l4 += result->lines[i].l4;

  if (input->prices_include_tax)
    g_assert_cmpint (result->total, ==, l4);
  else
    g_assert_cmpint (result->total, ==, l4 + result->tax);
}

static void
test_property_exclusive_total_is_net_plus_tax (void)
{
  for_random_orders (check_exclusive_total);
}

static void
check_step_formulas (const TillPricingInput  *input,
                     const TillPricingResult *result)
{
  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricingLine *given = &input->lines[i];
      const TillPricedLine *line = &result->lines[i];
      gint64 d = 0;

      if (given->has_label_price)
        {
          g_assert_cmpint (line->base, ==, given->label_price);
          g_assert_cmpint (line->qty, ==,
                           ref_round ((Int128) given->label_price * 1000, given->unit_price));
        }
      else
        {
          g_assert_cmpint (line->qty, ==, given->qty);
          g_assert_cmpint (line->base, ==, ref_round ((Int128) given->unit_price * given->qty, 1000));
        }

      if (given->discount.kind == TILL_DISCOUNT_PERCENT)
        d = ref_round ((Int128) line->base * given->discount.value, 10000);
      else if (given->discount.kind == TILL_DISCOUNT_AMOUNT)
        d = given->discount.value;
      g_assert_cmpint (line->line_discount, ==, d);

      if (line->eligible && given->discountable)
        g_assert_cmpint (line->tier_discount, ==,
                         ref_round ((Int128) line->l1 * input->tier_bp, 10000));
      else
        g_assert_cmpint (line->tier_discount, ==, 0);
    }
}

static void
test_property_each_step_follows_its_formula (void)
{
  for_random_orders (check_step_formulas);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/pricing/inclusive-tax-breakdown-by-ascending-rate",
                        &case_inclusive, test_case);
  g_test_add_data_func ("/pricing/exclusive-tax-added-to-each-line",
                        &case_exclusive, test_case);
  g_test_add_data_func ("/pricing/zero-rate-has-its-row-and-halves-round-away",
                        &case_zero_rate, test_case);
  g_test_add_data_func ("/pricing/exclusive-tax-and-label-weight-round-half-away",
                        &case_exclusive_halves, test_case);
  g_test_add_data_func ("/pricing/tax-rounded-once-per-rate-not-per-line",
                        &case_tax_once_per_rate, test_case);
  g_test_add_data_func ("/pricing/line-percent-and-amount-discounts",
                        &case_line_discounts, test_case);
  g_test_add_data_func ("/pricing/tier-discount-only-on-eligible-discountable-lines",
                        &case_tier, test_case);
  g_test_add_data_func ("/pricing/no-customer-no-tier-discount-no-points",
                        &case_no_customer, test_case);
  g_test_add_data_func ("/pricing/amount-off-reward-shared-over-discountable-lines",
                        &case_amount_off, test_case);
  g_test_add_data_func ("/pricing/percent-off-reward-then-order-percent-discount",
                        &case_percent_off_and_order_percent, test_case);
  g_test_add_data_func ("/pricing/free-product-takes-one-unit-of-the-first-line",
                        &case_free_product, test_case);
  g_test_add_data_func ("/pricing/weighed-and-scale-label-lines-with-order-discount",
                        &case_weighed_and_label, test_case);
  g_test_add_data_func ("/pricing/full-line-discount-leaves-a-zero-line-and-row",
                        &case_full_line_discount, test_case);
  g_test_add_data_func ("/pricing/reward-may-take-every-discountable-line",
                        &case_reward_takes_everything, test_case);
  g_test_add_func ("/pricing/empty-order-prices-to-zero", test_empty_order_prices_to_zero);
  g_test_add_func ("/pricing/refusals-name-line-and-field", test_refusals_name_line_and_field);
  g_test_add_func ("/pricing/messages-in-minor-units-without-currency",
                   test_messages_in_minor_units_without_currency);
  g_test_add_func ("/pricing/more-than-1000-lines-refused", test_more_than_1000_lines_refused);
  g_test_add_func ("/pricing/limits-themselves-are-allowed", test_limits_themselves_are_allowed);
  g_test_add_func ("/pricing/property/total-is-sum-of-paid-lines",
                   test_property_total_is_sum_of_paid_lines);
  g_test_add_func ("/pricing/property/tax-rows-add-up-to-total-and-line-shares",
                   test_property_tax_rows_add_up);
  g_test_add_func ("/pricing/property/every-allocation-sums-exactly",
                   test_property_every_allocation_sums_exactly);
  g_test_add_func ("/pricing/property/no-line-pays-below-zero",
                   test_property_no_line_pays_below_zero);
  g_test_add_func ("/pricing/property/points-one-floor-per-order-never-negative",
                   test_property_points_one_floor_per_order);
  g_test_add_func ("/pricing/property/exclusive-total-is-net-plus-tax",
                   test_property_exclusive_total_is_net_plus_tax);
  g_test_add_func ("/pricing/property/each-step-follows-its-formula",
                   test_property_each_step_follows_its_formula);

  return g_test_run ();
}
