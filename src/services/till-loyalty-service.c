/* till-loyalty-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "till-access.h"
#include "till-catalog.h"
#include "till-contact.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-orders.h"
#include "till-loyalty-service.h"
#include "till-money.h"
#include "till-pricing.h"

GPtrArray *
till_loyalty_service_list_tiers (TillContext  *context,
                                 GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  return till_loyalty_list_tiers (till_context_get_store (context), error);
}

static gboolean
require_manager (TillContext  *context,
                 GError      **error)
{
  return till_access_check (context, TILL_OPERATION_EDIT_LOYALTY, error);
}

static gboolean
prefixed (GError     **error,
          GError      *local_error,
          const char  *what)
{
  g_propagate_prefixed_error (error, local_error, "%s: ", what);
  return FALSE;
}

typedef struct
{
  TillContext    *context;
  TillTierRecord *tier;
} AddData;

static gboolean
add_in_transaction (TillStore  *store,
                    gpointer    user_data,
                    GError    **error)
{
  AddData *data = user_data;
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, error);

  if (tiers == NULL)
    return FALSE;
  for (guint i = 0; i < tiers->len; i++)
    {
      TillTierRecord *other = tiers->pdata[i];

      if (g_utf8_collate (other->name, data->tier->name) == 0)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "name: there is already a tier “%s”.", other->name);
          return FALSE;
        }
      if (other->threshold == data->tier->threshold)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "threshold: the tier “%s” already starts there; no two tiers share a threshold.",
                       other->name);
          return FALSE;
        }
    }
  return till_loyalty_insert_tier (store, data->tier, error) &&
         till_context_audit (data->context, "loyalty.tier-add", "tier", data->tier->id,
                             "name,threshold,tier_bp,mult_bp", error);
}

gboolean
till_loyalty_service_add_tier (TillContext  *context,
                               const char   *name,
                               const char   *threshold,
                               const char   *discount,
                               const char   *multiplier,
                               GError      **error)
{
  g_autoptr(TillTierRecord) tier = g_new0 (TillTierRecord, 1);
  g_autofree char *tidy = NULL;
  const TillCurrency *currency;
  g_autofree char *code = NULL;
  GError *local_error = NULL;
  AddData data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!require_manager (context, error))
    return FALSE;

  tidy = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (!till_text_validate (tidy, "name", TILL_TIER_NAME_MAX, FALSE, TRUE, &local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  tier->name = g_steal_pointer (&tidy);

  code = till_context_dup_setting (context, "currency", "EUR");
  currency = till_currency_lookup (code);
  if (currency == NULL)
    currency = till_currency_lookup ("EUR");
  if (!till_money_parse (threshold != NULL ? threshold : "", currency, TILL_NOTATION_FILE, FALSE,
                         &tier->threshold, &local_error))
    return prefixed (error, local_error, "threshold");
  if (!till_percent_parse (discount != NULL ? discount : "", TILL_NOTATION_FILE, &tier->tier_bp, &local_error))
    return prefixed (error, local_error, "discount");
  /* A multiplier "1.5" is 15000 bp: a decimal with four places. */
  if (!till_decimal_parse (multiplier != NULL ? multiplier : "", 4, TILL_NOTATION_FILE, FALSE,
                           TILL_MAX_MULT_BP, &tier->mult_bp, &local_error))
    return prefixed (error, local_error, "multiplier");

  data.context = context;
  data.tier = tier;
  return till_store_transaction (till_context_get_store (context), add_in_transaction, &data, error);
}

typedef struct
{
  TillContext *context;
  const char  *name;
} RemoveData;

static gboolean
remove_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  RemoveData *data = user_data;
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, error);
  gint64 id = 0;
  GError *local_error = NULL;

  if (tiers == NULL)
    return FALSE;
  for (guint i = 0; i < tiers->len; i++)
    if (g_str_equal (((TillTierRecord *)tiers->pdata[i])->name, data->name))
      id = ((TillTierRecord *)tiers->pdata[i])->id;
  if (id == 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "There is no tier named “%s”.", data->name);
      return FALSE;
    }
  if (!till_loyalty_delete_tier (store, data->name, &local_error))
    {
      if (g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_CONSTRAINT))
        {
          g_clear_error (&local_error);
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "The tier “%s” is held by customers or named on past orders; it stays. "
                       "Run the loyalty maintenance after changing thresholds instead.", data->name);
          return FALSE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return till_context_audit (data->context, "loyalty.tier-remove", "tier", id, "", error);
}

