/* till-pricing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-pricing.h"
#include "till-arith.h"
#include "till-error.h"

#include <stdarg.h>
#include <stdlib.h>

/* Messages */

static char *
format_amount (const TillPricingInput *input,
               gint64                  amount)
{
  if (input->currency != NULL)
    return till_money_format (amount, input->currency, TILL_NOTATION_PERSON);
  return till_decimal_format (amount, 0, TILL_NOTATION_PERSON);
}

static char *
format_percent (gint64 bp)
{
  g_autofree char *number = till_percent_format (bp, TILL_NOTATION_PERSON);

  return g_strconcat (number, " %", NULL);
}

static char *
format_quantity (gint64 thousandths)
{
  return till_quantity_format (thousandths, TILL_NOTATION_PERSON);
}

static char *
line_place (gsize       index,
            const char *field)
{
  return g_strdup_printf ("Line %" G_GSIZE_FORMAT ", %s", index + 1, field);
}

/* "@place: <message>", so that every refusal says where it is. */
static void refuse (GError        **error,
                    TillErrorCode   code,
                    const char     *place,
                    const char     *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
refuse (GError        **error,
        TillErrorCode   code,
        const char     *place,
        const char     *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TILL_ERROR, code, "%s: %s", place, message);
}

/* A percent of RULES.md: 0 to 100 % inclusive. */
static gboolean
check_percent (gint64       bp,
               const char  *place,
               GError     **error)
{
  g_autofree char *shown = NULL;

  if (bp >= 0 && bp <= TILL_BP_HUNDRED)
    return TRUE;

  shown = format_percent (bp);
  if (bp < 0)
    refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "%s is below 0 %%", shown);
  else
    refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "%s is more than 100 %%", shown);
  return FALSE;
}

static gboolean
check_setting (gint64       value,
               gint64       min,
               gint64       max,
               const char  *place,
               GError     **error)
{
  if (value >= min && value <= max)
    return TRUE;

  refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
          "%" G_GINT64_FORMAT " is outside %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
          value, min, max);
  return FALSE;
}

