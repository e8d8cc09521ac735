/* till-barcode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-arith.h"
#include "till-barcode.h"
#include "till-error.h"

#define SCALE_PREFIX_MIN 20
#define SCALE_PREFIX_MAX 28
#define MAX_QUOTED_CHARS 40

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return len > 0;
}

/* The code as a message can show it: valid UTF-8, one line, not too long. */
static char *
quote_code (const char *code)
{
  g_autofree char *valid = g_utf8_make_valid (code, -1);

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';
  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", valid);
}

const char *
till_barcode_kind_to_string (TillBarcodeKind kind)
{
  switch (kind)
    {
    case TILL_BARCODE_EAN8:
      return "EAN-8";
    case TILL_BARCODE_UPCA:
      return "UPC-A";
    case TILL_BARCODE_EAN13:
      return "EAN-13";
    case TILL_BARCODE_INTERNAL:
    default:
      return "internal";
    }
}

gboolean
till_barcode_classify (const char       *code,
                       TillBarcodeKind  *out_kind,
                       GError          **error)
{
  g_autofree char *quoted = NULL;
  gsize len;
  int check;

  g_return_val_if_fail (code != NULL, FALSE);

  len = strlen (code);
  if (len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "A barcode cannot be empty");
      return FALSE;
    }

  quoted = quote_code (code);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)code[i];

      if (c == ' ' || c == '\t')
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The barcode %s has a space; barcodes are letters, digits and "
                       "punctuation without spaces", quoted);
          return FALSE;
        }
      if (c < 0x21 || c > 0x7e)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The barcode %s has a character a scanner does not send; barcodes "
                       "are letters, digits and punctuation without accents or spaces", quoted);
          return FALSE;
        }
      if (c == '|')
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The barcode %s has a “|”, which separates barcodes in files", quoted);
          return FALSE;
        }
    }
  if (len > TILL_BARCODE_MAX_CHARS)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "The barcode %s is too long: at most %d characters", quoted,
                   TILL_BARCODE_MAX_CHARS);
      return FALSE;
    }

  if (!all_digits (code, len) || (len != 8 && len != 12 && len != 13))
    {
      if (out_kind != NULL)
        *out_kind = TILL_BARCODE_INTERNAL;
      return TRUE;
    }

  check = till_gs1_check_digit (code, len - 1);
  if (check != code[len - 1] - '0')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "The check digit of %s is wrong: for these digits it is %d (%s). "
                   "Scan it again or check the digits",
                   quoted, check, len == 8 ? "EAN-8" : len == 12 ? "UPC-A" : "EAN-13");
      return FALSE;
    }
  if (out_kind != NULL)
    *out_kind = len == 8 ? TILL_BARCODE_EAN8 : len == 12 ? TILL_BARCODE_UPCA : TILL_BARCODE_EAN13;
  return TRUE;
}

static int
compare_rules (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const TillScaleRule *)a)->prefix, ((const TillScaleRule *)b)->prefix);
}

GArray *
till_scale_rules_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (TillScaleRule));
  g_auto(GStrv) items = NULL;
  g_autofree char *tidy = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  tidy = g_strstrip (g_strdup (text));
  if (tidy[0] == '\0')
    return g_steal_pointer (&rules);

  items = g_strsplit (tidy, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      const char *colon = strchr (item, ':');
      g_autofree char *quoted = quote_code (item);
      g_autofree char *kind = NULL;
      TillScaleRule rule = { { 0 }, TILL_SCALE_WEIGHT };
      int prefix;

      if (item[0] == '\0')
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                               "scale.rules has an empty item; write PREFIX:KIND items separated "
                               "by commas, e.g. 21:weight,23:price");
          return NULL;
        }
      if (colon == NULL || colon - item != 2 || !all_digits (item, 2))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "scale.rules: %s is not PREFIX:KIND; a prefix is two digits from 20 to 28 "
                       "and KIND is weight or price, e.g. 21:weight,23:price", quoted);
          return NULL;
        }
      prefix = (item[0] - '0') * 10 + (item[1] - '0');
      if (prefix < SCALE_PREFIX_MIN || prefix > SCALE_PREFIX_MAX)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                       "scale.rules: the prefix %.2s is not allowed; scale prefixes are two "
                       "digits from 20 to 28", item);
          return NULL;
        }
      kind = g_strstrip (g_ascii_strdown (colon + 1, -1));
      if (g_str_equal (kind, "weight"))
        rule.kind = TILL_SCALE_WEIGHT;
      else if (g_str_equal (kind, "price"))
        rule.kind = TILL_SCALE_PRICE;
      else
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "scale.rules: %s has the kind “%s”; the kind is weight or price",
                       quoted, kind);
          return NULL;
        }
      memcpy (rule.prefix, item, 2);
      for (guint j = 0; j < rules->len; j++)
        if (strcmp (g_array_index (rules, TillScaleRule, j).prefix, rule.prefix) == 0)
          {
            g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                         "scale.rules: the prefix %s appears twice; each prefix has one kind",
                         rule.prefix);
            return NULL;
          }
      g_array_append_val (rules, rule);
    }
  g_array_sort (rules, compare_rules);
  return g_steal_pointer (&rules);
}