gboolean
till_loyalty_service_remove_tier (TillContext  *context,
                                  const char   *name,
                                  GError      **error)
{
  RemoveData data = { context, name };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!require_manager (context, error))
    return FALSE;
  return till_store_transaction (till_context_get_store (context), remove_in_transaction, &data, error);
}

/* Rewards ------------------------------------------------------------------ */

GTimeZone *
till_loyalty_service_time_zone (TillContext *context)
{
  g_autofree char *name = till_context_dup_setting (context, "time_zone", "");
  GTimeZone *zone = name[0] != '\0' ? g_time_zone_new_identifier (name) : NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}

GPtrArray *
till_loyalty_service_list_rewards (TillContext  *context,
                                   gboolean      with_retired,
                                   GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  return till_loyalty_list_rewards (till_context_get_store (context), with_retired, error);
}

static gboolean
parse_date (const char  *text,
            const char  *what,
            char       **out,
            GError     **error)
{
  unsigned y, m, d;
  char tail;

  *out = NULL;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y) || y < 1900)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "%s: “%s” is not a date written YYYY-MM-DD.", what, text);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

typedef struct
{
  TillContext      *context;
  TillRewardRecord *reward;
} RewardData;

static gboolean
add_reward_in_transaction (TillStore  *store,
                           gpointer    user_data,
                           GError    **error)
{
  RewardData *data = user_data;
  gint64 existing = till_loyalty_find_reward (store, data->reward->name, error);

  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "name: there is already a reward “%s”.",
                   data->reward->name);
      return FALSE;
    }
  return till_loyalty_insert_reward (store, data->reward, error) &&
         till_context_audit (data->context, "loyalty.reward-add", "reward", data->reward->id,
                             "name,cost,kind,value,product_id,valid_from,valid_until", error);
}

gboolean
till_loyalty_service_add_reward (TillContext  *context,
                                 const char   *name,
                                 const char   *cost,
                                 const char   *kind,
                                 const char   *value,
                                 const char   *from,
                                 const char   *until,
                                 GError      **error)
{
  g_autoptr(TillRewardRecord) reward = g_new0 (TillRewardRecord, 1);
  TillStore *store;
  GError *local_error = NULL;
  RewardData data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  store = till_context_get_store (context);

  if (!require_manager (context, error))
    return FALSE;

  reward->name = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (!till_text_validate (reward->name, "name", TILL_REWARD_NAME_MAX, FALSE, TRUE, error))
    return FALSE;
  if (!till_decimal_parse (cost != NULL ? cost : "", 0, TILL_NOTATION_FILE, FALSE, TILL_MAX_REWARD_COST,
                           &reward->cost, &local_error))
    return prefixed (error, local_error, "cost");
  if (reward->cost < 1)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE, "cost: a reward costs 1 point or more.");
      return FALSE;
    }

  if (g_strcmp0 (kind, "amount-off") == 0)
    {
      g_autofree char *code = till_context_dup_setting (context, "currency", "EUR");
      const TillCurrency *currency = till_currency_lookup (code);

      if (currency == NULL)
        currency = till_currency_lookup ("EUR");
      reward->kind = g_strdup ("amount_off");
      if (!till_money_parse (value != NULL ? value : "", currency, TILL_NOTATION_FILE, FALSE, &reward->value,
                             &local_error))
        return prefixed (error, local_error, "amount-off");
      if (reward->value <= 0)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE, "amount-off: the amount must be above 0.");
          return FALSE;
        }
    }
  else if (g_strcmp0 (kind, "percent-off") == 0)
    {
      reward->kind = g_strdup ("percent_off");
      if (!till_percent_parse (value != NULL ? value : "", TILL_NOTATION_FILE, &reward->value, &local_error))
        return prefixed (error, local_error, "percent-off");
      if (reward->value <= 0 || reward->value > 10000)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                               "percent-off: the percent must be above 0 and at most 100.");
          return FALSE;
        }
    }
  else if (g_strcmp0 (kind, "free-product") == 0)
    {
      g_autoptr(TillProductRecord) product = NULL;
      gint64 id;

      reward->kind = g_strdup ("free_product");
      id = till_catalog_find_product_by_sku (store, value != NULL ? value : "", error);
      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "free-product: there is no product with SKU “%s”.",
                       value != NULL ? value : "");
          return FALSE;
        }
      product = till_catalog_get_product (store, id, error);
      if (product == NULL)
        return FALSE;
      if (!product->discountable || product->sold_by_weight)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "free-product: “%s” must be discountable and sold by unit.", product->name);
          return FALSE;
        }
      reward->product_id = id;
    }
  else
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "kind: a reward is an amount off, a percent off or a free product.");
      return FALSE;
    }

  if (!parse_date (from, "from", &reward->valid_from, error) ||
      !parse_date (until, "until", &reward->valid_until, error))
    return FALSE;
  if (reward->valid_from != NULL && reward->valid_until != NULL &&
      strcmp (reward->valid_from, reward->valid_until) > 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "until: the reward would end before it starts.");
      return FALSE;
    }

  data.context = context;
  data.reward = reward;
  return till_store_transaction (store, add_reward_in_transaction, &data, error);
}

