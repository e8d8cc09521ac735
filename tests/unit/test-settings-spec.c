/* test-settings-spec.c: every shop setting's type, default and bounds as tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-error.h"
#include "till-settings-spec.h"

static void
test_table_sorted_and_defaults_valid (void)
{
  static const char *design_keys[] = {
    "shop.name", "shop.address", "shop.tax_id", "receipt.header", "receipt.footer", "currency",
    "time_zone", "prices_include_tax", "cash_rounding", "discount.approval_percent",
    "discount.approval_amount", "loyalty.earn_points", "loyalty.earn_amount", "loyalty.window_days",
    "loyalty.expiry_months", "card.prefix", "scale.rules", "phone.country", "receipt.logo",
    "print.timeout_seconds", "staff.idle_lock_minutes", "security.pin_cost",
  };
  gsize n;
  const TillSettingSpec *specs = till_settings_spec_get_all (&n);

  /* Every key of DESIGN.md's two tables, and nothing else. */
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (design_keys));
  for (gsize i = 0; i < G_N_ELEMENTS (design_keys); i++)
    g_assert_nonnull (till_settings_spec_lookup (design_keys[i]));
  g_assert_null (till_settings_spec_lookup ("shop.colour"));

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *value = till_settings_spec_dup_default (&specs[i]);
      g_autofree char *normal = NULL;
      g_autoptr(GError) error = NULL;

      if (i > 0)
        g_assert_cmpint (strcmp (specs[i - 1].key, specs[i].key), <, 0);
      normal = till_settings_spec_normalize (&specs[i], value, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normal, ==, value);
    }
}

typedef struct
{
  const char *key;
  gint64      min;
  gint64      max;
  const char *fallback;
} Bounds;

static void
test_integer_bounds (void)
{
  /* DESIGN.md's table and RULES.md's settings bounds */
  const Bounds bounds[] = {
    { "cash_rounding",             0, 1000000,    "0" },
    { "discount.approval_percent", 0, 10000,      "2000" },
    { "discount.approval_amount",  0, 1000000000, "1000" },
    { "loyalty.earn_points",       0, 1000,       "1" },
    { "loyalty.earn_amount",       1, 1000000,    "100" },
    { "loyalty.window_days",       1, 3660,       "365" },
    { "loyalty.expiry_months",     0, 120,        "0" },
    { "print.timeout_seconds",     1, 600,        "30" },
    { "staff.idle_lock_minutes",   0, 1440,       "5" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      const TillSettingSpec *spec = till_settings_spec_lookup (bounds[i].key);
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, bounds[i].min);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, bounds[i].max);
      g_autofree char *below = g_strdup_printf ("%" G_GINT64_FORMAT, bounds[i].min - 1);
      g_autofree char *above = g_strdup_printf ("%" G_GINT64_FORMAT, bounds[i].max + 1);
      const char *refused[] = { below, above, "abc", "1.5", "", "+3", "1e3", "99999999999999999999999" };

      g_test_message ("%s", bounds[i].key);
      g_assert_nonnull (spec);
      g_assert_cmpint (spec->type, ==, TILL_SETTING_INTEGER);
      g_assert_cmpstr (spec->default_value, ==, bounds[i].fallback);

      for (int j = 0; j < 2; j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *normal = till_settings_spec_normalize (spec, j == 0 ? min : max, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (normal, ==, j == 0 ? min : max);
        }
      for (gsize j = 0; j < G_N_ELEMENTS (refused); j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *normal = till_settings_spec_normalize (spec, refused[j], &error);

          g_assert_null (normal);
          g_assert_nonnull (error);
          g_assert_true (error->domain == TILL_ERROR);
          /* The message names the key and what is allowed. */
          g_assert_true (g_str_has_prefix (error->message, bounds[i].key));
          g_assert_nonnull (strstr (error->message, "allowed"));
          g_assert_nonnull (strstr (error->message, max));
        }
    }
}

typedef struct
{
  const char *key;
  const char *value;
  const char *normal;   /* NULL: refused */
} ValueCase;

