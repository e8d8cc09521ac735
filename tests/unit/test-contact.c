/* test-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-contact.h"
#include "till-error.h"

/* The expected "error code" of a case that must succeed. */
#define OK (-1)
#define INVALID TILL_ERROR_INVALID
#define OUT_OF_RANGE TILL_ERROR_OUT_OF_RANGE

#define NBSP "\302\240"
#define EN_DASH "\342\200\223"
#define THIN_SPACE "\342\200\211"
#define B "\342\200\242"   /* the bullet of masks */

#define PHONE_ITERATIONS 5000

/* Checks a refusal: TILL_ERROR with @code, a message that is valid UTF-8,
 * holds @needle, and is no essay. */
static void
check_refusal (const char   *input,
               const GError *error,
               int           code,
               const char   *needle)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == TILL_ERROR);
  if (error->code != code)
    g_error ("“%s”: error %d (%s), expected %d", input, error->code, error->message, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 400);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", input, error->message, needle);
}

/* Phones: normalising */

typedef struct
{
  const char *text;
  const char *country;
  const char *expected;   /* E.164 */
} PhoneGoodCase;

static const PhoneGoodCase national_cases[] = {
  { "0151 1234 5678",       "49",  "+4915112345678" },
  { "015112345678",         "49",  "+4915112345678" },
  { "030 1234567",          "49",  "+49301234567" },
  { "06 12 34 56 78",       "33",  "+33612345678" },
  { "01 23 45 67 89",       "33",  "+33123456789" },
  { "020 7946 0958",        "44",  "+442079460958" },
  { "0621 123 456",         "352", "+352621123456" },
  { "0202 555 0143",        "1",   "+12025550143" },
  { "012345",               "352", "+35212345" },      /* 8 digits: the least */
  { "0123 4567 8901 23",    "49",  "+491234567890123" }, /* 15 digits: the most */
};

static const PhoneGoodCase international_cases[] = {
  { "+49 151 12345678",     "49",  "+4915112345678" },
  { "+4915112345678",       "49",  "+4915112345678" },
  { "0049 151 12345678",    "49",  "+4915112345678" },
  { "0033 6 12 34 56 78",   "49",  "+33612345678" },
  { "+33 6 12 34 56 78",    "49",  "+33612345678" },
  { "+1 (202) 555-0143",    "49",  "+12025550143" },
  { "+1-202-555-0143",      "49",  "+12025550143" },
  { "+44 20 7946 0958",     "49",  "+442079460958" },
  { "+352 621 123 456",     "49",  "+352621123456" },
  { "+7 912 345-67-89",     "49",  "+79123456789" },
  { "+81 3-1234-5678",      "49",  "+81312345678" },
  { "+86 138 0013 8000",    "49",  "+8613800138000" },
  { "+27 82 123 4567",      "49",  "+27821234567" },
  { "+1 684 633 1234",      "49",  "+16846331234" },
  /* The shop's country does not matter for an international number, even
   * when it is not set right. */
  { "+49 151 12345678",     "",    "+4915112345678" },
  { "0049 151 12345678",    "+49", "+4915112345678" },
};

static const PhoneGoodCase separator_cases[] = {
  { "0151-1234-5678",                        "49", "+4915112345678" },
  { "0151/12345678",                         "49", "+4915112345678" },
  { "0151.1234.5678",                        "49", "+4915112345678" },
  { "(0151) 1234 5678",                      "49", "+4915112345678" },
  { "0151\t1234\t5678",                      "49", "+4915112345678" },
  { "  0151 1234 5678\n",                    "49", "+4915112345678" },
  { NBSP "0151" NBSP "1234" NBSP "5678" NBSP, "49", "+4915112345678" },
  { "0151" EN_DASH "1234" EN_DASH "5678",    "49", "+4915112345678" },
  { "+49" THIN_SPACE "151" THIN_SPACE "12345678", "49", "+4915112345678" },
  { "0151 / 1234 - 56 . 78",                 "49", "+4915112345678" },
};

static const PhoneGoodCase trunk_prefix_cases[] = {
  { "+49 (0)151 12345678",       "49", "+4915112345678" },
  { "+49(0)15112345678",         "49", "+4915112345678" },
  { "+49 (0) 151 1234 5678",     "49", "+4915112345678" },
  { "+49 ( 0 ) 151 1234 5678",   "49", "+4915112345678" },
  { "0049 (0)151 12345678",      "49", "+4915112345678" },
  { "+44 (0)20 7946 0958",       "49", "+442079460958" },
  /* Only a group of a lone 0 is the trunk prefix. */
  { "+49 (030) 1234567",         "49", "+490301234567" },
  { "+1 (202) 555 0143",         "49", "+12025550143" },
  /* In a national number the 0 is the trunk prefix anyway. */
  { "(0)151 12345678",           "49", "+4915112345678" },
};

