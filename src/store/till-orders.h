/* till-orders.h: orders, their lines, taxes, payments and refunds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *status;                /* quote, open, paid, voided */
  gint64    register_id;
  gint64    receipt_number;        /* 0 until paid */
  gint64    staff_id;
  gint64    customer_id;           /* 0: none */
  char     *opened_at;
  gboolean  parked;
  char     *paid_at;
  char     *voided_at;
  char     *note;
  char     *currency;
  gboolean  prices_include_tax;
  gint64    earn_points;
  gint64    earn_amount;
  gint64    tier_id;
  gint64    tier_bp;
  gint64    mult_bp;
  char     *order_discount_kind;   /* none, percent, amount */
  gint64    order_discount_value;
  gint64    discount_approved_by;
  gint64    reward_id;
  gint64    reward_cost;
  gint64    subtotal;
  gint64    savings;
  gint64    tax;
  gint64    total;
  gint64    points;
  gint64    rounding;
  gint64    change;
  gboolean  has_loyalty;           /* the snapshot below was taken */
  gint64    loyalty_earned;
  gint64    loyalty_redeemed;
  gint64    loyalty_balance_after;
  char     *loyalty_tier;
  char     *loyalty_next_tier;
  gint64    loyalty_to_next_tier;
  gint64    refunded_amount;
  gint64    refunded_tax;
  gint64    refunded_points;
} TillOrderRecord;

typedef struct
{
  gint64    id;
  gint64    position;              /* from 1 */
  gint64    product_id;
  char     *code;
  char     *sku;
  char     *name;
  gboolean  sold_by_weight;
  gint64    unit_price;
  gint64    qty;
  gboolean  has_label_price;
  gint64    label_price;
  gint64    tax_rate_bp;
  gboolean  discountable;
  gboolean  earns_points;
  char     *note;
  char     *discount_kind;         /* none, percent, amount */
  gint64    discount_value;
  gint64    base;
  gint64    line_discount;
  gint64    tier_discount;
  gint64    reward;
  gint64    order_discount;
  gint64    tax;
  gint64    paid;
  gint64    points;
  gint64    refunded_qty;
  gint64    refunded_amount;
  gint64    refunded_tax;
  gint64    refunded_points;
} TillOrderLineRecord;

typedef struct
{
  gint64  rate_bp;
  gint64  net;
  gint64  tax;
  gint64  gross;
} TillOrderTaxRecord;

typedef struct
{
  gint64  id;
  gint64  seq;
  char   *kind;                    /* cash, card, deposit */
  char   *status;                  /* approved, declined, failed, timeout */
  gint64  tendered;
  gint64  change;
  gint64  amount;                  /* what it paid towards the order */
  char   *reference;
  char   *message;
  char   *at;
} TillPaymentRecord;

/* What a product is at the moment it goes on an order */
typedef struct
{
  gint64    id;
  char     *sku;
  char     *name;
  gint64    price;
  gint64    tax_rate_bp;
  gboolean  sold_by_weight;
  gboolean  active;
  gboolean  discountable;
  gboolean  earns_points;
} TillProductSnapshot;

TillOrderRecord     *till_order_record_new          (void);
void                 till_order_record_free         (TillOrderRecord      *record);
TillOrderLineRecord *till_order_line_record_new     (void);
TillOrderLineRecord *till_order_line_record_copy    (const TillOrderLineRecord *line);
void                 till_order_line_record_free    (TillOrderLineRecord  *record);
void                 till_payment_record_free       (TillPaymentRecord    *record);
void                 till_product_snapshot_free     (TillProductSnapshot  *product);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillOrderRecord, till_order_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillOrderLineRecord, till_order_line_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillPaymentRecord, till_payment_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillProductSnapshot, till_product_snapshot_free)

TillProductSnapshot *till_orders_get_product        (TillStore            *store,
                                                     gint64                product_id,
                                                     GError              **error);

TillProductSnapshot *till_orders_get_product_by_sku (TillStore            *store,
                                                     const char           *sku,
                                                     GError              **error);

/* Writes the order row (inserting it when record->id is 0, which then gets
 * set) and replaces its lines and tax rows with the ones given. */
gboolean             till_orders_save               (TillStore            *store,
                                                     TillOrderRecord      *record,
                                                     GPtrArray            *lines,
                                                     GPtrArray            *taxes,
                                                     GError              **error);
TillOrderRecord     *till_orders_get                (TillStore            *store,
                                                     gint64                id,
                                                     GError              **error);
TillOrderRecord     *till_orders_find_by_uuid       (TillStore            *store,
                                                     const char           *uuid,
                                                     GError              **error);
TillOrderRecord     *till_orders_find_by_receipt    (TillStore            *store,
                                                     gint64                register_id,
                                                     gint64                receipt_number,
                                                     GError              **error);
/* TillOrderLineRecord, by position */
GPtrArray           *till_orders_get_lines          (TillStore            *store,
                                                     gint64                order_id,
                                                     GError              **error);
GPtrArray           *till_orders_get_taxes          (TillStore            *store,
                                                     gint64                order_id,
                                                     GError              **error);
/* TillPaymentRecord, in order; every attempt */
GPtrArray           *till_orders_get_payments       (TillStore            *store,
                                                     gint64                order_id,
                                                     GError              **error);
gboolean             till_orders_add_payment        (TillStore            *store,
                                                     gint64                order_id,
                                                     TillPaymentRecord    *payment,
                                                     GError              **error);
