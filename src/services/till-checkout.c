/* till-checkout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-checkout.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-loyalty.h"
#include "till-loyalty-service.h"
#include "till-pin.h"
#include "till-receipt-service.h"
#include "till-refund.h"
#include "till-staff.h"
#include "till-staff-service.h"

struct _TillOrder
{
  GObject             parent_instance;

  TillOrderRecord    *record;
  GPtrArray          *lines;      /* TillOrderLineRecord */
  GPtrArray          *payments;   /* TillPaymentRecord */
  TillPricingResult  *pricing;
  gint64              balance;    /* the customer's balance when last priced */
  gboolean            transient;  /* never written: a quote priced in memory */
  char               *receipt_warning;  /* why the receipt is not in the archive */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TillOrder, till_order, G_TYPE_OBJECT)

static void
till_order_finalize (GObject *object)
{
  TillOrder *self = TILL_ORDER (object);

  g_clear_pointer (&self->record, till_order_record_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->payments, g_ptr_array_unref);
  g_clear_pointer (&self->pricing, till_pricing_result_free);
  g_clear_pointer (&self->receipt_warning, g_free);

  G_OBJECT_CLASS (till_order_parent_class)->finalize (object);
}

static void
till_order_class_init (TillOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_order_finalize;

  /* Emitted after every accepted change, payment and completion. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
till_order_init (TillOrder *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)till_order_line_record_free);
  self->payments = g_ptr_array_new_with_free_func ((GDestroyNotify)till_payment_record_free);
}

const TillOrderRecord *
till_order_get_record (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  return self->record;
}

GPtrArray *
till_order_get_lines (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  return self->lines;
}

const char *
till_order_get_receipt_warning (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  return self->receipt_warning;
}

const TillPricingResult *
till_order_get_pricing (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  return self->pricing;
}

GPtrArray *
till_order_get_payments (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  return self->payments;
}

gint64
till_order_get_total (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), 0);
  return self->pricing != NULL ? self->pricing->total : 0;
}

static gint64
approved_amount (TillOrder *self)
{
  gint64 sum = 0;

  for (guint i = 0; i < self->payments->len; i++)
    {
      TillPaymentRecord *p = self->payments->pdata[i];
      if (g_strcmp0 (p->status, "approved") == 0)
        sum += p->amount;
    }
  return sum;
}

gint64
till_order_get_due (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), 0);
  return MAX (0, till_order_get_total (self) - approved_amount (self));
}

gboolean
till_order_is_paid (TillOrder *self)
{
  g_return_val_if_fail (TILL_IS_ORDER (self), FALSE);
  return g_strcmp0 (self->record->status, "paid") == 0;
}

const TillCurrency *
till_order_get_currency (TillOrder *self)
{
  const TillCurrency *currency;

  g_return_val_if_fail (TILL_IS_ORDER (self), NULL);
  currency = till_currency_lookup (self->record->currency);
  return currency != NULL ? currency : till_currency_lookup ("EUR");
}

/* Settings, read with the defaults of DESIGN.md's table ----------------- */

static gint64
setting_int (TillContext *context,
             const char  *key,
             gint64       fallback)
{
  g_autofree char *text = till_context_dup_setting (context, key, NULL);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

static gboolean
setting_bool (TillContext *context,
              const char  *key,
              gboolean     fallback)
{
  g_autofree char *text = till_context_dup_setting (context, key, NULL);

  if (text == NULL)
    return fallback;
  return g_str_equal (text, "true");
}

static const char *
discount_kind_name (TillDiscountKind kind)
{
  switch (kind)
    {
    case TILL_DISCOUNT_PERCENT:
      return "percent";
    case TILL_DISCOUNT_AMOUNT:
      return "amount";
    case TILL_DISCOUNT_NONE:
    default:
      return "none";
    }
}

static TillDiscount
discount_from (const char *kind,
               gint64      value)
{
  TillDiscount discount = { TILL_DISCOUNT_NONE, 0 };

  if (g_strcmp0 (kind, "percent") == 0)
    discount.kind = TILL_DISCOUNT_PERCENT;
  else if (g_strcmp0 (kind, "amount") == 0)
    discount.kind = TILL_DISCOUNT_AMOUNT;
  if (discount.kind != TILL_DISCOUNT_NONE)
    discount.value = value;
  return discount;
}

/* The customer's tier terms and balance, as held now */
static gboolean
customer_terms (TillContext *context,
                gint64       customer_id,
                gint64      *out_tier_id,
                gint64      *out_tier_bp,
                gint64      *out_mult_bp,
                gint64      *out_balance,
                GError     **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(GPtrArray) tiers = NULL;
  gint64 tier_id = 0;

  *out_tier_id = 0;
  *out_tier_bp = 0;
  *out_mult_bp = 10000;
  *out_balance = 0;
  if (customer_id == 0)
    return TRUE;

  if (!till_loyalty_get_balance (store, customer_id, out_balance, &tier_id, error))
    return FALSE;
  if (tier_id == 0)
    return TRUE;
  tiers = till_loyalty_list_tiers (store, error);
  if (tiers == NULL)
    return FALSE;
  for (guint i = 0; i < tiers->len; i++)
    {
      TillTierRecord *tier = tiers->pdata[i];
      if (tier->id == tier_id)
        {
          *out_tier_id = tier->id;
          *out_tier_bp = tier->tier_bp;
          *out_mult_bp = tier->mult_bp;
        }
    }
  return TRUE;
}

/* Prices @lines for @record; on success the shares are written into @lines. */
/* The pricing terms of the order's reward (kind NONE without one).  With
 * @check_active, a reward retired or out of its dates at @now is refused. */
static gboolean
order_reward (TillContext              *context,
              const TillOrderRecord    *record,
              GDateTime                *now,
              TillPricingReward        *out,
              GError                  **error)
{
  g_autoptr(TillRewardRecord) reward = NULL;

  memset (out, 0, sizeof *out);
  out->kind = TILL_REWARD_NONE;
  if (record->reward_id <= 0)
    return TRUE;
  reward = till_loyalty_get_reward (till_context_get_store (context), record->reward_id, error);
  if (reward == NULL)
    return FALSE;
  if (now != NULL && !till_loyalty_service_reward_active (context, reward, now, error))
    return FALSE;
  if (g_strcmp0 (reward->kind, "amount_off") == 0)
    out->kind = TILL_REWARD_AMOUNT_OFF;
  else if (g_strcmp0 (reward->kind, "percent_off") == 0)
    out->kind = TILL_REWARD_PERCENT_OFF;
  else
    out->kind = TILL_REWARD_FREE_PRODUCT;
  out->value = reward->value;
  out->product_id = reward->product_id;
  /* The cost the order was given when the reward went on it */
  out->cost = record->reward_cost > 0 ? record->reward_cost : reward->cost;
  return TRUE;
}

static TillPricingResult *
price_lines (TillOrderRecord          *record,
             GPtrArray                *lines,
             gint64                    balance,
             const TillPricingReward  *reward,
             GError                  **error)
{
  g_autofree TillPricingLine *input_lines = g_new0 (TillPricingLine, MAX (lines->len, 1));
  TillPricingInput input;
  TillPricingResult *result = NULL;

  till_pricing_input_init (&input);
  input.prices_include_tax = record->prices_include_tax;
  input.earn_points = record->earn_points;
  input.earn_amount = record->earn_amount;
  input.has_customer = record->customer_id > 0;
  input.tier_bp = record->tier_bp;
  input.mult_bp = record->mult_bp;
  input.balance = balance;
  if (reward != NULL)
    input.reward = *reward;
  input.order_discount = discount_from (record->order_discount_kind, record->order_discount_value);
  input.currency = till_currency_lookup (record->currency);

  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *l = lines->pdata[i];
      TillPricingLine *p = &input_lines[i];

      p->product_id = l->product_id;
      p->unit_price = l->unit_price;
      p->qty = l->qty;
      p->sold_by_weight = l->sold_by_weight;
      p->has_label_price = l->has_label_price;
      p->label_price = l->label_price;
      p->tax_bp = l->tax_rate_bp;
      p->discountable = l->discountable;
      p->earns_points = l->earns_points;
      p->discount = discount_from (l->discount_kind, l->discount_value);
    }
  input.lines = input_lines;
  input.n_lines = lines->len;

  if (!till_price_order (&input, &result, error))
    return NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *l = lines->pdata[i];
      const TillPricedLine *p = &result->lines[i];

      l->position = i + 1;
      l->qty = p->qty;
      l->base = p->base;
      l->line_discount = p->line_discount;
      l->tier_discount = p->tier_discount;
      l->reward = p->reward;
      l->order_discount = p->order_discount;
      l->tax = p->tax;
      l->paid = p->paid;
      l->points = p->points;
    }
  record->subtotal = result->subtotal;
  record->savings = result->savings;
  record->tax = result->tax;
  record->total = result->total;
  record->points = result->points;
  return result;
}

