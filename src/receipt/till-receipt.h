/* till-receipt.h: what a receipt shows, as plain data
 *
 * A TillReceipt is filled from the committed order (or refund, or kept quote)
 * in the database by the receipt service; nothing on it comes from the
 * screen.  Money is gint64 minor units of @currency, quantities thousandths,
 * rates basis points, exactly as the order stores them (RULES.md): the
 * receipt only shows figures, it never computes one.
 *
 * Times are already in the shop's time zone.  Customers appear only as the
 * masked card (DESIGN.md: "••••4821"), so a receipt holds no personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TILL_RECEIPT_SALE,
  TILL_RECEIPT_REFUND,
  TILL_RECEIPT_QUOTE,
  TILL_RECEIPT_DEPOSIT,
} TillReceiptKind;

typedef enum
{
  TILL_RECEIPT_DISCOUNT_LINE,     /* the cashier's discount on the line */
  TILL_RECEIPT_DISCOUNT_TIER,     /* the customer's tier discount */
  TILL_RECEIPT_DISCOUNT_REWARD,   /* the line's share of a redeemed reward */
  TILL_RECEIPT_DISCOUNT_ORDER,    /* the line's share of the order discount */
} TillReceiptDiscountKind;

typedef struct
{
  TillReceiptDiscountKind kind;
  gint64                  percent_bp;   /* 0 when the discount was an amount */
  gint64                  amount;       /* minor units off, positive */
} TillReceiptDiscount;

#define TILL_RECEIPT_MAX_DISCOUNTS 4

typedef struct
{
  char                *name;
  char                *note;            /* the special request, "" for none */
  gint64               qty;             /* thousandths; grams when weighed */
  gboolean             by_weight;
  gint64               unit_price;      /* per unit, or per kg */
  gint64               amount;          /* sale: the line before discounts; refund: paid back */
  gint64               tax_rate_bp;
  TillReceiptDiscount  discounts[TILL_RECEIPT_MAX_DISCOUNTS];
  guint                n_discounts;
} TillReceiptLine;

typedef struct
{
  gint64  rate_bp;
  gint64  net;
  gint64  tax;
  gint64  gross;
} TillReceiptTax;

typedef struct
{
  char   *kind;        /* cash, card, deposit */
  gint64  amount;      /* cash: what was handed over; otherwise what it paid */
  char   *reference;   /* the card terminal's reference, "" for none */
} TillReceiptTender;

#define TILL_TYPE_RECEIPT (till_receipt_get_type ())

typedef struct
{
  TillReceiptKind  kind;
  gboolean         duplicate;          /* a reprint: marked DUPLICATE */
  char            *currency;           /* ISO 4217 code */
  gboolean         prices_include_tax;

  /* The shop (shop settings) */
  char            *shop_name;
  char            *shop_address;
  char            *shop_tax_id;
  char            *header;
  char            *footer;
  char            *logo_path;          /* an absolute PNG path, or NULL */

  gint64           register_id;
  gint64           number;             /* 0: none (a quote) */
  char            *cashier;            /* "" when unknown */
  GDateTime       *time;               /* in the shop's time zone */

  /* A refund: the sale it pays back */
  gint64           original_number;
  GDateTime       *original_time;

  GPtrArray       *lines;              /* TillReceiptLine */
  gint64           subtotal;           /* Σ line amounts before discounts */
  gint64           savings;            /* Σ discounts */
  gint64           tax;                /* Σ tax of the breakdown */
  gint64           total;              /* sale: T; refund: Σ paid back for the lines */
  GPtrArray       *taxes;              /* TillReceiptTax, by ascending rate */
  GPtrArray       *tenders;            /* TillReceiptTender, in order */
  gint64           rounding;           /* cash rounding (sale: paid more when > 0) */
  gint64           change;
  gint64           payout;             /* refund: what was paid out */

  /* Loyalty, from the order's stored snapshot */
  char            *card;               /* masked, "••••4821"; NULL without a customer */
  gboolean         has_loyalty;
  gint64           points_earned;
  gint64           points_redeemed;
  gint64           points_balance;
  char            *tier;               /* "" for none */
  char            *next_tier;          /* "" for none */
  gint64           to_next_tier;       /* spend still needed, minor units */
  gint64           points_reversed;    /* refund */
  gint64           points_restored;    /* refund: a reward's cost given back */
} TillReceipt;

GType            till_receipt_get_type          (void) G_GNUC_CONST;
TillReceipt     *till_receipt_new               (TillReceiptKind     kind,
                                                 const char         *currency);
TillReceipt     *till_receipt_ref               (TillReceipt        *receipt);
void             till_receipt_unref             (TillReceipt        *receipt);

/* Appends a line and returns it (owned by the receipt). */
TillReceiptLine *till_receipt_add_line          (TillReceipt        *receipt,
                                                 const char         *name,
                                                 const char         *note,
                                                 gint64              qty,
                                                 gboolean            by_weight,
                                                 gint64              unit_price,
                                                 gint64              amount,
                                                 gint64              tax_rate_bp);
/* Adds a discount to the line; zero amounts are left out. */
void             till_receipt_line_add_discount (TillReceiptLine    *line,
                                                 TillReceiptDiscountKind kind,
                                                 gint64              percent_bp,
                                                 gint64              amount);
void             till_receipt_add_tax           (TillReceipt        *receipt,
                                                 gint64              rate_bp,
                                                 gint64              net,
                                                 gint64              tax,
                                                 gint64              gross);
void             till_receipt_add_tender        (TillReceipt        *receipt,
                                                 const char         *kind,
                                                 gint64              amount,
                                                 const char         *reference);

/* "1-000042": the register and the receipt number as a receipt prints them;
 * NULL for a quote. */
char            *till_receipt_format_number     (gint64              register_id,
                                                 gint64              number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillReceipt, till_receipt_unref)

G_END_DECLS
