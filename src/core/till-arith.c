/* till-arith.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-arith.h"
#include "till-error.h"

#include <stdlib.h>
#include <string.h>

typedef __int128 TillInt128;
typedef unsigned __int128 TillUInt128;

#define INT128_MAX_VALUE ((TillInt128) (~(TillUInt128) 0 >> 1))

static TillUInt128
magnitude128 (TillInt128 v)
{
  /* Through unsigned arithmetic, so that no negation can overflow. */
  return v < 0 ? (TillUInt128) 0 - (TillUInt128) v : (TillUInt128) v;
}

static gboolean
store_if_fits (TillInt128  v,
               gint64     *out)
{
  if (v > G_MAXINT64 || v < G_MININT64)
    return FALSE;

  *out = (gint64) v;
  return TRUE;
}

/* round(n / d), half away from zero.  C's division truncates toward zero, so
 * the quotient moves one step away from zero exactly when the dropped part
 * is at least half of |d|. */
static gboolean
round_div128 (TillInt128  n,
              gint64      d,
              gint64     *out)
{
  TillInt128 q, r;

  g_assert (d != 0);

  q = n / d;
  r = n % d;

  /* |r| < |d| <= 2^63, so 2|r| cannot overflow. */
  if (2 * magnitude128 (r) >= magnitude128 (d))
    q += (n < 0) == (d < 0) ? 1 : -1;

  return store_if_fits (q, out);
}

/* floor(n / d): the truncated quotient, one lower when the exact value is
 * negative and not whole (a remainder whose sign differs from d's). */
static gboolean
floor_div128 (TillInt128  n,
              gint64      d,
              gint64     *out)
{
  TillInt128 q, r;

  g_assert (d != 0);

  q = n / d;
  r = n % d;

  if (r != 0 && (r < 0) != (d < 0))
    q -= 1;

  return store_if_fits (q, out);
}

gboolean
till_round_mul_div (gint64  a,
                    gint64  b,
                    gint64  denominator,
                    gint64 *out)
{
  g_return_val_if_fail (denominator != 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* |a × b| <= 2^126: always fits. */
  return round_div128 ((TillInt128) a * b, denominator, out);
}

gboolean
till_floor_mul_div (gint64  a,
                    gint64  b,
                    gint64  denominator,
                    gint64 *out)
{
  g_return_val_if_fail (denominator != 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return floor_div128 ((TillInt128) a * b, denominator, out);
}

gboolean
till_floor_mul3_div (gint64  a,
                     gint64  b,
                     gint64  c,
                     gint64  denominator,
                     gint64 *out)
{
  TillInt128 ab;

  g_return_val_if_fail (denominator != 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ab = (TillInt128) a * b;

  /* When |a × b × c| does not fit 127 bits it is at least 2^127, and since
   * |denominator| <= 2^63 the quotient is at least 2^64: out of range anyway.
   * So a product that does not fit is simply an overflow. */
  if (c != 0 && magnitude128 (ab) > (TillUInt128) INT128_MAX_VALUE / magnitude128 (c))
    return FALSE;

  return floor_div128 (ab * c, denominator, out);
}

/* Allocation */

typedef struct
{
  TillUInt128 remainder;   /* A × w_i mod Σw */
  gsize       index;
} Remainder;

/* Largest remainder first, then the earlier line: a total order, so the
 * result does not depend on qsort()'s (in)stability. */
static int
compare_remainders (const void *pa,
                    const void *pb)
{
  const Remainder *a = pa;
  const Remainder *b = pb;

  if (a->remainder != b->remainder)
    return a->remainder > b->remainder ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  return 0;
}

gboolean
till_allocate (gint64        amount,
               const gint64 *weights,
               gsize         n_weights,
               gint64       *shares,
               GError      **error)
{
  TillUInt128 total_weight = 0;
  gint64 missing = amount;
  g_autofree Remainder *remainders = NULL;

  g_return_val_if_fail (weights != NULL || n_weights == 0, FALSE);
  g_return_val_if_fail (shares != NULL || n_weights == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (amount < 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "Cannot share out a negative amount (%" G_GINT64_FORMAT ")",
                   amount);
      return FALSE;
    }

  /* Everything is checked before @shares is written, so a refusal leaves it
   * as it was (and @shares may be @weights itself). */
  for (gsize i = 0; i < n_weights; i++)
    {
      if (weights[i] < 0)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "Cannot share out over a negative weight (%" G_GINT64_FORMAT
                       " on line %" G_GSIZE_FORMAT ")",
                       weights[i], i + 1);
          return FALSE;
        }
      /* At most n × 2^63: fits 128 bits for any array that fits in memory. */
      total_weight += (TillUInt128) weights[i];
    }

  if (total_weight == 0)
    {
      if (amount != 0)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "Cannot share out %" G_GINT64_FORMAT " over lines that all weigh nothing",
                       amount);
          return FALSE;
        }

      for (gsize i = 0; i < n_weights; i++)
        shares[i] = 0;
      return TRUE;
    }

  remainders = g_new (Remainder, n_weights);

  for (gsize i = 0; i < n_weights; i++)
    {
      /* A × w_i <= 2^126; the floor share is at most A, so it fits a gint64. */
      TillUInt128 product = (TillUInt128) amount * (TillUInt128) weights[i];

      remainders[i].remainder = product % total_weight;
      remainders[i].index = i;
      shares[i] = (gint64) (product / total_weight);
      missing -= shares[i];
    }

  /* Σ floor(A w_i / Σw) > A − n, so fewer than n units are missing. */
  g_assert (missing >= 0 && (guint64) missing < n_weights);

  if (missing > 0)
    {
      qsort (remainders, n_weights, sizeof remainders[0], compare_remainders);
      for (gint64 k = 0; k < missing; k++)
        shares[remainders[k].index] += 1;
    }

  return TRUE;
}

/* GS1 */

int
till_gs1_check_digit (const char *digits,
                      gsize       n_digits)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL || n_digits == 0, -1);

  /* From the right of the payload the weights are 3, 1, 3, 1…, which is
   * what makes the one rule serve EAN-8, UPC-A (12) and EAN-13 alike. */
  for (gsize i = 0; i < n_digits; i++)
    {
      char ch = digits[n_digits - 1 - i];

      if (!g_ascii_isdigit (ch))
        return -1;

      sum += (guint) (ch - '0') * (i % 2 == 0 ? 3 : 1);
      sum %= 10;
    }

  return (int) ((10 - sum) % 10);
}

gboolean
till_gs1_is_valid (const char *code)
{
  gsize len;
  int check;

  g_return_val_if_fail (code != NULL, FALSE);

  len = strlen (code);
  if (len != 8 && len != 12 && len != 13)
    return FALSE;

  check = till_gs1_check_digit (code, len - 1);
  return check >= 0 && g_ascii_isdigit (code[len - 1]) && check == code[len - 1] - '0';
}