static GPtrArray *
tax_rows (const TillPricingResult *pricing)
{
  GPtrArray *taxes = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < pricing->n_taxes; i++)
    {
      TillOrderTaxRecord *t = g_new0 (TillOrderTaxRecord, 1);

      t->rate_bp = pricing->taxes[i].rate_bp;
      t->net = pricing->taxes[i].net;
      t->tax = pricing->taxes[i].tax;
      t->gross = pricing->taxes[i].gross;
      g_ptr_array_add (taxes, t);
    }
  return taxes;
}

typedef struct
{
  TillOrderRecord *record;
  GPtrArray       *lines;
  GPtrArray       *taxes;
} SaveData;

static gboolean
save_in_transaction (TillStore  *store,
                     gpointer    user_data,
                     GError    **error)
{
  SaveData *data = user_data;

  return till_orders_save (store, data->record, data->lines, data->taxes, error);
}

/* Accepts @lines (and @record's changed fields) when they price, writes them,
 * and tells the views.  On refusal nothing of @order changes. */
static gboolean
accept (TillContext      *context,
        TillOrder        *order,
        TillOrderRecord  *record,
        GPtrArray        *lines,
        GError          **error)
{
  g_autoptr(TillPricingResult) pricing = NULL;
  g_autoptr(GPtrArray) taxes = NULL;
  gint64 tier_id, tier_bp, mult_bp, balance;
  TillPricingReward reward;

  if (g_strcmp0 (order->record->status, "open") != 0 && g_strcmp0 (order->record->status, "quote") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "This order is paid or voided: it can no longer be changed. Refund it instead.");
      return FALSE;
    }
  if (approved_amount (order) > 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Part of this order is already paid: finish taking payment, or refund "
                           "the payment before changing the order.");
      return FALSE;
    }

  if (!customer_terms (context, record->customer_id, &tier_id, &tier_bp, &mult_bp, &balance, error))
    return FALSE;
  record->tier_id = tier_id;
  record->tier_bp = tier_bp;
  record->mult_bp = mult_bp;

  if (!order_reward (context, record, NULL, &reward, error))
    return FALSE;
  pricing = price_lines (record, lines, balance, &reward, error);
  if (pricing == NULL)
    return FALSE;

  if (!order->transient && (lines->len > 0 || record->id != 0))
    {
      SaveData data;

      taxes = tax_rows (pricing);
      data.record = record;
      data.lines = lines;
      data.taxes = taxes;
      if (!till_store_transaction (till_context_get_store (context), save_in_transaction, &data, error))
        return FALSE;
    }

  if (record != order->record)
    {
      till_order_record_free (order->record);
      order->record = record;
    }
  if (lines != order->lines)
    {
      g_ptr_array_unref (order->lines);
      order->lines = g_ptr_array_ref (lines);
    }
  g_clear_pointer (&order->pricing, till_pricing_result_free);
  order->pricing = g_steal_pointer (&pricing);
  order->balance = balance;
  g_signal_emit (order, signals[CHANGED], 0);
  return TRUE;
}

static TillOrderRecord *
record_copy (const TillOrderRecord *r)
{
  TillOrderRecord *copy = g_memdup2 (r, sizeof *r);

  copy->uuid = g_strdup (r->uuid);
  copy->status = g_strdup (r->status);
  copy->opened_at = g_strdup (r->opened_at);
  copy->paid_at = g_strdup (r->paid_at);
  copy->voided_at = g_strdup (r->voided_at);
  copy->note = g_strdup (r->note);
  copy->currency = g_strdup (r->currency);
  copy->order_discount_kind = g_strdup (r->order_discount_kind);
  copy->loyalty_tier = g_strdup (r->loyalty_tier);
  copy->loyalty_next_tier = g_strdup (r->loyalty_next_tier);
  return copy;
}

static GPtrArray *
lines_copy (GPtrArray *lines)
{
  GPtrArray *copy = g_ptr_array_new_full (lines->len, (GDestroyNotify)till_order_line_record_free);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (copy, till_order_line_record_copy (lines->pdata[i]));
  return copy;
}

static TillOrder *
order_new (TillContext  *context,
           gboolean      transient,
           gint64        register_id)
{
  TillOrder *order = g_object_new (TILL_TYPE_ORDER, NULL);
  g_autoptr(GDateTime) now = till_context_now (context);
  TillOrderRecord *r = till_order_record_new ();

  r->uuid = g_uuid_string_random ();
  r->register_id = register_id;
  r->staff_id = till_context_get_staff_id (context);
  r->opened_at = till_store_format_time (now);
  r->currency = till_context_dup_setting (context, "currency", "EUR");
  r->prices_include_tax = setting_bool (context, "prices_include_tax", TRUE);
  r->earn_points = setting_int (context, "loyalty.earn_points", 1);
  r->earn_amount = setting_int (context, "loyalty.earn_amount", 100);
  if (transient)
    {
      g_free (r->status);
      r->status = g_strdup ("quote");
    }
  order->record = r;
  order->transient = transient;
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    order->pricing = price_lines (r, none, 0, NULL, NULL);
  }
  return order;
}

TillOrder *
till_checkout_open (TillContext  *context,
                    gint64        register_id,
                    GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (register_id > 0, NULL);

  return order_new (context, FALSE, register_id);
}

TillOrder *
till_checkout_open_transient (TillContext  *context,
                              GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return order_new (context, TRUE, 1);
}

TillOrder *
till_checkout_load (TillContext  *context,
                    gint64        order_id,
                    GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillOrder) order = NULL;
  gint64 tier_id, tier_bp, mult_bp;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  order = g_object_new (TILL_TYPE_ORDER, NULL);
  order->record = till_orders_get (store, order_id, error);
  if (order->record == NULL)
    return NULL;
  g_ptr_array_unref (order->lines);
  order->lines = till_orders_get_lines (store, order_id, error);
  if (order->lines == NULL)
    {
      order->lines = g_ptr_array_new ();
      return NULL;
    }
  g_ptr_array_unref (order->payments);
  order->payments = till_orders_get_payments (store, order_id, error);
  if (order->payments == NULL)
    {
      order->payments = g_ptr_array_new ();
      return NULL;
    }

  if (g_strcmp0 (order->record->status, "paid") == 0 || g_strcmp0 (order->record->status, "voided") == 0)
    {
      /* Stored figures stand: a paid order is never repriced; the pricing
       * kept beside it is worked out on copies, for the views. */
      g_autoptr(GPtrArray) copy = lines_copy (order->lines);
      g_autoptr(TillOrderRecord) record = record_copy (order->record);
      TillPricingReward reward;

      if (!order_reward (context, record, NULL, &reward, NULL))
        reward.kind = TILL_REWARD_NONE;
      order->pricing = price_lines (record, copy, G_MAXINT64 / 4, &reward, NULL);
      return g_steal_pointer (&order);
    }

  if (!customer_terms (context, order->record->customer_id, &tier_id, &tier_bp, &mult_bp,
                       &order->balance, error))
    return NULL;
  {
    TillPricingReward reward;

    if (!order_reward (context, order->record, NULL, &reward, error))
      return NULL;
    order->pricing = price_lines (order->record, order->lines, order->balance, &reward, error);
  }
  if (order->pricing == NULL)
    return NULL;
  return g_steal_pointer (&order);
}

static TillOrderLineRecord *
line_at (TillOrder  *order,
         GPtrArray  *lines,
         guint       index,
         GError    **error)
{
  if (index >= lines->len)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "Line %u: there is no such line.", index + 1);
      return NULL;
    }
  return lines->pdata[index];
}