static void
check_phone_good_cases (const PhoneGoodCase *cases,
                        gsize                n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const PhoneGoodCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;

      if (!till_phone_normalize (c->text, c->country, &e164, &error))
        g_error ("“%s” (country %s) refused: %s", c->text, c->country, error->message);
      g_assert_no_error (error);
      if (g_strcmp0 (e164, c->expected) != 0)
        g_error ("“%s” (country %s) → %s, expected %s", c->text, c->country, e164, c->expected);
    }
}

static void
test_phone_national_number_takes_the_shop_country (void)
{
  check_phone_good_cases (national_cases, G_N_ELEMENTS (national_cases));
}

static void
test_phone_plus_and_00_mean_international (void)
{
  check_phone_good_cases (international_cases, G_N_ELEMENTS (international_cases));
}

static void
test_phone_separators_are_ignored (void)
{
  check_phone_good_cases (separator_cases, G_N_ELEMENTS (separator_cases));
}

static void
test_phone_trunk_prefix_in_parentheses_is_dropped (void)
{
  check_phone_good_cases (trunk_prefix_cases, G_N_ELEMENTS (trunk_prefix_cases));
}

typedef struct
{
  const char *text;
  const char *country;
  const char *needle;     /* a part of the message */
} PhoneBadCase;

static const PhoneBadCase phone_bad_cases[] = {
  { "",                          "49", "Nothing was entered" },
  { "   \t ",                    "49", "Nothing was entered" },
  /* Ambiguous: which country? */
  { "151 1234 5678",             "49", "“151 1234 5678” could be a number of any country" },
  { "4915112345678",             "49", "start it with 0" },
  { "(151) 1234 5678",           "49", "any country" },
  /* Letters and other characters */
  { "0151 CALL ME",              "49", "“C” cannot be part of one" },
  { "0151 1234 5678 ext 12",     "49", "“e” cannot be part of one" },
  { "0151#12345678",             "49", "“#” cannot be part of one" },
  { "+49 151 1234 567a",         "49", "“a” cannot be part of one" },
  { "0151_1234_5678",            "49", "“_” cannot be part of one" },
  { "0151\n1234 5678",           "49", "“U+000A” cannot be part of one" },
  { "0151 1234 5678 \xc3\xa9",   "49", "“é” cannot be part of one" },
  { "\xef\xbc\x90\xef\xbc\x91\xef\xbc\x95\xef\xbc\x91 12345678", "49", "cannot be part of one" }, /* fullwidth digits */
  { "0151 1234 5678 \xc4\xb1",   "49", "cannot be part of one" },   /* U+0131, low byte '1' */
  { "\xff" "0151 12345678",      "49", "bytes that are not text" },
  /* A "+" in the wrong place */
  { "0151 1234+5678",            "49", "a “+” can only come first" },
  { "++49 151 12345678",         "49", "a “+” can only come first" },
  { "0049 +151 12345678",        "49", "a “+” can only come first" },
  /* Parentheses */
  { "(0151 1234 5678",           "49", "parentheses do not match" },
  { "0151) 1234 5678",           "49", "parentheses do not match" },
  { "((0151)) 1234 5678",        "49", "parentheses do not match" },
  { "+49 (0 151 1234 5678",      "49", "parentheses do not match" },
  /* No digits */
  { "+",                         "49", "it has no digits" },
  { "-- / .",                    "49", "it has no digits" },
  { "()",                        "49", "it has no digits" },
  /* Country codes */
  { "+0049 151 12345678",        "49", "the country code after “+” never starts with 0" },
  { "000 49 151 12345678",       "49", "the country code after “00” never starts with 0" },
  { "+28 1234 5678",             "49", "what follows “+” is not a country calling code" },
  { "0028 1234 5678",            "49", "what follows “00” is not a country calling code" },
  { "+999 1234 5678",            "49", "not a country calling code" },
  /* Length, with the country code */
  { "+49 1234",                  "49", "too short for a phone number: it has 6 digits" },
  { "01234",                     "49", "too short" },
  { "0",                         "49", "too short" },
  { "+49 1234 5678 9012 34",     "49", "too long for a phone number: it has 16 digits" },
  { "0123 4567 8901 234",        "49", "too long" },
  /* The shop's country, needed for a national number */
  { "0151 12345678",             "",    "The shop's phone country “” is not a country calling code" },
  { "0151 12345678",             "+49", "set phone.country to digits like 49" },
  { "0151 12345678",             "28",  "The shop's phone country “28”" },
  { "0151 12345678",             "4a",  "The shop's phone country “4a”" },
  { "0151 12345678",             "4900", "The shop's phone country “4900”" },
};