typedef struct
{
  TillContext *context;
  const char  *name;
} RetireData;

static gboolean
retire_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  RetireData *data = user_data;
  gint64 id = till_loyalty_find_reward (store, data->name, error);

  if (id < 0)
    return FALSE;
  if (id == 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "There is no reward named “%s”.", data->name);
      return FALSE;
    }
  return till_loyalty_retire_reward (store, id, error) &&
         till_context_audit (data->context, "loyalty.reward-retire", "reward", id, "retired", error);
}

gboolean
till_loyalty_service_retire_reward (TillContext  *context,
                                    const char   *name,
                                    GError      **error)
{
  RetireData data = { context, name };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!require_manager (context, error))
    return FALSE;
  return till_store_transaction (till_context_get_store (context), retire_in_transaction, &data, error);
}

gboolean
till_loyalty_service_reward_active (TillContext            *context,
                                    const TillRewardRecord *reward,
                                    GDateTime              *now,
                                    GError                **error)
{
  g_autoptr(GTimeZone) zone = till_loyalty_service_time_zone (context);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");

  if (reward->retired)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "The reward “%s” has been retired.", reward->name);
      return FALSE;
    }
  if (reward->valid_from != NULL && strcmp (today, reward->valid_from) < 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "The reward “%s” starts on %s.", reward->name,
                   reward->valid_from);
      return FALSE;
    }
  if (reward->valid_until != NULL && strcmp (today, reward->valid_until) > 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "The reward “%s” ended on %s.", reward->name,
                   reward->valid_until);
      return FALSE;
    }
  return TRUE;
}

gint64
till_loyalty_service_find_reward (TillContext  *context,
                                  const char   *name,
                                  GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillRewardRecord) reward = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 id = till_loyalty_find_reward (store, name, error);

  if (id < 0)
    return 0;
  if (id == 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "There is no reward named “%s”.", name);
      return 0;
    }
  reward = till_loyalty_get_reward (store, id, error);
  if (reward == NULL)
    return 0;
  now = till_context_now (context);
  if (!till_loyalty_service_reward_active (context, reward, now, error))
    return 0;
  return id;
}

/* Adjustments ---------------------------------------------------------- */

typedef struct
{
  TillContext *context;
  gint64       customer_id;
  gint64       points;
  const char  *reason;
} AdjustData;

static gboolean
adjust_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  AdjustData *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *at = till_store_format_time (now);
  gint64 balance;
  TillLedgerEntry entry = {
    .customer_id = data->customer_id, .kind = "adjust", .points = data->points, .at = at, .lot_date = at,
    .staff_id = till_context_get_staff_id (data->context), .reason = data->reason,
  };

  if (!till_loyalty_get_balance (store, data->customer_id, &balance, NULL, error))
    return FALSE;
  if (data->points < 0 && balance + data->points < 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "points: the customer has %" G_GINT64_FORMAT " points; an adjustment cannot take the "
                   "balance below zero.", balance);
      return FALSE;
    }
  return till_loyalty_append (store, &entry, error) &&
         till_context_audit (data->context, "loyalty.adjust", "customer", data->customer_id, "balance", error);
}