gboolean
till_checkout_add_product (TillContext  *context,
                           TillOrder    *order,
                           gint64        product_id,
                           const char   *code,
                           gint64        qty,
                           gboolean      has_label_price,
                           gint64        label_price,
                           gboolean      merge,
                           GError      **error)
{
  g_autoptr(TillProductSnapshot) product = NULL;
  g_autoptr(TillOrderRecord) record = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  TillOrderLineRecord *last;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  product = till_orders_get_product (till_context_get_store (context), product_id, error);
  if (product == NULL)
    return FALSE;
  if (!product->active)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "%s is no longer sold (the product was retired).", product->name);
      return FALSE;
    }

  record = record_copy (order->record);
  lines = lines_copy (order->lines);
  last = lines->len > 0 ? lines->pdata[lines->len - 1] : NULL;

  /* RULES.md: a unit product scanned again right after itself, with no
   * discount and no note, adds to that line. */
  if (merge && last != NULL && !product->sold_by_weight && !has_label_price &&
      last->product_id == product_id && g_strcmp0 (last->discount_kind, "none") == 0 &&
      (last->note == NULL || last->note[0] == '\0'))
    {
      /* Both are within the line limit or pricing refuses them: no overflow. */
      if (qty < 0 || qty > TILL_MAX_LINE_QTY || last->qty > TILL_MAX_LINE_QTY)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE, "Line %u, quantity: too large.", lines->len);
          return FALSE;
        }
      last->qty += qty;
    }
  else
    {
      TillOrderLineRecord *line = till_order_line_record_new ();

      line->product_id = product->id;
      line->code = g_strdup (code != NULL ? code : product->sku);
      line->sku = g_strdup (product->sku);
      line->name = g_strdup (product->name);
      line->sold_by_weight = product->sold_by_weight;
      line->unit_price = product->price;
      line->qty = qty;
      line->has_label_price = has_label_price;
      line->label_price = label_price;
      line->tax_rate_bp = product->tax_rate_bp;
      line->discountable = product->discountable;
      line->earns_points = product->earns_points;
      g_ptr_array_add (lines, line);
    }

  if (!accept (context, order, record, lines, error))
    return FALSE;
  record = NULL;
  return TRUE;
}

/* Runs @edit on copies of the order's record and lines and accepts them. */
typedef gboolean (*EditFunc) (TillOrderRecord  *record,
                              GPtrArray        *lines,
                              gpointer          data,
                              GError          **error);

static gboolean
edit (TillContext  *context,
      TillOrder    *order,
      EditFunc      func,
      gpointer      data,
      GError      **error)
{
  g_autoptr(TillOrderRecord) record = record_copy (order->record);
  g_autoptr(GPtrArray) lines = lines_copy (order->lines);

  if (!func (record, lines, data, error))
    return FALSE;
  if (!accept (context, order, record, lines, error))
    return FALSE;
  record = NULL;   /* the order owns it now */
  return TRUE;
}

typedef struct
{
  TillOrder   *order;
  guint        index;
  gint64       qty;
  const char  *text;
  TillDiscount discount;
  gint64       id;
  gboolean     flag;
} EditData;

static gboolean
edit_quantity (TillOrderRecord  *record,
               GPtrArray        *lines,
               gpointer          user_data,
               GError          **error)
{
  EditData *data = user_data;
  TillOrderLineRecord *line = line_at (data->order, lines, data->index, error);

  if (line == NULL)
    return FALSE;
  if (line->has_label_price)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Line %u, quantity: a scale label's price sets this line; scan the item again "
                   "instead.", data->index + 1);
      return FALSE;
    }
  line->qty = data->qty;
  return TRUE;
}

gboolean
till_checkout_set_quantity (TillContext  *context,
                            TillOrder    *order,
                            guint         index,
                            gint64        qty,
                            GError      **error)
{
  EditData data = { .order = order, .index = index, .qty = qty };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);
  return edit (context, order, edit_quantity, &data, error);
}

static gboolean
edit_remove (TillOrderRecord  *record,
             GPtrArray        *lines,
             gpointer          user_data,
             GError          **error)
{
  EditData *data = user_data;

  if (line_at (data->order, lines, data->index, error) == NULL)
    return FALSE;
  g_ptr_array_remove_index (lines, data->index);
  return TRUE;
}

gboolean
till_checkout_remove_line (TillContext  *context,
                           TillOrder    *order,
                           guint         index,
                           GError      **error)
{
  EditData data = { .order = order, .index = index };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);
  return edit (context, order, edit_remove, &data, error);
}

static gboolean
valid_note (const char  *note,
            const char  *what,
            GError     **error)
{
  if (!g_utf8_validate (note, -1, NULL) || g_utf8_strlen (note, -1) > 500)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "%s: a note has at most 500 characters.", what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
edit_line_note (TillOrderRecord  *record,
                GPtrArray        *lines,
                gpointer          user_data,
                GError          **error)
{
  EditData *data = user_data;
  TillOrderLineRecord *line = line_at (data->order, lines, data->index, error);
  g_autofree char *what = g_strdup_printf ("Line %u, note", data->index + 1);

  if (line == NULL || !valid_note (data->text, what, error))
    return FALSE;
  g_free (line->note);
  line->note = g_strstrip (g_strdup (data->text));
  return TRUE;
}

gboolean
till_checkout_set_line_note (TillContext  *context,
                             TillOrder    *order,
                             guint         index,
                             const char   *note,
                             GError      **error)
{
  EditData data = { .order = order, .index = index, .text = note != NULL ? note : "" };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);
  return edit (context, order, edit_line_note, &data, error);
}

gboolean
till_checkout_check_approval (TillContext         *context,
                              const TillApproval  *approval,
                              gint64              *out_manager_id,
                              GError             **error)
{
  g_autoptr(TillStaffRecord) manager = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) pin_error = NULL;
  gboolean locked = FALSE;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  /* A manager or admin at the till approves by acting. */
  if (g_strcmp0 (till_context_get_role (context), "manager") == 0 ||
      g_strcmp0 (till_context_get_role (context), "admin") == 0)
    {
      *out_manager_id = till_context_get_staff_id (context);
      return TRUE;
    }
  if (approval == NULL || approval->staff_id <= 0 || approval->pin == NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_PERMISSION,
                           "This needs a manager's approval: a manager enters their PIN.");
      return FALSE;
    }
  manager = till_staff_get_by_id (till_context_get_store (context), approval->staff_id, &local_error);
  if (manager == NULL || !manager->active ||
      !(g_str_equal (manager->role, "manager") || g_str_equal (manager->role, "admin")))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_PERMISSION,
                           "Only an active manager or admin can approve this.");
      return FALSE;
    }
  /* A wrong approval PIN counts towards the manager's lockout like a wrong
   * sign-in, so the dialog cannot be used to guess it. */
  if (!till_staff_service_check_pin (context, manager, approval->pin, &locked, &pin_error))
    {
      g_autoptr(GError) audit_error = NULL;

      till_context_audit (context, "approval.failed", "staff", manager->id, "", &audit_error);
      if (locked)
        g_set_error (error, TILL_ERROR, TILL_ERROR_PERMISSION, "%s Not approved.", pin_error->message);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_PERMISSION, "Wrong PIN for %s: not approved.", manager->name);
      return FALSE;
    }
  *out_manager_id = manager->id;
  return TRUE;
}

/* TRUE when @discount on @base (or the order) is above the shop's thresholds */
static gboolean
needs_approval (TillContext  *context,
                TillDiscount  discount)
{
  switch (discount.kind)
    {
    case TILL_DISCOUNT_PERCENT:
      return discount.value > setting_int (context, "discount.approval_percent", 2000);
    case TILL_DISCOUNT_AMOUNT:
      return discount.value > setting_int (context, "discount.approval_amount", 1000);
    case TILL_DISCOUNT_NONE:
    default:
      return FALSE;
    }
}