static void
test_phone_refusals_say_why (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (phone_bad_cases); i++)
    {
      const PhoneBadCase *c = &phone_bad_cases[i];
      g_autoptr(GError) error = NULL;
      char *e164 = (char *) "untouched";

      if (till_phone_normalize (c->text, c->country, &e164, &error))
        g_error ("“%s” (country %s) accepted as %s", c->text, c->country, e164);
      check_refusal (c->text, error, INVALID, c->needle);
      g_assert_cmpstr (e164, ==, "untouched");
    }
}

static void
test_phone_messages_quote_what_was_typed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = NULL;
  g_autoptr(GString) long_text = g_string_new ("0151 ");

  g_assert_false (till_phone_normalize ("  0151 1234 x  ", "49", &e164, &error));
  /* Trimmed, as the cashier sees it. */
  g_assert_true (g_str_has_prefix (error->message, "“0151 1234 x” is not a phone number"));
  g_clear_error (&error);

  /* On one line, whatever was pasted. */
  g_assert_false (till_phone_normalize ("0151\n1234\r\n5678", "49", &e164, &error));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\r'));
  g_assert_true (g_str_has_prefix (error->message, "“0151 1234  5678” is not a phone number"));
  g_clear_error (&error);

  for (int i = 0; i < 200; i++)
    g_string_append (long_text, "x");
  g_assert_false (till_phone_normalize (long_text->str, "49", &e164, &error));
  g_assert_nonnull (strstr (error->message, "xxx…”"));
  g_assert_cmpuint (strlen (error->message), <, 200);
}

/* Phones: random formatting normalises alike */

static const char * const separators[] = {
  " ", "-", ".", "/", "  ", " - ", NBSP, THIN_SPACE, EN_DASH, "\t",
};

static const char *
random_calling_code (void)
{
  gsize n_codes;
  const char * const *codes = till_phone_get_calling_codes (&n_codes);

  return codes[g_test_rand_int_range (0, (gint32) n_codes)];
}

/* Digits after the calling code, so that the whole has 8 to 15 digits.  The
 * first is not 0: a national number written with its trunk 0 would then
 * start with 00 and read as international. */
static char *
random_national_digits (const char *code)
{
  gsize code_len = strlen (code);
  gsize least = code_len >= TILL_PHONE_MIN_DIGITS - 1 ? 1 : TILL_PHONE_MIN_DIGITS - code_len;
  gsize n = (gsize) g_test_rand_int_range ((gint32) least,
                                           (gint32) (TILL_PHONE_MAX_DIGITS - code_len + 1));
  char *digits = g_malloc (n + 1);

  for (gsize i = 0; i < n; i++)
    digits[i] = (char) ('0' + g_test_rand_int_range (i == 0 ? 1 : 0, 10));
  digits[n] = '\0';
  return digits;
}

/* Writes @digits as a person might: separators between some digits, and
 * some runs of two or more digits in parentheses. */
static void
append_scattered (GString    *out,
                  const char *digits)
{
  gsize n = strlen (digits);
  gsize group_end = 0;   /* after this many digits, close the group; 0: none open */

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && group_end == 0 && g_test_rand_int_range (0, 3) == 0)
        g_string_append (out, separators[g_test_rand_int_range (0, G_N_ELEMENTS (separators))]);
      if (group_end == 0 && i + 2 <= n && g_test_rand_int_range (0, 8) == 0)
        {
          g_string_append_c (out, '(');
          group_end = i + (gsize) g_test_rand_int_range (2, (gint32) (n - i + 1));
        }
      g_string_append_c (out, digits[i]);
      if (group_end != 0 && i + 1 == group_end)
        {
          g_string_append_c (out, ')');
          group_end = 0;
        }
    }
}

