/* till-money.h: money, quantities and percents as integers, parsed and shown exactly
 *
 * Money is gint64 minor units of a currency; quantities are gint64 thousandths;
 * percents and tax rates are gint64 basis points (10000 = 100 %).  Nothing here
 * ever goes through floating point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;       /* ISO 4217 alphabetic code, "EUR" */
  guint       exponent;   /* digits after the decimal point: EUR 2, JPY 0, KWD 3 */
  const char *symbol;     /* "€", "¥", or the code when there is no common symbol */
} TillCurrency;

/* How text is written.  TILL_NOTATION_PERSON follows the current LC_NUMERIC
 * locale (what a cashier types and sees: "12,50" in German); TILL_NOTATION_FILE
 * always uses a dot and no grouping (CSV, JSON, command-line arguments). */
typedef enum
{
  TILL_NOTATION_PERSON,
  TILL_NOTATION_FILE,
} TillNotation;

#define TILL_QTY_SCALE         3      /* quantities are thousandths */
#define TILL_BP_SCALE          2      /* a percent written "12.34" is 1234 bp */
#define TILL_BP_HUNDRED        10000

/* Limits of RULES.md */
#define TILL_MAX_UNIT_PRICE    G_GINT64_CONSTANT (1000000000)        /* 10^9 minor units */
#define TILL_MAX_LINE_QTY      G_GINT64_CONSTANT (99999999)          /* 99,999.999 */
#define TILL_MAX_ORDER_LINES   1000
#define TILL_MAX_ORDER_AMOUNT  G_GINT64_CONSTANT (1000000000000)     /* 10^12 minor units */

const TillCurrency *till_currency_lookup      (const char          *code);
const TillCurrency *till_currency_get_all     (gsize               *n_currencies);

/* A fixed-point decimal with @scale digits after the point, e.g. "2.40" with
 * scale 2 gives 240.  Refuses (TILL_ERROR): empty or malformed text ("1.2.3",
 * "abc", "1e3", " 1"), a sign when @allow_negative is FALSE (including "-0,001"),
 * non-zero digits beyond @scale ("2.405" at scale 2; "2.400" is fine:
 * TILL_ERROR_TOO_PRECISE), and values whose magnitude exceeds @max
 * (TILL_ERROR_OUT_OF_RANGE; int64 overflow is caught the same way).
 * Messages name what was wrong in words a cashier understands. */
gboolean            till_decimal_parse        (const char          *text,
                                               guint                scale,
                                               TillNotation         notation,
                                               gboolean             allow_negative,
                                               gint64               max,
                                               gint64              *out_value,
                                               GError             **error);
/* Writes @value with exactly @scale decimals ("2.40"); PERSON notation uses the
 * locale's decimal separator and groups thousands with its separator. */
char               *till_decimal_format       (gint64               value,
                                               guint                scale,
                                               TillNotation         notation);
/* Like till_decimal_format but drops trailing zeros after the point, and the
 * point itself when nothing is left ("19.5", "7"). */
char               *till_decimal_format_short (gint64               value,
                                               guint                scale,
                                               TillNotation         notation);

/* Money: scale is the currency's exponent, maximum TILL_MAX_ORDER_AMOUNT. */
gboolean            till_money_parse          (const char          *text,
                                               const TillCurrency  *currency,
                                               TillNotation         notation,
                                               gboolean             allow_negative,
                                               gint64              *out_amount,
                                               GError             **error);
/* "2,40" (no symbol) */
char               *till_money_format         (gint64               amount,
                                               const TillCurrency  *currency,
                                               TillNotation         notation);
/* "2,40 €" or "€2.40" as the locale writes it; for display only */
char               *till_money_format_symbol  (gint64               amount,
                                               const TillCurrency  *currency);

/* Quantities: "0.350" → 350, "2" → 2000; maximum TILL_MAX_LINE_QTY; never negative. */
gboolean            till_quantity_parse       (const char          *text,
                                               TillNotation         notation,
                                               gint64              *out_thousandths,
                                               GError             **error);
char               *till_quantity_format      (gint64               thousandths,
                                               TillNotation         notation);

/* Percents to basis points: "12.34" → 1234, "5" → 500, a trailing "%" allowed;
 * at most 100 % (10000 bp); never negative. */
gboolean            till_percent_parse        (const char          *text,
                                               TillNotation         notation,
                                               gint64              *out_bp,
                                               GError             **error);
/* "19.5", "7", "12.34" (short form, no % sign) */
char               *till_percent_format       (gint64               bp,
                                               TillNotation         notation);

G_END_DECLS
