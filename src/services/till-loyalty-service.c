/* till-loyalty-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-contact.h"
#include "till-error.h"
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
  const char *role = till_context_get_role (context);

  if (g_strcmp0 (role, "manager") != 0 && g_strcmp0 (role, "admin") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_PERMISSION,
                           "Only a manager or an admin can change the loyalty program.");
      return FALSE;
    }
  return TRUE;
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