gboolean
till_loyalty_service_adjust (TillContext  *context,
                             gint64        customer_id,
                             gint64        points,
                             const char   *reason,
                             GError      **error)
{
  g_autofree char *tidy = NULL;
  AdjustData data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_ADJUST_POINTS, error))
    return FALSE;
  if (points == 0 || points > TILL_ADJUST_MAX || points < -TILL_ADJUST_MAX)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                           "points: an adjustment is a whole number of points, not 0, at most 1000000000 either way.");
      return FALSE;
    }
  tidy = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (tidy[0] == '\0')
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "reason: an adjustment needs a reason.");
      return FALSE;
    }
  if (!till_text_validate (tidy, "reason", 500, FALSE, TRUE, error))
    return FALSE;

  data.context = context;
  data.customer_id = customer_id;
  data.points = points;
  data.reason = tidy;
  if (!till_store_transaction (till_context_get_store (context), adjust_in_transaction, &data, error))
    return FALSE;
  till_loyalty_service_notify_points (context, customer_id, points > 0 ? points : 0, points < 0 ? -points : 0);
  return TRUE;
}

/* Expiry --------------------------------------------------------------- */

GDateTime *
till_loyalty_lot_expiry (const char *lot_date,
                         gint64      months,
                         GTimeZone  *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (lot_date, NULL);
  g_autoptr(GDateTime) local = NULL;
  gint year, month, day, index;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  index = year * 12 + (month - 1) + (gint)months;
  year = index / 12;
  month = index % 12 + 1;
  day = MIN (day, (gint)g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year));
  return g_date_time_new (zone, year, month, day, 0, 0, 0);
}

gint64
till_loyalty_points_to_expire (GPtrArray  *rows,
                               gint64      months,
                               GTimeZone  *zone,
                               GDateTime  *now)
{
  gint64 expired_credits = 0, debits = 0;

  if (months <= 0)
    return 0;
  for (guint i = 0; i < rows->len; i++)
    {
      TillLedgerRow *row = rows->pdata[i];

      if (row->points < 0)
        debits -= row->points;
      else if (row->points > 0)
        {
          g_autoptr(GDateTime) expiry = till_loyalty_lot_expiry (row->lot_date, months, zone);

          if (expiry != NULL && g_date_time_compare (expiry, now) <= 0)
            expired_credits += row->points;
        }
    }
  return MAX (0, expired_credits - debits);
}

/* Maintenance ------------------------------------------------------------ */

typedef struct
{
  gint64 customer_id;
  gint64 from;
  gint64 to;
} TierChange;

typedef struct
{
  TillContext           *context;
  TillMaintenanceReport  report;
  GArray                *changes;   /* TierChange */
} MaintainData;

static gboolean
maintain_in_transaction (TillStore  *store,
                         gpointer    user_data,
                         GError    **error)
{
  MaintainData *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *at = till_store_format_time (now);
  g_autoptr(GTimeZone) zone = till_loyalty_service_time_zone (data->context);
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, error);
  g_autoptr(GArray) members = NULL;
  g_autofree char *months_text = till_context_dup_setting (data->context, "loyalty.expiry_months", "0");
  g_autofree char *window_text = till_context_dup_setting (data->context, "loyalty.window_days", "365");
  gint64 months = CLAMP (g_ascii_strtoll (months_text, NULL, 10), 0, 120);
  gint64 window_days = CLAMP (g_ascii_strtoll (window_text, NULL, 10), 1, 3660);
  g_autoptr(GDateTime) since_time = g_date_time_add_days (now, -(gint)window_days);
  g_autofree char *since = till_store_format_time (since_time);

  if (tiers == NULL)
    return FALSE;
  members = till_loyalty_list_members (store, error);
  if (members == NULL)
    return FALSE;

  memset (&data->report, 0, sizeof data->report);
  g_array_set_size (data->changes, 0);
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = g_array_index (members, gint64, i);
      gint64 balance, stored_tier = 0, spend = 0, target = 0;

      data->report.customers++;
      if (months > 0)
        {
          g_autoptr(GPtrArray) rows = till_loyalty_list_ledger (store, id, error);
          gint64 expire;

          if (rows == NULL)
            return FALSE;
          expire = till_loyalty_points_to_expire (rows, months, zone, now);
          if (expire > 0)
            {
              TillLedgerEntry entry = {
                .customer_id = id, .kind = "expire", .points = -expire, .at = at, .lot_date = at,
                .reason = "expiry",
              };
              if (!till_loyalty_append (store, &entry, error))
                return FALSE;
              data->report.expired_rows++;
              data->report.expired += expire;
            }
        }

      if (!till_loyalty_get_balance (store, id, &balance, &stored_tier, error) ||
          !till_orders_qualifying_spend (store, id, since, &spend, error))
        return FALSE;
      for (guint t = 0; t < tiers->len; t++)
        {
          TillTierRecord *tier = tiers->pdata[t];
          if (tier->threshold <= spend)
            target = tier->id;
        }
      if (target != stored_tier)
        {
          TierChange change = { id, stored_tier, target };
          gint64 from_threshold = -1, to_threshold = -1;

          for (guint t = 0; t < tiers->len; t++)
            {
              TillTierRecord *tier = tiers->pdata[t];
              if (tier->id == stored_tier)
                from_threshold = tier->threshold;
              if (tier->id == target)
                to_threshold = tier->threshold;
            }
          if (!till_loyalty_set_tier (store, id, stored_tier, target, "maintenance", 0, at, error))
            return FALSE;
          if (to_threshold > from_threshold)
            data->report.raised++;
          else
            data->report.lowered++;
          g_array_append_val (data->changes, change);
        }
    }
  if (data->report.expired_rows == 0 && data->changes->len == 0)
    return TRUE;
  return till_context_audit (data->context, "loyalty.maintain", "customer", 0, "balance,tier", error);
}