char *
till_scale_rules_format (GArray *rules)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (rules != NULL, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      const TillScaleRule *rule = &g_array_index (rules, TillScaleRule, i);

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "%s:%s", rule->prefix,
                              rule->kind == TILL_SCALE_WEIGHT ? "weight" : "price");
    }
  return g_string_free (text, FALSE);
}

const TillScaleRule *
till_scale_rules_match (GArray     *rules,
                        const char *code)
{
  g_return_val_if_fail (rules != NULL && code != NULL, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      const TillScaleRule *rule = &g_array_index (rules, TillScaleRule, i);
      if (g_str_has_prefix (code, rule->prefix))
        return rule;
    }
  return NULL;
}

gboolean
till_scale_label_parse (const char      *code,
                        GArray          *rules,
                        TillScaleLabel  *out_label,
                        GError         **error)
{
  const TillScaleRule *rule;
  TillScaleLabel label = { 0 };
  gint64 value = 0;
  int check;

  g_return_val_if_fail (code != NULL && rules != NULL, FALSE);

  if (strlen (code) != 13 || !all_digits (code, 13))
    return FALSE;
  rule = till_scale_rules_match (rules, code);
  if (rule == NULL)
    return FALSE;

  check = till_gs1_check_digit (code, 12);
  if (check != code[12] - '0')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "The check digit of the scale label “%s” is wrong (it should be %d); "
                   "scan it again or weigh the item again", code, check);
      return FALSE;
    }

  label.kind = rule->kind;
  memcpy (label.prefix, rule->prefix, 3);
  memcpy (label.template_code, code, 7);
  memcpy (label.template_code + 7, "00000", 5);
  label.template_code[12] = (char)('0' + till_gs1_check_digit (label.template_code, 12));
  label.template_code[13] = '\0';
  for (int i = 7; i < 12; i++)
    value = value * 10 + (code[i] - '0');
  label.value = value;
  if (out_label != NULL)
    *out_label = label;
  return TRUE;
}

gboolean
till_scale_template_is_valid (const char *code,
                              GArray     *rules)
{
  g_return_val_if_fail (code != NULL && rules != NULL, FALSE);

  return strlen (code) == 13 && all_digits (code, 13) &&
         till_scale_rules_match (rules, code) != NULL &&
         memcmp (code + 7, "00000", 5) == 0 &&
         till_gs1_is_valid (code);
}

gboolean
till_barcode_check_for_product (const char  *code,
                                const char  *card_prefix,
                                GArray      *rules,
                                gboolean     sold_by_weight,
                                GError     **error)
{
  g_autofree char *quoted = NULL;
  const TillScaleRule *rule;

  g_return_val_if_fail (code != NULL && rules != NULL, FALSE);

  if (!till_barcode_classify (code, NULL, error))
    return FALSE;

  quoted = quote_code (code);
  if (card_prefix != NULL && card_prefix[0] != '\0' && g_str_has_prefix (code, card_prefix))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "The barcode %s begins with %s, the prefix of this shop's loyalty cards; "
                   "a product cannot use it", quoted, card_prefix);
      return FALSE;
    }

  rule = till_scale_rules_match (rules, code);
  if (rule != NULL)
    {
      if (!till_scale_template_is_valid (code, rules))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The barcode %s begins with %s, a scale-label prefix, so it must be a "
                       "scale-label template: 13 digits, %s, the item's five digits, 00000 and "
                       "the check digit", quoted, rule->prefix, rule->prefix);
          return FALSE;
        }
      if (!sold_by_weight)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The scale-label template %s only goes on a product sold by weight", quoted);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
till_loyalty_card_parse (const char *code,
                         const char *card_prefix,
                         gboolean   *out_check_ok)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (card_prefix == NULL || card_prefix[0] == '\0' ||
      strlen (code) != 13 || !all_digits (code, 13) || !g_str_has_prefix (code, card_prefix))
    return FALSE;
  if (out_check_ok != NULL)
    *out_check_ok = till_gs1_is_valid (code);
  return TRUE;
}