static void
test_phone_formatting_variants_normalise_alike (void)
{
  for (int iteration = 0; iteration < PHONE_ITERATIONS; iteration++)
    {
      const char *code = random_calling_code ();
      g_autofree char *national = random_national_digits (code);
      g_autofree char *expected = g_strconcat ("+", code, national, NULL);
      g_autoptr(GString) typed = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;
      const char *shop = g_test_rand_bit () ? code : random_calling_code ();
      int form = g_test_rand_int_range (0, strcmp (shop, code) == 0 ? 5 : 4);

      if (g_test_rand_int_range (0, 4) == 0)
        g_string_append (typed, g_test_rand_bit () ? " " : NBSP);

      switch (form)
        {
        case 0:   /* +CC NATIONAL */
        case 1:   /* +CC (0) NATIONAL */
          g_string_append_c (typed, '+');
          append_scattered (typed, code);
          g_string_append (typed, separators[g_test_rand_int_range (0, 3)]);
          if (form == 1)
            g_string_append (typed, g_test_rand_bit () ? "(0)" : "(0) ");
          append_scattered (typed, national);
          break;
        case 2:   /* 00CC NATIONAL */
        case 3:   /* 00 CC (0)NATIONAL */
          g_string_append (typed, "00");
          if (form == 3)
            g_string_append_c (typed, ' ');
          append_scattered (typed, code);
          g_string_append (typed, separators[g_test_rand_int_range (0, 3)]);
          if (form == 3)
            g_string_append (typed, "(0)");
          append_scattered (typed, national);
          break;
        case 4:   /* 0NATIONAL, the shop's country */
          g_string_append_c (typed, '0');
          append_scattered (typed, national);
          break;
        default:
          g_assert_not_reached ();
        }

      if (g_test_rand_int_range (0, 4) == 0)
        g_string_append (typed, g_test_rand_bit () ? "\n" : "  ");

      if (!till_phone_normalize (typed->str, shop, &e164, &error))
        g_error ("“%s” (shop %s) refused: %s", typed->str, shop, error->message);
      if (strcmp (e164, expected) != 0)
        g_error ("“%s” (shop %s) → %s, expected %s", typed->str, shop, e164, expected);
    }
}

static void
test_phone_normalized_numbers_stay_the_same (void)
{
  /* Normalising is idempotent: what is stored reads back as itself. */
  for (int iteration = 0; iteration < PHONE_ITERATIONS; iteration++)
    {
      const char *code = random_calling_code ();
      g_autofree char *national = random_national_digits (code);
      g_autofree char *e164 = g_strconcat ("+", code, national, NULL);
      g_autofree char *again = NULL;
      g_autoptr(GError) error = NULL;

      if (!till_phone_normalize (e164, "49", &again, &error))
        g_error ("%s refused: %s", e164, error->message);
      g_assert_cmpstr (again, ==, e164);
    }
}

/* Phones: calling codes */

static void
test_phone_calling_codes_are_a_sorted_prefix_code (void)
{
  gsize n_codes;
  const char * const *codes = till_phone_get_calling_codes (&n_codes);

  g_assert_cmpuint (n_codes, >, 200);
  for (gsize i = 0; i < n_codes; i++)
    {
      gsize len = strlen (codes[i]);

      g_assert_cmpuint (len, >=, 1);
      g_assert_cmpuint (len, <=, 3);
      g_assert_true (codes[i][0] >= '1' && codes[i][0] <= '9');
      for (gsize k = 0; k < len; k++)
        g_assert_true (g_ascii_isdigit (codes[i][k]));
      if (i > 0 && strcmp (codes[i - 1], codes[i]) >= 0)
        g_error ("calling codes not sorted: %s before %s", codes[i - 1], codes[i]);
      for (gsize j = 0; j < n_codes; j++)
        if (j != i && g_str_has_prefix (codes[j], codes[i]))
          g_error ("calling code %s is a prefix of %s", codes[i], codes[j]);
      /* Each is found as itself. */
      g_assert_cmpuint (till_phone_country_code_length (codes[i]), ==, len);
    }
}

typedef struct
{
  const char *digits;
  gsize       expected;
} CodeLengthCase;

static const CodeLengthCase code_length_cases[] = {
  { "4915112345678", 2 },
  { "12025550143",   1 },
  { "79123456789",   1 },
  { "352621123456",  3 },
  { "27821234567",   2 },   /* South Africa; no 27x exists */
  { "2118",          3 },
  { "8613800138000", 2 },
  { "85212345678",   3 },
  { "88612345678",   3 },
  { "2812345678",    0 },   /* spare */
  { "99912345",      0 },
  { "0049151",       0 },
  { "4",             0 },
  { "",              0 },
  { "+49",           0 },   /* digits only */
};

static void
test_phone_calling_code_is_found_at_the_start (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (code_length_cases); i++)
    {
      const CodeLengthCase *c = &code_length_cases[i];
      gsize got = till_phone_country_code_length (c->digits);

      if (got != c->expected)
        g_error ("“%s”: calling code of %" G_GSIZE_FORMAT " digits, expected %" G_GSIZE_FORMAT,
                 c->digits, got, c->expected);
    }
}

typedef struct
{
  const char *code;
  gboolean    valid;
} CountryCase;

static const CountryCase country_cases[] = {
  { "49",   TRUE },
  { "1",    TRUE },
  { "7",    TRUE },
  { "352",  TRUE },
  { "886",  TRUE },
  { "",     FALSE },
  { "+49",  FALSE },
  { "049",  FALSE },
  { "4a",   FALSE },
  { "4900", FALSE },
  { "28",   FALSE },
  { "999",  FALSE },
  { " 49",  FALSE },
};

