/* till-settings-spec.h: every shop setting, its type, default and bounds
 *
 * The shop-wide settings of DESIGN.md live in the database, so that several
 * registers share them.  This table is their one description: the settings
 * service, `till-admin settings` and the Settings page all read it.  Values
 * are stored as text in a canonical form (what till_settings_spec_normalize
 * returns), so a value read back is the value written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TILL_SETTING_TEXT,          /* at most max characters; newlines only when multiline */
  TILL_SETTING_BOOLEAN,       /* "true" or "false" */
  TILL_SETTING_INTEGER,       /* a whole number from min to max */
  TILL_SETTING_CURRENCY,      /* an ISO 4217 code of the built-in table */
  TILL_SETTING_TIME_ZONE,     /* an IANA time zone name that exists */
  TILL_SETTING_CHOICE,        /* one of choices */
  TILL_SETTING_CARD_PREFIX,   /* two digits */
  TILL_SETTING_SCALE_RULES,   /* "21:weight,23:price" */
  TILL_SETTING_CALLING_CODE,  /* an ITU calling code, "49" */
  TILL_SETTING_IMAGE_PATH,    /* a PNG path relative to the database's folder, or "" */
} TillSettingType;

/* What an integer counts, so the window can show it as a person thinks of it. */
typedef enum
{
  TILL_SETTING_UNIT_NONE,
  TILL_SETTING_UNIT_MINOR_UNITS,   /* money: shown in the currency */
  TILL_SETTING_UNIT_BASIS_POINTS,  /* shown as a percent */
  TILL_SETTING_UNIT_POINTS,
  TILL_SETTING_UNIT_DAYS,
  TILL_SETTING_UNIT_MONTHS,
  TILL_SETTING_UNIT_MINUTES,
  TILL_SETTING_UNIT_SECONDS,
} TillSettingUnit;

typedef struct
{
  const char          *key;
  TillSettingType      type;
  const char          *default_value;  /* NULL: the system's (time_zone) */
  gint64               min;            /* integers */
  gint64               max;            /* integers; text: characters */
  gboolean             multiline;      /* text */
  TillSettingUnit      unit;           /* integers */
  const char * const  *choices;        /* choices, NULL-terminated */
  const char          *allowed;        /* what is allowed, in words, for messages */
} TillSettingSpec;

/* Every setting, sorted by key. */
const TillSettingSpec *till_settings_spec_get_all      (gsize                 *n_specs);
/* The setting named @key, or NULL */
const TillSettingSpec *till_settings_spec_lookup       (const char            *key);
/* The default value: the table's, or for time_zone the system's zone when
 * it is a valid IANA name, else "UTC". */
char                  *till_settings_spec_dup_default  (const TillSettingSpec *spec);

/* Checks @value for @spec and returns its canonical form (surrounding blanks
 * trimmed from one-line values, leading zeros dropped, the currency in
 * capitals, scale rules sorted).  Refuses (TILL_ERROR_INVALID, or
 * TILL_ERROR_OUT_OF_RANGE for a number out of bounds) with a message that
 * starts with the key and says what is allowed:
 * "cash_rounding: 1000001 is out of bounds; allowed: a whole number from 0 to 1000000 (minor units)". */
char                  *till_settings_spec_normalize    (const TillSettingSpec *spec,
                                                        const char            *value,
                                                        GError               **error);

/* card.prefix and scale.rules together: a card prefix may not be a scale
 * prefix.  @key names the setting being changed, for the message. */
gboolean               till_settings_check_scanning    (const char            *key,
                                                        const char            *card_prefix,
                                                        const char            *scale_rules,
                                                        GError               **error);

/* TRUE when @name is an IANA time zone that exists on this system */
gboolean               till_time_zone_is_valid         (const char            *name);

G_END_DECLS