static char *
tier_name (GPtrArray *tiers,
           gint64     id)
{
  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    if (((TillTierRecord *)tiers->pdata[i])->id == id)
      return g_strdup (((TillTierRecord *)tiers->pdata[i])->name);
  return g_strdup ("no tier");
}

static void
notify_quietly (TillContext *context,
                const char  *kind,
                const char  *summary,
                const char  *body)
{
  g_autoptr(GError) error = NULL;
  TillNotifier *notifier = till_context_get_notifier (context);

  if (notifier == NULL)
    return;
  if (!till_notifier_notify (notifier, kind, summary, body, &error))
    g_debug ("A %s notification was not shown: %s", kind, error->message);
}

static void
notify_tier (TillContext *context,
             GPtrArray   *tiers,
             gint64       customer_id,
             gint64       from,
             gint64       to)
{
  g_autoptr(TillCustomerRecord) customer = till_customers_get (till_context_get_store (context), customer_id, NULL);
  g_autofree char *from_name = tier_name (tiers, from);
  g_autofree char *to_name = tier_name (tiers, to);
  g_autofree char *summary = g_strdup_printf ("%s: %s", customer != NULL ? customer->name : "Customer", to_name);
  g_autofree char *body = g_strdup_printf ("Tier changed from %s to %s.", from_name, to_name);

  notify_quietly (context, "tier-reached", summary, body);
}

void
till_loyalty_service_notify_tier (TillContext *context,
                                  gint64       customer_id,
                                  gint64       from,
                                  gint64       to)
{
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (till_context_get_store (context), NULL);

  notify_tier (context, tiers, customer_id, from, to);
}

gboolean
till_loyalty_service_maintain (TillContext           *context,
                               TillMaintenanceReport *out_report,
                               GError               **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (TierChange));
  g_autoptr(GPtrArray) tiers = NULL;
  MaintainData data = { context, { 0 }, changes };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_store_transaction (till_context_get_store (context), maintain_in_transaction, &data, error))
    return FALSE;
  tiers = till_loyalty_list_tiers (till_context_get_store (context), NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      TierChange *c = &g_array_index (changes, TierChange, i);
      notify_tier (context, tiers, c->customer_id, c->from, c->to);
    }
  if (out_report != NULL)
    *out_report = data.report;
  return TRUE;
}

void
till_loyalty_service_notify_points (TillContext *context,
                                    gint64       customer_id,
                                    gint64       earned,
                                    gint64       redeemed)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillCustomerRecord) customer = till_customers_get (store, customer_id, NULL);
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, NULL);
  g_autofree char *tier = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  if (customer == NULL)
    return;
  tier = tier_name (tiers, customer->tier_id);
  summary = g_strdup_printf ("%s: %" G_GINT64_FORMAT " points", customer->name, customer->balance);
  if (earned > 0)
    g_string_append_printf (body, "+%" G_GINT64_FORMAT " points. ", earned);
  if (redeemed > 0)
    g_string_append_printf (body, "−%" G_GINT64_FORMAT " points. ", redeemed);
  g_string_append_printf (body, "Balance %" G_GINT64_FORMAT ", tier %s.", customer->balance, tier);
  notify_quietly (context, "points-updated", summary, body->str);
}