static void
test_phone_shop_country_setting_is_a_calling_code (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (country_cases); i++)
    {
      const CountryCase *c = &country_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = till_phone_country_validate (c->code, &error);

      if (ok != c->valid)
        g_error ("phone.country “%s”: %s, expected %s", c->code,
                 ok ? "accepted" : error->message, c->valid ? "accepted" : "refused");
      if (!ok)
        check_refusal (c->code, error, INVALID, c->code[0] == '\0' ? "Nothing" : "calling code");
    }
}

/* Phones: masks */

typedef struct
{
  const char *text;
  const char *expected;
} MaskCase;

static void
check_mask_cases (char           *(*mask) (const char *),
                  const MaskCase  *cases,
                  gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *got = mask (cases[i].text);

      g_assert_true (g_utf8_validate (got, -1, NULL));
      if (strcmp (got, cases[i].expected) != 0)
        g_error ("mask of “%s” is “%s”, expected “%s”", cases[i].text, got, cases[i].expected);
    }
}

static const MaskCase phone_mask_cases[] = {
  { "+4915112345678",  "+49 " B B B B " " B B "78" },
  { "+12025550143",    "+1 " B B B B " " B B "43" },
  { "+79123456789",    "+7 " B B B B " " B B "89" },
  { "+352621123456",   "+352 " B B B B " " B B "56" },
  { "+8613800138000",  "+86 " B B B B " " B B "00" },
  { "+35212345",       "+352 " B B B B " " B B "45" },
  { "+491234567890123", "+49 " B B B B " " B B "23" },
  /* Not E.164: no calling code is shown, only the last two digits. */
  { "+2812345678",     B B B B " " B B "78" },
  { "015112345678",    B B B B " " B B "78" },
  { "+5",              B B B B " " B B "5" },
  { "",                B B B B " " B B },
};

static void
test_phone_mask_shows_country_and_last_two_digits (void)
{
  check_mask_cases (till_phone_mask, phone_mask_cases, G_N_ELEMENTS (phone_mask_cases));
}

static void
test_phone_mask_hides_all_but_code_and_last_two (void)
{
  for (int iteration = 0; iteration < PHONE_ITERATIONS; iteration++)
    {
      const char *code = random_calling_code ();
      g_autofree char *national = random_national_digits (code);
      g_autofree char *e164 = g_strconcat ("+", code, national, NULL);
      g_autofree char *mask = till_phone_mask (e164);
      g_autofree char *expected = g_strdup_printf ("+%s " B B B B " " B B "%s",
                                                   code, e164 + strlen (e164) - 2);

      g_assert_cmpstr (mask, ==, expected);
    }
}

/* E-mail */

static const char * const email_good_cases[] = {
  "helene@example.org",
  "h@example.org",
  "first.last@sub.example.co.uk",
  "user+tag@example.com",
  "o'brien@example.ie",
  "x_y-z@ex-ample.de",
  "a@b.cd",
  "UPPER@EXAMPLE.ORG",
  "1234@123.example",
  "!#$%&'*+/=?^_`{|}~-@example.org",
  "a@xn--mnchen-3ya.de",
};

static void
test_email_accepts_practical_addresses (void)
{
  g_autofree char *local_64 = g_strnfill (64, 'l');
  g_autofree char *label_63 = g_strnfill (63, 'd');
  g_autofree char *at_64 = g_strconcat (local_64, "@example.org", NULL);
  g_autofree char *label_at_63 = g_strconcat ("h@", label_63, ".org", NULL);
  /* 64 + 1 + 63 + 1 + 63 + 1 + 57 + 1 + 3 = 254 */
  g_autofree char *label_57 = g_strnfill (57, 'e');
  g_autofree char *longest = g_strconcat (local_64, "@", label_63, ".", label_63, ".",
                                          label_57, ".org", NULL);
  const char *edges[] = { at_64, label_at_63, longest };

  g_assert_cmpuint (strlen (longest), ==, TILL_EMAIL_MAX_BYTES);

  for (gsize i = 0; i < G_N_ELEMENTS (email_good_cases); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!till_email_validate (email_good_cases[i], &error))
        g_error ("“%s” refused: %s", email_good_cases[i], error->message);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!till_email_validate (edges[i], &error))
        g_error ("“%s” refused: %s", edges[i], error->message);
    }
}

typedef struct
{
  const char *text;
  const char *needle;
} EmailBadCase;

