/* till-contact.h: customers' contact details checked, normalised and masked
 *
 * Phones are stored in E.164 ("+4915112345678"), e-mail addresses as typed
 * once they pass a practical check, dates as ISO "YYYY-MM-DD".  The masked
 * forms are what a cashier sees until a detail is revealed (DESIGN.md,
 * "Customer data protection").
 *
 * Refusals are TILL_ERROR_INVALID (TILL_ERROR_OUT_OF_RANGE for a year outside
 * 1900–2100).  Their messages quote what was typed, so they are for the person
 * who typed it: never put them in audit rows or logs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TILL_PHONE_MIN_DIGITS  8     /* country code included */
#define TILL_PHONE_MAX_DIGITS  15    /* E.164's limit */
#define TILL_EMAIL_MAX_BYTES   254
#define TILL_EMAIL_LOCAL_MAX   64

/* Reads a phone number as a person types it and writes it in E.164.
 *
 * Blanks, dashes, dots, slashes and parentheses may separate the digits
 * (no-break and thin spaces and Unicode hyphens too); surrounding white space
 * is ignored.  A leading "+" or "00" means the country code follows; a leading
 * single "0" means a national number, which takes "+" @country_code in place
 * of the 0 (the shop's `phone.country` setting, digits only: "49").  In an
 * international number a group "(0)" is the trunk prefix some people write
 * ("+49 (0)151 …") and is dropped.
 *
 * Refuses: nothing typed; a number that starts with none of "+", "00", "0"
 * (it could belong to any country); letters or other characters; a "+" that is
 * not the first character; unbalanced or nested parentheses; a country code
 * that is not an ITU calling code; fewer than 8 or more than 15 digits
 * including the country code; and, for a national number only, a
 * @country_code that is not a calling code. */
gboolean            till_phone_normalize           (const char  *text,
                                                    const char  *country_code,
                                                    char       **out_e164,
                                                    GError     **error);
/* Checks the `phone.country` setting: 1 to 3 digits forming an ITU calling
 * code ("49", "1", "352"); no "+". */
gboolean            till_phone_country_validate    (const char  *country_code,
                                                    GError     **error);
/* The length of the calling code that starts @digits ("4915…" → 2), or 0
 * when no calling code does.  Calling codes are a prefix code, so at most
 * one matches. */
gsize               till_phone_country_code_length (const char  *digits);
/* The table of calling codes, sorted by strcmp(). */
const char * const *till_phone_get_calling_codes   (gsize       *n_codes);

/* The masked form of an E.164 number: "+" and the calling code, a space, then
 * always "•••• ••" and the last two digits, whatever the number's length:
 * "+4915112345678" → "+49 •••• ••78", "+12025550143" → "+1 •••• ••43".
 * Text that does not start with "+" and a known calling code shows no code:
 * "•••• ••78"; with fewer than two digits, only the digits there are. */
char               *till_phone_mask                (const char  *e164);

/* A practical check, not RFC 5322: ASCII only; exactly one "@"; a local part
 * of 1 to 64 letters, digits, dots (not first, last or doubled) and
 * !#$%&'*+/=?^_`{|}~-; a domain of two or more labels of letters, digits and
 * hyphens (1 to 63 each, no hyphen first or last) whose last label, the
 * top-level domain, has two or more letters only; 254 bytes at most. */
gboolean            till_email_validate            (const char  *text,
                                                    GError     **error);
/* The first character of the local part, three bullets, then "@" and the
 * domain: "helene@example.org" → "h•••@example.org".  Without an "@" the
 * result is the first character and the bullets ("h•••"). */
char               *till_email_mask                (const char  *email);

/* The last line that holds more than white space, trimmed:
 * "Kastanienallee 12\n10435 Berlin" → "10435 Berlin"; "" when there is none.
 * Lines end with LF; a CR before it is dropped. */
char               *till_address_mask              (const char  *address);

/* "••••" and the last four digits of the card, other characters ignored:
 * "2900000048217" → "••••8217"; fewer than four digits → "••••". */
char               *till_card_mask                 (const char  *card);

/* Free text of a customer's record.  Refuses: bytes that are not UTF-8; an
 * empty or all-white-space text when @required; a newline (LF, or U+2028 and
 * U+2029) unless @allow_newline; a CR or another control character (tab is
 * allowed); more than @max_chars characters (characters, not bytes).
 * Messages start with @field_label: "Name: a newline is not allowed here". */
gboolean            till_text_validate             (const char  *text,
                                                    const char  *field_label,
                                                    gsize        max_chars,
                                                    gboolean     allow_newline,
                                                    gboolean     required,
                                                    GError     **error);

/* "YYYY-MM-DD" exactly (ISO 8601, zero-padded), a day of the calendar, the
 * year 1900 to 2100 (TILL_ERROR_OUT_OF_RANGE outside). */
gboolean            till_date_validate             (const char  *iso_date,
                                                    GError     **error);

G_END_DECLS
