/* till-settings-spec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "till-barcode.h"
#include "till-contact.h"
#include "till-error.h"
#include "till-money.h"
#include "till-settings-spec.h"

#define TEXT_MAX 500

static const char * const pin_costs[] = { "interactive", "min", NULL };

/* DESIGN.md's two tables of shop settings; RULES.md gives the loyalty bounds.
 * Sorted by key (strcmp), which till_settings_spec_lookup relies on. */
static const TillSettingSpec specs[] = {
  { "card.prefix", TILL_SETTING_CARD_PREFIX, "29", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "two digits that no scale rule uses" },
  { "cash_rounding", TILL_SETTING_INTEGER, "0", 0, 1000000, FALSE, TILL_SETTING_UNIT_MINOR_UNITS, NULL,
    NULL },
  { "currency", TILL_SETTING_CURRENCY, "EUR", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "an ISO 4217 currency code such as EUR, CHF or JPY" },
  { "discount.approval_amount", TILL_SETTING_INTEGER, "1000", 0, 1000000000, FALSE, TILL_SETTING_UNIT_MINOR_UNITS, NULL,
    NULL },
  { "discount.approval_percent", TILL_SETTING_INTEGER, "2000", 0, 10000, FALSE, TILL_SETTING_UNIT_BASIS_POINTS, NULL,
    NULL },
  { "loyalty.earn_amount", TILL_SETTING_INTEGER, "100", 1, 1000000, FALSE, TILL_SETTING_UNIT_MINOR_UNITS, NULL,
    NULL },
  { "loyalty.earn_points", TILL_SETTING_INTEGER, "1", 0, 1000, FALSE, TILL_SETTING_UNIT_POINTS, NULL,
    NULL },
  { "loyalty.expiry_months", TILL_SETTING_INTEGER, "0", 0, 120, FALSE, TILL_SETTING_UNIT_MONTHS, NULL,
    NULL },
  { "loyalty.window_days", TILL_SETTING_INTEGER, "365", 1, 3660, FALSE, TILL_SETTING_UNIT_DAYS, NULL,
    NULL },
  { "phone.country", TILL_SETTING_CALLING_CODE, "49", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "a country calling code of 1 to 3 digits without +, such as 49" },
  { "prices_include_tax", TILL_SETTING_BOOLEAN, "true", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "true or false" },
  { "print.timeout_seconds", TILL_SETTING_INTEGER, "30", 1, 600, FALSE, TILL_SETTING_UNIT_SECONDS, NULL,
    NULL },
  { "receipt.footer", TILL_SETTING_TEXT, "", 0, TEXT_MAX, TRUE, TILL_SETTING_UNIT_NONE, NULL,
    NULL },
  { "receipt.header", TILL_SETTING_TEXT, "", 0, TEXT_MAX, TRUE, TILL_SETTING_UNIT_NONE, NULL,
    NULL },
  { "receipt.logo", TILL_SETTING_IMAGE_PATH, "", 0, TEXT_MAX, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "\"\" for none, or the path of a PNG file relative to the database's folder, such as logo.png" },
  { "scale.rules", TILL_SETTING_SCALE_RULES, "21:weight,23:price", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "comma-separated PREFIX:KIND items, PREFIX two digits from 20 to 28, KIND weight or price" },
  { "security.pin_cost", TILL_SETTING_CHOICE, "interactive", 0, 0, FALSE, TILL_SETTING_UNIT_NONE, pin_costs,
    "interactive, or min (for tests and sanitizer builds only)" },
  { "shop.address", TILL_SETTING_TEXT, "", 0, TEXT_MAX, TRUE, TILL_SETTING_UNIT_NONE, NULL,
    NULL },
  { "shop.name", TILL_SETTING_TEXT, "", 0, TEXT_MAX, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    NULL },
  { "shop.tax_id", TILL_SETTING_TEXT, "", 0, TEXT_MAX, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    NULL },
  { "staff.idle_lock_minutes", TILL_SETTING_INTEGER, "5", 0, 1440, FALSE, TILL_SETTING_UNIT_MINUTES, NULL,
    NULL },
  { "time_zone", TILL_SETTING_TIME_ZONE, NULL, 0, 0, FALSE, TILL_SETTING_UNIT_NONE, NULL,
    "an IANA time zone name that exists, such as Europe/Berlin or UTC" },
};

const TillSettingSpec *
till_settings_spec_get_all (gsize *n_specs)
{
  g_return_val_if_fail (n_specs != NULL, NULL);

  *n_specs = G_N_ELEMENTS (specs);
  return specs;
}

static int
compare_key (const void *key,
             const void *spec)
{
  return strcmp (key, ((const TillSettingSpec *)spec)->key);
}

const TillSettingSpec *
till_settings_spec_lookup (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return bsearch (key, specs, G_N_ELEMENTS (specs), sizeof specs[0], compare_key);
}