static const EmailBadCase email_bad_cases[] = {
  { "",                         "Nothing was entered" },
  { "hélène@@example",          "“hélène@@example” is not an e-mail address" },
  { "hélène@example.org",       "without accents" },
  { "helene@exämple.org",       "without accents" },
  { "helene@@example.org",      "it has more than one “@”" },
  { "he@lene@example.org",      "more than one “@”" },
  { "helene.example.org",       "it has no “@”" },
  { "@example.org",             "nothing comes before the “@”" },
  { "helene@",                  "nothing comes after the “@”" },
  { "helene@example",           "needs a dot" },
  { "helene@example.o",         "two or more letters" },
  { "helene@example.123",       "two or more letters" },
  { "helene@example.or9",       "two or more letters" },
  { "helene@-example.org",      "starts or ends with “-”" },
  { "helene@example-.org",      "starts or ends with “-”" },
  { "helene@example.-org",      "starts or ends with “-”" },
  { "helene@example..org",      "after the “@” has a dot first, last or twice" },
  { "helene@.example.org",      "after the “@” has a dot first" },
  { "helene@example.org.",      "after the “@” has a dot first, last" },
  { ".helene@example.org",      "before the “@” has a dot first" },
  { "helene.@example.org",      "before the “@” has a dot first, last" },
  { "hel..ene@example.org",     "twice in a row" },
  { "hel ene@example.org",      "it has a space" },
  { " helene@example.org",      "it has a space" },
  { "helene@example.org\n",     "it has a tab or a line break" },
  { "hel\tene@example.org",     "it has a tab or a line break" },
  { "a\001b@example.org",       "control character" },
  { "helene@exa_mple.org",      "“_” cannot be part of the domain" },
  { "hel(ene)@example.org",     "“(” cannot come before the “@”" },
  { "hel\"ene@example.org",     "“\"” cannot come before the “@”" },
  { "helene@[192.0.2.1]",       "cannot be part of the domain" },
  { "helene\xff@example.org",   "not an e-mail address" },
};

static void
test_email_refusals_say_why (void)
{
  g_autofree char *local_65 = g_strnfill (65, 'l');
  g_autofree char *label_64 = g_strnfill (64, 'd');
  g_autofree char *label_57 = g_strnfill (57, 'e');
  g_autofree char *label_63 = g_strnfill (63, 'd');
  g_autofree char *long_local = g_strconcat (local_65, "@example.org", NULL);
  g_autofree char *long_label = g_strconcat ("h@", label_64, ".org", NULL);
  g_autofree char *too_long = g_strconcat ("l@", label_63, ".", label_63, ".", label_63, ".",
                                           label_57, ".org", NULL);
  const EmailBadCase edges[] = {
    { long_local, "the part before the “@” is longer than 64 characters" },
    { long_label, "longer than 63 characters" },
    { too_long,   "too long for an e-mail address" },
  };

  g_assert_cmpuint (strlen (too_long), ==, TILL_EMAIL_MAX_BYTES + 1);

  for (gsize i = 0; i < G_N_ELEMENTS (email_bad_cases) + G_N_ELEMENTS (edges); i++)
    {
      const EmailBadCase *c = i < G_N_ELEMENTS (email_bad_cases)
                              ? &email_bad_cases[i]
                              : &edges[i - G_N_ELEMENTS (email_bad_cases)];
      g_autoptr(GError) error = NULL;

      if (till_email_validate (c->text, &error))
        g_error ("“%s” accepted", c->text);
      check_refusal (c->text, error, INVALID, c->needle);
    }
}

static const MaskCase email_mask_cases[] = {
  { "helene@example.org",  "h" B B B "@example.org" },
  { "h@example.org",       "h" B B B "@example.org" },
  { "élodie@example.fr",   "é" B B B "@example.fr" },
  { "漢字@example.jp",     "漢" B B B "@example.jp" },
  { "helene",              "h" B B B },
  { "@example.org",        B B B "@example.org" },
  { "",                    B B B },
};

static void
test_email_mask_keeps_first_character_and_domain (void)
{
  check_mask_cases (till_email_mask, email_mask_cases, G_N_ELEMENTS (email_mask_cases));
}

/* Addresses and cards */

static const MaskCase address_mask_cases[] = {
  { "Kastanienallee 12\n10435 Berlin",             "10435 Berlin" },
  { "Kastanienallee 12\r\n10435 Berlin\r\n",       "10435 Berlin" },
  { "c/o Müller\nHauptstr. 1\n\n80331 München\n",  "80331 München" },
  { "Kastanienallee 12\n10435 Berlin\n  \n\t\n",   "10435 Berlin" },
  { "  10115 Berlin  ",                            "10115 Berlin" },
  { "one line",                                    "one line" },
  { "",                                            "" },
  { "  \n \n",                                     "" },
};

static void
test_address_mask_keeps_the_last_line (void)
{
  check_mask_cases (till_address_mask, address_mask_cases, G_N_ELEMENTS (address_mask_cases));
}

