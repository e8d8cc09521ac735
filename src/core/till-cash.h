/* till-cash.h: taking cash and card tenders (RULES.md, "Paying")
 *
 * Cash rounding: with the shop's increment `inc` (minor units, 0 = off) the
 * cash due for a remaining due R is C_R = round(R / inc) × inc.  Rounding
 * never touches lines, tax or points; it is recorded on the order (and on a
 * refund, see till-refund.h) as rounded − exact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "till-money.h"

G_BEGIN_DECLS

#define TILL_MAX_CASH_INCREMENT G_GINT64_CONSTANT (1000000)

typedef enum
{
  TILL_TENDER_CASH,
  TILL_TENDER_CARD,
  TILL_TENDER_DEPOSIT,
} TillTenderKind;

/* What one cash tender does to an order. */
typedef struct
{
  gint64   cash_due;     /* C_R for the remaining due before the tender */
  gboolean settles;      /* the order is paid */
  gint64   change;       /* t − C_R when it settles, else 0 */
  gint64   rounding;     /* C_R − R when it settles (positive: the customer pays more), else 0 */
  gint64   applied;      /* the part of the total it paid: R when it settles, else t */
  gint64   remaining;    /* the remaining due after it: 0 when it settles, else R − t */
} TillCashOutcome;

/* round(@amount / @increment) × @increment, half away from zero; @amount
 * itself when @increment is 0.  @amount is 0 to 10^12 minor units and
 * @increment 0 to TILL_MAX_CASH_INCREMENT. */
gint64   till_cash_round        (gint64               amount,
                                 gint64               increment);

/* Applies a cash tender @tendered to the remaining due @remaining.  It
 * settles the order when @tendered ≥ C_R (a tender of 0 settles when
 * C_R = 0), is a part payment when below both R and C_R, and is refused
 * (TILL_ERROR_REFUSED, "Cash due is …") when R ≤ @tendered < C_R.  Also
 * refused: a negative tender or one above 10^12 (TILL_ERROR_OUT_OF_RANGE),
 * and a tender of 0 that does not settle (TILL_ERROR_REFUSED).  @currency
 * (may be NULL: minor units) only writes amounts in messages. */
gboolean till_cash_apply_tender (gint64               remaining,
                                 gint64               increment,
                                 gint64               tendered,
                                 const TillCurrency  *currency,
                                 TillCashOutcome     *out_outcome,
                                 GError             **error);

/* A card tender pays more than 0 and at most the remaining due: no
 * cash-back.  Refuses TILL_ERROR_OUT_OF_RANGE (≤ 0) or TILL_ERROR_REFUSED
 * (above @remaining). */
gboolean till_card_check_tender (gint64               remaining,
                                 gint64               amount,
                                 const TillCurrency  *currency,
                                 GError             **error);

G_END_DECLS
