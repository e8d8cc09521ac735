/* test-barcode.c: barcodes, scale labels and loyalty cards as tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-arith.h"
#include "till-barcode.h"
#include "till-error.h"

typedef struct
{
  const char      *code;
  gboolean         valid;
  TillBarcodeKind  kind;
  const char      *message_part;   /* for refusals */
} ClassifyCase;

static void
test_classify_verifies_check_digits (void)
{
  g_autofree char *long_ok = g_strnfill (TILL_BARCODE_MAX_CHARS, 'A');
  g_autofree char *too_long = g_strnfill (TILL_BARCODE_MAX_CHARS + 1, 'A');
  const ClassifyCase cases[] = {
    { "4006381333931",  TRUE,  TILL_BARCODE_EAN13,    NULL },
    { "4006381333932",  FALSE, 0,                     "for these digits it is 1 (EAN-13)" },
    { "96385074",       TRUE,  TILL_BARCODE_EAN8,     NULL },
    { "96385075",       FALSE, 0,                     "it is 4 (EAN-8)" },
    { "036000291452",   TRUE,  TILL_BARCODE_UPCA,     NULL },
    { "036000291453",   FALSE, 0,                     "it is 2 (UPC-A)" },
    { "ABC-123",        TRUE,  TILL_BARCODE_INTERNAL, NULL },
    { "12345",          TRUE,  TILL_BARCODE_INTERNAL, NULL },
    { "12345678901234", TRUE,  TILL_BARCODE_INTERNAL, NULL },
    { "4006381333931X", TRUE,  TILL_BARCODE_INTERNAL, NULL },
    { long_ok,          TRUE,  TILL_BARCODE_INTERNAL, NULL },
    { too_long,         FALSE, 0,                     "too long" },
    { "",               FALSE, 0,                     "empty" },
    { "400 638",        FALSE, 0,                     "space" },
    { "A|B",            FALSE, 0,                     "separates barcodes" },
    { "CAFÉ",           FALSE, 0,                     "does not send" },
    { "AB\nC",          FALSE, 0,                     "does not send" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TillBarcodeKind kind = TILL_BARCODE_INTERNAL;
      gboolean ok = till_barcode_classify (cases[i].code, &kind, &error);

      g_test_message ("code %s", cases[i].code);
      g_assert_cmpint (ok, ==, cases[i].valid);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (kind, ==, cases[i].kind);
        }
      else
        {
          g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].message_part));
        }
    }
}

typedef struct
{
  const char *text;
  const char *canonical;   /* NULL: refused */
  guint       n_rules;
} RulesCase;

static void
test_scale_rules_parse_and_refuse (void)
{
  const RulesCase cases[] = {
    { "21:weight,23:price",      "21:weight,23:price", 2 },
    { " 23:price , 21:Weight ",  "21:weight,23:price", 2 },
    { "",                        "",                   0 },
    { "20:price",                "20:price",           1 },
    { "28:weight",               "28:weight",          1 },
    { "19:weight",               NULL, 0 },
    { "29:weight",               NULL, 0 },
    { "21:volume",               NULL, 0 },
    { "21weight",                NULL, 0 },
    { "2:weight",                NULL, 0 },
    { "021:weight",              NULL, 0 },
    { "21:weight,21:price",      NULL, 0 },
    { "21:weight,",              NULL, 0 },
    { "ab:weight",               NULL, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rules = till_scale_rules_parse (cases[i].text, &error);

      g_test_message ("rules “%s”", cases[i].text);
      if (cases[i].canonical == NULL)
        {
          g_assert_null (rules);
          g_assert_error (error, TILL_ERROR, error->code);
          g_assert_true (g_str_has_prefix (error->message, "scale.rules"));
        }
      else
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          g_assert_cmpuint (rules->len, ==, cases[i].n_rules);
          text = till_scale_rules_format (rules);
          g_assert_cmpstr (text, ==, cases[i].canonical);
        }
    }
}

/* A code of 12 digits and its check digit */
static char *
with_check (const char *payload)
{
  return g_strdup_printf ("%s%d", payload, till_gs1_check_digit (payload, strlen (payload)));
}