static const MaskCase card_mask_cases[] = {
  { "2900000048217",    B B B B "8217" },
  { "2900 0000 4821 7", B B B B "8217" },
  { "4821",             B B B B "4821" },
  { "12345",            B B B B "2345" },
  { "821",              B B B B },
  { "",                 B B B B },
};

static void
test_card_mask_keeps_the_last_four_digits (void)
{
  check_mask_cases (till_card_mask, card_mask_cases, G_N_ELEMENTS (card_mask_cases));
}

/* Free text */

typedef struct
{
  const char *text;
  const char *label;
  gsize       max_chars;
  gboolean    allow_newline;
  gboolean    required;
  const char *message;   /* the exact message, or NULL when accepted */
} TextCase;

#define E10 "éééééééééé"
#define E50 E10 E10 E10 E10 E10

static const TextCase text_cases[] = {
  { "Hélène Dubois",        "Name",    200, FALSE, TRUE,  NULL },
  { "",                     "Notes",   2000, TRUE, FALSE, NULL },
  { "Line 1\nLine 2",       "Address", 500, TRUE,  FALSE, NULL },
  { "a\tb",                 "Name",    200, FALSE, TRUE,  NULL },
  { "漢字",                 "Name",    2,   FALSE, TRUE,  NULL },
  { E50 E50 E50 E50,        "Name",    200, FALSE, TRUE,  NULL },   /* 200 characters, 400 bytes */
  { "",                     "Name",    0,   FALSE, FALSE, NULL },
  { "",                     "Name",    200, FALSE, TRUE,  "Name: this cannot be left empty" },
  { "  \t" NBSP,            "Name",    200, FALSE, TRUE,  "Name: this cannot be left empty" },
  { "\n\n",                 "Address", 500, TRUE,  TRUE,  "Address: this cannot be left empty" },
  { "Hélène\nDubois",       "Name",    200, FALSE, TRUE,  "Name: a newline is not allowed here" },
  { "a\342\200\250b",       "Name",    200, FALSE, TRUE,  "Name: a newline is not allowed here" },  /* U+2028 */
  { "a\342\200\251b",       "Name",    200, FALSE, TRUE,  "Name: a newline is not allowed here" },  /* U+2029 */
  { "a\rb",                 "Address", 500, TRUE,  FALSE, "Address: a carriage return (CR) is not allowed here" },
  { "a\r\nb",               "Address", 500, TRUE,  FALSE, "Address: a carriage return (CR) is not allowed here" },
  { "a\007b",               "Name",    200, FALSE, TRUE,  "Name: the control character U+0007 is not allowed here" },
  { "a\033[31m",            "Notes",   2000, TRUE, FALSE, "Notes: the control character U+001B is not allowed here" },
  { "a\177",                "Name",    200, FALSE, TRUE,  "Name: the control character U+007F is not allowed here" },
  { "a\302\205",            "Name",    200, FALSE, TRUE,  "Name: the control character U+0085 is not allowed here" },
  { "H\xe9l\xe8ne",         "Name",    200, FALSE, TRUE,  "Name: this has bytes that are not text (not valid UTF-8)" },
  { E50 E50 E50 E50 "é",    "Name",    200, FALSE, TRUE,  "Name: at most 200 characters are allowed, and this has 201" },
  { "漢字仮",               "Name",    2,   FALSE, TRUE,  "Name: at most 2 characters are allowed, and this has 3" },
  { "x",                    "Name",    0,   FALSE, FALSE, "Name: at most 0 characters are allowed, and this has 1" },
};

static void
test_text_rules_name_the_field (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      const TextCase *c = &text_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = till_text_validate (c->text, c->label, c->max_chars, c->allow_newline,
                                        c->required, &error);

      if (c->message == NULL)
        {
          if (!ok)
            g_error ("case %" G_GSIZE_FORMAT " refused: %s", i, error->message);
          continue;
        }
      if (ok)
        g_error ("case %" G_GSIZE_FORMAT " (“%s”) accepted", i, c->message);
      check_refusal (c->text, error, INVALID, NULL);
      g_assert_cmpstr (error->message, ==, c->message);
    }
}

/* Dates */

typedef struct
{
  const char *text;
  int         code;
  const char *needle;
} DateCase;

