/* till-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-contact.h"
#include "till-error.h"

#include <stdlib.h>
#include <string.h>

/* How many characters of a refused text a message quotes; pasting a whole
 * page into an entry must not produce a page-long message. */
#define MAX_QUOTED_CHARS 40

#define BULLET "\342\200\242"   /* U+2022 */

/* ITU-T E.164 country calling codes in service, and the shared ones
 * (freephone 800, satellite 881…), as of 2024.  Sorted by strcmp() for
 * bsearch().  No code is a prefix of another (ITU keeps them a prefix code:
 * 27 is South Africa, so no 27x exists), which the tests check; that makes
 * the first match the only one. */
static const char * const calling_codes[] = {
  "1",
  "20", "211", "212", "213", "216", "218",
  "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
  "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
  "240", "241", "242", "243", "244", "245", "246", "247", "248", "249",
  "250", "251", "252", "253", "254", "255", "256", "257", "258",
  "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
  "27",
  "290", "291", "297", "298", "299",
  "30", "31", "32", "33", "34",
  "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
  "36",
  "370", "371", "372", "373", "374", "375", "376", "377", "378", "379",
  "380", "381", "382", "383", "385", "386", "387", "389",
  "39",
  "40", "41", "420", "421", "423", "43", "44", "45", "46", "47", "48", "49",
  "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
  "51", "52", "53", "54", "55", "56", "57", "58",
  "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
  "60", "61", "62", "63", "64", "65", "66",
  "670", "672", "673", "674", "675", "676", "677", "678", "679",
  "680", "681", "682", "683", "685", "686", "687", "688", "689",
  "690", "691", "692",
  "7",
  "800", "808", "81", "82", "84",
  "850", "852", "853", "855", "856",
  "86",
  "870", "878", "880", "881", "882", "883", "886", "888",
  "90", "91", "92", "93", "94", "95",
  "960", "961", "962", "963", "964", "965", "966", "967", "968",
  "970", "971", "972", "973", "974", "975", "976", "977", "979",
  "98",
  "992", "993", "994", "995", "996", "998",
};

const char * const *
till_phone_get_calling_codes (gsize *n_codes)
{
  g_return_val_if_fail (n_codes != NULL, NULL);

  *n_codes = G_N_ELEMENTS (calling_codes);
  return calling_codes;
}

static int
compare_calling_code (const void *key,
                      const void *member)
{
  const char * const *code = member;

  return strcmp (key, *code);
}

static gboolean
is_calling_code (const char *code)
{
  return bsearch (code, calling_codes, G_N_ELEMENTS (calling_codes),
                  sizeof calling_codes[0], compare_calling_code) != NULL;
}

gsize
till_phone_country_code_length (const char *digits)
{
  g_return_val_if_fail (digits != NULL, 0);

  /* Longest first, although at most one can match. */
  for (gsize len = 3; len > 0; len--)
    {
      char prefix[4];
      gsize i;

      for (i = 0; i < len && g_ascii_isdigit (digits[i]); i++)
        prefix[i] = digits[i];
      if (i < len)
        continue;
      prefix[len] = '\0';
      if (is_calling_code (prefix))
        return len;
    }

  return 0;
}

/* Messages */

/* The refused text as a message can show it: valid UTF-8, on one line (the
 * command line prints messages after "error: " on one), and not too long. */