static gboolean
is_tzif_file (const char *path)
{
  char magic[4];
  FILE *file;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  file = fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  ok = fread (magic, 1, sizeof magic, file) == sizeof magic && memcmp (magic, "TZif", 4) == 0;
  fclose (file);
  return ok;
}

gboolean
till_time_zone_is_valid (const char *name)
{
  const char *tzdir;
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  /* IANA names start with a capital ("UTC", "Europe/Berlin", "Etc/GMT+1"):
   * that keeps out tzdata's own files (zone.tab, posixrules), POSIX rule
   * strings and paths. */
  if (name[0] < 'A' || name[0] > 'Z' || strlen (name) > 64 ||
      strstr (name, "..") != NULL || strstr (name, "//") != NULL || g_str_has_suffix (name, "/"))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/_+-", *p) == NULL)
      return FALSE;

  tzdir = g_getenv ("TZDIR");
  path = g_build_filename (tzdir != NULL && tzdir[0] != '\0' ? tzdir : "/usr/share/zoneinfo", name, NULL);
  return is_tzif_file (path);
}

char *
till_settings_spec_dup_default (const TillSettingSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->default_value != NULL)
    return g_strdup (spec->default_value);

  /* time_zone: the system's, when it has an IANA name */
  {
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    const char *id = g_time_zone_get_identifier (local);

    if (id != NULL && id[0] == ':')
      id++;
    if (id != NULL && till_time_zone_is_valid (id))
      return g_strdup (id);
    return g_strdup ("UTC");
  }
}

/* The value as a message can show it: one line, not too long */
static char *
quote_value (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';
  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, 40);
      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", valid);
}

static const char *
unit_words (TillSettingUnit unit)
{
  switch (unit)
    {
    case TILL_SETTING_UNIT_MINOR_UNITS:
      return " (minor units of the currency: cents for EUR)";
    case TILL_SETTING_UNIT_BASIS_POINTS:
      return " (basis points: 10000 is 100 %)";
    case TILL_SETTING_UNIT_POINTS:
      return " (points)";
    case TILL_SETTING_UNIT_DAYS:
      return " (days)";
    case TILL_SETTING_UNIT_MONTHS:
      return " (months)";
    case TILL_SETTING_UNIT_MINUTES:
      return " (minutes)";
    case TILL_SETTING_UNIT_SECONDS:
      return " (seconds)";
    case TILL_SETTING_UNIT_NONE:
    default:
      return "";
    }
}

static char *
normalize_integer (const TillSettingSpec  *spec,
                   const char             *value,
                   GError                **error)
{
  g_autofree char *tidy = g_strstrip (g_strdup (value));
  g_autofree char *quoted = quote_value (value);
  guint64 number = 0;
  gboolean overflow = FALSE;
  const char *p = tidy;

  if (*p == '-' && p[1] != '\0')
    {
      gboolean digits = TRUE;
      for (const char *q = p + 1; *q != '\0'; q++)
        digits &= g_ascii_isdigit (*q);
      if (digits)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                       "%s: %s is out of bounds; allowed: a whole number from %" G_GINT64_FORMAT
                       " to %" G_GINT64_FORMAT "%s", spec->key, quoted, spec->min, spec->max,
                       unit_words (spec->unit));
          return NULL;
        }
    }
  if (*p == '\0')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: a value is needed; allowed: a whole number from %" G_GINT64_FORMAT
                   " to %" G_GINT64_FORMAT "%s", spec->key, spec->min, spec->max,
                   unit_words (spec->unit));
      return NULL;
    }
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "%s: %s is not a whole number; allowed: a whole number from %" G_GINT64_FORMAT
                       " to %" G_GINT64_FORMAT "%s, written with digits only", spec->key, quoted,
                       spec->min, spec->max, unit_words (spec->unit));
          return NULL;
        }
      if (number > (G_MAXINT64 - 9) / 10)
        overflow = TRUE;
      else
        number = number * 10 + (guint64)(*p - '0');
    }
  if (overflow || (gint64)number < spec->min || (gint64)number > spec->max)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                   "%s: %s is out of bounds; allowed: a whole number from %" G_GINT64_FORMAT
                   " to %" G_GINT64_FORMAT "%s", spec->key, quoted, spec->min, spec->max,
                   unit_words (spec->unit));
      return NULL;
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

static char *
normalize_text (const TillSettingSpec  *spec,
                const char             *value,
                GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tidy = NULL;

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: the text is not UTF-8; allowed: up to %" G_GINT64_FORMAT " characters",
                   spec->key, spec->max);
      return NULL;
    }
  tidy = g_strstrip (g_strdup (value));
  if (!till_text_validate (tidy, spec->key, (gsize)spec->max, spec->multiline, FALSE, &local_error))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s; allowed: up to %" G_GINT64_FORMAT " characters%s", local_error->message,
                   spec->max, spec->multiline ? ", on several lines" : " on one line");
      return NULL;
    }
  return g_steal_pointer (&tidy);
}

