/* till-checkout.h: ringing up an order, taking payment, completing it atomically,
 * refunds and voids
 *
 * Every figure comes from the pricing core (RULES.md); these functions keep
 * the order, its persistence and the loyalty ledger in step.  A change that
 * the rules refuse leaves the order as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-cash.h"
#include "till-context.h"
#include "till-orders.h"
#include "till-payment-terminal.h"
#include "till-pricing.h"

G_BEGIN_DECLS

#define TILL_TYPE_ORDER (till_order_get_type ())
G_DECLARE_FINAL_TYPE (TillOrder, till_order, TILL, ORDER, GObject)

/* A manager's approval: who, and their PIN, checked by the service */
typedef struct
{
  gint64      staff_id;
  const char *pin;
} TillApproval;

const TillOrderRecord   *till_order_get_record    (TillOrder *self);
/* TillOrderLineRecord, with their current shares */
GPtrArray               *till_order_get_lines     (TillOrder *self);
const TillPricingResult *till_order_get_pricing   (TillOrder *self);
/* Why the paid order's receipt could not be written to the archive (the
 * notifier showed it too), or NULL: the sale is complete either way. */
const char              *till_order_get_receipt_warning (TillOrder *self);
/* TillPaymentRecord: every attempt so far */
GPtrArray               *till_order_get_payments  (TillOrder *self);
gint64                   till_order_get_total     (TillOrder *self);
/* What is still to pay: the total less the approved tenders */
gint64                   till_order_get_due       (TillOrder *self);
gboolean                 till_order_is_paid       (TillOrder *self);
const TillCurrency      *till_order_get_currency  (TillOrder *self);

/* A new open order, kept in the database from its first line on */
TillOrder *till_checkout_open               (TillContext          *context,
                                             gint64                register_id,
                                             GError              **error);
/* An order priced in memory only: `till-admin quote` */
TillOrder *till_checkout_open_transient     (TillContext          *context,
                                             GError              **error);
TillOrder *till_checkout_load               (TillContext          *context,
                                             gint64                order_id,
                                             GError              **error);

/* Adds @qty (thousandths; grams when weighed) of a product.  With
 * @merge, a unit product equal to the last line (no discount, no note) adds
 * to that line, as a scanner does; without, every call is a line. */
gboolean   till_checkout_add_product        (TillContext          *context,
                                             TillOrder            *order,
                                             gint64                product_id,
                                             const char           *code,
                                             gint64                qty,
                                             gboolean              has_label_price,
                                             gint64                label_price,
                                             gboolean              merge,
                                             GError              **error);
gboolean   till_checkout_set_quantity       (TillContext          *context,
                                             TillOrder            *order,
                                             guint                 index,
                                             gint64                qty,
                                             GError              **error);
gboolean   till_checkout_remove_line        (TillContext          *context,
                                             TillOrder            *order,
                                             guint                 index,
                                             GError              **error);
gboolean   till_checkout_set_line_note      (TillContext          *context,
                                             TillOrder            *order,
                                             guint                 index,
                                             const char           *note,
                                             GError              **error);
/* Above the shop's thresholds a manager's approval is needed (or the acting
 * staff member is a manager). */
gboolean   till_checkout_set_line_discount  (TillContext          *context,
                                             TillOrder            *order,
                                             guint                 index,
                                             TillDiscount          discount,
                                             const TillApproval   *approval,
                                             GError              **error);
gboolean   till_checkout_set_order_discount (TillContext          *context,
                                             TillOrder            *order,
                                             TillDiscount          discount,
                                             const TillApproval   *approval,
                                             GError              **error);
gboolean   till_checkout_set_note           (TillContext          *context,
                                             TillOrder            *order,
                                             const char           *note,
                                             GError              **error);
/* 0 detaches */
gboolean   till_checkout_set_customer       (TillContext          *context,
                                             TillOrder            *order,
                                             gint64                customer_id,
                                             GError              **error);
/* Puts a reward of the catalogue on the order (0 takes it off): refused
 * with the reason without a customer, when the reward is retired or out of
 * its dates, unaffordable, or does not fit the order (RULES.md step 4).
 * Its cost is debited at completion, where it is checked again. */