static gboolean
edit_line_discount (TillOrderRecord  *record,
                    GPtrArray        *lines,
                    gpointer          user_data,
                    GError          **error)
{
  EditData *data = user_data;
  TillOrderLineRecord *line = line_at (data->order, lines, data->index, error);

  if (line == NULL)
    return FALSE;
  g_free (line->discount_kind);
  line->discount_kind = g_strdup (discount_kind_name (data->discount.kind));
  line->discount_value = data->discount.kind == TILL_DISCOUNT_NONE ? 0 : data->discount.value;
  if (data->id > 0)
    record->discount_approved_by = data->id;
  return TRUE;
}

gboolean
till_checkout_set_line_discount (TillContext         *context,
                                 TillOrder           *order,
                                 guint                index,
                                 TillDiscount         discount,
                                 const TillApproval  *approval,
                                 GError             **error)
{
  EditData data = { .order = order, .index = index, .discount = discount };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (needs_approval (context, discount) &&
      !till_checkout_check_approval (context, approval, &data.id, error))
    return FALSE;
  if (!edit (context, order, edit_line_discount, &data, error))
    return FALSE;
  if (data.id > 0 && !order->transient)
    till_context_audit (context, "order.discount-approved", "order", order->record->id, "line_discount", NULL);
  return TRUE;
}

static gboolean
edit_order_discount (TillOrderRecord  *record,
                     GPtrArray        *lines,
                     gpointer          user_data,
                     GError          **error)
{
  EditData *data = user_data;

  g_free (record->order_discount_kind);
  record->order_discount_kind = g_strdup (discount_kind_name (data->discount.kind));
  record->order_discount_value = data->discount.kind == TILL_DISCOUNT_NONE ? 0 : data->discount.value;
  if (data->id > 0)
    record->discount_approved_by = data->id;
  return TRUE;
}

gboolean
till_checkout_set_order_discount (TillContext         *context,
                                  TillOrder           *order,
                                  TillDiscount         discount,
                                  const TillApproval  *approval,
                                  GError             **error)
{
  EditData data = { .order = order, .discount = discount };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (needs_approval (context, discount) &&
      !till_checkout_check_approval (context, approval, &data.id, error))
    return FALSE;
  if (!edit (context, order, edit_order_discount, &data, error))
    return FALSE;
  if (data.id > 0 && !order->transient)
    till_context_audit (context, "order.discount-approved", "order", order->record->id, "order_discount", NULL);
  return TRUE;
}

static gboolean
edit_note (TillOrderRecord  *record,
           GPtrArray        *lines,
           gpointer          user_data,
           GError          **error)
{
  EditData *data = user_data;

  if (!valid_note (data->text, "Order note", error))
    return FALSE;
  g_free (record->note);
  record->note = g_strstrip (g_strdup (data->text));
  return TRUE;
}

gboolean
till_checkout_set_note (TillContext  *context,
                        TillOrder    *order,
                        const char   *note,
                        GError      **error)
{
  EditData data = { .order = order, .text = note != NULL ? note : "" };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);
  return edit (context, order, edit_note, &data, error);
}

static gboolean
edit_customer (TillOrderRecord  *record,
               GPtrArray        *lines,
               gpointer          user_data,
               GError          **error)
{
  EditData *data = user_data;

  if (record->customer_id != data->id)
    {
      /* A reward is the customer's: it comes off with them. */
      record->reward_id = 0;
      record->reward_cost = 0;
    }
  record->customer_id = data->id;
  return TRUE;
}

gboolean
till_checkout_set_customer (TillContext  *context,
                            TillOrder    *order,
                            gint64        customer_id,
                            GError      **error)
{
  EditData data = { .order = order, .id = customer_id };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (customer_id > 0)
    {
      g_autoptr(TillCustomerRecord) customer = till_customers_get (till_context_get_store (context),
                                                                   customer_id, error);
      if (customer == NULL)
        return FALSE;
      if (customer->erased_at != NULL)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                               "This customer's data was erased; they cannot be attached to a sale.");
          return FALSE;
        }
    }
  return edit (context, order, edit_customer, &data, error);
}

static gboolean
edit_parked (TillOrderRecord  *record,
             GPtrArray        *lines,
             gpointer          user_data,
             GError          **error)
{
  EditData *data = user_data;

  if (data->flag && lines->len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "An empty order cannot be parked.");
      return FALSE;
    }
  record->parked = data->flag;
  return TRUE;
}

gboolean
till_checkout_set_parked (TillContext  *context,
                          TillOrder    *order,
                          gboolean      parked,
                          GError      **error)
{
  EditData data = { .order = order, .flag = parked };

  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);
  return edit (context, order, edit_parked, &data, error);
}

static gboolean complete_with (TillContext        *context,
                               TillOrder          *order,
                               TillPaymentRecord  *new_payment,
                               GError            **error);

/* Quotes -------------------------------------------------------------------- */

typedef struct
{
  TillContext     *context;
  TillOrderRecord *record;
  const char      *action;
} StatusData;

static gboolean
status_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  StatusData *data = user_data;

  return till_orders_save (store, data->record, NULL, NULL, error) &&
         till_context_audit (data->context, data->action, "order", data->record->id, "status", error);
}

gboolean
till_checkout_keep_as_quote (TillContext  *context,
                             TillOrder    *order,
                             GError      **error)
{
  g_autoptr(TillOrderRecord) record = NULL;
  StatusData data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (order->transient || g_strcmp0 (order->record->status, "open") != 0 || order->lines->len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Only an open order with lines can be kept as a quote.");
      return FALSE;
    }
  if (approved_amount (order) > 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Part of this order is paid: it is a sale, not a quote any more.");
      return FALSE;
    }

  record = record_copy (order->record);
  g_free (record->status);
  record->status = g_strdup ("quote");
  record->parked = FALSE;
  data.context = context;
  data.record = record;
  data.action = "order.quote";
  if (!till_store_transaction (till_context_get_store (context), status_in_transaction, &data, error))
    return FALSE;
  till_order_record_free (order->record);
  order->record = g_steal_pointer (&record);
  g_signal_emit (order, signals[CHANGED], 0);
  return TRUE;
}

TillOrder *
till_checkout_quote_to_sale (TillContext  *context,
                             gint64        quote_id,
                             gint64        register_id,
                             GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillOrderRecord) record = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GDateTime) now = till_context_now (context);

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  order = g_object_new (TILL_TYPE_ORDER, NULL);
  order->record = till_orders_get (store, quote_id, error);
  if (order->record == NULL)
    return NULL;
  if (g_strcmp0 (order->record->status, "quote") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "This order is not a kept quote.");
      return NULL;
    }
  g_ptr_array_unref (order->lines);
  order->lines = till_orders_get_lines (store, quote_id, error);
  if (order->lines == NULL)
    {
      order->lines = g_ptr_array_new ();
      return NULL;
    }

  /* Today's prices: each line as its product is now. */
  lines = lines_copy (order->lines);
  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *line = lines->pdata[i];
      g_autoptr(TillProductSnapshot) product = till_orders_get_product (store, line->product_id, error);

      if (product == NULL)
        return NULL;
      if (!product->active)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "Line %u: %s is no longer sold; change the quote's line first.", i + 1, product->name);
          return NULL;
        }
      line->unit_price = product->price;
      line->tax_rate_bp = product->tax_rate_bp;
      line->discountable = product->discountable;
      line->earns_points = product->earns_points;
      g_free (line->name);
      line->name = g_strdup (product->name);
    }

  record = record_copy (order->record);
  g_free (record->status);
  record->status = g_strdup ("open");
  record->register_id = register_id;
  record->staff_id = till_context_get_staff_id (context);
  g_free (record->opened_at);
  record->opened_at = till_store_format_time (now);
  /* Accepted as an open order: accept() checks the status of the order it
   * changes, so let it see the quote as open already. */
  g_free (order->record->status);
  order->record->status = g_strdup ("open");
  if (!accept (context, order, record, lines, error))
    return NULL;
  record = NULL;
  till_context_audit (context, "order.quote-to-sale", "order", quote_id, "status", NULL);
  return g_steal_pointer (&order);
}

/* Payments ---------------------------------------------------------------- */

typedef struct
{
  gint64             order_id;
  TillPaymentRecord *payment;
  TillOrderRecord   *record;
} PaymentData;

