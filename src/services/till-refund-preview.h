/* till-refund-preview.h: what a refund would pay back, before anyone approves it
 *
 * The refund dialog shows, while the cashier picks lines and quantities,
 * what each line returns and the sum: the same figures, from the same core
 * rule (till_refund_line), that till_checkout_refund then records.  Nothing
 * is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-checkout.h"
#include "till-refund.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  amount;   /* Σ the lines' refunded amounts */
  gint64  tax;
  gint64  points;   /* points that would be reversed */
  GArray *lines;    /* TillLineRefund, one per request, in the requests' order */
} TillRefundPreview;

void               till_refund_preview_free (TillRefundPreview       *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRefundPreview, till_refund_preview_free)

/* Refuses what till_checkout_refund refuses about the lines (an order that
 * is not paid, no line, a line named twice or missing, a quantity that is
 * not positive, fractional for a unit product or more than is left), with
 * the same messages. */
TillRefundPreview *till_refund_preview      (TillContext             *context,
                                             gint64                   order_id,
                                             const TillRefundRequest *requests,
                                             gsize                    n_requests,
                                             GError                 **error);

G_END_DECLS
