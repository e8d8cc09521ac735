/* till-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-money.h"
#include "till-error.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

/* 10^18 is the largest power of ten a gint64 holds, so no scale beyond it. */
#define MAX_SCALE 18

/* How many characters of a refused text a message quotes; pasting a whole
 * page into an entry must not produce a page-long message. */
#define MAX_QUOTED_CHARS 40

#define NO_BREAK_SPACE "\302\240"          /* U+00A0 */
#define NARROW_NO_BREAK_SPACE "\342\200\257" /* U+202F */

/* Sorted by code for bsearch().  Exponents are ISO 4217's.  Where a symbol
 * would be ambiguous across the region or written right-to-left, the code
 * stands in for it. */
static const TillCurrency currencies[] = {
  { "AED", 2, "AED" },
  { "AMD", 2, "֏" },
  { "ARS", 2, "$" },
  { "AUD", 2, "$" },
  { "AZN", 2, "₼" },
  { "BDT", 2, "৳" },
  { "BGN", 2, "лв." },
  { "BHD", 3, "BHD" },
  { "BIF", 0, "BIF" },
  { "BRL", 2, "R$" },
  { "CAD", 2, "$" },
  { "CHF", 2, "CHF" },
  { "CLF", 4, "CLF" },
  { "CLP", 0, "$" },
  { "CNY", 2, "¥" },
  { "COP", 2, "$" },
  { "CZK", 2, "Kč" },
  { "DJF", 0, "DJF" },
  { "DKK", 2, "kr." },
  { "EGP", 2, "E£" },
  { "EUR", 2, "€" },
  { "GBP", 2, "£" },
  { "GEL", 2, "₾" },
  { "GNF", 0, "GNF" },
  { "HKD", 2, "HK$" },
  { "HUF", 2, "Ft" },
  { "IDR", 2, "Rp" },
  { "ILS", 2, "₪" },
  { "INR", 2, "₹" },
  { "IQD", 3, "IQD" },
  { "ISK", 0, "kr" },
  { "JOD", 3, "JOD" },
  { "JPY", 0, "¥" },
  { "KES", 2, "KSh" },
  { "KMF", 0, "KMF" },
  { "KRW", 0, "₩" },
  { "KWD", 3, "KWD" },
  { "KZT", 2, "₸" },
  { "LKR", 2, "Rs" },
  { "LYD", 3, "LYD" },
  { "MAD", 2, "MAD" },
  { "MXN", 2, "$" },
  { "MYR", 2, "RM" },
  { "NGN", 2, "₦" },
  { "NOK", 2, "kr" },
  { "NZD", 2, "$" },
  { "OMR", 3, "OMR" },
  { "PEN", 2, "S/" },
  { "PHP", 2, "₱" },
  { "PKR", 2, "Rs" },
  { "PLN", 2, "zł" },
  { "PYG", 0, "₲" },
  { "QAR", 2, "QAR" },
  { "RON", 2, "lei" },
  { "RSD", 2, "RSD" },
  { "RUB", 2, "₽" },
  { "RWF", 0, "RWF" },
  { "SAR", 2, "SAR" },
  { "SEK", 2, "kr" },
  { "SGD", 2, "$" },
  { "THB", 2, "฿" },
  { "TND", 3, "TND" },
  { "TRY", 2, "₺" },
  { "TWD", 2, "NT$" },
  { "UAH", 2, "₴" },
  { "UGX", 0, "USh" },
  { "USD", 2, "$" },
  { "UYU", 2, "$" },
  { "VND", 0, "₫" },
  { "VUV", 0, "VUV" },
  { "XAF", 0, "FCFA" },
  { "XOF", 0, "CFA" },
  { "XPF", 0, "XPF" },
  { "ZAR", 2, "R" },
};

static int
compare_currency_code (const void *key,
                       const void *member)
{
  const TillCurrency *currency = member;

  return strcmp (key, currency->code);
}