static gboolean
record_payment_in_transaction (TillStore  *store,
                               gpointer    user_data,
                               GError    **error)
{
  PaymentData *data = user_data;

  if (data->record != NULL && !till_orders_save (store, data->record, NULL, NULL, error))
    return FALSE;
  return till_orders_add_payment (store, data->order_id, data->payment, error);
}

/* Writes an attempt in its own transaction: a card payment must stay on
 * record even when completing the order fails afterwards. */
static gboolean
record_payment (TillContext        *context,
                TillOrder          *order,
                TillPaymentRecord  *payment,
                TillOrderRecord    *record,
                GError            **error)
{
  PaymentData data = { order->record->id, payment, record };

  if (order->transient)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "A quote cannot be paid: turn it into a sale first.");
      return FALSE;
    }
  if (!till_store_transaction (till_context_get_store (context), record_payment_in_transaction, &data, error))
    return FALSE;
  g_ptr_array_add (order->payments, payment);
  return TRUE;
}

static gboolean
can_take_payment (TillOrder  *order,
                  GError    **error)
{
  if (g_strcmp0 (order->record->status, "open") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "This order is not open for payment.");
      return FALSE;
    }
  if (order->lines->len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "The order is empty: add something before taking payment.");
      return FALSE;
    }
  return TRUE;
}

gboolean
till_checkout_pay_cash (TillContext      *context,
                        TillOrder        *order,
                        gint64            tendered,
                        TillCashOutcome  *out_outcome,
                        GError          **error)
{
  g_autoptr(GDateTime) now = NULL;
  TillPaymentRecord *payment;
  TillCashOutcome outcome;
  gint64 increment;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (!can_take_payment (order, error))
    return FALSE;

  increment = setting_int (context, "cash_rounding", 0);
  if (!till_cash_apply_tender (till_order_get_due (order), increment, tendered,
                               till_order_get_currency (order), &outcome, error))
    return FALSE;

  now = till_context_now (context);
  payment = g_new0 (TillPaymentRecord, 1);
  payment->kind = g_strdup ("cash");
  payment->status = g_strdup ("approved");
  payment->tendered = tendered;
  payment->change = outcome.change;
  payment->amount = outcome.applied;
  payment->at = till_store_format_time (now);

  if (outcome.settles)
    {
      /* The cash that settles the order and the completion are one commit:
       * if completing fails, the cash was not taken either. */
      g_autoptr(TillOrderRecord) before = record_copy (order->record);

      order->record->rounding = outcome.rounding;
      order->record->change += outcome.change;
      if (!complete_with (context, order, payment, error))
        {
          if (before->reward_id > 0 && order->record->reward_id == 0)
            {
              /* Completion took the reward off (RULES.md): keep the order
               * repriced without it, as the cash was not taken. */
              order->record->rounding = before->rounding;
              order->record->change = before->change;
            }
          else
            {
              till_order_record_free (order->record);
              order->record = g_steal_pointer (&before);
            }
          till_payment_record_free (payment);
          return FALSE;
        }
      till_payment_record_free (payment);
      if (out_outcome != NULL)
        *out_outcome = outcome;
      return TRUE;
    }

  if (!record_payment (context, order, payment, NULL, error))
    {
      till_payment_record_free (payment);
      return FALSE;
    }
  if (out_outcome != NULL)
    *out_outcome = outcome;
  g_signal_emit (order, signals[CHANGED], 0);
  return TRUE;
}

typedef struct
{
  TillContext *context;
  TillOrder   *order;
  gint64       amount;
} CardData;

static void
card_data_free (CardData *data)
{
  g_object_unref (data->context);
  g_object_unref (data->order);
  g_free (data);
}

static void
on_card_charged (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CardData *data = g_task_get_task_data (task);
  g_autoptr(TillCardResult) card = NULL;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  GError *error = NULL;
  TillPaymentRecord *payment;

  card = till_payment_terminal_charge_finish (TILL_PAYMENT_TERMINAL (source), result, &error);
  if (card == NULL)
    {
      /* The terminal port itself failed: record it as a failed attempt. */
      card = g_new0 (TillCardResult, 1);
      card->status = TILL_CARD_FAILED;
      card->reference = g_strdup ("");
      card->message = g_strdup (error != NULL ? error->message : "The terminal failed.");
      g_clear_error (&error);
    }

  payment = g_new0 (TillPaymentRecord, 1);
  payment->kind = g_strdup ("card");
  payment->status = g_strdup (till_card_status_to_string (card->status));
  payment->tendered = data->amount;
  payment->amount = card->status == TILL_CARD_APPROVED ? data->amount : 0;
  payment->reference = g_strdup (card->reference);
  payment->message = g_strdup (card->message);
  payment->at = till_store_format_time (now);

  if (!record_payment (data->context, data->order, payment, NULL, &error))
    {
      till_payment_record_free (payment);
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (data->order, signals[CHANGED], 0);

  if (card->status == TILL_CARD_APPROVED && till_order_get_due (data->order) == 0 &&
      !till_checkout_complete (data->context, data->order, &error))
    {
      /* The payment stands; completing can be tried again. */
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&card), (GDestroyNotify)till_card_result_free);
}

void
till_checkout_pay_card_async (TillContext         *context,
                              TillOrder           *order,
                              gint64               amount,
                              TillPaymentTerminal *terminal,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  CardData *data;

  g_return_if_fail (TILL_IS_CONTEXT (context));
  g_return_if_fail (TILL_IS_ORDER (order));
  g_return_if_fail (TILL_IS_PAYMENT_TERMINAL (terminal));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, till_checkout_pay_card_async);

  if (!can_take_payment (order, &error) ||
      !till_card_check_tender (till_order_get_due (order), amount, till_order_get_currency (order), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (order->record->id == 0)
    {
      g_task_return_new_error (task, TILL_ERROR, TILL_ERROR_FAILED, "The order was not saved yet.");
      return;
    }

  data = g_new0 (CardData, 1);
  data->context = g_object_ref (context);
  data->order = g_object_ref (order);
  data->amount = amount;
  g_task_set_task_data (task, data, (GDestroyNotify)card_data_free);
  till_payment_terminal_charge_async (terminal, amount, order->record->currency, cancellable,
                                      on_card_charged, g_steal_pointer (&task));
}

TillCardResult *
till_checkout_pay_card_finish (TillContext   *context,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GMainLoop      *loop;
  TillCardResult *result;
  GError         *error;
} CardSync;

static void
on_card_sync (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CardSync *sync = user_data;

  sync->result = till_checkout_pay_card_finish (TILL_CONTEXT (source), result, &sync->error);
  g_main_loop_quit (sync->loop);
}

TillCardResult *
till_checkout_pay_card_sync (TillContext          *context,
                             TillOrder            *order,
                             gint64                amount,
                             TillPaymentTerminal  *terminal,
                             GError              **error)
{
  g_autoptr(GMainContext) main_context = g_main_context_new ();
  CardSync sync = { NULL, NULL, NULL };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  g_main_context_push_thread_default (main_context);
  sync.loop = g_main_loop_new (main_context, FALSE);
  till_checkout_pay_card_async (context, order, amount, terminal, NULL, on_card_sync, &sync);
  g_main_loop_run (sync.loop);
  g_main_loop_unref (sync.loop);
  g_main_context_pop_thread_default (main_context);

  if (sync.error != NULL)
    {
      g_propagate_error (error, sync.error);
      return NULL;
    }
  return sync.result;
}

/* Rewards ---------------------------------------------------------------- */

static gboolean
edit_reward (TillOrderRecord  *record,
             GPtrArray        *lines,
             gpointer          user_data,
             GError          **error)
{
  EditData *data = user_data;

  record->reward_id = data->id;
  record->reward_cost = data->qty;
  return TRUE;
}

gboolean
till_checkout_set_reward (TillContext  *context,
                          TillOrder    *order,
                          gint64        reward_id,
                          GError      **error)
{
  EditData data = { 0 };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (reward_id > 0)
    {
      g_autoptr(TillRewardRecord) reward = till_loyalty_get_reward (till_context_get_store (context), reward_id,
                                                                    error);
      g_autoptr(GDateTime) now = till_context_now (context);

      if (reward == NULL)
        return FALSE;
      if (order->record->customer_id <= 0)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                               "A reward needs a customer on the order: attach the customer first.");
          return FALSE;
        }
      if (!till_loyalty_service_reward_active (context, reward, now, error))
        return FALSE;
      data.qty = reward->cost;
    }
  data.id = reward_id > 0 ? reward_id : 0;
  return edit (context, order, edit_reward, &data, error);
}

