/* test-cash.c: RULES.md's "Paying": cash rounding, cash and card tenders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-cash.h"
#include "till-error.h"
#include "till-money.h"

#define N_RANDOM_PAYMENTS 3000

/* Cash due */

typedef struct
{
  gint64 amount;
  gint64 increment;
  gint64 expected;
} RoundCase;

static void
test_cash_due_rounds_half_away_to_the_increment (void)
{
  static const RoundCase cases[] = {
    { 238, 5, 240 },         /* 238 / 5 = 47.6 → 48 */
    { 237, 5, 235 },         /* 47.4 → 47 */
    { 235, 10, 240 },        /* 23.5 → 24: half away from zero, not to even */
    { 245, 10, 250 },        /* 24.5 → 25 */
    { 244, 10, 240 },        /* 24.4 → 24 */
    { 2, 5, 0 },             /* 0.4 → 0: nothing left to pay in cash */
    { 3, 5, 5 },             /* 0.6 → 1 */
    { 0, 5, 0 },
    { 238, 0, 238 },         /* off */
    { 238, 1, 238 },
    { 150, 100, 200 },       /* 1.5 → 2 */
    { 149, 100, 100 },       /* 1.49 → 1 */
    { 500000, 1000000, 1000000 },    /* 0.5 → 1 */
    { 499999, 1000000, 0 },
    { TILL_MAX_ORDER_AMOUNT, 1000000, TILL_MAX_ORDER_AMOUNT },
    { TILL_MAX_ORDER_AMOUNT - 1, 1000000, TILL_MAX_ORDER_AMOUNT },   /* 999999.999999 → 10^6 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("round(%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT ")",
                      cases[i].amount, cases[i].increment);
      g_assert_cmpint (till_cash_round (cases[i].amount, cases[i].increment), ==, cases[i].expected);
    }
}

/* Cash tenders */

typedef struct
{
  gint64      remaining;
  gint64      increment;
  gint64      tendered;
  /* Expected outcome, or the refusal */
  gint64      cash_due;
  gboolean    settles;
  gint64      change;
  gint64      rounding;
  gint64      applied;
  gint64      left;
  TillErrorCode code;
  const char *message;
} TenderCase;

#define SETTLES(due, change, rounding, applied) \
  (due), TRUE, (change), (rounding), (applied), 0, 0, NULL
#define PART(due, applied, left) \
  (due), FALSE, 0, 0, (applied), (left), 0, NULL
#define REFUSED(code, message) \
  0, FALSE, 0, 0, 0, 0, (code), (message)

static void
test_cash_tender_settles_part_pays_or_is_refused (void)
{
  static const TenderCase cases[] = {
    /* Due 2.38 with 0.05 rounding: cash due 2.40, the customer pays 0.02 more. */
    { 238, 5, 500, SETTLES (240, 260, 2, 238) },
    { 238, 5, 240, SETTLES (240, 0, 2, 238) },
    { 238, 5, 239, REFUSED (TILL_ERROR_REFUSED,
                            "Cash due is 2.40: take at least 2.40, "
                            "or less than 2.38 as part of the payment") },
    { 238, 5, 238, REFUSED (TILL_ERROR_REFUSED,
                            "Cash due is 2.40: take at least 2.40, "
                            "or less than 2.38 as part of the payment") },
    /* Below both R and C_R: a part payment, R falls by t. */
    { 238, 5, 237, PART (240, 237, 1) },
    { 238, 5, 100, PART (240, 100, 138) },
    /* Due 2.37: cash due 2.35, the customer pays 0.02 less. */
    { 237, 5, 235, SETTLES (235, 0, -2, 237) },
    { 237, 5, 236, SETTLES (235, 1, -2, 237) },
    { 237, 5, 2000, SETTLES (235, 1765, -2, 237) },
    { 237, 5, 234, PART (235, 234, 3) },
    /* Due 0.03: cash due 0.05. */
    { 3, 5, 5, SETTLES (5, 0, 2, 3) },
    { 3, 5, 4, REFUSED (TILL_ERROR_REFUSED,
                        "Cash due is 0.05: take at least 0.05, "
                        "or less than 0.03 as part of the payment") },
    { 3, 5, 2, PART (5, 2, 1) },
    /* Due 0.02: cash due 0, a tender of 0 settles by the rounding alone. */
    { 2, 5, 0, SETTLES (0, 0, -2, 2) },
    { 2, 5, 5, SETTLES (0, 5, -2, 2) },
    { 0, 5, 0, SETTLES (0, 0, 0, 0) },
    /* Rounding off. */
    { 238, 0, 238, SETTLES (238, 0, 0, 238) },
    { 238, 0, 300, SETTLES (238, 62, 0, 238) },
    { 238, 0, 237, PART (238, 237, 1) },
    /* Refused outright. */
    { 238, 5, 0, REFUSED (TILL_ERROR_REFUSED, "Cash: a tender of 0 pays nothing; cash due is 2.40") },
    { 238, 0, 0, REFUSED (TILL_ERROR_REFUSED, "Cash: a tender of 0 pays nothing; cash due is 2.38") },
    { 238, 5, -1, REFUSED (TILL_ERROR_OUT_OF_RANGE, "Cash: -0.01 is below 0") },
    { 238, 5, TILL_MAX_ORDER_AMOUNT + 1,
      REFUSED (TILL_ERROR_OUT_OF_RANGE,
               "Cash: 10000000000.01 is more than the most a tender can be, 10000000000.00") },
  };
  const TillCurrency *eur = till_currency_lookup ("EUR");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TenderCase *c = &cases[i];
      TillCashOutcome outcome = { .cash_due = -77 };
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("R %" G_GINT64_FORMAT ", inc %" G_GINT64_FORMAT ", t %" G_GINT64_FORMAT,
                      c->remaining, c->increment, c->tendered);
      ok = till_cash_apply_tender (c->remaining, c->increment, c->tendered, eur, &outcome, &error);

      if (c->message != NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, TILL_ERROR, (gint) c->code);
          g_assert_cmpstr (error->message, ==, c->message);
          g_assert_cmpint (outcome.cash_due, ==, -77);
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (outcome.cash_due, ==, c->cash_due);
      g_assert_true (outcome.settles == c->settles);
      g_assert_cmpint (outcome.change, ==, c->change);
      g_assert_cmpint (outcome.rounding, ==, c->rounding);
      g_assert_cmpint (outcome.applied, ==, c->applied);
      g_assert_cmpint (outcome.remaining, ==, c->left);
    }
}

static void
test_cash_message_in_minor_units_without_currency (void)
{
  TillCashOutcome outcome;
  g_autoptr(GError) error = NULL;

  g_assert_false (till_cash_apply_tender (238, 5, 239, NULL, &outcome, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "Cash due is 240: take at least 240, or less than 238 as part of the payment");
}

/* Card tenders */

static void
test_card_pays_at_most_the_remaining_due (void)
{
  static const struct
  {
    gint64        remaining;
    gint64        amount;
    TillErrorCode code;
    const char   *message;
  } cases[] = {
    { 1000, 1000, 0, NULL },
    { 1000, 1, 0, NULL },
    { 1000, 1001, TILL_ERROR_REFUSED,
      "Card: 10.01 is more than the remaining due, 10.00; a card pays at most what is due" },
    { 0, 1, TILL_ERROR_REFUSED,
      "Card: 0.01 is more than the remaining due, 0.00; a card pays at most what is due" },
    { 1000, 0, TILL_ERROR_OUT_OF_RANGE, "Card: must be more than 0" },
    { 1000, -5, TILL_ERROR_OUT_OF_RANGE, "Card: must be more than 0" },
  };
  const TillCurrency *eur = till_currency_lookup ("EUR");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = till_card_check_tender (cases[i].remaining, cases[i].amount, eur, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, TILL_ERROR, (gint) cases[i].code);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
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

static gint64
random_increment (void)
{
  static const gint64 increments[] = { 0, 0, 1, 5, 5, 10, 50, 100, 1000000 };

  if (g_test_rand_int_range (0, 5) == 0)
    return random_range (0, TILL_MAX_CASH_INCREMENT);
  return increments[g_test_rand_int_range (0, G_N_ELEMENTS (increments))];
}

static gint64
random_total (void)
{
  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      return random_range (0, 20);
    case 1:
      return random_range (0, TILL_MAX_ORDER_AMOUNT);
    default:
      return random_range (0, 100000);
    }
}

static void
test_property_cash_due_is_nearest_multiple (void)
{
  for (guint k = 0; k < N_RANDOM_PAYMENTS; k++)
    {
      gint64 amount = random_total ();
      gint64 increment = random_increment ();
      gint64 due = till_cash_round (amount, increment);

      if (increment == 0)
        {
          g_assert_cmpint (due, ==, amount);
          continue;
        }

      g_assert_cmpint (due % increment, ==, 0);
      g_assert_cmpint (due, >=, 0);
      /* Nearest multiple, halves up: −inc/2 < C_R − R ≤ inc/2. */
      g_assert_cmpint (2 * (due - amount), <=, increment);
      g_assert_cmpint (2 * (due - amount), >, -increment);
    }
}

/* Each tender either settles, pays part, or is refused exactly when
 * R ≤ t < C_R (or it is a tender of 0 that does not settle). */
static void
test_property_cash_tender_outcome_by_region (void)
{
  for (guint k = 0; k < N_RANDOM_PAYMENTS; k++)
    {
      gint64 remaining = random_total ();
      gint64 increment = random_increment ();
      gint64 due = till_cash_round (remaining, increment);
      gint64 lo = MAX (0, MIN (remaining, due) - increment - 2);
      gint64 hi = MIN (TILL_MAX_ORDER_AMOUNT, MAX (remaining, due) + increment + 2);
      gint64 tendered = random_range (lo, hi);
      TillCashOutcome outcome;
      g_autoptr(GError) error = NULL;
      gboolean ok = till_cash_apply_tender (remaining, increment, tendered, NULL, &outcome, &error);

      if (tendered >= due)
        {
          g_assert_no_error (error);
          g_assert_true (ok && outcome.settles);
          g_assert_cmpint (outcome.change, ==, tendered - due);
          g_assert_cmpint (outcome.rounding, ==, due - remaining);
          /* What the drawer keeps is the total plus the rounding. */
          g_assert_cmpint (tendered - outcome.change, ==, remaining + outcome.rounding);
        }
      else if (tendered >= remaining || tendered == 0)
        {
          g_assert_false (ok);
          g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok && !outcome.settles);
          g_assert_cmpint (outcome.remaining, ==, remaining - tendered);
          g_assert_cmpint (outcome.change, ==, 0);
          g_assert_cmpint (outcome.rounding, ==, 0);
        }
    }
}

/* A paid order has Σ tenders − change = T + rounding, whatever the mix of
 * part payments in cash, card payments and the cash that settles. */
static void
test_property_paid_order_balances (void)
{
  for (guint k = 0; k < N_RANDOM_PAYMENTS; k++)
    {
      gint64 total = random_total ();
      gint64 increment = random_increment ();
      gint64 remaining = total;
      gint64 tendered = 0, change = 0, rounding = 0, applied = 0;
      gboolean paid = FALSE;
      guint steps = 0;

      while (!paid)
        {
          gint64 due = till_cash_round (remaining, increment);
          g_autoptr(GError) error = NULL;
          guint choice = (guint) g_test_rand_int_range (0, 4);

          g_assert_cmpint (remaining, >=, 0);
          steps++;

          if (steps > 6)
            choice = 3;

          if (choice == 0 && MIN (remaining, due) > 1)
            {
              /* Part payment in cash. */
              TillCashOutcome outcome;
              gint64 t = random_range (1, MIN (remaining, due) - 1);

              g_assert_true (till_cash_apply_tender (remaining, increment, t, NULL, &outcome, &error));
              g_assert_no_error (error);
              g_assert_false (outcome.settles);
              tendered += t;
              applied += outcome.applied;
              remaining = outcome.remaining;
            }
          else if (choice == 1 && remaining > 0)
            {
              /* Card, possibly for all that is left: that settles without rounding. */
              gint64 t = random_range (1, remaining);

              g_assert_true (till_card_check_tender (remaining, t, NULL, &error));
              g_assert_no_error (error);
              tendered += t;
              applied += t;
              remaining -= t;
              paid = remaining == 0;
            }
          else if (choice == 2 && remaining > 0)
            {
              /* A card for more than is due is refused and changes nothing. */
              g_assert_false (till_card_check_tender (remaining, remaining + random_range (1, 1000),
                                                      NULL, &error));
              g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
            }
          else
            {
              /* Cash that settles: exact, or a round note above it. */
              TillCashOutcome outcome;
              gint64 t = g_test_rand_bit () ? due : due + random_range (0, 10000);

              g_assert_true (till_cash_apply_tender (remaining, increment, t, NULL, &outcome, &error));
              g_assert_no_error (error);
              g_assert_true (outcome.settles);
              tendered += t;
              change += outcome.change;
              rounding += outcome.rounding;
              applied += outcome.applied;
              remaining = outcome.remaining;
              paid = TRUE;
            }
        }

      g_assert_cmpint (remaining, ==, 0);
      g_assert_cmpint (tendered - change, ==, total + rounding);
      /* The parts of T the tenders paid add up to T: what refunds split over. */
      g_assert_cmpint (applied, ==, total);
      if (increment > 0)
        g_assert_cmpint (2 * ABS (rounding), <=, increment);
      else
        g_assert_cmpint (rounding, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cash/due-rounds-half-away-to-the-increment",
                   test_cash_due_rounds_half_away_to_the_increment);
  g_test_add_func ("/cash/tender-settles-pays-part-or-is-refused",
                   test_cash_tender_settles_part_pays_or_is_refused);
  g_test_add_func ("/cash/message-in-minor-units-without-currency",
                   test_cash_message_in_minor_units_without_currency);
  g_test_add_func ("/cash/card-pays-at-most-the-remaining-due",
                   test_card_pays_at_most_the_remaining_due);
  g_test_add_func ("/cash/property/cash-due-is-the-nearest-multiple",
                   test_property_cash_due_is_nearest_multiple);
  g_test_add_func ("/cash/property/tender-outcome-follows-its-region",
                   test_property_cash_tender_outcome_by_region);
  g_test_add_func ("/cash/property/paid-order-balances-tenders-change-and-rounding",
                   test_property_paid_order_balances);

  return g_test_run ();
}