const TillCurrency *
till_currency_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return bsearch (code, currencies, G_N_ELEMENTS (currencies),
                  sizeof currencies[0], compare_currency_code);
}

const TillCurrency *
till_currency_get_all (gsize *n_currencies)
{
  g_return_val_if_fail (n_currencies != NULL, NULL);

  *n_currencies = G_N_ELEMENTS (currencies);
  return currencies;
}

/* Separators */

typedef struct
{
  char radix[16];
  char group[16];   /* "" when the notation does not group */
} Separators;

/* nl_langinfo() answers in the locale's own charset and its buffer may be
 * reused by the next call, so keep a UTF-8 copy; a separator that cannot be
 * had in UTF-8 falls back to the FILE notation's. */
static void
copy_separator (char       *dest,
                gsize       dest_size,
                const char *locale_text,
                const char *fallback)
{
  g_autofree char *utf8 = NULL;

  if (locale_text == NULL)
    locale_text = fallback;

  if (g_utf8_validate (locale_text, -1, NULL))
    utf8 = g_strdup (locale_text);
  else
    utf8 = g_locale_to_utf8 (locale_text, -1, NULL, NULL, NULL);

  if (utf8 == NULL || strlen (utf8) >= dest_size)
    g_strlcpy (dest, fallback, dest_size);
  else
    g_strlcpy (dest, utf8, dest_size);
}

static void
get_separators (TillNotation  notation,
                Separators   *seps)
{
  if (notation == TILL_NOTATION_FILE)
    {
      g_strlcpy (seps->radix, ".", sizeof seps->radix);
      seps->group[0] = '\0';
      return;
    }

  copy_separator (seps->radix, sizeof seps->radix, nl_langinfo (RADIXCHAR), ".");
  if (seps->radix[0] == '\0')
    g_strlcpy (seps->radix, ".", sizeof seps->radix);

  copy_separator (seps->group, sizeof seps->group, nl_langinfo (THOUSEP), "");
  /* A locale that groups with its own radix could not be read back. */
  if (strcmp (seps->group, seps->radix) == 0)
    seps->group[0] = '\0';
}

/* Formatting */

static char *
format_decimal (gint64        value,
                guint         scale,
                TillNotation  notation,
                gboolean      drop_trailing_zeros)
{
  /* The magnitude as guint64: -G_MININT64 does not fit a gint64. */
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  char digits[MAX_SCALE + 24];
  gsize n_digits = 0;
  gsize n_int, frac_len;
  Separators seps;
  GString *out;

  g_assert (scale <= MAX_SCALE);

  /* Digits least significant first, at least scale + 1 of them so that
   * there is always an integer part ("0.05"). */
  do
    {
      digits[n_digits++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  while (n_digits < (gsize) scale + 1)
    digits[n_digits++] = '0';

  get_separators (notation, &seps);
  n_int = n_digits - scale;
  out = g_string_sized_new (n_digits + n_int / 3 * strlen (seps.group) + 8);

  if (value < 0)
    g_string_append_c (out, '-');

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, seps.group);
      g_string_append_c (out, digits[n_digits - 1 - i]);
    }

  /* digits[0 .. scale - 1] are the decimals, last decimal first. */
  frac_len = scale;
  if (drop_trailing_zeros)
    {
      gsize skipped = 0;

      while (skipped < scale && digits[skipped] == '0')
        skipped++;
      frac_len = scale - skipped;
    }

  if (frac_len > 0)
    {
      g_string_append (out, seps.radix);
      for (gsize i = 0; i < frac_len; i++)
        g_string_append_c (out, digits[scale - 1 - i]);
    }

  return g_string_free (out, FALSE);
}

/* Parsing */