/* Completion refused the reward (another register spent the points, or it
 * ended): it comes off the order, which is priced again without it, even
 * when part is paid; the cashier collects the difference. */
static void
drop_reward (TillContext *context,
             TillOrder   *order)
{
  g_autoptr(TillOrderRecord) record = record_copy (order->record);
  g_autoptr(GPtrArray) lines = lines_copy (order->lines);
  g_autoptr(TillPricingResult) pricing = NULL;
  g_autoptr(GPtrArray) taxes = NULL;
  g_autoptr(GError) error = NULL;
  SaveData save;

  record->reward_id = 0;
  record->reward_cost = 0;
  pricing = price_lines (record, lines, order->balance, NULL, &error);
  if (pricing == NULL)
    {
      g_warning ("The reward could not come off the order: %s", error->message);
      return;
    }
  taxes = tax_rows (pricing);
  save.record = record;
  save.lines = lines;
  save.taxes = taxes;
  if (!till_store_transaction (till_context_get_store (context), save_in_transaction, &save, &error))
    {
      g_warning ("The reward could not come off the order: %s", error->message);
      return;
    }
  till_order_record_free (order->record);
  order->record = g_steal_pointer (&record);
  g_ptr_array_unref (order->lines);
  order->lines = g_steal_pointer (&lines);
  g_clear_pointer (&order->pricing, till_pricing_result_free);
  order->pricing = g_steal_pointer (&pricing);
  g_signal_emit (order, signals[CHANGED], 0);
}

/* Completion ------------------------------------------------------------ */

typedef struct
{
  TillContext       *context;
  TillOrder         *order;
  TillPaymentRecord *new_payment;   /* a settling cash payment, written in the same transaction */
  TillOrderRecord   *record;
  GPtrArray         *lines;
  GPtrArray         *payments;
  TillPricingResult *pricing;
  gboolean           already;
  gboolean           reward_refused;  /* the reward no longer applies: it comes off the order */
} CompleteData;

static void
format_money (GString            *out,
              gint64              amount,
              const TillCurrency *currency)
{
  g_autofree char *text = till_money_format (amount, currency, TILL_NOTATION_PERSON);
  g_string_append (out, text);
}

/* Raises the customer's tier when the spend including this sale reaches a
 * higher one, and takes the receipt's loyalty snapshot. */
static gboolean
update_tier_and_snapshot (CompleteData  *data,
                          const char    *paid_at,
                          GDateTime     *now,
                          gint64         balance_after,
                          GError       **error)
{
  TillStore *store = till_context_get_store (data->context);
  TillOrderRecord *record = data->record;
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, error);
  g_autoptr(GDateTime) since_time = NULL;
  g_autofree char *since = NULL;
  gint64 window_days = setting_int (data->context, "loyalty.window_days", 365);
  gint64 spend = 0, current_threshold = -1, balance_unused;
  TillTierRecord *target = NULL, *current = NULL, *next = NULL;
  gint64 stored_tier = 0;

  if (tiers == NULL)
    return FALSE;

  since_time = g_date_time_add_days (now, -(gint)CLAMP (window_days, 1, 3660));
  since = till_store_format_time (since_time);
  if (!till_orders_qualifying_spend (store, record->customer_id, since, &spend, error) ||
      !till_loyalty_get_balance (store, record->customer_id, &balance_unused, &stored_tier, error))
    return FALSE;

  for (guint i = 0; i < tiers->len; i++)
    {
      TillTierRecord *tier = tiers->pdata[i];

      if (tier->id == stored_tier)
        {
          current = tier;
          current_threshold = tier->threshold;
        }
      if (tier->threshold <= spend)
        target = tier;
    }

  /* A sale only ever raises the tier; maintenance lowers it. */
  if (target != NULL && target->threshold > current_threshold)
    {
      if (!till_loyalty_set_tier (store, record->customer_id, stored_tier, target->id, "sale", record->id,
                                  paid_at, error))
        return FALSE;
      current = target;
      if (!till_context_audit (data->context, "customer.tier-raised", "customer", record->customer_id,
                               "tier", error))
        return FALSE;
    }

  for (guint i = 0; i < tiers->len && next == NULL; i++)
    {
      TillTierRecord *tier = tiers->pdata[i];
      if (tier->threshold > spend && (current == NULL || tier->threshold > current->threshold))
        next = tier;
    }

  record->has_loyalty = TRUE;
  record->loyalty_earned = record->points;
  record->loyalty_redeemed = record->reward_cost;
  record->loyalty_balance_after = balance_after;
  g_free (record->loyalty_tier);
  record->loyalty_tier = g_strdup (current != NULL ? current->name : "");
  g_free (record->loyalty_next_tier);
  record->loyalty_next_tier = g_strdup (next != NULL ? next->name : "");
  record->loyalty_to_next_tier = next != NULL ? next->threshold - spend : 0;
  return TRUE;
}

static gboolean
complete_in_transaction (TillStore  *store,
                         gpointer    user_data,
                         GError    **error)
{
  CompleteData *data = user_data;
  TillOrder *order = data->order;
  g_autoptr(TillOrderRecord) existing = NULL;
  g_autoptr(GPtrArray) taxes = NULL;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autoptr(GError) lookup_error = NULL;
  g_autofree char *paid_at = till_store_format_time (now);
  gint64 tier_id, tier_bp, mult_bp, balance, approved = 0, tendered = 0, change = 0, receipt;
  const TillCurrency *currency = till_order_get_currency (order);

  /* The order's UUID: a retried completion finds it done and records nothing twice. */
  existing = till_orders_find_by_uuid (store, order->record->uuid, &lookup_error);
  if (existing != NULL && g_strcmp0 (existing->status, "paid") == 0)
    {
      data->already = TRUE;
      return TRUE;
    }
  if (existing == NULL && !g_error_matches (lookup_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  if (existing == NULL || g_strcmp0 (existing->status, "open") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "This order is not open: it cannot be completed.");
      return FALSE;
    }
  if (data->new_payment != NULL && !till_orders_add_payment (store, existing->id, data->new_payment, error))
    return FALSE;

  data->payments = till_orders_get_payments (store, existing->id, error);
  if (data->payments == NULL)
    return FALSE;
  for (guint i = 0; i < data->payments->len; i++)
    {
      TillPaymentRecord *p = data->payments->pdata[i];

      if (g_strcmp0 (p->status, "approved") != 0)
        continue;
      approved += p->amount;
      tendered += p->tendered;
      change += p->change;
    }

  data->record = record_copy (order->record);
  data->lines = lines_copy (order->lines);

  /* Priced again inside the transaction, with the tier and balance the
   * customer holds now (another register may have spent the points). */
  if (!customer_terms (data->context, data->record->customer_id, &tier_id, &tier_bp, &mult_bp, &balance, error))
    return FALSE;
  data->record->tier_id = tier_id;
  data->record->tier_bp = tier_bp;
  data->record->mult_bp = mult_bp;
  {
    TillPricingReward reward;
    GError *reward_error = NULL;

    /* Checked again here: active now, and the balance (read in this
     * transaction) still covers the cost. */
    if (!order_reward (data->context, data->record, now, &reward, &reward_error))
      {
        data->reward_refused = data->record->reward_id > 0;
        g_propagate_error (error, reward_error);
        return FALSE;
      }
    data->pricing = price_lines (data->record, data->lines, balance, &reward, &reward_error);
    if (data->pricing == NULL)
      {
        data->reward_refused = data->record->reward_id > 0 && reward.cost > balance;
        g_propagate_error (error, reward_error);
        return FALSE;
      }
  }

  if (data->lines->len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "An empty order cannot be completed.");
      return FALSE;
    }
  if (approved != data->pricing->total || tendered - change != data->pricing->total + data->record->rounding)
    {
      g_autoptr(GString) message = g_string_new ("The order is not fully paid: the total is ");

      format_money (message, data->pricing->total, currency);
      g_string_append (message, ", the payments come to ");
      format_money (message, approved, currency);
      g_string_append (message, ". Take the rest before completing.");
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, message->str);
      return FALSE;
    }

  if (!till_orders_next_receipt (store, data->record->register_id, &receipt, error))
    return FALSE;
  data->record->receipt_number = receipt;
  g_free (data->record->status);
  data->record->status = g_strdup ("paid");
  g_free (data->record->paid_at);
  data->record->paid_at = g_strdup (paid_at);
  data->record->parked = FALSE;
  data->record->change = change;

  taxes = tax_rows (data->pricing);
  if (!till_orders_save (store, data->record, data->lines, taxes, error))
    return FALSE;

  if (data->record->customer_id > 0)
    {
      gint64 balance_after = balance;

      if (data->record->reward_id > 0)
        {
          TillLedgerEntry redeem = {
            .customer_id = data->record->customer_id,
            .kind = "redeem",
            .points = -data->record->reward_cost,
            .at = paid_at,
            .lot_date = paid_at,
            .order_id = data->record->id,
            .staff_id = data->record->staff_id,
          };
          if (!till_loyalty_append (store, &redeem, error))
            return FALSE;
          balance_after -= data->record->reward_cost;
        }
      if (data->record->points > 0)
        {
          TillLedgerEntry earn = {
            .customer_id = data->record->customer_id,
            .kind = "earn",
            .points = data->record->points,
            .at = paid_at,
            .lot_date = paid_at,
            .order_id = data->record->id,
            .staff_id = data->record->staff_id,
          };
          if (!till_loyalty_append (store, &earn, error))
            return FALSE;
          balance_after += data->record->points;
        }
      if (!update_tier_and_snapshot (data, paid_at, now, balance_after, error) ||
          !till_orders_save (store, data->record, NULL, NULL, error))
        return FALSE;
    }

  return till_context_audit (data->context, "order.complete", "order", data->record->id, "", error);
}