/* Ids of orders in @status, oldest first */
GArray              *till_orders_list_ids           (TillStore            *store,
                                                     const char           *status,
                                                     GError              **error);
gboolean             till_orders_delete_open        (TillStore            *store,
                                                     gint64                order_id,
                                                     GError              **error);

/* The next number of the register's gapless receipt series: call inside the
 * transaction that uses it. */
gboolean             till_orders_next_receipt       (TillStore            *store,
                                                     gint64                register_id,
                                                     gint64               *out_number,
                                                     GError              **error);

/* Σ (total − refunded) of the customer's orders paid at or after @since */
gboolean             till_orders_qualifying_spend   (TillStore            *store,
                                                     gint64                customer_id,
                                                     const char           *since,
                                                     gint64               *out_spend,
                                                     GError              **error);

/* Refunds */
typedef struct
{
  gint64  line_id;
  gint64  qty;
  gint64  amount;
  gint64  tax;
  gint64  points;
} TillRefundLineRecord;

typedef struct
{
  gint64  id;
  gint64  order_id;
  gint64  register_id;
  gint64  receipt_number;
  gint64  staff_id;
  gint64  approved_by;
  char   *at;
  gint64  amount;
  gint64  tax;
  gint64  points;
  gint64  payout;
  gint64  rounding;
  gint64  reward_restored;
} TillRefundRecord;

typedef struct
{
  char   *kind;     /* cash, card */
  gint64  amount;
  gint64  rounding;
} TillRefundTenderRecord;

void                 till_refund_record_free        (TillRefundRecord     *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRefundRecord, till_refund_record_free)

/* Inserts the refund with its lines and tenders, adds the refunded figures to
 * the order's lines and the order. */
gboolean             till_orders_add_refund         (TillStore            *store,
                                                     TillRefundRecord     *refund,
                                                     const TillRefundLineRecord *lines,
                                                     gsize                 n_lines,
                                                     const TillRefundTenderRecord *tenders,
                                                     gsize                 n_tenders,
                                                     GError              **error);
/* How much each of the order's tenders was already refunded: (kind, amount)
 * pairs summed per refund tender kind */
gboolean             till_orders_refunded_by_kind   (TillStore            *store,
                                                     gint64                order_id,
                                                     gint64               *out_cash,
                                                     gint64               *out_card,
                                                     GError              **error);

gint64               till_orders_count_paid         (TillStore            *store,
                                                     GError              **error);

/* RULES.md's invariants over every order, refund and receipt series: one
 * sentence per broken rule naming the order, refund or register. */
GPtrArray           *till_orders_check_invariants   (TillStore            *store,
                                                     GError              **error);

/* The order history (the Orders page) ---------------------------------- */

/* One row of the history: the order and who and what it concerns */
typedef struct
{
  gint64    id;
  char     *status;            /* open, paid, voided */
  gboolean  parked;
  gint64    register_id;
  gint64    receipt_number;    /* 0 until paid */
  char     *at;                /* paid_at, else opened_at: with id, the history's key */
  char     *currency;
  gint64    total;
  gint64    refunded_amount;
  gboolean  has_refunds;
  gboolean  fully_refunded;    /* every line refunded in full */
  char     *staff_name;        /* NULL when no staff member rang it up */
  gint64    customer_id;       /* 0: none */
  char     *customer_name;
  char     *customer_card;     /* NULL without a card */
} TillOrderSummary;

/* Which orders the history shows; quotes never. */
typedef struct
{
  const char   *since;           /* ISO 8601 UTC, inclusive; NULL: from the first */
  const char   *until;           /* exclusive; NULL: up to the newest */
  const gint64 *customer_ids;    /* with n_customer_ids > 0, only these customers' orders */
  gsize         n_customer_ids;
} TillOrderFilter;

void              till_order_summary_free         (TillOrderSummary     *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillOrderSummary, till_order_summary_free)

/* How many orders @filter lets through (-1 on error) */
gint64            till_orders_count_history       (TillStore            *store,
                                                   const TillOrderFilter *filter,
                                                   GError              **error);
/* A page of the history, newest first by (paid_at or opened_at, id), after
 * the key (@after_at NULL: from the newest).  TillOrderSummary.  Keyset
 * paging on the orders_paid index for paid orders; open and voided ones,
 * which are few, come from the status index. */
GPtrArray        *till_orders_history_page        (TillStore            *store,
                                                   const TillOrderFilter *filter,
                                                   const char           *after_at,
                                                   gint64                after_id,
                                                   guint                 limit,
                                                   GError              **error);
TillOrderSummary *till_orders_get_summary         (TillStore            *store,
                                                   gint64                order_id,
                                                   GError              **error);
/* Ids of the order that has receipt @number of @register_id, and of the order
 * a refund with that number paid back, newest first (empty when none). */
GArray           *till_orders_find_receipt        (TillStore            *store,
                                                   gint64                register_id,
                                                   gint64                number,
                                                   GError              **error);
/* The order's refunds, oldest first: TillRefundRecord */
GPtrArray        *till_orders_get_refunds         (TillStore            *store,
                                                   gint64                order_id,
                                                   GError              **error);
/* How one refund was paid out: TillRefundTenderRecord, in order */
GPtrArray        *till_orders_get_refund_tenders  (TillStore            *store,
                                                   gint64                refund_id,
                                                   GError              **error);
void              till_refund_tender_record_free  (TillRefundTenderRecord *record);

G_END_DECLS