static char *
quote_for_message (const char *start,
                   gssize      len)
{
  g_autofree char *valid = g_utf8_make_valid (start, len);

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

/* Phones */

/* What may stand between the digits of a phone number besides parentheses:
 * what people type, and what pasting from a web page or a word processor
 * brings along. */
static gboolean
is_phone_separator (gunichar c)
{
  switch (c)
    {
    case ' ':
    case '\t':
    case '-':
    case '.':
    case '/':
    case 0x00A0:  /* no-break space */
    case 0x2009:  /* thin space */
    case 0x202F:  /* narrow no-break space */
    case 0x2010:  /* hyphen */
    case 0x2011:  /* non-breaking hyphen */
    case 0x2012:  /* figure dash */
    case 0x2013:  /* en dash */
    case 0x2212:  /* minus sign */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_unicode_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F;
}

/* @text without the white space around it, as a span. */
static void
trim_span (const char  *text,
           const char **out_start,
           gsize       *out_len)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (start < end && is_unicode_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_unicode_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  *out_start = start;
  *out_len = (gsize) (end - start);
}

/* If @p (just after a "(") opens the group "(0)", possibly with blanks
 * inside, returns what follows its ")"; else NULL. */
static const char *
skip_trunk_zero_group (const char *p,
                       const char *end)
{
  gboolean seen_zero = FALSE;

  while (p < end)
    {
      if (*p == ' ')
        p++;
      else if (*p == '0' && !seen_zero)
        {
          seen_zero = TRUE;
          p++;
        }
      else if (*p == ')' && seen_zero)
        return p + 1;
      else
        return NULL;
    }

  return NULL;
}

static gboolean
is_country_code_setting (const char *country_code)
{
  gsize len = strlen (country_code);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (country_code[i]))
      return FALSE;

  return len >= 1 && len <= 3 && is_calling_code (country_code);
}

gboolean
till_phone_country_validate (const char  *country_code,
                             GError     **error)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (country_code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (country_code[0] == '\0')
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Nothing was entered; a country calling code is needed, like 49");
      return FALSE;
    }

  if (is_country_code_setting (country_code))
    return TRUE;

  quoted = quote_for_message (country_code, -1);
  g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
               "“%s” is not a country calling code; write its digits without “+”, like 49",
               quoted);
  return FALSE;
}