static void
test_scale_label_gives_template_and_value (void)
{
  g_autoptr(GArray) rules = till_scale_rules_parse ("21:weight,23:price", NULL);
  g_autofree char *weight_label = with_check ("210013501234");
  g_autofree char *price_label = with_check ("230042000799");
  g_autofree char *weight_template = with_check ("210013500000");
  g_autofree char *price_template = with_check ("230042000000");
  g_autofree char *bad = g_strdup (weight_label);
  g_autoptr(GError) error = NULL;
  TillScaleLabel label;

  g_assert_true (till_scale_label_parse (weight_label, rules, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpint (label.kind, ==, TILL_SCALE_WEIGHT);
  g_assert_cmpint (label.value, ==, 1234);
  g_assert_cmpstr (label.prefix, ==, "21");
  g_assert_cmpstr (label.template_code, ==, weight_template);
  g_assert_true (till_scale_template_is_valid (label.template_code, rules));

  g_assert_true (till_scale_label_parse (price_label, rules, &label, &error));
  g_assert_cmpint (label.kind, ==, TILL_SCALE_PRICE);
  g_assert_cmpint (label.value, ==, 799);
  g_assert_cmpstr (label.template_code, ==, price_template);

  /* A misread label is refused, not taken for something else. */
  bad[12] = bad[12] == '9' ? '0' : bad[12] + 1;
  g_assert_false (till_scale_label_parse (bad, rules, &label, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_clear_error (&error);

  /* Not labels at all: no error. */
  g_assert_false (till_scale_label_parse ("4006381333931", rules, &label, &error));
  g_assert_no_error (error);
  g_assert_false (till_scale_label_parse ("21001350123", rules, &label, &error));
  g_assert_no_error (error);
  g_assert_false (till_scale_label_parse ("ABCDEFGHIJKLM", rules, &label, &error));
  g_assert_no_error (error);

  /* A template has zero value digits and a right check digit. */
  g_assert_false (till_scale_template_is_valid (weight_label, rules));
  g_assert_false (till_scale_template_is_valid ("2100135000001", rules));
}

typedef struct
{
  const char *code;
  gboolean    weighed;
  const char *message_part;   /* NULL: accepted */
} ProductCodeCase;

static void
test_product_barcode_rules (void)
{
  g_autoptr(GArray) rules = till_scale_rules_parse ("21:weight,23:price", NULL);
  g_autofree char *template = with_check ("210013500000");
  g_autofree char *label = with_check ("210013501234");
  g_autofree char *card = with_check ("290000004821");
  const ProductCodeCase cases[] = {
    { "4006381333931", FALSE, NULL },
    { "4006381333931", TRUE,  NULL },
    { "SKU-INTERNAL",  FALSE, NULL },
    { template,        TRUE,  NULL },
    { template,        FALSE, "only goes on a product sold by weight" },
    { label,           TRUE,  "must be a scale-label template" },
    { "21ABC",         TRUE,  "must be a scale-label template" },
    { card,            FALSE, "prefix of this shop's loyalty cards" },
    { "29ABC",         FALSE, "prefix of this shop's loyalty cards" },
    { "4006381333932", FALSE, "check digit" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = till_barcode_check_for_product (cases[i].code, "29", rules, cases[i].weighed, &error);

      g_test_message ("code %s, weighed %d", cases[i].code, cases[i].weighed);
      if (cases[i].message_part == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].message_part));
        }
    }
}

static void
test_loyalty_card_read_by_prefix (void)
{
  g_autofree char *card = with_check ("290000004821");
  g_autofree char *bad = g_strdup (card);
  gboolean check_ok = FALSE;

  g_assert_true (till_loyalty_card_parse (card, "29", &check_ok));
  g_assert_true (check_ok);
  bad[12] = bad[12] == '9' ? '0' : bad[12] + 1;
  g_assert_true (till_loyalty_card_parse (bad, "29", &check_ok));
  g_assert_false (check_ok);
  g_assert_false (till_loyalty_card_parse (card, "28", &check_ok));
  g_assert_false (till_loyalty_card_parse ("2900000048", "29", &check_ok));
  g_assert_false (till_loyalty_card_parse (card, "", &check_ok));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/barcode/classify-verifies-check-digits-and-allows-internal-codes",
                   test_classify_verifies_check_digits);
  g_test_add_func ("/barcode/scale-rules-parse-canonically-and-refuse-bad-prefixes",
                   test_scale_rules_parse_and_refuse);
  g_test_add_func ("/barcode/scale-label-gives-template-and-value",
                   test_scale_label_gives_template_and_value);
  g_test_add_func ("/barcode/product-barcode-refuses-card-prefix-and-bad-templates",
                   test_product_barcode_rules);
  g_test_add_func ("/barcode/loyalty-card-read-by-prefix-with-check-digit",
                   test_loyalty_card_read_by_prefix);

  return g_test_run ();
}