/* The refused text as a message can show it: valid UTF-8, and not too long. */
static char *
quote_for_message (const char *start,
                   gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (start, (gssize) len);

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static gboolean
has_prefix_in_span (const char *p,
                    const char *end,
                    const char *prefix)
{
  gsize len = strlen (prefix);

  return len > 0 && (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

/* magnitude = magnitude × 10 + digit, or FALSE when that would not fit. */
static gboolean
push_digit (guint64 *magnitude,
            guint    digit)
{
  if (*magnitude > (G_MAXUINT64 - digit) / 10)
    return FALSE;

  *magnitude = *magnitude * 10 + digit;
  return TRUE;
}

/* Grammar, in both notations: ["-"] DIGITS [RADIX DIGITS*] | ["-"] RADIX DIGITS.
 * So "5." and ".5" are read as 5 and 0.5 (both are what people type), while a
 * lone separator, a "+", spaces, grouping and exponents are refused.
 * @start/@len is the number itself; @shown/@shown_len is what messages quote
 * (for a percent it includes the "%"). */
static gboolean
parse_span (const char    *start,
            gsize          len,
            const char    *shown,
            gsize          shown_len,
            guint          scale,
            TillNotation   notation,
            gboolean       allow_negative,
            gint64         max,
            gint64        *out_value,
            GError       **error)
{
  const char *end = start + len;
  const char *p = start;
  const char *int_start, *int_end;
  const char *frac_start = NULL, *frac_end = NULL;
  gsize frac_len = 0;
  gboolean negative = FALSE;
  gboolean overflow = FALSE;
  guint64 magnitude = 0;
  Separators seps;
  g_autofree char *quoted = NULL;

  g_assert (scale <= MAX_SCALE);
  g_assert (max >= 0);

  if (shown_len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Nothing was entered; a number is needed");
      return FALSE;
    }

  get_separators (notation, &seps);

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  int_start = p;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  int_end = p;

  if (has_prefix_in_span (p, end, seps.radix))
    {
      p += strlen (seps.radix);
      frac_start = p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      frac_end = p;
      frac_len = (gsize) (frac_end - frac_start);
    }

  if (p != end || (int_start == int_end && frac_len == 0))
    {
      quoted = quote_for_message (shown, shown_len);
      if (scale == 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                     "“%s” is not a whole number; write digits only, like “1234”",
                     quoted);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                     "“%s” is not a number; write digits with “%s” before the "
                     "decimals and no thousands separators, like “1234%s5”",
                     quoted, seps.radix, seps.radix);
      return FALSE;
    }

  /* Checked after the syntax so that "-abc" is called malformed, and before
   * the precision so that "-0,001" is refused for its sign. */
  if (negative && !allow_negative)
    {
      quoted = quote_for_message (shown, shown_len);
      g_set_error (error, TILL_ERROR, TILL_ERROR_NEGATIVE,
                   "“%s” has a minus sign, but only zero or more is allowed here",
                   quoted);
      return FALSE;
    }

  /* Refused rather than rounded: the value would not be what was written.
   * Zeros beyond the scale change nothing, so "2.400" is fine. */
  for (gsize i = scale; i < frac_len; i++)
    {
      if (frac_start[i] == '0')
        continue;

      quoted = quote_for_message (shown, shown_len);
      if (scale == 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_TOO_PRECISE,
                     "“%s” has decimals, but only whole numbers are allowed here",
                     quoted);
      else if (scale == 1)
        g_set_error (error, TILL_ERROR, TILL_ERROR_TOO_PRECISE,
                     "“%s” has more than 1 decimal", quoted);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_TOO_PRECISE,
                     "“%s” has more than %u decimals", quoted, scale);
      return FALSE;
    }

  /* The integer digits, then exactly @scale decimals (missing ones are
   * zeros), into an unsigned magnitude: overflow is caught before it
   * happens, and G_MININT64's magnitude would fit. */
  for (const char *q = int_start; !overflow && q < int_end; q++)
    overflow = !push_digit (&magnitude, (guint) (*q - '0'));
  for (gsize i = 0; !overflow && i < scale; i++)
    overflow = !push_digit (&magnitude, i < frac_len ? (guint) (frac_start[i] - '0') : 0);

  if (overflow || magnitude > (guint64) max)
    {
      g_autofree char *limit = format_decimal (max, scale, notation, TRUE);

      quoted = quote_for_message (shown, shown_len);
      if (negative)
        g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                     "“%s” is too far below zero; the least allowed is -%s",
                     quoted, limit);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                     "“%s” is too large; the most allowed is %s",
                     quoted, limit);
      return FALSE;
    }

  /* magnitude <= max <= G_MAXINT64, so the negation cannot overflow. */
  *out_value = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