gboolean
till_phone_normalize (const char  *text,
                      const char  *country_code,
                      char       **out_e164,
                      GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *quoted = NULL;
  const char *start, *end, *p;
  const char *national;
  const char *intl_prefix = NULL;   /* "+" or "00", as typed */
  gboolean in_group = FALSE;
  gsize len;
  gsize n_digits;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (country_code != NULL, FALSE);
  g_return_val_if_fail (out_e164 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      quoted = quote_for_message (text, -1);
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a phone number: it has bytes that are not text", quoted);
      return FALSE;
    }

  trim_span (text, &start, &len);
  end = start + len;
  quoted = quote_for_message (start, (gssize) len);

  if (len == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Nothing was entered; a phone number is needed");
      return FALSE;
    }

  p = start;
  if (*p == '+')
    {
      intl_prefix = "+";
      p++;
    }

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      /* g_ascii_isdigit() looks at the low byte only, so check the range. */
      if (c < 0x80 && g_ascii_isdigit ((char) c))
        g_string_append_c (digits, (char) c);
      else if (c == '(')
        {
          gboolean international = intl_prefix != NULL || g_str_has_prefix (digits->str, "00");
          const char *after_group = international ? skip_trunk_zero_group (next, end) : NULL;

          if (in_group)
            {
              g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "“%s” is not a phone number: its parentheses do not match", quoted);
              return FALSE;
            }
          /* "+49 (0)151 …": the 0 is dialled only within the country. */
          if (after_group != NULL)
            next = after_group;
          else
            in_group = TRUE;
        }
      else if (c == ')')
        {
          if (!in_group)
            {
              g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "“%s” is not a phone number: its parentheses do not match", quoted);
              return FALSE;
            }
          in_group = FALSE;
        }
      else if (c == '+')
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "“%s” is not a phone number: a “+” can only come first", quoted);
          return FALSE;
        }
      else if (!is_phone_separator (c))
        {
          g_autofree char *what = NULL;

          if (g_unichar_isgraph (c))
            what = g_strndup (p, (gsize) (next - p));
          else
            what = g_strdup_printf ("U+%04X", (guint) c);
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "“%s” is not a phone number: “%s” cannot be part of one; "
                       "use digits, spaces, dashes, dots, slashes and parentheses",
                       quoted, what);
          return FALSE;
        }

      p = next;
    }

  if (in_group)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a phone number: its parentheses do not match", quoted);
      return FALSE;
    }

  if (digits->len == 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a phone number: it has no digits", quoted);
      return FALSE;
    }

  /* Which country: typed, or the shop's for a national number. */
  if (intl_prefix != NULL)
    national = NULL;
  else if (g_str_has_prefix (digits->str, "00"))
    {
      intl_prefix = "00";
      g_string_erase (digits, 0, 2);
      national = NULL;
    }
  else if (digits->str[0] == '0')
    national = digits->str + 1;
  else
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” could be a number of any country: start it with 0 for a number "
                   "of this country, or with + or 00 and the country code",
                   quoted);
      return FALSE;
    }

  if (national != NULL)
    {
      g_autofree char *shop = NULL;

      if (!is_country_code_setting (country_code))
        {
          shop = quote_for_message (country_code, -1);
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The shop's phone country “%s” is not a country calling code, so "
                       "“%s” cannot be read; set phone.country to digits like 49, or type "
                       "the number with + and its country code",
                       shop, quoted);
          return FALSE;
        }
      /* The national digits after the shop's code; national still points
       * into digits, so build the result aside. */
      shop = g_strconcat (country_code, national, NULL);
      g_string_assign (digits, shop);
    }
  else if (digits->str[0] == '0')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a phone number: the country code after “%s” never starts with 0",
                   quoted, intl_prefix);
      return FALSE;
    }
  else if (till_phone_country_code_length (digits->str) == 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a phone number: what follows “%s” is not a country calling code",
                   quoted, intl_prefix);
      return FALSE;
    }

  n_digits = digits->len;
  if (n_digits < TILL_PHONE_MIN_DIGITS)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is too short for a phone number: it has %" G_GSIZE_FORMAT " digits "
                   "with the country code, and at least %d are needed",
                   quoted, n_digits, TILL_PHONE_MIN_DIGITS);
      return FALSE;
    }
  if (n_digits > TILL_PHONE_MAX_DIGITS)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is too long for a phone number: it has %" G_GSIZE_FORMAT " digits "
                   "with the country code, and at most %d are allowed",
                   quoted, n_digits, TILL_PHONE_MAX_DIGITS);
      return FALSE;
    }

  g_string_prepend_c (digits, '+');
  *out_e164 = g_string_free (g_steal_pointer (&digits), FALSE);
  return TRUE;
}

char *
till_phone_mask (const char *e164)
{
  GString *out;
  char last[2] = { '0', '0' };
  gsize n_digits = 0;

  g_return_val_if_fail (e164 != NULL, NULL);

  out = g_string_new (NULL);

  if (e164[0] == '+')
    {
      gsize code_len = till_phone_country_code_length (e164 + 1);

      if (code_len > 0)
        {
          g_string_append_len (out, e164, (gssize) code_len + 1);
          g_string_append_c (out, ' ');
        }
    }

  for (const char *p = e164; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      last[0] = last[1];
      last[1] = *p;
      n_digits++;
    }

  g_string_append (out, BULLET BULLET BULLET BULLET " " BULLET BULLET);
  if (n_digits >= 2)
    g_string_append_len (out, last, 2);
  else if (n_digits == 1)
    g_string_append_c (out, last[1]);

  return g_string_free (out, FALSE);
}

/* E-mail */

static gboolean
is_local_part_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (".!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static gboolean
refuse_email (GError     **error,
              const char  *quoted,
              const char  *reason)
{
  g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
               "“%s” is not an e-mail address: %s", quoted, reason);
  return FALSE;
}