gboolean   till_checkout_set_reward         (TillContext          *context,
                                             TillOrder            *order,
                                             gint64                reward_id,
                                             GError              **error);
gboolean   till_checkout_set_parked         (TillContext          *context,
                                             TillOrder            *order,
                                             gboolean              parked,
                                             GError              **error);

/* Keeps an open order, unpaid, as a quote: no receipt number, nothing paid. */
gboolean   till_checkout_keep_as_quote      (TillContext          *context,
                                             TillOrder            *order,
                                             GError              **error);
/* Turns a kept quote into an open sale at today's prices (DESIGN.md): each
 * line takes the product's price and tax rate now; a retired product is
 * refused, naming the line. */
TillOrder *till_checkout_quote_to_sale      (TillContext          *context,
                                             gint64                quote_id,
                                             gint64                register_id,
                                             GError              **error);

/* Takes cash against the due amount (cash rounding as RULES.md says); when
 * it settles, completes the order. */
gboolean   till_checkout_pay_cash           (TillContext          *context,
                                             TillOrder            *order,
                                             gint64                tendered,
                                             TillCashOutcome      *out_outcome,
                                             GError              **error);
/* Charges @amount through @terminal; every outcome is recorded.  An approved
 * payment that settles the order completes it. */
void       till_checkout_pay_card_async     (TillContext          *context,
                                             TillOrder            *order,
                                             gint64                amount,
                                             TillPaymentTerminal  *terminal,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
TillCardResult *till_checkout_pay_card_finish (TillContext        *context,
                                               GAsyncResult       *result,
                                               GError            **error);
/* The same, run to its end on a main context of its own: the admin tool,
 * the demo history and tests.  Returns the terminal's answer. */
TillCardResult *till_checkout_pay_card_sync   (TillContext        *context,
                                               TillOrder          *order,
                                               gint64              amount,
                                               TillPaymentTerminal *terminal,
                                               GError            **error);
/* Completes a fully paid order in one transaction: status, lines with their
 * shares, taxes, receipt number, points, tier, snapshot, audit.  Calling it
 * again for a completed order changes nothing. */
gboolean   till_checkout_complete           (TillContext          *context,
                                             TillOrder            *order,
                                             GError              **error);
/* Voids an open order (manager); one with approved payments cannot be voided. */
gboolean   till_checkout_void               (TillContext          *context,
                                             TillOrder            *order,
                                             const TillApproval   *approval,
                                             GError              **error);

typedef struct
{
  guint   position;    /* from 1 */
  gint64  qty;         /* thousandths */
} TillRefundRequest;

typedef struct
{
  gint64  refund_id;
  gint64  receipt_number;
  gint64  amount;          /* Σ refunded line amounts */
  gint64  tax;
  gint64  points;          /* points reversed */
  gint64  restored;        /* a reward's cost given back */
  gint64  cash;            /* exact cash share */
  gint64  cash_payout;     /* what the drawer pays out */
  gint64  cash_rounding;
  gint64  card;
  GArray *lines;           /* TillRefundLineRecord per refunded line, with position in line_id */
  char   *receipt_warning; /* why the refund's receipt is not in the archive, or NULL */
} TillRefundOutcome;

void       till_refund_outcome_free         (TillRefundOutcome    *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRefundOutcome, till_refund_outcome_free)

/* Refunds lines of a paid order (manager), cumulative as RULES.md says.
 * @tender: NULL for the default (back to the order's tenders, last first),
 * "cash" or "card". */
TillRefundOutcome *till_checkout_refund     (TillContext              *context,
                                             gint64                    order_id,
                                             gint64                    register_id,
                                             const TillRefundRequest  *requests,
                                             gsize                     n_requests,
                                             const char               *tender,
                                             const TillApproval       *approval,
                                             GError                  **error);

/* Checks an approval: an active manager or admin and their PIN */
gboolean   till_checkout_check_approval     (TillContext          *context,
                                             const TillApproval   *approval,
                                             gint64               *out_manager_id,
                                             GError              **error);

G_END_DECLS