/* Program usage ------------------------------------------------------------ */

static void
bucket_free (TillLoyaltyBucket *bucket)
{
  g_free (bucket->label);
  g_free (bucket);
}

void
till_loyalty_usage_free (TillLoyaltyUsage *usage)
{
  if (usage == NULL)
    return;
  g_clear_pointer (&usage->buckets, g_ptr_array_unref);
  g_clear_pointer (&usage->tiers, g_ptr_array_unref);
  g_clear_pointer (&usage->tier_counts, g_array_unref);
  g_clear_pointer (&usage->top_rewards, g_ptr_array_unref);
  g_clear_pointer (&usage->reward_counts, g_array_unref);
  g_free (usage);
}

typedef struct
{
  TillLoyaltyUsage *usage;
  GTimeZone        *zone;
  gboolean          monthly;
  GDate             first;     /* the first bucket's first day */
} UsageVisit;

static void
usage_visit (const char *at,
             const char *kind,
             gint64      points,
             gpointer    user_data)
{
  UsageVisit *v = user_data;
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr(GDateTime) local = NULL;
  TillLoyaltyBucket *bucket;
  gint year, month, day;
  gint64 index;

  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, v->zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  if (v->monthly)
    index = (gint64)(year * 12 + month) - (gint64)(g_date_get_year (&v->first) * 12 + g_date_get_month (&v->first));
  else
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
      index = g_date_days_between (&v->first, &date) / 7;
    }
  if (index < 0 || index >= (gint64)v->usage->buckets->len)
    return;
  bucket = v->usage->buckets->pdata[index];
  if (g_str_equal (kind, "earn") || g_str_equal (kind, "restore") || (g_str_equal (kind, "adjust") && points > 0))
    bucket->issued += points;
  else if (g_str_equal (kind, "redeem"))
    bucket->redeemed -= points;
  else if (g_str_equal (kind, "expire"))
    bucket->expired -= points;
  else if (g_str_equal (kind, "reverse") || (g_str_equal (kind, "adjust") && points < 0))
    bucket->reversed -= points;
}

TillLoyaltyUsage *
till_loyalty_service_usage (TillContext  *context,
                            gboolean      monthly,
                            guint         n_buckets,
                            GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillLoyaltyUsage) usage = g_new0 (TillLoyaltyUsage, 1);
  g_autoptr(GTimeZone) zone = till_loyalty_service_time_zone (context);
  g_autoptr(GDateTime) now = till_context_now (context);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) active_from = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *active_since = NULL;
  UsageVisit visit;
  gint year, month, day;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  n_buckets = CLAMP (n_buckets, 1, 520);

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (&visit.first, 1);
  g_date_set_dmy (&visit.first, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  if (monthly)
    {
      g_date_set_day (&visit.first, 1);
      g_date_subtract_months (&visit.first, n_buckets - 1);
    }
  else
    {
      g_date_subtract_days (&visit.first, g_date_get_weekday (&visit.first) - G_DATE_MONDAY);
      g_date_subtract_days (&visit.first, 7 * (n_buckets - 1));
    }

  usage->buckets = g_ptr_array_new_with_free_func ((GDestroyNotify)bucket_free);
  for (guint i = 0; i < n_buckets; i++)
    {
      TillLoyaltyBucket *bucket = g_new0 (TillLoyaltyBucket, 1);
      GDate date = visit.first;
      char text[16];

      if (monthly)
        {
          g_date_add_months (&date, i);
          g_date_strftime (text, sizeof text, "%Y-%m", &date);
        }
      else
        {
          g_date_add_days (&date, 7 * i);
          g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
        }
      bucket->label = g_strdup (text);
      g_ptr_array_add (usage->buckets, bucket);
    }

  start = g_date_time_new (zone, g_date_get_year (&visit.first), g_date_get_month (&visit.first),
                           g_date_get_day (&visit.first), 0, 0, 0);
  end = g_date_time_add_days (local, 1);
  since = till_store_format_time (start);
  until = till_store_format_time (end);
  active_from = g_date_time_add_days (now, -90);
  active_since = till_store_format_time (active_from);

  visit.usage = usage;
  visit.zone = zone;
  visit.monthly = monthly;
  if (!till_loyalty_visit_ledger (store, since, until, usage_visit, &visit, error))
    return NULL;

  usage->tiers = g_ptr_array_new_with_free_func (g_free);
  usage->tier_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  usage->top_rewards = g_ptr_array_new_with_free_func (g_free);
  usage->reward_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!till_loyalty_usage_counts (store, active_since, since, until, &usage->members, &usage->active, usage->tiers,
                                  usage->tier_counts, usage->top_rewards, usage->reward_counts, error))
    return NULL;
  for (guint i = 0; i < usage->tiers->len; i++)
    if (((char *)usage->tiers->pdata[i])[0] == '\0')
      {
        g_free (usage->tiers->pdata[i]);
        usage->tiers->pdata[i] = g_strdup ("No tier");
      }

  for (guint i = 0; i < usage->buckets->len; i++)
    {
      TillLoyaltyBucket *b = usage->buckets->pdata[i];

      usage->issued += b->issued;
      usage->redeemed += b->redeemed;
      usage->expired += b->expired;
      usage->reversed += b->reversed;
    }
  usage->redemption_bp = usage->issued > 0 ? usage->redeemed * 10000 / usage->issued : 0;
  return g_steal_pointer (&usage);
}