/* Completes @order, writing @new_payment (a settling cash payment) in the
 * same transaction when given: one commit for the whole sale. */
static gboolean
complete_with (TillContext        *context,
               TillOrder          *order,
               TillPaymentRecord  *new_payment,
               GError            **error)
{
  CompleteData data = { context, order, new_payment, NULL, NULL, NULL, NULL, FALSE, FALSE };
  gint64 customer_id = 0, tier_before = 0, earned = 0, redeemed = 0;
  gboolean ok;

  if (order->transient)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "A quote cannot be completed.");
      return FALSE;
    }

  ok = till_store_transaction (till_context_get_store (context), complete_in_transaction, &data, error);
  if (!ok && data.reward_refused)
    drop_reward (context, order);
  if (ok && !data.already)
    {
      customer_id = data.record->customer_id;
      tier_before = data.record->tier_id;
      earned = data.record->points;
      redeemed = data.record->reward_cost;
      till_order_record_free (order->record);
      order->record = g_steal_pointer (&data.record);
      g_ptr_array_unref (order->lines);
      order->lines = g_steal_pointer (&data.lines);
      g_ptr_array_unref (order->payments);
      order->payments = g_steal_pointer (&data.payments);
      g_clear_pointer (&order->pricing, till_pricing_result_free);
      order->pricing = g_steal_pointer (&data.pricing);
      g_signal_emit (order, signals[CHANGED], 0);
    }
  else if (ok && data.already)
    {
      /* Another call completed it: show what is stored. */
      g_autoptr(TillOrder) stored = till_checkout_load (context, order->record->id, NULL);

      if (stored != NULL)
        {
          till_order_record_free (order->record);
          order->record = g_steal_pointer (&stored->record);
          stored->record = record_copy (order->record);
        }
    }
  g_clear_pointer (&data.record, till_order_record_free);
  g_clear_pointer (&data.lines, g_ptr_array_unref);
  g_clear_pointer (&data.payments, g_ptr_array_unref);
  g_clear_pointer (&data.pricing, till_pricing_result_free);

  /* Loyalty notifications after the commit: a failure changes nothing. */
  if (customer_id > 0)
    {
      gint64 balance_now = 0, tier_now = 0;

      till_loyalty_service_notify_points (context, customer_id, earned, redeemed);
      if (till_loyalty_get_balance (till_context_get_store (context), customer_id, &balance_now, &tier_now, NULL) &&
          tier_now != tier_before)
        till_loyalty_service_notify_tier (context, customer_id, tier_before, tier_now);
    }

  /* The receipt goes into the archive after the commit: a failed write is a
   * warning (and a notification), never an undone sale. */
  if (ok)
    {
      g_autoptr(GError) archive_error = NULL;

      g_clear_pointer (&order->receipt_warning, g_free);
      if (!till_receipt_service_archive_order (context, order->record->id, &archive_error))
        order->receipt_warning = g_strdup (archive_error->message);
    }
  return ok;
}

gboolean
till_checkout_complete (TillContext  *context,
                        TillOrder    *order,
                        GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  return complete_with (context, order, NULL, error);
}

/* Voids ------------------------------------------------------------------ */

typedef struct
{
  TillContext     *context;
  TillOrderRecord *record;
} VoidData;

static gboolean
void_in_transaction (TillStore  *store,
                     gpointer    user_data,
                     GError    **error)
{
  VoidData *data = user_data;

  return till_orders_save (store, data->record, NULL, NULL, error) &&
         till_context_audit (data->context, "order.void", "order", data->record->id, "", error);
}

gboolean
till_checkout_void (TillContext         *context,
                    TillOrder           *order,
                    const TillApproval  *approval,
                    GError             **error)
{
  g_autoptr(TillOrderRecord) record = NULL;
  g_autoptr(GDateTime) now = NULL;
  VoidData data;
  gint64 manager_id = 0;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (TILL_IS_ORDER (order), FALSE);

  if (g_strcmp0 (order->record->status, "open") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Only an open order can be voided; a paid one is refunded.");
      return FALSE;
    }
  if (approved_amount (order) > 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "This order has an approved payment: finish the sale and refund it instead.");
      return FALSE;
    }
  if (!till_checkout_check_approval (context, approval, &manager_id, error))
    return FALSE;

  record = record_copy (order->record);
  now = till_context_now (context);
  g_free (record->status);
  record->status = g_strdup ("voided");
  record->voided_at = till_store_format_time (now);
  record->parked = FALSE;
  if (record->id != 0)
    {
      data.context = context;
      data.record = record;
      if (!till_store_transaction (till_context_get_store (context), void_in_transaction, &data, error))
        return FALSE;
    }
  till_order_record_free (order->record);
  order->record = g_steal_pointer (&record);
  g_signal_emit (order, signals[CHANGED], 0);
  return TRUE;
}

/* Refunds ---------------------------------------------------------------- */

void
till_refund_outcome_free (TillRefundOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->lines, g_array_unref);
  g_free (outcome->receipt_warning);
  g_free (outcome);
}

typedef struct
{
  TillContext              *context;
  gint64                    order_id;
  gint64                    register_id;
  const TillRefundRequest  *requests;
  gsize                     n_requests;
  const char               *tender;
  gint64                    approved_by;
  TillRefundOutcome        *outcome;
} RefundData;

/* Σ already refunded per tender kind, assigned to the order's tenders last
 * first, as refunds take them. */
static void
assign_refunded (TillPaidTender *tenders,
                 gsize           n,
                 TillTenderKind  kind,
                 gint64          refunded)
{
  for (gsize i = n; i-- > 0 && refunded > 0;)
    {
      gint64 take;

      if (tenders[i].kind != kind)
        continue;
      take = MIN (refunded, tenders[i].paid);
      tenders[i].refunded = take;
      refunded -= take;
    }
}

