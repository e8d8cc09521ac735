/* till-refund.h: what a refund returns (RULES.md, "Refunds")
 *
 * Refunds are cumulative per line: when a line's refunded quantity goes from
 * K to K + k of its q, each of its amounts x (paid, tax share, points)
 * returns round(x × (K + k) / q) − round(x × K / q).  The steps of any
 * sequence therefore add up to exactly x once the whole line is refunded,
 * and never to more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "till-cash.h"
#include "till-money.h"

G_BEGIN_DECLS

/* A paid line as stored, with what was already refunded of it. */
typedef struct
{
  gint64   qty;            /* q */
  gint64   refunded_qty;   /* K */
  gboolean sold_by_weight;
  gint64   paid;           /* paid_i */
  gint64   tax;            /* s_i */
  gint64   points;         /* points_i */
} TillRefundableLine;

/* What refunding k more of a line returns. */
typedef struct
{
  gint64 qty;              /* k */
  gint64 paid;
  gint64 tax;
  gint64 points;
} TillLineRefund;

/* A tender of a paid order, for the default refund split. */
typedef struct
{
  TillTenderKind kind;
  gint64         paid;     /* the part of T it paid: a cash tender net of change
                            * and rounding (TillCashOutcome.applied) */
  gint64         refunded; /* already refunded on it */
} TillPaidTender;

/* How one refund is paid out over the tenders. */
typedef struct
{
  gint64 cash;             /* Σ the cash tenders' shares, exact */
  gint64 cash_payout;      /* the cash part rounded once: what the drawer pays out */
  gint64 cash_rounding;    /* cash_payout − cash (positive: the customer gets more) */
  gint64 other;            /* Σ the card and deposit tenders' shares */
} TillRefundPayout;

/* round(@amount × (K + k) / q) − round(@amount × K / q) for q = @qty,
 * K = @refunded_qty, k = @refund_qty: needs q > 0, 0 ≤ K, 0 ≤ k, K + k ≤ q. */
gint64   till_refund_share         (gint64                    amount,
                                    gint64                    qty,
                                    gint64                    refunded_qty,
                                    gint64                    refund_qty);

/* Refunds @refund_qty more of @line, numbered @line_number (from 1) in
 * messages.  Refuses: @refund_qty ≤ 0 (TILL_ERROR_OUT_OF_RANGE), a
 * fractional quantity of a product sold by unit (TILL_ERROR_INVALID), more
 * than is left (TILL_ERROR_REFUSED), a stored line that does not add up
 * (TILL_ERROR_INVALID). */
gboolean till_refund_line          (const TillRefundableLine *line,
                                    gsize                     line_number,
                                    gint64                    refund_qty,
                                    TillLineRefund           *out_refund,
                                    GError                  **error);

/* The default refund tender: @amount goes back to @tenders (in the order
 * they were taken) last first, each up to what it paid less what was
 * already refunded on it; shares[i] is tender i's part, exact.  The cash
 * part is rounded once with cash rounding @increment (out_payout).
 * Refuses a negative amount (TILL_ERROR_OUT_OF_RANGE), more than is left on
 * the tenders (TILL_ERROR_REFUSED), and tenders that do not add up
 * (TILL_ERROR_INVALID); a refusal writes nothing. */
gboolean till_refund_split_tenders (gint64                    amount,
                                    const TillPaidTender     *tenders,
                                    gsize                     n_tenders,
                                    gint64                    increment,
                                    const TillCurrency       *currency,
                                    gint64                   *shares,
                                    TillRefundPayout         *out_payout,
                                    GError                  **error);

G_END_DECLS
