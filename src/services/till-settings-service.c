/* till-settings-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-access.h"
#include "till-catalog.h"
#include "till-error.h"
#include "till-settings-service.h"

void
till_setting_value_free (TillSettingValue *value)
{
  if (value == NULL)
    return;
  g_free (value->key);
  g_free (value->value);
  g_free (value);
}

static const TillSettingSpec *
lookup (const char  *key,
        GError     **error)
{
  const TillSettingSpec *spec = till_settings_spec_lookup (key);

  if (spec == NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (key, -1);
      g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND,
                   "There is no setting “%s”; “till-admin settings list” shows them all", valid);
    }
  return spec;
}

/* What is stored, or the default */
static char *
effective (TillContext           *context,
           const TillSettingSpec *spec)
{
  char *value = till_store_get_setting (till_context_get_store (context), spec->key);

  return value != NULL ? value : till_settings_spec_dup_default (spec);
}

char *
till_settings_service_get (TillContext  *context,
                           const char   *key,
                           GError      **error)
{
  const TillSettingSpec *spec;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  spec = lookup (key, error);
  if (spec == NULL)
    return NULL;
  return effective (context, spec);
}

GPtrArray *
till_settings_service_list (TillContext  *context,
                            GError      **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)till_setting_value_free);
  g_auto(GStrv) stored = NULL;
  const TillSettingSpec *specs;
  gsize n_specs;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  /* One read for all, so the list is one consistent picture. */
  stored = till_store_list_settings (till_context_get_store (context), error);
  if (stored == NULL)
    return NULL;

  specs = till_settings_spec_get_all (&n_specs);
  for (gsize i = 0; i < n_specs; i++)
    {
      TillSettingValue *value = g_new0 (TillSettingValue, 1);

      value->key = g_strdup (specs[i].key);
      for (guint j = 0; stored[j] != NULL && stored[j + 1] != NULL; j += 2)
        if (g_str_equal (stored[j], specs[i].key))
          {
            value->value = g_strdup (stored[j + 1]);
            break;
          }
      value->is_default = value->value == NULL;
      if (value->is_default)
        value->value = till_settings_spec_dup_default (&specs[i]);
      g_ptr_array_add (values, value);
    }
  return g_steal_pointer (&values);
}

static gboolean
may_change_settings (TillContext  *context,
                     GError      **error)
{
  return till_access_check (context, TILL_OPERATION_CHANGE_SETTINGS, error);
}

typedef struct
{
  TillContext           *context;
  const TillSettingSpec *spec;
  const char            *value;   /* normalised */
} Change;

static gboolean
change_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  Change *change = user_data;
  const char *key = change->spec->key;
  g_autofree char *current = effective (change->context, change->spec);

  /* Read inside the write transaction, so no other register slips in between. */
  if (g_strcmp0 (current, change->value) == 0)
    return TRUE;

  if (g_str_equal (key, "currency"))
    {
      gboolean sales = FALSE;

      if (!till_catalog_sales_exist (store, &sales, error))
        return FALSE;
      if (sales)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "currency: it stays %s because sales exist: their amounts are stored in "
                       "%s, and prices, reports and refunds would read them in %s. A new "
                       "currency needs a new database", current, current, change->value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "card.prefix") || g_str_equal (key, "scale.rules"))
    {
      const TillSettingSpec *other_spec =
        till_settings_spec_lookup (g_str_equal (key, "card.prefix") ? "scale.rules" : "card.prefix");
      g_autofree char *other = effective (change->context, other_spec);

      if (g_str_equal (key, "card.prefix")
          ? !till_settings_check_scanning (key, change->value, other, error)
          : !till_settings_check_scanning (key, other, change->value, error))
        return FALSE;
    }

  return till_store_set_setting (store, key, change->value, error) &&
         till_context_audit (change->context, "setting.change", "setting", 0, key, error);
}

gboolean
till_settings_service_set (TillContext  *context,
                           const char   *key,
                           const char   *value,
                           char        **out_value,
                           GError      **error)
{
  g_autofree char *normalised = NULL;
  const TillSettingSpec *spec;
  Change change;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  spec = lookup (key, error);
  if (spec == NULL)
    return FALSE;
  if (!may_change_settings (context, error))
    return FALSE;
  normalised = till_settings_spec_normalize (spec, value, error);
  if (normalised == NULL)
    return FALSE;

  change.context = context;
  change.spec = spec;
  change.value = normalised;
  if (!till_store_transaction (till_context_get_store (context), change_in_transaction, &change, error))
    return FALSE;
  if (out_value != NULL)
    *out_value = g_steal_pointer (&normalised);
  return TRUE;
}

const TillCurrency *
till_settings_service_get_currency (TillContext *context)
{
  g_autofree char *code = NULL;
  const TillCurrency *currency;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  code = effective (context, till_settings_spec_lookup ("currency"));
  currency = till_currency_lookup (code);
  return currency != NULL ? currency : till_currency_lookup ("EUR");
}

gint64
till_settings_service_get_int (TillContext *context,
                               const char  *key)
{
  const TillSettingSpec *spec;
  g_autofree char *value = NULL;
  g_autofree char *normalised = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), 0);

  spec = till_settings_spec_lookup (key);
  g_return_val_if_fail (spec != NULL && spec->type == TILL_SETTING_INTEGER, 0);

  value = effective (context, spec);
  normalised = till_settings_spec_normalize (spec, value, NULL);
  if (normalised == NULL)
    normalised = g_strdup (spec->default_value);
  return g_ascii_strtoll (normalised, NULL, 10);
}

gboolean
till_settings_service_get_boolean (TillContext *context,
                                   const char  *key)
{
  const TillSettingSpec *spec;
  g_autofree char *value = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  spec = till_settings_spec_lookup (key);
  g_return_val_if_fail (spec != NULL && spec->type == TILL_SETTING_BOOLEAN, FALSE);

  value = effective (context, spec);
  if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
    return g_str_equal (spec->default_value, "true");
  return g_str_equal (value, "true");
}

GArray *
till_settings_service_get_scale_rules (TillContext *context)
{
  g_autofree char *text = NULL;
  GArray *rules;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  text = effective (context, till_settings_spec_lookup ("scale.rules"));
  rules = till_scale_rules_parse (text, NULL);
  if (rules == NULL)
    rules = till_scale_rules_parse (till_settings_spec_lookup ("scale.rules")->default_value, NULL);
  return rules;
}