static gboolean
refund_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  RefundData *data = user_data;
  g_autoptr(TillOrderRecord) order = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GArray) refund_lines = g_array_new (FALSE, TRUE, sizeof (TillRefundLineRecord));
  g_autofree TillPaidTender *tenders = NULL;
  g_autofree gint64 *shares = NULL;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *at = till_store_format_time (now);
  TillRefundRecord refund = { 0 };
  TillRefundTenderRecord refund_tenders[2];
  gsize n_refund_tenders = 0, n_tenders = 0;
  TillRefundPayout payout = { 0 };
  const TillCurrency *currency;
  gint64 refunded_cash, refunded_card, increment, amount = 0, tax = 0, points = 0;
  gboolean all_refunded = TRUE;

  order = till_orders_get (store, data->order_id, error);
  if (order == NULL)
    return FALSE;
  if (g_strcmp0 (order->status, "paid") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Only a paid order can be refunded: this one is not paid.");
      return FALSE;
    }
  currency = till_currency_lookup (order->currency);
  lines = till_orders_get_lines (store, order->id, error);
  if (lines == NULL)
    return FALSE;
  if (data->n_requests == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Choose at least one line to refund.");
      return FALSE;
    }

  for (gsize i = 0; i < data->n_requests; i++)
    {
      const TillRefundRequest *request = &data->requests[i];
      TillOrderLineRecord *line;
      TillRefundableLine refundable;
      TillLineRefund line_refund;
      TillRefundLineRecord record = { 0 };

      if (request->position < 1 || request->position > lines->len)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "Line %u: the order has no such line.",
                       request->position);
          return FALSE;
        }
      for (gsize j = 0; j < i; j++)
        if (data->requests[j].position == request->position)
          {
            g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "Line %u is named twice.", request->position);
            return FALSE;
          }
      line = lines->pdata[request->position - 1];
      refundable.qty = line->qty;
      refundable.refunded_qty = line->refunded_qty;
      refundable.sold_by_weight = line->sold_by_weight;
      refundable.paid = line->paid;
      refundable.tax = line->tax;
      refundable.points = line->points;
      if (!till_refund_line (&refundable, request->position, request->qty, &line_refund, error))
        return FALSE;

      record.line_id = line->id;
      record.qty = line_refund.qty;
      record.amount = line_refund.paid;
      record.tax = line_refund.tax;
      record.points = line_refund.points;
      g_array_append_val (refund_lines, record);
      amount += line_refund.paid;
      tax += line_refund.tax;
      points += line_refund.points;
      line->refunded_qty += line_refund.qty;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *line = lines->pdata[i];
      if (line->refunded_qty < line->qty)
        all_refunded = FALSE;
    }

  /* Where the money goes back: the order's tenders last first, or the
   * tender the cashier chose. */
  payments = till_orders_get_payments (store, order->id, error);
  if (payments == NULL || !till_orders_refunded_by_kind (store, order->id, &refunded_cash, &refunded_card, error))
    return FALSE;
  increment = setting_int (data->context, "cash_rounding", 0);
  if (data->tender == NULL)
    {
      tenders = g_new0 (TillPaidTender, MAX (payments->len, 1));
      for (guint i = 0; i < payments->len; i++)
        {
          TillPaymentRecord *p = payments->pdata[i];

          if (g_strcmp0 (p->status, "approved") != 0)
            continue;
          tenders[n_tenders].kind = g_str_equal (p->kind, "cash") ? TILL_TENDER_CASH
                                    : g_str_equal (p->kind, "card") ? TILL_TENDER_CARD : TILL_TENDER_DEPOSIT;
          tenders[n_tenders].paid = p->amount;
          n_tenders++;
        }
      assign_refunded (tenders, n_tenders, TILL_TENDER_CASH, refunded_cash);
      assign_refunded (tenders, n_tenders, TILL_TENDER_CARD, refunded_card);
    }
  else
    {
      gboolean cash = g_str_equal (data->tender, "cash");

      if (!cash && !g_str_equal (data->tender, "card"))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "Refund tender: “%s” is neither cash nor card.",
                       data->tender);
          return FALSE;
        }
      tenders = g_new0 (TillPaidTender, 1);
      tenders[0].kind = cash ? TILL_TENDER_CASH : TILL_TENDER_CARD;
      tenders[0].paid = amount;
      n_tenders = 1;
    }
  shares = g_new0 (gint64, MAX (n_tenders, 1));
  if (!till_refund_split_tenders (amount, tenders, n_tenders, increment, currency, shares, &payout, error))
    return FALSE;

  if (payout.cash > 0 || payout.cash_payout > 0)
    {
      refund_tenders[n_refund_tenders].kind = (char *)"cash";
      refund_tenders[n_refund_tenders].amount = payout.cash_payout;
      refund_tenders[n_refund_tenders].rounding = payout.cash_rounding;
      n_refund_tenders++;
    }
  if (payout.other > 0)
    {
      refund_tenders[n_refund_tenders].kind = (char *)"card";
      refund_tenders[n_refund_tenders].amount = payout.other;
      refund_tenders[n_refund_tenders].rounding = 0;
      n_refund_tenders++;
    }

  refund.order_id = order->id;
  refund.register_id = data->register_id;
  refund.staff_id = till_context_get_staff_id (data->context);
  refund.approved_by = data->approved_by;
  refund.at = at;
  refund.amount = amount;
  refund.tax = tax;
  refund.points = points;
  refund.payout = payout.cash_payout + payout.other;
  refund.rounding = payout.cash_rounding;
  if (all_refunded && order->reward_cost > 0)
    refund.reward_restored = order->reward_cost;
  if (!till_orders_next_receipt (store, data->register_id, &refund.receipt_number, error) ||
      !till_orders_add_refund (store, &refund, (TillRefundLineRecord *)(void *)refund_lines->data,
                               refund_lines->len, refund_tenders, n_refund_tenders, error))
    return FALSE;

  if (order->customer_id > 0 && points > 0)
    {
      TillLedgerEntry reverse = {
        .customer_id = order->customer_id, .kind = "reverse", .points = -points, .at = at,
        .lot_date = at, .order_id = order->id, .refund_id = refund.id,
        .staff_id = refund.staff_id,
      };
      if (!till_loyalty_append (store, &reverse, error))
        return FALSE;
    }
  if (order->customer_id > 0 && refund.reward_restored > 0)
    {
      TillLedgerEntry restore = {
        .customer_id = order->customer_id, .kind = "restore", .points = refund.reward_restored,
        .at = at, .lot_date = at, .order_id = order->id, .refund_id = refund.id,
        .staff_id = refund.staff_id,
      };
      if (!till_loyalty_append (store, &restore, error))
        return FALSE;
    }
  if (!till_context_audit (data->context, "order.refund", "order", order->id, "", error))
    return FALSE;

  data->outcome = g_new0 (TillRefundOutcome, 1);
  data->outcome->refund_id = refund.id;
  data->outcome->receipt_number = refund.receipt_number;
  data->outcome->amount = amount;
  data->outcome->tax = tax;
  data->outcome->points = points;
  data->outcome->restored = refund.reward_restored;
  data->outcome->cash = payout.cash;
  data->outcome->cash_payout = payout.cash_payout;
  data->outcome->cash_rounding = payout.cash_rounding;
  data->outcome->card = payout.other;
  data->outcome->lines = g_array_ref (refund_lines);
  /* line_id carries the position for the caller */
  for (guint i = 0; i < refund_lines->len; i++)
    g_array_index (refund_lines, TillRefundLineRecord, i).line_id = data->requests[i].position;
  return TRUE;
}

TillRefundOutcome *
till_checkout_refund (TillContext              *context,
                      gint64                    order_id,
                      gint64                    register_id,
                      const TillRefundRequest  *requests,
                      gsize                     n_requests,
                      const char               *tender,
                      const TillApproval       *approval,
                      GError                  **error)
{
  RefundData data = { context, order_id, register_id, requests, n_requests, tender, 0, NULL };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (register_id > 0, NULL);

  if (!till_checkout_check_approval (context, approval, &data.approved_by, error))
    return NULL;
  if (!till_store_transaction (till_context_get_store (context), refund_in_transaction, &data, error))
    {
      g_clear_pointer (&data.outcome, till_refund_outcome_free);
      return NULL;
    }
  /* As for sales: archived after the commit, a failure only warns. */
  {
    g_autoptr(GError) archive_error = NULL;

    if (!till_receipt_service_archive_refund (context, data.outcome->refund_id, &archive_error))
      data.outcome->receipt_warning = g_strdup (archive_error->message);
  }
  return data.outcome;
}