static gboolean
check_settings (const TillPricingInput  *input,
                GError                 **error)
{
  if (!check_setting (input->earn_points, 0, TILL_MAX_EARN_POINTS,
                      "Settings, loyalty.earn_points", error))
    return FALSE;
  if (!check_setting (input->earn_amount, 1, TILL_MAX_EARN_AMOUNT,
                      "Settings, loyalty.earn_amount", error))
    return FALSE;
  if (!check_percent (input->tier_bp, "Customer, tier discount", error))
    return FALSE;

  if (input->mult_bp < 0 || input->mult_bp > TILL_MAX_MULT_BP)
    {
      g_autofree char *shown = till_decimal_format_short (input->mult_bp, 4, TILL_NOTATION_PERSON);
      g_autofree char *most = till_decimal_format_short (TILL_MAX_MULT_BP, 4, TILL_NOTATION_PERSON);

      refuse (error, TILL_ERROR_OUT_OF_RANGE, "Customer, points multiplier",
              "×%s is outside ×0 to ×%s", shown, most);
      return FALSE;
    }

  if (input->n_lines > TILL_MAX_ORDER_LINES)
    {
      refuse (error, TILL_ERROR_OUT_OF_RANGE, "Order",
              "%" G_GSIZE_FORMAT " lines is more than the most an order can hold, %d",
              input->n_lines, TILL_MAX_ORDER_LINES);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_order_amount (const TillPricingInput  *input,
                    gint64                   amount,
                    const char              *place,
                    GError                 **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *most = NULL;

  if (amount <= TILL_MAX_ORDER_AMOUNT)
    return TRUE;

  shown = format_amount (input, amount);
  most = format_amount (input, TILL_MAX_ORDER_AMOUNT);
  refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
          "%s is more than the most an order can hold, %s", shown, most);
  return FALSE;
}

/* Steps 1 and 2 */

static gboolean
price_quantity (const TillPricingInput  *input,
                gsize                    index,
                TillPricedLine          *priced,
                GError                 **error)
{
  const TillPricingLine *line = &input->lines[index];
  g_autofree char *place = NULL;

  if (line->has_label_price)
    {
      gint64 qty;

      place = line_place (index, "label price");

      if (!line->sold_by_weight)
        {
          refuse (error, TILL_ERROR_INVALID, place,
                  "only a product sold by weight can carry a price label");
          return FALSE;
        }
      if (line->label_price <= 0)
        {
          refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "must be more than 0");
          return FALSE;
        }
      if (!check_order_amount (input, line->label_price, place, error))
        return FALSE;
      if (line->unit_price == 0)
        {
          refuse (error, TILL_ERROR_INVALID, place,
                  "the product has no price per kg, so the weight cannot be worked out");
          return FALSE;
        }

      /* v ≤ 10^12 and 1000 fit 128 bits; the quotient may not fit 64, which
       * is too heavy anyway. */
      if (!till_round_mul_div (line->label_price, 1000, line->unit_price, &qty)
          || qty > TILL_MAX_LINE_QTY)
        {
          g_autofree char *most = format_quantity (TILL_MAX_LINE_QTY);

          refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
                  "the weight it stands for is more than the most a line can hold, %s kg", most);
          return FALSE;
        }
      if (qty < 1)
        {
          g_autofree char *shown = format_amount (input, line->label_price);
          g_autofree char *per_kg = format_amount (input, line->unit_price);

          refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
                  "%s at %s a kg is less than a gram", shown, per_kg);
          return FALSE;
        }

      priced->qty = qty;
      priced->base = line->label_price;
      return TRUE;
    }

  place = line_place (index, "quantity");

  if (line->qty <= 0)
    {
      refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "must be more than 0");
      return FALSE;
    }
  if (line->qty > TILL_MAX_LINE_QTY)
    {
      g_autofree char *shown = format_quantity (line->qty);
      g_autofree char *most = format_quantity (TILL_MAX_LINE_QTY);

      refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
              "%s is more than the most a line can hold, %s", shown, most);
      return FALSE;
    }
  if (!line->sold_by_weight && line->qty % 1000 != 0)
    {
      g_autofree char *shown = format_quantity (line->qty);

      refuse (error, TILL_ERROR_INVALID, place,
              "%s is not a whole number, and this product is sold by unit", shown);
      return FALSE;
    }

  priced->qty = line->qty;
  /* ≤ 10^9 × 10^8 / 1000: fits easily. */
  if (!till_round_mul_div (line->unit_price, line->qty, 1000, &priced->base))
    g_assert_not_reached ();
  return TRUE;
}