char *
till_loyalty_usage_to_csv (const TillLoyaltyUsage *usage)
{
  GString *out = g_string_new ("bucket,issued,redeemed,expired,reversed\n");

  for (guint i = 0; i < usage->buckets->len; i++)
    {
      TillLoyaltyBucket *b = usage->buckets->pdata[i];

      g_string_append_printf (out, "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%"
                              G_GINT64_FORMAT "\n", b->label, b->issued, b->redeemed, b->expired, b->reversed);
    }
  return g_string_free (out, FALSE);
}

/* At the till ----------------------------------------------------------- */

static int
by_cost (gconstpointer a,
         gconstpointer b)
{
  const TillRewardRecord *x = *(TillRewardRecord * const *)a;
  const TillRewardRecord *y = *(TillRewardRecord * const *)b;

  return x->cost < y->cost ? -1 : x->cost > y->cost ? 1 : g_strcmp0 (x->name, y->name);
}

GPtrArray *
till_loyalty_service_affordable (TillContext  *context,
                                 gint64        customer_id,
                                 GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(GPtrArray) rewards = till_loyalty_list_rewards (store, FALSE, error);
  g_autoptr(GDateTime) now = till_context_now (context);
  GPtrArray *out;
  gint64 balance = 0;

  if (rewards == NULL || !till_loyalty_get_balance (store, customer_id, &balance, NULL, error))
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)till_reward_record_free);
  for (guint i = 0; i < rewards->len; i++)
    {
      TillRewardRecord *r = rewards->pdata[i];

      if (r->cost <= balance && till_loyalty_service_reward_active (context, r, now, NULL))
        g_ptr_array_add (out, g_steal_pointer (&rewards->pdata[i]));
    }
  g_ptr_array_sort (out, by_cost);
  return out;
}

gboolean
till_loyalty_service_next_tier (TillContext  *context,
                                gint64        customer_id,
                                char        **out_name,
                                gint64       *out_to_go,
                                GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (store, error);
  g_autoptr(GDateTime) now = till_context_now (context);
  g_autofree char *window_text = till_context_dup_setting (context, "loyalty.window_days", "365");
  g_autoptr(GDateTime) since_time = g_date_time_add_days (now, -(gint)CLAMP (g_ascii_strtoll (window_text, NULL, 10),
                                                                               1, 3660));
  g_autofree char *since = till_store_format_time (since_time);
  gint64 spend = 0, balance, tier_id = 0, current = -1;

  *out_name = NULL;
  *out_to_go = 0;
  if (tiers == NULL || !till_loyalty_get_balance (store, customer_id, &balance, &tier_id, error) ||
      !till_orders_qualifying_spend (store, customer_id, since, &spend, error))
    return FALSE;
  for (guint i = 0; i < tiers->len; i++)
    if (((TillTierRecord *)tiers->pdata[i])->id == tier_id)
      current = ((TillTierRecord *)tiers->pdata[i])->threshold;
  for (guint i = 0; i < tiers->len; i++)
    {
      TillTierRecord *t = tiers->pdata[i];

      if (t->threshold > current && t->threshold > spend)
        {
          *out_name = g_strdup (t->name);
          *out_to_go = t->threshold - spend;
          break;
        }
    }
  return TRUE;
}