static gboolean
is_valid_notation (TillNotation notation)
{
  return notation == TILL_NOTATION_PERSON || notation == TILL_NOTATION_FILE;
}

/* People's text comes with stray blanks around it (a paste, a trailing
 * newline); files' text must be exactly right, so FILE never trims. */
static void
trim_for_notation (const char   *text,
                   TillNotation  notation,
                   const char  **out_start,
                   gsize        *out_len)
{
  const char *start = text;
  const char *end = text + strlen (text);

  if (notation == TILL_NOTATION_PERSON)
    {
      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;
    }

  *out_start = start;
  *out_len = (gsize) (end - start);
}

gboolean
till_decimal_parse (const char    *text,
                    guint          scale,
                    TillNotation   notation,
                    gboolean       allow_negative,
                    gint64         max,
                    gint64        *out_value,
                    GError       **error)
{
  const char *start;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (scale <= MAX_SCALE, FALSE);
  g_return_val_if_fail (is_valid_notation (notation), FALSE);
  g_return_val_if_fail (max >= 0, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trim_for_notation (text, notation, &start, &len);

  return parse_span (start, len, start, len, scale, notation,
                     allow_negative, max, out_value, error);
}

char *
till_decimal_format (gint64        value,
                     guint         scale,
                     TillNotation  notation)
{
  g_return_val_if_fail (scale <= MAX_SCALE, NULL);
  g_return_val_if_fail (is_valid_notation (notation), NULL);

  return format_decimal (value, scale, notation, FALSE);
}

char *
till_decimal_format_short (gint64        value,
                           guint         scale,
                           TillNotation  notation)
{
  g_return_val_if_fail (scale <= MAX_SCALE, NULL);
  g_return_val_if_fail (is_valid_notation (notation), NULL);

  return format_decimal (value, scale, notation, TRUE);
}

/* Money */

gboolean
till_money_parse (const char          *text,
                  const TillCurrency  *currency,
                  TillNotation         notation,
                  gboolean             allow_negative,
                  gint64              *out_amount,
                  GError             **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (currency->exponent <= MAX_SCALE, FALSE);
  g_return_val_if_fail (is_valid_notation (notation), FALSE);
  g_return_val_if_fail (out_amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return till_decimal_parse (text, currency->exponent, notation, allow_negative,
                             TILL_MAX_ORDER_AMOUNT, out_amount, error);
}

char *
till_money_format (gint64               amount,
                   const TillCurrency  *currency,
                   TillNotation         notation)
{
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->exponent <= MAX_SCALE, NULL);
  g_return_val_if_fail (is_valid_notation (notation), NULL);

  return format_decimal (amount, currency->exponent, notation, FALSE);
}

/* One rule rather than a table of national habits: where the locale writes
 * decimals after a comma (most of continental Europe) the symbol follows the
 * number after a no-break space, "2,40 €"; elsewhere it comes first.  A
 * currency sign (Unicode category Sc: €, $, £, ¥…) then touches the digits,
 * "€2.40"; anything else, such as a code or an abbreviation ("CHF", "kr.",
 * "Rp"), is kept apart by a no-break space.  The sign always leads. */
char *
till_money_format_symbol (gint64               amount,
                          const TillCurrency  *currency)
{
  g_autofree char *number = NULL;
  const char *unsigned_number;
  const char *sign;
  const char *symbol;
  const char *last;
  Separators seps;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->code != NULL && currency->code[0] != '\0', NULL);
  g_return_val_if_fail (currency->exponent <= MAX_SCALE, NULL);

  number = format_decimal (amount, currency->exponent, TILL_NOTATION_PERSON, FALSE);
  sign = amount < 0 ? "-" : "";
  unsigned_number = amount < 0 ? number + 1 : number;
  symbol = currency->symbol != NULL && currency->symbol[0] != '\0'
           ? currency->symbol : currency->code;

  get_separators (TILL_NOTATION_PERSON, &seps);

  if (strcmp (seps.radix, ",") == 0)
    return g_strconcat (sign, unsigned_number, NO_BREAK_SPACE, symbol, NULL);

  last = g_utf8_find_prev_char (symbol, symbol + strlen (symbol));
  if (last != NULL && g_utf8_validate (symbol, -1, NULL)
      && g_unichar_type (g_utf8_get_char (last)) == G_UNICODE_CURRENCY_SYMBOL)
    return g_strconcat (sign, symbol, unsigned_number, NULL);

  return g_strconcat (sign, symbol, NO_BREAK_SPACE, unsigned_number, NULL);
}