static gboolean
price_line (const TillPricingInput  *input,
            gsize                    index,
            TillPricedLine          *priced,
            GError                 **error)
{
  const TillPricingLine *line = &input->lines[index];
  g_autofree char *place = NULL;

  if (line->unit_price < 0 || line->unit_price > TILL_MAX_UNIT_PRICE)
    {
      g_autofree char *shown = format_amount (input, line->unit_price);
      g_autofree char *most = format_amount (input, TILL_MAX_UNIT_PRICE);

      place = line_place (index, "price");
      if (line->unit_price < 0)
        refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "%s is below 0", shown);
      else
        refuse (error, TILL_ERROR_OUT_OF_RANGE, place,
                "%s is more than the most a price can be, %s", shown, most);
      return FALSE;
    }

  if (!price_quantity (input, index, priced, error))
    return FALSE;

  if (line->tax_bp < 0 || line->tax_bp > TILL_MAX_TAX_BP)
    {
      place = line_place (index, "tax rate");
      check_percent (line->tax_bp, place, error);
      return FALSE;
    }
  priced->tax_bp = line->tax_bp;

  switch (line->discount.kind)
    {
    case TILL_DISCOUNT_NONE:
      priced->line_discount = 0;
      break;

    case TILL_DISCOUNT_PERCENT:
    case TILL_DISCOUNT_AMOUNT:
      place = line_place (index, "discount");
      if (!line->discountable)
        {
          refuse (error, TILL_ERROR_REFUSED, place, "this product cannot be discounted");
          return FALSE;
        }

      if (line->discount.kind == TILL_DISCOUNT_PERCENT)
        {
          if (!check_percent (line->discount.value, place, error))
            return FALSE;
          if (!till_round_mul_div (priced->base, line->discount.value, TILL_BP_HUNDRED,
                                   &priced->line_discount))
            g_assert_not_reached ();
        }
      else if (line->discount.value < 0)
        {
          g_autofree char *shown = format_amount (input, line->discount.value);

          refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "%s is below 0", shown);
          return FALSE;
        }
      else if (line->discount.value > priced->base)
        {
          g_autofree char *shown = format_amount (input, line->discount.value);
          g_autofree char *base = format_amount (input, priced->base);

          refuse (error, TILL_ERROR_REFUSED, place, "%s is more than the line's %s", shown, base);
          return FALSE;
        }
      else
        {
          priced->line_discount = line->discount.value;
        }
      break;

    default:
      place = line_place (index, "discount");
      refuse (error, TILL_ERROR_INVALID, place, "unknown kind of discount");
      return FALSE;
    }

  priced->l1 = priced->base - priced->line_discount;
  return TRUE;
}

/* Step 3 */

static void
apply_tier (const TillPricingInput *input,
            TillPricingResult      *result)
{
  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricingLine *line = &input->lines[i];
      TillPricedLine *priced = &result->lines[i];

      priced->eligible = input->has_customer && line->earns_points;
      priced->tier_discount = 0;

      if (priced->eligible && line->discountable
          && !till_round_mul_div (priced->l1, input->tier_bp, TILL_BP_HUNDRED,
                                  &priced->tier_discount))
        g_assert_not_reached ();

      priced->l2 = priced->l1 - priced->tier_discount;
    }
}

/* Allocation over the discountable lines */

/* Which running amount of a line an allocation weighs by. */
typedef enum
{
  AFTER_TIER,      /* l2: the reward's weights */
  AFTER_REWARD,    /* l3: the order discount's weights */
} Stage;

/* Collects the discountable lines' indices into @members and their amount
 * at @stage into @weights; returns how many, and their sum in *out_sum. */
static gsize
collect_discountable (const TillPricingInput  *input,
                      const TillPricingResult *result,
                      Stage                    stage,
                      gsize                   *members,
                      gint64                  *weights,
                      gint64                  *out_sum)
{
  gsize n = 0;
  gint64 sum = 0;

  for (gsize i = 0; i < result->n_lines; i++)
    {
      const TillPricedLine *priced = &result->lines[i];

      if (!input->lines[i].discountable)
        continue;

      members[n] = i;
      weights[n] = stage == AFTER_TIER ? priced->l2 : priced->l3;
      sum += weights[n];
      n++;
    }

  *out_sum = sum;
  return n;
}

/* Step 4 */

