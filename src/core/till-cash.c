/* till-cash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-cash.h"
#include "till-arith.h"
#include "till-error.h"

static char *
format_amount (const TillCurrency *currency,
               gint64              amount)
{
  if (currency != NULL)
    return till_money_format (amount, currency, TILL_NOTATION_PERSON);
  return till_decimal_format (amount, 0, TILL_NOTATION_PERSON);
}

gint64
till_cash_round (gint64 amount,
                 gint64 increment)
{
  gint64 units;

  g_return_val_if_fail (amount >= 0 && amount <= TILL_MAX_ORDER_AMOUNT, 0);
  g_return_val_if_fail (increment >= 0 && increment <= TILL_MAX_CASH_INCREMENT, 0);

  if (increment == 0)
    return amount;

  if (!till_round_mul_div (amount, 1, increment, &units))
    g_assert_not_reached ();

  /* At most amount + increment / 2: no overflow. */
  return units * increment;
}

gboolean
till_cash_apply_tender (gint64               remaining,
                        gint64               increment,
                        gint64               tendered,
                        const TillCurrency  *currency,
                        TillCashOutcome     *out_outcome,
                        GError             **error)
{
  TillCashOutcome outcome = { 0 };

  g_return_val_if_fail (remaining >= 0 && remaining <= TILL_MAX_ORDER_AMOUNT, FALSE);
  g_return_val_if_fail (increment >= 0 && increment <= TILL_MAX_CASH_INCREMENT, FALSE);
  g_return_val_if_fail (out_outcome != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (tendered < 0 || tendered > TILL_MAX_ORDER_AMOUNT)
    {
      g_autofree char *shown = format_amount (currency, tendered);
      g_autofree char *most = format_amount (currency, TILL_MAX_ORDER_AMOUNT);

      if (tendered < 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                     "Cash: %s is below 0", shown);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                     "Cash: %s is more than the most a tender can be, %s", shown, most);
      return FALSE;
    }

  outcome.cash_due = till_cash_round (remaining, increment);

  if (tendered >= outcome.cash_due)
    {
      outcome.settles = TRUE;
      outcome.change = tendered - outcome.cash_due;
      outcome.rounding = outcome.cash_due - remaining;
      outcome.applied = remaining;
      outcome.remaining = 0;
    }
  else if (tendered >= remaining)
    {
      /* R ≤ t < C_R: taking it would leave less than a coin due, which
       * cash cannot settle. */
      g_autofree char *due = format_amount (currency, outcome.cash_due);
      g_autofree char *exact = format_amount (currency, remaining);

      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Cash due is %s: take at least %s, or less than %s as part of the payment",
                   due, due, exact);
      return FALSE;
    }
  else if (tendered == 0)
    {
      g_autofree char *due = format_amount (currency, outcome.cash_due);

      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Cash: a tender of 0 pays nothing; cash due is %s", due);
      return FALSE;
    }
  else
    {
      outcome.settles = FALSE;
      outcome.applied = tendered;
      outcome.remaining = remaining - tendered;
    }

  *out_outcome = outcome;
  return TRUE;
}

gboolean
till_card_check_tender (gint64               remaining,
                        gint64               amount,
                        const TillCurrency  *currency,
                        GError             **error)
{
  g_return_val_if_fail (remaining >= 0 && remaining <= TILL_MAX_ORDER_AMOUNT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (amount <= 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                           "Card: must be more than 0");
      return FALSE;
    }

  if (amount > remaining)
    {
      g_autofree char *shown = format_amount (currency, amount);
      g_autofree char *due = format_amount (currency, remaining);

      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Card: %s is more than the remaining due, %s; a card pays at most what is due",
                   shown, due);
      return FALSE;
    }

  return TRUE;
}