static char *
normalize_image_path (const TillSettingSpec  *spec,
                      const char             *value,
                      GError                **error)
{
  g_autofree char *tidy = normalize_text (spec, value, error);
  g_autofree char *lower = NULL;
  g_autofree char *quoted = NULL;
  g_auto(GStrv) parts = NULL;

  if (tidy == NULL)
    return NULL;
  if (tidy[0] == '\0')
    return g_steal_pointer (&tidy);

  quoted = quote_value (tidy);
  lower = g_ascii_strdown (tidy, -1);
  if (g_path_is_absolute (tidy) || tidy[0] == '~')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: %s is not relative; allowed: %s", spec->key, quoted, spec->allowed);
      return NULL;
    }
  parts = g_strsplit (tidy, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], ""))
      {
        g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                     "%s: %s leaves the database's folder or has an empty part; allowed: %s",
                     spec->key, quoted, spec->allowed);
        return NULL;
      }
  if (!g_str_has_suffix (lower, ".png"))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: %s is not a .png file; allowed: %s", spec->key, quoted, spec->allowed);
      return NULL;
    }
  return g_steal_pointer (&tidy);
}

char *
till_settings_spec_normalize (const TillSettingSpec  *spec,
                              const char             *value,
                              GError                **error)
{
  g_autofree char *tidy = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (spec->type == TILL_SETTING_TEXT)
    return normalize_text (spec, value, error);
  if (spec->type == TILL_SETTING_IMAGE_PATH)
    return normalize_image_path (spec, value, error);
  if (spec->type == TILL_SETTING_INTEGER)
    return normalize_integer (spec, value, error);

  tidy = g_strstrip (g_strdup (value));
  quoted = quote_value (tidy);
  switch (spec->type)
    {
    case TILL_SETTING_BOOLEAN:
      if (g_str_equal (tidy, "true") || g_str_equal (tidy, "false"))
        return g_steal_pointer (&tidy);
      break;

    case TILL_SETTING_CHOICE:
      for (guint i = 0; spec->choices[i] != NULL; i++)
        if (g_str_equal (tidy, spec->choices[i]))
          return g_steal_pointer (&tidy);
      break;

    case TILL_SETTING_CURRENCY:
      {
        g_autofree char *upper = g_ascii_strup (tidy, -1);
        const TillCurrency *currency = till_currency_lookup (upper);

        if (currency != NULL)
          return g_strdup (currency->code);
      }
      break;

    case TILL_SETTING_TIME_ZONE:
      if (till_time_zone_is_valid (tidy))
        return g_steal_pointer (&tidy);
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: %s is not a time zone of this system; allowed: %s", spec->key, quoted,
                   spec->allowed);
      return NULL;

    case TILL_SETTING_CARD_PREFIX:
      if (strlen (tidy) == 2 && g_ascii_isdigit (tidy[0]) && g_ascii_isdigit (tidy[1]))
        return g_steal_pointer (&tidy);
      break;

    case TILL_SETTING_SCALE_RULES:
      {
        g_autoptr(GError) local_error = NULL;
        g_autoptr(GArray) rules = till_scale_rules_parse (tidy, &local_error);

        if (rules == NULL)
          {
            /* The parser's messages already start with the key. */
            g_propagate_error (error, g_steal_pointer (&local_error));
            return NULL;
          }
        return till_scale_rules_format (rules);
      }

    case TILL_SETTING_CALLING_CODE:
      if (till_phone_country_validate (tidy, NULL))
        return g_steal_pointer (&tidy);
      break;

    case TILL_SETTING_TEXT:
    case TILL_SETTING_IMAGE_PATH:
    case TILL_SETTING_INTEGER:
    default:
      g_assert_not_reached ();
    }

  g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "%s: %s is not allowed; allowed: %s",
               spec->key, quoted, spec->allowed);
  return NULL;
}

gboolean
till_settings_check_scanning (const char  *key,
                              const char  *card_prefix,
                              const char  *scale_rules,
                              GError     **error)
{
  g_autoptr(GArray) rules = NULL;
  const TillScaleRule *rule;

  g_return_val_if_fail (key != NULL && card_prefix != NULL && scale_rules != NULL, FALSE);

  rules = till_scale_rules_parse (scale_rules, NULL);
  if (rules == NULL)
    return TRUE;   /* a bad stored value is the parser's to report */
  rule = till_scale_rules_match (rules, card_prefix);
  if (rule != NULL && strlen (card_prefix) == 2)
    {
      if (g_str_equal (key, "card.prefix"))
        g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                     "card.prefix: %s is a scale-label prefix (scale.rules); allowed: two digits "
                     "that no scale rule uses", card_prefix);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                     "scale.rules: %s is the loyalty card prefix (card.prefix); allowed: scale "
                     "prefixes other than the card prefix", card_prefix);
      return FALSE;
    }
  return TRUE;
}
