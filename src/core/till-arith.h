/* till-arith.h: exact rounding and largest-remainder allocation (RULES.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* round(numerator / denominator), half away from zero, on the exact rational
 * value, with 128-bit intermediates.  @denominator must not be 0.  The caller
 * passes products already widened: till_round_div (a, b, c) = round(a × b / c).
 * Returns FALSE (and leaves *out untouched) when the result does not fit in
 * gint64. */
gboolean till_round_mul_div  (gint64        a,
                              gint64        b,
                              gint64        denominator,
                              gint64       *out);
/* floor(a × b / denominator), 128-bit intermediate; FALSE on overflow. */
gboolean till_floor_mul_div  (gint64        a,
                              gint64        b,
                              gint64        denominator,
                              gint64       *out);
/* floor(a × b × c / denominator) as RULES.md's points formula needs. */
gboolean till_floor_mul3_div (gint64        a,
                              gint64        b,
                              gint64        c,
                              gint64        denominator,
                              gint64       *out);

/* allocate(A, weights) of RULES.md: shares[i] = floor(A × w_i / Σw), then the
 * missing units one each to the largest remainders, ties to the earlier line.
 * Refuses (TILL_ERROR_INVALID) a negative amount or weight, and Σw = 0 with
 * A ≠ 0; with Σw = 0 and A = 0 every share is 0.  Σ shares == A always. */
gboolean till_allocate       (gint64        amount,
                              const gint64 *weights,
                              gsize         n_weights,
                              gint64       *shares,
                              GError      **error);

/* EAN-13/EAN-8/UPC-A (GS1 mod-10) check digit of the digits in @digits,
 * which excludes the check digit. Returns -1 when a character is not a digit. */
int      till_gs1_check_digit (const char  *digits,
                               gsize        n_digits);
/* TRUE when @code is all digits, of length 8, 12 or 13, with a correct check digit */
gboolean till_gs1_is_valid    (const char  *code);

G_END_DECLS
