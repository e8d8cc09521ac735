/* till-pricing.h: pricing an order, exactly as RULES.md's steps 1–7 and "Points"
 *
 * A pure function: plain structs in, plain structs out, no database and no
 * GObject, so the checkout, `till-admin quote` and the tests all price an
 * order the same way.
 *
 * Refusals come back as TILL_ERROR with a message that names the line
 * (numbered from 1) or the part of the order, then the field:
 * "Line 2, discount: 120 % is more than 100 %".  The codes:
 *   TILL_ERROR_OUT_OF_RANGE  a value outside its bounds (negative, zero where
 *                            more is needed, above a limit of RULES.md, a
 *                            percent above 100 %, a sum above 10^12);
 *   TILL_ERROR_INVALID       a value that cannot mean anything here (a
 *                            fractional quantity of a product sold by unit,
 *                            a price label on a product sold by unit, an
 *                            unknown kind);
 *   TILL_ERROR_REFUSED       a rule of the domain says no (a discount on a
 *                            product that is not discountable, an amount
 *                            above what it applies to, a reward the customer
 *                            cannot afford or that does not fit the order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "till-money.h"

G_BEGIN_DECLS

/* Bounds of RULES.md's settings, as pricing checks them. */
#define TILL_MAX_EARN_POINTS   G_GINT64_CONSTANT (1000)
#define TILL_MAX_EARN_AMOUNT   G_GINT64_CONSTANT (1000000)
#define TILL_MAX_MULT_BP       G_GINT64_CONSTANT (100000)
#define TILL_MAX_REWARD_COST   G_GINT64_CONSTANT (1000000000)
#define TILL_MAX_TAX_BP        G_GINT64_CONSTANT (10000)

typedef enum
{
  TILL_DISCOUNT_NONE,
  TILL_DISCOUNT_PERCENT,       /* value in bp, 0–10000 */
  TILL_DISCOUNT_AMOUNT,        /* value in minor units, for the whole line or order */
} TillDiscountKind;

/* A manual line discount or the order discount. */
typedef struct
{
  TillDiscountKind kind;
  gint64           value;
} TillDiscount;

typedef enum
{
  TILL_REWARD_NONE,
  TILL_REWARD_AMOUNT_OFF,      /* value in minor units */
  TILL_REWARD_PERCENT_OFF,     /* value in bp */
  TILL_REWARD_FREE_PRODUCT,    /* product_id: one unit of the first line of it */
} TillRewardKind;

typedef struct
{
  TillRewardKind kind;
  gint64         value;
  gint64         product_id;
  gint64         cost;         /* C, in points */
} TillPricingReward;

/* One line as the cashier rang it up. */
typedef struct
{
  gint64       product_id;
  gint64       unit_price;     /* minor units, per unit or per kg */
  gint64       qty;            /* thousandths (grams when weighed); ignored with a label price */
  gboolean     sold_by_weight;
  gboolean     has_label_price;
  gint64       label_price;    /* v of a scale label with a price: base = v exactly */
  gint64       tax_bp;
  gboolean     discountable;
  gboolean     earns_points;   /* the product's category earns points */
  TillDiscount discount;       /* the manual line discount, kind NONE for none */
} TillPricingLine;

typedef struct
{
  /* Shop settings */
  gboolean               prices_include_tax;
  gint64                 earn_points;
  gint64                 earn_amount;
  /* Customer: tier discount, multiplier and balance count only when attached;
   * tier_bp 0 and mult_bp 10000 when the customer has no tier. */
  gboolean               has_customer;
  gint64                 tier_bp;
  gint64                 mult_bp;
  gint64                 balance;
  /* At most one of each; kind NONE for none. */
  TillPricingReward      reward;
  TillDiscount           order_discount;
  const TillPricingLine *lines;
  gsize                  n_lines;
  /* For amounts in messages only; NULL writes them in minor units. */
  const TillCurrency    *currency;
} TillPricingInput;

/* One priced line: every step of RULES.md, so that the store keeps what
 * each discount took and a refund returns exactly this line's part. */
typedef struct
{
  gint64   qty;                /* as given, or worked out from a label price */
  gint64   base;
  gint64   line_discount;      /* d */
  gint64   l1;
  gint64   tier_discount;      /* t */
  gint64   l2;
  gint64   reward;             /* what the reward took from this line */
  gint64   l3;
  gint64   order_discount;     /* this line's share of D */
  gint64   l4;
  gint64   tax_bp;
  gint64   tax;                /* s: this line's share of its rate's tax */
  gint64   paid;
  gint64   points;
  gboolean eligible;           /* customer attached and the category earns */
} TillPricedLine;

/* One row of the tax breakdown. */
typedef struct
{
  gint64 rate_bp;
  gint64 net;
  gint64 tax;
  gint64 gross;
} TillTaxRow;

typedef struct
{
  TillPricedLine *lines;       /* n_lines, in the order given */
  gsize           n_lines;
  TillTaxRow     *taxes;       /* one per rate present (0 % included), ascending */
  gsize           n_taxes;
  gint64          subtotal;        /* Σ base */
  gint64          line_discounts;  /* Σ d */
  gint64          tier_discounts;  /* Σ t */
  gint64          reward;          /* Σ reward shares */
  gint64          order_discount;  /* D */
  gint64          savings;         /* what the customer saves: the four above, = subtotal − Σ l4 */
  gint64          tax;             /* Σ tax_r */
  gint64          total;           /* T = Σ paid */
  gint64          earn_base;       /* E */
  gint64          points;          /* P */
} TillPricingResult;

/* The defaults of a new shop: prices include tax, 1 point per 100 minor
 * units, no customer, no tier (mult_bp 10000), no reward, no order
 * discount, no lines. */
void     till_pricing_input_init  (TillPricingInput        *input);

/* Prices @input.  On success *out_result holds a new result (free it with
 * till_pricing_result_free); on a refusal returns FALSE with @error set and
 * leaves *out_result untouched.  An order without lines prices to 0. */
gboolean till_price_order         (const TillPricingInput  *input,
                                   TillPricingResult      **out_result,
                                   GError                 **error);

void     till_pricing_result_free (TillPricingResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillPricingResult, till_pricing_result_free)

G_END_DECLS