static void
test_values_normalised_or_refused (void)
{
  g_autofree char *long_text = g_strnfill (500, 'x');
  g_autofree char *too_long = g_strnfill (501, 'x');
  const ValueCase cases[] = {
    { "cash_rounding",        " 5 ",                  "5" },
    { "cash_rounding",        "007",                  "7" },
    { "shop.name",            "  Boulangerie Lumière ", "Boulangerie Lumière" },
    { "shop.name",            long_text,              long_text },
    { "shop.name",            too_long,               NULL },
    { "shop.name",            "Two\nlines",           NULL },
    { "shop.address",         "Kastanienallee 12\n10435 Berlin", "Kastanienallee 12\n10435 Berlin" },
    { "shop.address",         too_long,               NULL },
    { "receipt.footer",       "Merci !\nÀ bientôt",   "Merci !\nÀ bientôt" },
    { "shop.tax_id",          "DE\r123",              NULL },
    { "currency",             "eur",                  "EUR" },
    { "currency",             "JPY",                  "JPY" },
    { "currency",             "XYZ",                  NULL },
    { "currency",             "",                     NULL },
    { "time_zone",            "Europe/Berlin",        "Europe/Berlin" },
    { "time_zone",            "UTC",                  "UTC" },
    { "time_zone",            "America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires" },
    { "time_zone",            "Mars/Olympus_Mons",    NULL },
    { "time_zone",            "../../etc/passwd",     NULL },
    { "time_zone",            "/usr/share/zoneinfo/UTC", NULL },
    { "time_zone",            "zone.tab",             NULL },
    { "time_zone",            "CET-1CEST,M3.5.0,M10.5.0/3", NULL },
    { "time_zone",            "+01:00",               NULL },
    { "prices_include_tax",   "false",                "false" },
    { "prices_include_tax",   "yes",                  NULL },
    { "prices_include_tax",   "1",                    NULL },
    { "card.prefix",          "27",                   "27" },
    { "card.prefix",          "2",                    NULL },
    { "card.prefix",          "290",                  NULL },
    { "card.prefix",          "2a",                   NULL },
    { "scale.rules",          "23:price,21:weight",   "21:weight,23:price" },
    { "scale.rules",          "",                     "" },
    { "scale.rules",          "30:weight",            NULL },
    { "phone.country",        "33",                   "33" },
    { "phone.country",        "+49",                  NULL },
    { "phone.country",        "999",                  NULL },
    { "receipt.logo",         "",                     "" },
    { "receipt.logo",         "logo.png",             "logo.png" },
    { "receipt.logo",         "images/Logo.PNG",      "images/Logo.PNG" },
    { "receipt.logo",         "/etc/logo.png",        NULL },
    { "receipt.logo",         "../logo.png",          NULL },
    { "receipt.logo",         "images//logo.png",     NULL },
    { "receipt.logo",         "logo.jpg",             NULL },
    { "security.pin_cost",    "min",                  "min" },
    { "security.pin_cost",    "interactive",          "interactive" },
    { "security.pin_cost",    "max",                  NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TillSettingSpec *spec = till_settings_spec_lookup (cases[i].key);
      g_autoptr(GError) error = NULL;
      g_autofree char *normal = NULL;

      g_test_message ("%s = “%.40s”", cases[i].key, cases[i].value);
      g_assert_nonnull (spec);
      normal = till_settings_spec_normalize (spec, cases[i].value, &error);
      if (cases[i].normal != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normal, ==, cases[i].normal);
        }
      else
        {
          g_assert_null (normal);
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, cases[i].key));
        }
    }
}

static void
test_card_prefix_is_not_a_scale_prefix (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (till_settings_check_scanning ("card.prefix", "29", "21:weight,23:price", &error));
  g_assert_no_error (error);

  g_assert_false (till_settings_check_scanning ("card.prefix", "23", "21:weight,23:price", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "card.prefix"));
  g_clear_error (&error);

  g_assert_false (till_settings_check_scanning ("scale.rules", "29", "28:price", &error) &&
                  till_settings_check_scanning ("scale.rules", "28", "28:price", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "scale.rules"));
}

static void
test_time_zone_default_is_real (void)
{
  g_autofree char *zone = till_settings_spec_dup_default (till_settings_spec_lookup ("time_zone"));

  /* The system's zone (tests run with TZ=UTC), always one that exists. */
  g_assert_true (till_time_zone_is_valid (zone));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings-spec/every-design-key-sorted-with-a-valid-default",
                   test_table_sorted_and_defaults_valid);
  g_test_add_func ("/settings-spec/integers-accept-their-bounds-and-refuse-beyond",
                   test_integer_bounds);
  g_test_add_func ("/settings-spec/values-normalised-or-refused-naming-the-key",
                   test_values_normalised_or_refused);
  g_test_add_func ("/settings-spec/card-prefix-is-not-a-scale-prefix",
                   test_card_prefix_is_not_a_scale_prefix);
  g_test_add_func ("/settings-spec/time-zone-default-is-a-real-zone",
                   test_time_zone_default_is_real);

  return g_test_run ();
}