static gboolean
apply_reward (const TillPricingInput  *input,
              TillPricingResult       *result,
              gsize                   *members,
              gint64                  *weights,
              gint64                  *shares,
              GError                 **error)
{
  const TillPricingReward *reward = &input->reward;
  gint64 amount = 0;
  gint64 sum;
  gsize n;

  for (gsize i = 0; i < result->n_lines; i++)
    {
      result->lines[i].reward = 0;
      result->lines[i].l3 = result->lines[i].l2;
    }

  switch (reward->kind)
    {
    case TILL_REWARD_NONE:
      return TRUE;

    case TILL_REWARD_AMOUNT_OFF:
    case TILL_REWARD_PERCENT_OFF:
    case TILL_REWARD_FREE_PRODUCT:
      break;

    default:
      refuse (error, TILL_ERROR_INVALID, "Reward", "unknown kind of reward");
      return FALSE;
    }

  if (!input->has_customer)
    {
      refuse (error, TILL_ERROR_REFUSED, "Reward", "a reward needs a customer on the order");
      return FALSE;
    }
  if (!check_setting (reward->cost, 1, TILL_MAX_REWARD_COST, "Reward, cost", error))
    return FALSE;
  if (input->balance < reward->cost)
    {
      refuse (error, TILL_ERROR_REFUSED, "Reward",
              "the customer has %" G_GINT64_FORMAT " points and this reward costs %" G_GINT64_FORMAT,
              input->balance, reward->cost);
      return FALSE;
    }

  if (reward->kind == TILL_REWARD_FREE_PRODUCT)
    {
      for (gsize i = 0; i < result->n_lines; i++)
        {
          const TillPricingLine *line = &input->lines[i];
          TillPricedLine *priced = &result->lines[i];
          g_autofree char *place = NULL;

          if (line->product_id != reward->product_id)
            continue;

          place = line_place (i, "reward");
          if (line->sold_by_weight)
            {
              refuse (error, TILL_ERROR_REFUSED, place,
                      "this product is sold by weight; a free product must be one sold by unit");
              return FALSE;
            }
          if (!line->discountable)
            {
              refuse (error, TILL_ERROR_REFUSED, place,
                      "this product cannot be discounted, so it cannot be given free");
              return FALSE;
            }

          /* One unit of the line: qty is whole and at least 1000 here, so
           * the reward never takes more than the line. */
          if (!till_round_mul_div (priced->l2, 1000, priced->qty, &priced->reward))
            g_assert_not_reached ();
          priced->l3 = priced->l2 - priced->reward;
          result->reward = priced->reward;
          return TRUE;
        }

      refuse (error, TILL_ERROR_REFUSED, "Reward", "the free product is not on the order");
      return FALSE;
    }

  n = collect_discountable (input, result, AFTER_TIER,
                            members, weights, &sum);

  if (reward->kind == TILL_REWARD_PERCENT_OFF)
    {
      if (!check_percent (reward->value, "Reward, percent", error))
        return FALSE;
      if (!till_round_mul_div (sum, reward->value, TILL_BP_HUNDRED, &amount))
        g_assert_not_reached ();
    }
  else
    {
      if (reward->value < 0)
        {
          g_autofree char *shown = format_amount (input, reward->value);

          refuse (error, TILL_ERROR_OUT_OF_RANGE, "Reward, amount", "%s is below 0", shown);
          return FALSE;
        }
      if (reward->value > sum)
        {
          g_autofree char *shown = format_amount (input, reward->value);
          g_autofree char *most = format_amount (input, sum);

          refuse (error, TILL_ERROR_REFUSED, "Reward, amount",
                  "%s is more than the discountable part of the order, %s", shown, most);
          return FALSE;
        }
      amount = reward->value;
    }

  if (!till_allocate (amount, weights, n, shares, error))
    return FALSE;

  for (gsize k = 0; k < n; k++)
    {
      TillPricedLine *priced = &result->lines[members[k]];

      priced->reward = shares[k];
      priced->l3 = priced->l2 - shares[k];
    }
  result->reward = amount;
  return TRUE;
}

/* Step 5 */

