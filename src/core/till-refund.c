/* till-refund.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-refund.h"
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

/* round(x × m / q) */
static gint64
share_of (gint64 amount,
          gint64 part,
          gint64 qty)
{
  gint64 share;

  /* |x × m / q| ≤ |x| since 0 ≤ m ≤ q: always fits. */
  if (!till_round_mul_div (amount, part, qty, &share))
    g_assert_not_reached ();
  return share;
}

gint64
till_refund_share (gint64 amount,
                   gint64 qty,
                   gint64 refunded_qty,
                   gint64 refund_qty)
{
  g_return_val_if_fail (qty > 0, 0);
  g_return_val_if_fail (refunded_qty >= 0 && refund_qty >= 0, 0);
  g_return_val_if_fail (refunded_qty <= qty && refund_qty <= qty - refunded_qty, 0);

  /* Cumulative: what K + k of q is worth, less what K of q was worth. */
  return share_of (amount, refunded_qty + refund_qty, qty) - share_of (amount, refunded_qty, qty);
}

gboolean
till_refund_line (const TillRefundableLine *line,
                  gsize                     line_number,
                  gint64                    refund_qty,
                  TillLineRefund           *out_refund,
                  GError                  **error)
{
  gint64 left;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (out_refund != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (line->qty <= 0 || line->refunded_qty < 0 || line->refunded_qty > line->qty
      || line->paid < 0 || line->tax < 0 || line->points < 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "Line %" G_GSIZE_FORMAT ": the stored line does not add up "
                   "(quantity %" G_GINT64_FORMAT ", refunded %" G_GINT64_FORMAT ")",
                   line_number, line->qty, line->refunded_qty);
      return FALSE;
    }

  if (refund_qty <= 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                   "Line %" G_GSIZE_FORMAT ", quantity: must be more than 0", line_number);
      return FALSE;
    }

  if (!line->sold_by_weight && refund_qty % 1000 != 0)
    {
      g_autofree char *shown = till_quantity_format (refund_qty, TILL_NOTATION_PERSON);

      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "Line %" G_GSIZE_FORMAT ", quantity: %s is not a whole number, "
                   "and this product is sold by unit",
                   line_number, shown);
      return FALSE;
    }

  left = line->qty - line->refunded_qty;
  if (refund_qty > left)
    {
      g_autofree char *shown = till_quantity_format (refund_qty, TILL_NOTATION_PERSON);
      g_autofree char *rest = till_quantity_format (left, TILL_NOTATION_PERSON);

      if (left == 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Line %" G_GSIZE_FORMAT ", quantity: the line is already refunded in full",
                     line_number);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Line %" G_GSIZE_FORMAT ", quantity: %s is more than is left to refund, %s",
                     line_number, shown, rest);
      return FALSE;
    }

  out_refund->qty = refund_qty;
  out_refund->paid = till_refund_share (line->paid, line->qty, line->refunded_qty, refund_qty);
  out_refund->tax = till_refund_share (line->tax, line->qty, line->refunded_qty, refund_qty);
  out_refund->points = till_refund_share (line->points, line->qty, line->refunded_qty, refund_qty);
  return TRUE;
}

gboolean
till_refund_split_tenders (gint64                 amount,
                           const TillPaidTender  *tenders,
                           gsize                  n_tenders,
                           gint64                 increment,
                           const TillCurrency    *currency,
                           gint64                *shares,
                           TillRefundPayout      *out_payout,
                           GError               **error)
{
  TillRefundPayout payout = { 0 };
  gint64 total_paid = 0;
  gint64 left = 0;
  gint64 missing = amount;

  g_return_val_if_fail (tenders != NULL || n_tenders == 0, FALSE);
  g_return_val_if_fail (shares != NULL || n_tenders == 0, FALSE);
  g_return_val_if_fail (increment >= 0 && increment <= TILL_MAX_CASH_INCREMENT, FALSE);
  g_return_val_if_fail (out_payout != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_tenders; i++)
    {
      const TillPaidTender *tender = &tenders[i];
      gboolean known_kind = FALSE;

      switch (tender->kind)
        {
        case TILL_TENDER_CASH:
        case TILL_TENDER_CARD:
        case TILL_TENDER_DEPOSIT:
          known_kind = TRUE;
          break;

        default:
          break;
        }

      if (!known_kind || tender->paid < 0 || tender->paid > TILL_MAX_ORDER_AMOUNT
          || tender->refunded < 0 || tender->refunded > tender->paid)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "Tender %" G_GSIZE_FORMAT ": the stored tender does not add up "
                       "(paid %" G_GINT64_FORMAT ", refunded %" G_GINT64_FORMAT ")",
                       i + 1, tender->paid, tender->refunded);
          return FALSE;
        }

      /* Each ≤ 10^12, so checking the sum as it grows cannot overflow. */
      total_paid += tender->paid;
      left += tender->paid - tender->refunded;
      if (total_paid > TILL_MAX_ORDER_AMOUNT)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                               "The stored tenders add up to more than an order can hold");
          return FALSE;
        }
    }

  if (amount < 0 || amount > left)
    {
      g_autofree char *shown = format_amount (currency, amount);
      g_autofree char *rest = format_amount (currency, left);

      if (amount < 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                     "Refund: %s is below 0", shown);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Refund: %s is more than is left to refund on the order's tenders, %s",
                     shown, rest);
      return FALSE;
    }

  /* Last first: the tender taken last is the one that met the end of the
   * total, so undoing the sale unwinds it first. */
  for (gsize k = n_tenders; k > 0; k--)
    {
      const TillPaidTender *tender = &tenders[k - 1];
      gint64 share = MIN (missing, tender->paid - tender->refunded);

      shares[k - 1] = share;
      missing -= share;
      if (tender->kind == TILL_TENDER_CASH)
        payout.cash += share;
      else
        payout.other += share;
    }
  g_assert (missing == 0);

  /* Once for the whole cash part, not per tender. */
  payout.cash_payout = till_cash_round (payout.cash, increment);
  payout.cash_rounding = payout.cash_payout - payout.cash;

  *out_payout = payout;
  return TRUE;
}