static gboolean
check_email_domain (const char  *domain,
                    const char  *quoted,
                    GError     **error)
{
  const char *label = domain;
  const char *tld = NULL;
  gsize n_labels = 0;

  if (*domain == '\0')
    return refuse_email (error, quoted, "nothing comes after the “@”");
  if (strchr (domain, '.') == NULL)
    return refuse_email (error, quoted, "the part after the “@” needs a dot, like example.org");

  while (TRUE)
    {
      const char *label_end = strchr (label, '.');
      gsize label_len;

      if (label_end == NULL)
        label_end = label + strlen (label);
      label_len = (gsize) (label_end - label);

      if (label_len == 0)
        return refuse_email (error, quoted,
                             "the part after the “@” has a dot first, last or twice in a row");
      if (label_len > 63)
        return refuse_email (error, quoted,
                             "a part of the domain between dots is longer than 63 characters");
      for (const char *q = label; q < label_end; q++)
        if (!g_ascii_isalnum (*q) && *q != '-')
          {
            char what[2] = { *q, '\0' };
            g_autofree char *reason = g_strdup_printf ("“%s” cannot be part of the domain", what);

            return refuse_email (error, quoted, reason);
          }
      if (label[0] == '-' || label_end[-1] == '-')
        return refuse_email (error, quoted,
                             "a part of the domain starts or ends with “-”");

      n_labels++;
      tld = label;
      if (*label_end == '\0')
        break;
      label = label_end + 1;
    }

  g_assert (n_labels >= 2);

  for (const char *q = tld; *q != '\0'; q++)
    if (!g_ascii_isalpha (*q))
      return refuse_email (error, quoted,
                           "the domain must end in two or more letters, like .org");
  if (strlen (tld) < 2)
    return refuse_email (error, quoted,
                         "the domain must end in two or more letters, like .org");

  return TRUE;
}

gboolean
till_email_validate (const char  *text,
                     GError     **error)
{
  g_autofree char *quoted = NULL;
  const char *at;
  gsize local_len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text[0] == '\0')
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Nothing was entered; an e-mail address is needed");
      return FALSE;
    }

  quoted = quote_for_message (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        return refuse_email (error, quoted,
                             "only letters without accents, digits and .-_+ are accepted");
      if (c == ' ')
        return refuse_email (error, quoted, "it has a space");
      if (g_ascii_isspace (c))
        return refuse_email (error, quoted, "it has a tab or a line break");
      if (g_ascii_iscntrl (c))
        return refuse_email (error, quoted, "it has a control character");
    }

  if (strlen (text) > TILL_EMAIL_MAX_BYTES)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is too long for an e-mail address: it may have %d characters at most",
                   quoted, TILL_EMAIL_MAX_BYTES);
      return FALSE;
    }

  at = strchr (text, '@');
  if (at == NULL)
    return refuse_email (error, quoted, "it has no “@”");
  if (strchr (at + 1, '@') != NULL)
    return refuse_email (error, quoted, "it has more than one “@”");

  local_len = (gsize) (at - text);
  if (local_len == 0)
    return refuse_email (error, quoted, "nothing comes before the “@”");
  if (local_len > TILL_EMAIL_LOCAL_MAX)
    return refuse_email (error, quoted,
                         "the part before the “@” is longer than 64 characters");
  for (const char *p = text; p < at; p++)
    if (!is_local_part_char (*p))
      {
        char what[2] = { *p, '\0' };
        g_autofree char *reason = g_strdup_printf ("“%s” cannot come before the “@”", what);

        return refuse_email (error, quoted, reason);
      }
  if (text[0] == '.' || at[-1] == '.' || g_strstr_len (text, (gssize) local_len, "..") != NULL)
    return refuse_email (error, quoted,
                         "the part before the “@” has a dot first, last or twice in a row");

  return check_email_domain (at + 1, quoted, error);
}