static gboolean
apply_order_discount (const TillPricingInput  *input,
                      TillPricingResult       *result,
                      gsize                   *members,
                      gint64                  *weights,
                      gint64                  *shares,
                      GError                 **error)
{
  const TillDiscount *discount = &input->order_discount;
  const char *place = "Order discount";
  gint64 amount = 0;
  gint64 sum;
  gsize n;

  for (gsize i = 0; i < result->n_lines; i++)
    {
      result->lines[i].order_discount = 0;
      result->lines[i].l4 = result->lines[i].l3;
    }

  switch (discount->kind)
    {
    case TILL_DISCOUNT_NONE:
      return TRUE;

    case TILL_DISCOUNT_PERCENT:
    case TILL_DISCOUNT_AMOUNT:
      break;

    default:
      refuse (error, TILL_ERROR_INVALID, place, "unknown kind of discount");
      return FALSE;
    }

  n = collect_discountable (input, result, AFTER_REWARD,
                            members, weights, &sum);

  if (discount->kind == TILL_DISCOUNT_PERCENT)
    {
      if (!check_percent (discount->value, place, error))
        return FALSE;
      if (!till_round_mul_div (sum, discount->value, TILL_BP_HUNDRED, &amount))
        g_assert_not_reached ();
    }
  else
    {
      if (discount->value < 0)
        {
          g_autofree char *shown = format_amount (input, discount->value);

          refuse (error, TILL_ERROR_OUT_OF_RANGE, place, "%s is below 0", shown);
          return FALSE;
        }
      if (discount->value > sum)
        {
          g_autofree char *shown = format_amount (input, discount->value);
          g_autofree char *most = format_amount (input, sum);

          refuse (error, TILL_ERROR_REFUSED, place,
                  "%s is more than the discountable part of the order, %s", shown, most);
          return FALSE;
        }
      amount = discount->value;
    }

  if (!till_allocate (amount, weights, n, shares, error))
    return FALSE;

  for (gsize k = 0; k < n; k++)
    {
      TillPricedLine *priced = &result->lines[members[k]];

      priced->order_discount = shares[k];
      priced->l4 = priced->l3 - shares[k];
    }
  result->order_discount = amount;
  return TRUE;
}

/* Steps 6 and 7 */

static int
compare_rates (const void *pa,
               const void *pb)
{
  gint64 a = *(const gint64 *) pa;
  gint64 b = *(const gint64 *) pb;

  return (a > b) - (a < b);
}

static gboolean
apply_tax (const TillPricingInput  *input,
           TillPricingResult       *result,
           gsize                   *members,
           gint64                  *weights,
           gint64                  *shares,
           GError                 **error)
{
  g_autofree gint64 *rates = g_new (gint64, MAX (result->n_lines, 1));
  gsize n_rates = 0;

  for (gsize i = 0; i < result->n_lines; i++)
    rates[i] = result->lines[i].tax_bp;
  qsort (rates, result->n_lines, sizeof rates[0], compare_rates);
  for (gsize i = 0; i < result->n_lines; i++)
    if (n_rates == 0 || rates[n_rates - 1] != rates[i])
      rates[n_rates++] = rates[i];

  result->n_taxes = n_rates;
  result->taxes = g_new0 (TillTaxRow, MAX (n_rates, 1));

  for (gsize r = 0; r < n_rates; r++)
    {
      TillTaxRow *row = &result->taxes[r];
      gint64 bp = rates[r];
      gint64 gross_l4 = 0;
      gint64 tax;
      gsize n = 0;

      for (gsize i = 0; i < result->n_lines; i++)
        {
          if (result->lines[i].tax_bp != bp)
            continue;
          members[n] = i;
          weights[n] = result->lines[i].l4;
          gross_l4 += result->lines[i].l4;
          n++;
        }

      if (!till_round_mul_div (gross_l4, bp,
                               input->prices_include_tax ? TILL_BP_HUNDRED + bp : TILL_BP_HUNDRED,
                               &tax))
        g_assert_not_reached ();

      if (!till_allocate (tax, weights, n, shares, error))
        return FALSE;

      row->rate_bp = bp;
      row->tax = tax;
      for (gsize k = 0; k < n; k++)
        {
          TillPricedLine *priced = &result->lines[members[k]];

          priced->tax = shares[k];
          priced->paid = input->prices_include_tax ? priced->l4 : priced->l4 + shares[k];
          row->gross += priced->paid;
        }
      row->net = row->gross - row->tax;
      result->tax += tax;
    }

  return TRUE;
}

/* Points */