static const DateCase date_cases[] = {
  { "1990-04-23",       OK, NULL },
  { "2000-02-29",       OK, NULL },
  { "2024-02-29",       OK, NULL },
  { "1900-01-01",       OK, NULL },
  { "2100-12-31",       OK, NULL },
  { "1990-12-31",       OK, NULL },
  { "",                 INVALID, "Nothing was entered" },
  { "23.04.1990",       INVALID, "“23.04.1990” is not a date: write it as year-month-day" },
  { "1990-4-23",        INVALID, "is not a date" },
  { "1990/04/23",       INVALID, "is not a date" },
  { "19900423",         INVALID, "is not a date" },
  { " 1990-04-23",      INVALID, "is not a date" },
  { "1990-04-23 ",      INVALID, "is not a date" },
  { "1990-04-23T00:00", INVALID, "is not a date" },
  { "abcd-ef-gh",       INVALID, "is not a date" },
  { "+990-04-23",       INVALID, "is not a date" },
  { "１９９０-04-23",   INVALID, "is not a date" },
  { "1990-13-01",       INVALID, "“1990-13-01” is not a day of the calendar" },
  { "1990-00-10",       INVALID, "not a day of the calendar" },
  { "1990-04-31",       INVALID, "not a day of the calendar" },
  { "1990-04-00",       INVALID, "not a day of the calendar" },
  { "1990-01-32",       INVALID, "not a day of the calendar" },
  { "2023-02-29",       INVALID, "not a day of the calendar" },
  { "1900-02-29",       INVALID, "not a day of the calendar" },
  { "2100-02-29",       INVALID, "not a day of the calendar" },
  { "0000-01-01",       INVALID, "not a day of the calendar" },
  { "1899-12-31",       OUT_OF_RANGE, "the year must be 1900 to 2100" },
  { "2101-01-01",       OUT_OF_RANGE, "the year must be 1900 to 2100" },
  { "9999-12-31",       OUT_OF_RANGE, "1900 to 2100" },
};

static void
test_date_is_iso_and_on_the_calendar (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = till_date_validate (c->text, &error);

      if (c->code == OK)
        {
          if (!ok)
            g_error ("“%s” refused: %s", c->text, error->message);
          continue;
        }
      if (ok)
        g_error ("“%s” accepted", c->text);
      check_refusal (c->text, error, c->code, c->needle);
    }
}

/* Programming errors */

static void
test_null_is_a_programming_error (void)
{
  if (g_test_subprocess ())
    {
      char *e164 = NULL;

      till_phone_normalize (NULL, "49", &e164, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*text != NULL*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/phone/national-number-takes-the-shop-country",
                   test_phone_national_number_takes_the_shop_country);
  g_test_add_func ("/contact/phone/plus-and-00-mean-international",
                   test_phone_plus_and_00_mean_international);
  g_test_add_func ("/contact/phone/separators-are-ignored", test_phone_separators_are_ignored);
  g_test_add_func ("/contact/phone/trunk-prefix-in-parentheses-is-dropped",
                   test_phone_trunk_prefix_in_parentheses_is_dropped);
  g_test_add_func ("/contact/phone/refusals-say-why", test_phone_refusals_say_why);
  g_test_add_func ("/contact/phone/messages-quote-what-was-typed",
                   test_phone_messages_quote_what_was_typed);
  g_test_add_func ("/contact/phone/formatting-variants-normalise-alike",
                   test_phone_formatting_variants_normalise_alike);
  g_test_add_func ("/contact/phone/normalized-numbers-stay-the-same",
                   test_phone_normalized_numbers_stay_the_same);
  g_test_add_func ("/contact/phone/calling-codes-are-a-sorted-prefix-code",
                   test_phone_calling_codes_are_a_sorted_prefix_code);
  g_test_add_func ("/contact/phone/calling-code-is-found-at-the-start",
                   test_phone_calling_code_is_found_at_the_start);
  g_test_add_func ("/contact/phone/shop-country-setting-is-a-calling-code",
                   test_phone_shop_country_setting_is_a_calling_code);
  g_test_add_func ("/contact/phone/mask-shows-country-and-last-two-digits",
                   test_phone_mask_shows_country_and_last_two_digits);
  g_test_add_func ("/contact/phone/mask-hides-all-but-code-and-last-two",
                   test_phone_mask_hides_all_but_code_and_last_two);
  g_test_add_func ("/contact/email/accepts-practical-addresses",
                   test_email_accepts_practical_addresses);
  g_test_add_func ("/contact/email/refusals-say-why", test_email_refusals_say_why);
  g_test_add_func ("/contact/email/mask-keeps-first-character-and-domain",
                   test_email_mask_keeps_first_character_and_domain);
  g_test_add_func ("/contact/address/mask-keeps-the-last-line",
                   test_address_mask_keeps_the_last_line);
  g_test_add_func ("/contact/card/mask-keeps-the-last-four-digits",
                   test_card_mask_keeps_the_last_four_digits);
  g_test_add_func ("/contact/text/rules-name-the-field", test_text_rules_name_the_field);
  g_test_add_func ("/contact/date/is-iso-and-on-the-calendar",
                   test_date_is_iso_and_on_the_calendar);
  g_test_add_func ("/contact/null-is-a-programming-error", test_null_is_a_programming_error);

  return g_test_run ();
}