/* Quantities */

gboolean
till_quantity_parse (const char    *text,
                     TillNotation   notation,
                     gint64        *out_thousandths,
                     GError       **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (is_valid_notation (notation), FALSE);
  g_return_val_if_fail (out_thousandths != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return till_decimal_parse (text, TILL_QTY_SCALE, notation, FALSE,
                             TILL_MAX_LINE_QTY, out_thousandths, error);
}

/* Whole quantities read best bare ("2" croissants); any other keeps all three
 * decimals, since a weight is read in grams ("0.350" kg, not "0.35"). */
char *
till_quantity_format (gint64        thousandths,
                      TillNotation  notation)
{
  g_return_val_if_fail (is_valid_notation (notation), NULL);

  return format_decimal (thousandths, TILL_QTY_SCALE, notation,
                         thousandths % 1000 == 0);
}

/* Percents */

static gboolean
span_has_suffix (const char *start,
                 const char *end,
                 const char *suffix)
{
  gsize len = strlen (suffix);

  return (gsize) (end - start) >= len && memcmp (end - len, suffix, len) == 0;
}

gboolean
till_percent_parse (const char    *text,
                    TillNotation   notation,
                    gint64        *out_bp,
                    GError       **error)
{
  const char *start;
  const char *end;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (is_valid_notation (notation), FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trim_for_notation (text, notation, &start, &len);
  end = start + len;

  if (end > start && end[-1] == '%')
    {
      end--;
      /* Locales write "12,5 %" with a (narrow) no-break space before the
       * sign, and a person may type a plain one. */
      if (notation == TILL_NOTATION_PERSON)
        {
          for (;;)
            {
              if (end > start && g_ascii_isspace (end[-1]))
                end--;
              else if (span_has_suffix (start, end, NO_BREAK_SPACE))
                end -= strlen (NO_BREAK_SPACE);
              else if (span_has_suffix (start, end, NARROW_NO_BREAK_SPACE))
                end -= strlen (NARROW_NO_BREAK_SPACE);
              else
                break;
            }
        }

      /* A lone "%" has no number to read. */
      if (end == start)
        {
          g_autofree char *quoted = quote_for_message (start, len);

          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "“%s” has no number before the percent sign", quoted);
          return FALSE;
        }
    }

  return parse_span (start, (gsize) (end - start), start, len, TILL_BP_SCALE,
                     notation, FALSE, TILL_BP_HUNDRED, out_bp, error);
}

char *
till_percent_format (gint64        bp,
                     TillNotation  notation)
{
  g_return_val_if_fail (is_valid_notation (notation), NULL);

  return format_decimal (bp, TILL_BP_SCALE, notation, TRUE);
}