static gboolean
apply_points (const TillPricingInput  *input,
              TillPricingResult       *result,
              gsize                   *members,
              gint64                  *weights,
              gint64                  *shares,
              GError                 **error)
{
  gint64 points = 0;
  gsize n = 0;

  result->earn_base = 0;
  for (gsize i = 0; i < result->n_lines; i++)
    {
      result->lines[i].points = 0;
      if (!result->lines[i].eligible)
        continue;
      members[n] = i;
      weights[n] = result->lines[i].paid;
      result->earn_base += result->lines[i].paid;
      n++;
    }

  /* One floor for the whole order: E ≤ 2 × 10^12 times at most 10^8 needs
   * 128 bits, and the result fits 64. */
  if (!till_floor_mul3_div (result->earn_base, input->earn_points, input->mult_bp,
                            input->earn_amount * TILL_BP_HUNDRED, &points))
    g_assert_not_reached ();

  if (!till_allocate (points, weights, n, shares, error))
    return FALSE;

  for (gsize k = 0; k < n; k++)
    result->lines[members[k]].points = shares[k];
  result->points = points;
  return TRUE;
}

/* Public */

void
till_pricing_input_init (TillPricingInput *input)
{
  g_return_if_fail (input != NULL);

  *input = (TillPricingInput) {
    .prices_include_tax = TRUE,
    .earn_points = 1,
    .earn_amount = 100,
    .has_customer = FALSE,
    .tier_bp = 0,
    .mult_bp = TILL_BP_HUNDRED,
    .balance = 0,
    .reward = { .kind = TILL_REWARD_NONE },
    .order_discount = { .kind = TILL_DISCOUNT_NONE },
    .lines = NULL,
    .n_lines = 0,
    .currency = NULL,
  };
}

gboolean
till_price_order (const TillPricingInput  *input,
                  TillPricingResult      **out_result,
                  GError                 **error)
{
  g_autoptr(TillPricingResult) result = NULL;
  g_autofree gsize *members = NULL;
  g_autofree gint64 *weights = NULL;
  g_autofree gint64 *shares = NULL;
  gsize n_lines;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (input->lines != NULL || input->n_lines == 0, FALSE);
  g_return_val_if_fail (out_result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_settings (input, error))
    return FALSE;

  n_lines = input->n_lines;
  result = g_new0 (TillPricingResult, 1);
  result->n_lines = n_lines;
  result->lines = g_new0 (TillPricedLine, MAX (n_lines, 1));
  members = g_new (gsize, MAX (n_lines, 1));
  weights = g_new (gint64, MAX (n_lines, 1));
  shares = g_new (gint64, MAX (n_lines, 1));

  /* Steps 1 and 2.  Each base is at most about 10^14, so the sum of 1000 of
   * them cannot overflow before it is checked. */
  for (gsize i = 0; i < n_lines; i++)
    {
      if (!price_line (input, i, &result->lines[i], error))
        return FALSE;
      result->subtotal += result->lines[i].base;
      result->line_discounts += result->lines[i].line_discount;
    }
  if (!check_order_amount (input, result->subtotal, "Order, subtotal", error))
    return FALSE;

  /* Step 3 */
  apply_tier (input, result);
  for (gsize i = 0; i < n_lines; i++)
    result->tier_discounts += result->lines[i].tier_discount;

  /* Steps 4 to 7 */
  if (!apply_reward (input, result, members, weights, shares, error)
      || !apply_order_discount (input, result, members, weights, shares, error)
      || !apply_tax (input, result, members, weights, shares, error))
    return FALSE;

  for (gsize i = 0; i < n_lines; i++)
    result->total += result->lines[i].paid;
  if (!check_order_amount (input, result->total, "Order, total", error))
    return FALSE;

  result->savings = result->line_discounts + result->tier_discounts
                    + result->reward + result->order_discount;

  /* Points: no customer, no points */
  if (!apply_points (input, result, members, weights, shares, error))
    return FALSE;

  *out_result = g_steal_pointer (&result);
  return TRUE;
}

void
till_pricing_result_free (TillPricingResult *result)
{
  if (result == NULL)
    return;

  g_free (result->lines);
  g_free (result->taxes);
  g_free (result);
}
