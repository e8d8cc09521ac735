/* till-settings-service.h: the shop's settings, read with their defaults and changed with every rule checked
 *
 * One service for the Settings page and `till-admin settings`: every key of
 * till-settings-spec.h, its value or its default, validated and normalised
 * on the way in, audited by key name (never the value).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-barcode.h"
#include "till-context.h"
#include "till-money.h"
#include "till-settings-spec.h"

G_BEGIN_DECLS

typedef struct
{
  char     *key;
  char     *value;        /* the effective value */
  gboolean  is_default;   /* not set in the database: the default applies */
} TillSettingValue;

void        till_setting_value_free                (TillSettingValue  *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillSettingValue, till_setting_value_free)

/* The value of @key, or its default when unset.  An unknown key is refused
 * (TILL_ERROR_NOT_FOUND). */
char       *till_settings_service_get              (TillContext       *context,
                                                    const char        *key,
                                                    GError           **error);
/* Validates and normalises @value, then stores it and appends an audit row
 * "setting.change" naming the key.  Refuses: an unknown key
 * (TILL_ERROR_NOT_FOUND), a value out of the key's type or bounds
 * (TILL_ERROR_INVALID / TILL_ERROR_OUT_OF_RANGE, the message names the key
 * and what is allowed), a card prefix that is a scale prefix or the other
 * way round, a different currency once any sale exists (TILL_ERROR_REFUSED),
 * and a signed-in cashier (TILL_ERROR_PERMISSION).  Setting the value a key
 * already has changes nothing and audits nothing.  *out_value (optional)
 * receives the value as stored. */
gboolean    till_settings_service_set              (TillContext       *context,
                                                    const char        *key,
                                                    const char        *value,
                                                    char             **out_value,
                                                    GError           **error);
/* Every key with its effective value, sorted by key: TillSettingValue */
GPtrArray  *till_settings_service_list             (TillContext       *context,
                                                    GError           **error);

/* Typed reads for other services; an unset or unreadable value gives the
 * default. */
const TillCurrency *till_settings_service_get_currency    (TillContext *context);
gint64      till_settings_service_get_int          (TillContext       *context,
                                                    const char        *key);
gboolean    till_settings_service_get_boolean      (TillContext       *context,
                                                    const char        *key);
/* The shop's scale rules (TillScaleRule), never NULL */
GArray     *till_settings_service_get_scale_rules  (TillContext       *context);

G_END_DECLS