char *
till_email_mask (const char *email)
{
  const char *at;
  g_autofree char *first = NULL;

  g_return_val_if_fail (email != NULL, NULL);

  at = strchr (email, '@');

  /* One character, whole: half a UTF-8 sequence would not be text. */
  if (email[0] != '\0' && email[0] != '@')
    {
      const char *next = g_utf8_find_next_char (email, NULL);

      first = g_utf8_make_valid (email, next != NULL ? next - email : -1);
    }

  return g_strconcat (first != NULL ? first : "",
                      BULLET BULLET BULLET,
                      at != NULL ? at : "",
                      NULL);
}

/* Addresses and cards */

char *
till_address_mask (const char *address)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  lines = g_strsplit (address, "\n", -1);
  for (gsize i = g_strv_length (lines); i > 0; i--)
    {
      /* g_strstrip() also takes the CR of a CRLF line end. */
      char *line = g_strstrip (lines[i - 1]);

      if (line[0] != '\0')
        return g_strdup (line);
    }

  return g_strdup ("");
}

char *
till_card_mask (const char *card)
{
  char last[5] = "";
  gsize n_digits = 0;

  g_return_val_if_fail (card != NULL, NULL);

  for (const char *p = card; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      memmove (last, last + 1, 3);
      last[3] = *p;
      n_digits++;
    }

  if (n_digits < 4)
    return g_strdup (BULLET BULLET BULLET BULLET);

  last[4] = '\0';
  return g_strconcat (BULLET BULLET BULLET BULLET, last, NULL);
}

/* Free text */

gboolean
till_text_validate (const char  *text,
                    const char  *field_label,
                    gsize        max_chars,
                    gboolean     allow_newline,
                    gboolean     required,
                    GError     **error)
{
  gboolean blank = TRUE;
  gsize n_chars = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (field_label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: this has bytes that are not text (not valid UTF-8)", field_label);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if (!g_unichar_isspace (c))
        blank = FALSE;

      if (c == '\n' || c == 0x2028 || c == 0x2029)
        {
          if (!allow_newline)
            {
              g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "%s: a newline is not allowed here", field_label);
              return FALSE;
            }
        }
      else if (c == '\r')
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "%s: a carriage return (CR) is not allowed here", field_label);
          return FALSE;
        }
      else if (c != '\t' && g_unichar_type (c) == G_UNICODE_CONTROL)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "%s: the control character U+%04X is not allowed here",
                       field_label, (guint) c);
          return FALSE;
        }
    }

  if (required && blank)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: this cannot be left empty", field_label);
      return FALSE;
    }

  if (n_chars > max_chars)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s: at most %" G_GSIZE_FORMAT " characters are allowed, and this has "
                   "%" G_GSIZE_FORMAT,
                   field_label, max_chars, n_chars);
      return FALSE;
    }

  return TRUE;
}

/* Dates */

static guint
parse_fixed_digits (const char *p,
                    gsize       n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint) (p[i] - '0');

  return value;
}

gboolean
till_date_validate (const char  *iso_date,
                    GError     **error)
{
  g_autofree char *quoted = NULL;
  guint year, month, day;
  gboolean shaped;

  g_return_val_if_fail (iso_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (iso_date[0] == '\0')
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Nothing was entered; a date like 1990-04-23 is needed");
      return FALSE;
    }

  quoted = quote_for_message (iso_date, -1);

  shaped = strlen (iso_date) == 10 && iso_date[4] == '-' && iso_date[7] == '-';
  for (gsize i = 0; shaped && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso_date[i]))
      shaped = FALSE;
  if (!shaped)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a date: write it as year-month-day, like 1990-04-23", quoted);
      return FALSE;
    }

  year = parse_fixed_digits (iso_date, 4);
  month = parse_fixed_digits (iso_date + 5, 2);
  day = parse_fixed_digits (iso_date + 8, 2);

  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "“%s” is not a day of the calendar", quoted);
      return FALSE;
    }

  if (year < 1900 || year > 2100)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                   "“%s” is out of range: the year must be 1900 to 2100", quoted);
      return FALSE;
    }

  return TRUE;
}
