/* test-arith.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-arith.h"
#include "till-error.h"

typedef __int128 Int128;
typedef unsigned __int128 UInt128;

#define I64_MAX G_MAXINT64
#define I64_MIN G_MININT64

/* A random gint64 of random size and sign, so that small values, huge
 * values and the edges all turn up. */
static gint64
random_int64 (void)
{
  guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
  int shift = g_test_rand_int_range (0, 64);

  if (g_test_rand_int_range (0, 20) == 0)
    return g_test_rand_bit () ? I64_MAX : I64_MIN;

  bits >>= shift;
  return g_test_rand_bit () ? (gint64) bits : (gint64) ((guint64) 0 - bits);
}

static gint64
random_nonzero_int64 (void)
{
  gint64 v;

  do
    v = random_int64 ();
  while (v == 0);

  return v;
}

/* A uniform-enough integer in [0, limit]. */
static gint64
random_up_to (gint64 limit)
{
  guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();

  return (gint64) (bits % ((guint64) limit + 1));
}

static UInt128
abs128 (Int128 v)
{
  return v < 0 ? (UInt128) 0 - (UInt128) v : (UInt128) v;
}

/* x − y computed modulo 2^128: exact whenever the true difference is small,
 * which is all the checks below need. */
static Int128
wrapping_sub (Int128 x,
              Int128 y)
{
  return (Int128) ((UInt128) x - (UInt128) y);
}

/* Rounding */

typedef struct
{
  gint64   a;
  gint64   b;
  gint64   denominator;
  gboolean ok;
  gint64   expected;
} MulDivCase;

/* (2^64 − 1) / 3, so that 3 × it / 2 = 2^63 − 1/2 lands right on the edge. */
#define THIRD_OF_2_64 G_GINT64_CONSTANT (6148914691236517205)

static const MulDivCase round_cases[] = {
  { 5, 1, 2, TRUE, 3 },            /* 2.5 */
  { -5, 1, 2, TRUE, -3 },          /* -2.5 */
  { 5, -1, 2, TRUE, -3 },
  { 5, 1, -2, TRUE, -3 },
  { -5, 1, -2, TRUE, 3 },
  { 1, 1, 2, TRUE, 1 },            /* 0.5 */
  { -1, 1, 2, TRUE, -1 },
  { 15, 1, 10, TRUE, 2 },          /* 1.5 */
  { 25, 1, 10, TRUE, 3 },          /* 2.5 */
  { -25, 1, 10, TRUE, -3 },
  { 24, 1, 10, TRUE, 2 },
  { 26, 1, 10, TRUE, 3 },
  { -24, 1, 10, TRUE, -2 },
  { -26, 1, 10, TRUE, -3 },
  { 1, 1, 3, TRUE, 0 },
  { 2, 1, 3, TRUE, 1 },
  { -1, 1, 3, TRUE, 0 },
  { -2, 1, 3, TRUE, -1 },
  { 0, 12345, 7, TRUE, 0 },
  { 1999, 350, 1000, TRUE, 700 },  /* a line: 19.99 a kg × 350 g = 6.9965 */
  { 1190, 1900, 11900, TRUE, 190 },/* tax included at 19 % */
  { 1000, 2000, 12000, TRUE, 167 },/* 166.67 */
  { 1250, 1, 1000, TRUE, 1 },      /* 1.25 */
  { 2500, 1, 1000, TRUE, 3 },      /* 2.5 */
  { I64_MAX, 1, 1, TRUE, I64_MAX },
  { I64_MIN, 1, 1, TRUE, I64_MIN },
  { I64_MIN, -1, 1, FALSE, 0 },
  { I64_MIN, 1, -1, FALSE, 0 },
  { I64_MAX, 2, 2, TRUE, I64_MAX },
  { I64_MAX, I64_MAX, I64_MAX, TRUE, I64_MAX },
  { I64_MIN, I64_MIN, I64_MIN, TRUE, I64_MIN },
  { I64_MIN, I64_MAX, I64_MAX, TRUE, I64_MIN },
  { I64_MIN, I64_MIN, I64_MAX, FALSE, 0 },
  { I64_MAX, I64_MAX, 1, FALSE, 0 },
  { I64_MAX, I64_MAX, 2, FALSE, 0 },
  { 3, THIRD_OF_2_64, 2, FALSE, 0 },   /* 2^63 − 1/2 rounds to 2^63 */
  { -3, THIRD_OF_2_64, 2, TRUE, I64_MIN }, /* −2^63 + 1/2 rounds to −2^63 */
  { 3, THIRD_OF_2_64, 3, TRUE, (gint64) (G_MAXUINT64 / 3) },
};

static const MulDivCase floor_cases[] = {
  { 7, 1, 2, TRUE, 3 },
  { -7, 1, 2, TRUE, -4 },
  { 7, -1, 2, TRUE, -4 },
  { 7, 1, -2, TRUE, -4 },
  { -7, 1, -2, TRUE, 3 },
  { -6, 1, 2, TRUE, -3 },
  { -1, 1, 1000, TRUE, -1 },
  { 1, 1, 1000, TRUE, 0 },
  { 999, 1, 1000, TRUE, 0 },
  { -1000, 1, 1000, TRUE, -1 },
  { -1001, 1, 1000, TRUE, -2 },
  { 0, 5, -3, TRUE, 0 },
  { I64_MIN, 1, 1, TRUE, I64_MIN },
  { I64_MIN, -1, 1, FALSE, 0 },
  { I64_MAX, I64_MAX, I64_MAX, TRUE, I64_MAX },
  { I64_MAX, I64_MAX, 1, FALSE, 0 },
  { 3, THIRD_OF_2_64, 2, TRUE, I64_MAX },   /* floor (2^63 − 1/2) */
  { -3, THIRD_OF_2_64, 2, TRUE, I64_MIN },  /* floor (−2^63 + 1/2) */
  { -3, THIRD_OF_2_64, -2, TRUE, I64_MAX },
  { 3, THIRD_OF_2_64, -2, TRUE, I64_MIN },
};

static void
check_mul_div_cases (const MulDivCase *cases,
                     gsize             n_cases,
                     gboolean        (*fn) (gint64, gint64, gint64, gint64 *))
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const gint64 untouched = 0x5a5a;
      gint64 out = untouched;
      gboolean ok = fn (cases[i].a, cases[i].b, cases[i].denominator, &out);
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;

      got = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                             " → %s %" G_GINT64_FORMAT,
                             cases[i].a, cases[i].b, cases[i].denominator,
                             ok ? "ok" : "overflow", ok ? out : untouched);
      want = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                              " → %s %" G_GINT64_FORMAT,
                              cases[i].a, cases[i].b, cases[i].denominator,
                              cases[i].ok ? "ok" : "overflow",
                              cases[i].ok ? cases[i].expected : untouched);
      g_assert_cmpstr (got, ==, want);
      /* A refusal leaves *out alone. */
      if (!ok)
        g_assert_cmpint (out, ==, untouched);
    }
}

static void
test_round_half_away_from_zero (void)
{
  check_mul_div_cases (round_cases, G_N_ELEMENTS (round_cases), till_round_mul_div);
}

static void
test_floor_toward_minus_infinity (void)
{
  check_mul_div_cases (floor_cases, G_N_ELEMENTS (floor_cases), till_floor_mul_div);
}

/* Is q the half-away-from-zero rounding of n / d?  |q − n/d| ≤ 1/2, and on
 * an exact half q is the one farther from zero. */
static gboolean
is_rounding_of (gint64 q,
                Int128 n,
                gint64 d)
{
  Int128 qd = (Int128) q * d;
  UInt128 twice_off = 2 * abs128 (wrapping_sub (qd, n));
  UInt128 abs_d = abs128 (d);

  if (twice_off < abs_d)
    return TRUE;
  return twice_off == abs_d && abs128 (qd) > abs128 (n);
}

/* Is q floor (n / d)?  q·d ≤ n < (q + 1)·d once both sides are multiplied
 * by the sign of d. */
static gboolean
is_floor_of (gint64 q,
             Int128 n,
             gint64 d)
{
  Int128 off = wrapping_sub (n, (Int128) q * d);

  if (d < 0)
    off = -off;
  return off >= 0 && abs128 (off) < abs128 (d);
}

static void
test_round_property (void)
{
  for (guint i = 0; i < 100000; i++)
    {
      gint64 a = random_int64 ();
      gint64 b = random_int64 ();
      gint64 d = random_nonzero_int64 ();
      Int128 n = (Int128) a * b;
      Int128 t = n / d;
      gint64 q = 0;

      if (till_round_mul_div (a, b, d, &q))
        {
          g_assert_true (is_rounding_of (q, n, d));
        }
      else
        {
          /* The true rounding is t − 1, t or t + 1: none of those that fit
           * a gint64 may be it. */
          for (Int128 c = t - 1; c <= t + 1; c++)
            if (c >= I64_MIN && c <= I64_MAX)
              g_assert_false (is_rounding_of ((gint64) c, n, d));
        }
    }
}

static void
test_floor_property (void)
{
  for (guint i = 0; i < 100000; i++)
    {
      gint64 a = random_int64 ();
      gint64 b = random_int64 ();
      gint64 d = random_nonzero_int64 ();
      Int128 n = (Int128) a * b;
      Int128 t = n / d;
      gint64 q = 0;

      if (till_floor_mul_div (a, b, d, &q))
        {
          g_assert_true (is_floor_of (q, n, d));
        }
      else
        {
          for (Int128 c = t - 1; c <= t + 1; c++)
            if (c >= I64_MIN && c <= I64_MAX)
              g_assert_false (is_floor_of ((gint64) c, n, d));
        }
    }
}

/* Small operands: the exact rational fits easily, so compare with a
 * reference written another way (a floor through the non-negative modulo,
 * a rounding through floor ((2|n| + |d|) / 2|d|)). */
static Int128
reference_floor (Int128 n,
                 Int128 d)
{
  Int128 m = ((n % d) + d) % d;   /* in [0, d) or (d, 0], like d */

  return (n - m) / d;
}

static Int128
reference_round (Int128 n,
                 Int128 d)
{
  Int128 an = n < 0 ? -n : n;
  Int128 ad = d < 0 ? -d : d;
  Int128 r = (2 * an + ad) / (2 * ad);

  return (n < 0) != (d < 0) ? -r : r;
}

/* Succeeds with the reference's value exactly when that fits a gint64. */
static void
check_against_reference (gboolean ok,
                         gint64   q,
                         Int128   reference)
{
  if (reference >= I64_MIN && reference <= I64_MAX)
    {
      g_assert_true (ok);
      g_assert_cmpint (q, ==, (gint64) reference);
    }
  else
    {
      g_assert_false (ok);
    }
}

static gint64
random_small (void)
{
  gint64 v = g_test_rand_int_range (0, G_MAXINT32);

  v = (v << 8) | g_test_rand_int_range (0, 256);
  v >>= g_test_rand_int_range (0, 39);
  return g_test_rand_bit () ? v : -v;
}

static void
test_small_operands_match_reference (void)
{
  for (guint i = 0; i < 100000; i++)
    {
      gint64 a = random_small ();
      gint64 b = random_small ();
      gint64 c = random_small ();
      gint64 d;
      gint64 q = 0;
      gboolean ok;

      do
        d = random_small ();
      while (d == 0);

      ok = till_round_mul_div (a, b, d, &q);
      check_against_reference (ok, q, reference_round ((Int128) a * b, d));
      ok = till_floor_mul_div (a, b, d, &q);
      check_against_reference (ok, q, reference_floor ((Int128) a * b, d));
      ok = till_floor_mul3_div (a, b, c, d, &q);
      check_against_reference (ok, q, reference_floor ((Int128) a * b * c, d));
    }
}

typedef struct
{
  gint64   a, b, c, denominator;
  gboolean ok;
  gint64   expected;
} MulDiv3Case;

static void
test_floor_mul3 (void)
{
  static const MulDiv3Case cases[] = {
    /* 19.99 earning 1 point per euro at ×1.5: 29.985 points */
    { 1999, 1, 15000, 100 * 10000, TRUE, 29 },
    { -1999, 1, 15000, 100 * 10000, TRUE, -30 },
    { 1999, 1, 15000, -100 * 10000, TRUE, -30 },
    { 100, 1, 10000, 100 * 10000, TRUE, 1 },
    { 99, 1, 10000, 100 * 10000, TRUE, 0 },
    { 0, I64_MAX, I64_MAX, 1, TRUE, 0 },
    { I64_MAX, I64_MAX, 0, 1, TRUE, 0 },
    { I64_MAX, I64_MAX, 1, I64_MAX, TRUE, I64_MAX },
    { I64_MAX, I64_MAX, 2, I64_MAX, FALSE, 0 },
    { I64_MAX, I64_MAX, I64_MAX, I64_MAX, FALSE, 0 },
    /* Products just below 2^128, which a 128-bit product would wrap into a
     * small, plausible quotient. */
    { I64_MAX, I64_MAX, 4, I64_MIN, FALSE, 0 },
    { I64_MAX, I64_MAX, 4, I64_MAX, FALSE, 0 },
    { I64_MAX, I64_MIN, -4, I64_MAX, FALSE, 0 },
    { I64_MIN, I64_MIN, 1, I64_MIN, TRUE, I64_MIN },
    { I64_MIN, I64_MIN, -1, I64_MIN, FALSE, 0 },
    { I64_MIN, I64_MIN, I64_MIN, I64_MIN, FALSE, 0 },
    { I64_MIN, 1, 1, -1, FALSE, 0 },
    /* Products of 123 and 125 bits whose quotients fit. */
    { G_GINT64_CONSTANT (1) << 41, G_GINT64_CONSTANT (1) << 41,
      G_GINT64_CONSTANT (1) << 41, G_GINT64_CONSTANT (1) << 62, TRUE,
      G_GINT64_CONSTANT (1) << 61 },
    { G_GINT64_CONSTANT (1) << 42, G_GINT64_CONSTANT (1) << 42,
      G_GINT64_CONSTANT (1) << 41, I64_MIN, TRUE, -(G_GINT64_CONSTANT (1) << 62) },
    { G_GINT64_CONSTANT (1) << 42, G_GINT64_CONSTANT (1) << 42,
      G_GINT64_CONSTANT (1) << 42, I64_MIN, TRUE, I64_MIN },
    { G_GINT64_CONSTANT (1) << 42, G_GINT64_CONSTANT (1) << 42,
      -(G_GINT64_CONSTANT (1) << 42), I64_MIN, FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out = 0x5a5a;
      gboolean ok = till_floor_mul3_div (cases[i].a, cases[i].b, cases[i].c,
                                         cases[i].denominator, &out);

      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (out, ==, cases[i].ok ? cases[i].expected : 0x5a5a);
    }
}

static void
test_floor_mul3_agrees_with_mul_div (void)
{
  for (guint i = 0; i < 100000; i++)
    {
      gint64 a = random_int64 ();
      gint64 b = random_int64 ();
      gint64 c = random_int64 ();
      gint64 d = random_nonzero_int64 ();
      gint64 ab;
      gint64 q3 = 0, q2 = 0;
      gboolean ok3, ok2;

      /* With c = 1 it is floor_mul_div. */
      ok3 = till_floor_mul3_div (a, b, 1, d, &q3);
      ok2 = till_floor_mul_div (a, b, d, &q2);
      g_assert_cmpint (ok3, ==, ok2);
      if (ok3)
        g_assert_cmpint (q3, ==, q2);

      /* When a × b fits, it is floor_mul_div of that and c: this reaches
       * the products beyond 127 bits. */
      if (!__builtin_mul_overflow (a, b, &ab))
        {
          ok3 = till_floor_mul3_div (a, b, c, d, &q3);
          ok2 = till_floor_mul_div (ab, c, d, &q2);
          g_assert_cmpint (ok3, ==, ok2);
          if (ok3)
            g_assert_cmpint (q3, ==, q2);
        }
    }
}

/* Allocation */

#define MAX_TABLE_LINES 8

typedef struct
{
  gint64   amount;
  gsize    n;
  gint64   weights[MAX_TABLE_LINES];
  gboolean ok;
  gint64   expected[MAX_TABLE_LINES];
} AllocateCase;

static char *
describe_shares (const gint64 *shares,
                 gsize         n)
{
  GString *s = g_string_new ("[");

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", shares[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_allocate_table (void)
{
  static const AllocateCase cases[] = {
    { 100, 3, { 1, 1, 1 }, TRUE, { 34, 33, 33 } },
    { 10, 3, { 1, 1, 1 }, TRUE, { 4, 3, 3 } },
    { 2, 3, { 1, 1, 1 }, TRUE, { 1, 1, 0 } },
    { 1, 2, { 1, 1 }, TRUE, { 1, 0 } },
    { 3, 4, { 1, 1, 1, 1 }, TRUE, { 1, 1, 1, 0 } },
    { 1, 2, { 1, 2 }, TRUE, { 0, 1 } },
    { 11, 4, { 1, 2, 3, 4 }, TRUE, { 1, 2, 3, 5 } },
    { 10, 4, { 1, 2, 3, 4 }, TRUE, { 1, 2, 3, 4 } },
    { 100, 3, { 33, 33, 34 }, TRUE, { 33, 33, 34 } },
    { 100, 3, { 0, 1, 0 }, TRUE, { 0, 100, 0 } },
    { 7, 4, { 3, 3, 0, 1 }, TRUE, { 3, 3, 0, 1 } },
    /* A reward of 5.00 over lines of 19.99, 5.01 and 10.00: remainders
     * 2000, 2000 and 3000 (of 3500), the tie going to the first line. */
    { 500, 3, { 1999, 501, 1000 }, TRUE, { 286, 71, 143 } },
    { 0, 3, { 5, 7, 9 }, TRUE, { 0, 0, 0 } },
    { 0, 2, { 0, 0 }, TRUE, { 0, 0 } },
    { 0, 0, { 0 }, TRUE, { 0 } },
    { 5, 2, { 0, 0 }, FALSE, { 0 } },
    { 5, 0, { 0 }, FALSE, { 0 } },
    { -1, 1, { 1 }, FALSE, { 0 } },
    { 5, 2, { 1, -1 }, FALSE, { 0 } },
    { 0, 2, { -1, 1 }, FALSE, { 0 } },
    { I64_MAX, 2, { I64_MAX, I64_MAX }, TRUE,
      { G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903) } },
    { I64_MAX, 2, { 1, I64_MAX }, TRUE, { 1, I64_MAX - 1 } },
    { I64_MAX, 3, { I64_MAX, I64_MAX, I64_MAX }, TRUE,
      { G_GINT64_CONSTANT (3074457345618258603), G_GINT64_CONSTANT (3074457345618258602),
        G_GINT64_CONSTANT (3074457345618258602) } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const AllocateCase *c = &cases[i];
      gint64 shares[MAX_TABLE_LINES];
      g_autoptr(GError) error = NULL;
      gboolean ok;

      for (gsize k = 0; k < MAX_TABLE_LINES; k++)
        shares[k] = -77;

      ok = till_allocate (c->amount, c->weights, c->n, shares, &error);
      if (c->ok)
        {
          g_autofree char *got = describe_shares (shares, c->n);
          g_autofree char *want = describe_shares (c->expected, c->n);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (got, ==, want);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          /* A refusal writes nothing. */
          for (gsize k = 0; k < MAX_TABLE_LINES; k++)
            g_assert_cmpint (shares[k], ==, -77);
        }
    }
}

static void
test_allocate_in_place (void)
{
  gint64 values[] = { 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  /* The shares may overwrite the weights. */
  g_assert_true (till_allocate (100, values, G_N_ELEMENTS (values), values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (values[0], ==, 34);
  g_assert_cmpint (values[1], ==, 33);
  g_assert_cmpint (values[2], ==, 33);
}

/* The reference: floor shares by long division, then the missing units
 * handed out one at a time, each time to the first line (scanning from the
 * start, strictly larger wins) with the largest fraction not yet served. */
static void
reference_allocate (gint64        amount,
                    const gint64 *weights,
                    gsize         n,
                    gint64       *shares)
{
  UInt128 total = 0;
  UInt128 given = 0;
  gboolean served[64] = { FALSE, };

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (served));

  for (gsize i = 0; i < n; i++)
    total += (UInt128) weights[i];

  if (total == 0)
    {
      memset (shares, 0, n * sizeof shares[0]);
      return;
    }

  for (gsize i = 0; i < n; i++)
    {
      shares[i] = (gint64) (((UInt128) amount * (UInt128) weights[i]) / total);
      given += (UInt128) shares[i];
    }

  while (given < (UInt128) amount)
    {
      gssize best = -1;
      UInt128 best_fraction = 0;

      for (gsize i = 0; i < n; i++)
        {
          UInt128 fraction = (UInt128) amount * (UInt128) weights[i]
                             - (UInt128) shares[i] * total;

          if (served[i])
            continue;
          if (best < 0 || fraction > best_fraction)
            {
              best = (gssize) i;
              best_fraction = fraction;
            }
        }

      g_assert_cmpint (best, >=, 0);
      served[best] = TRUE;
      shares[best] += 1;
      given += 1;
    }
}

static void
check_allocation (gint64        amount,
                  const gint64 *weights,
                  gsize         n,
                  const gint64 *shares)
{
  UInt128 total = 0;
  Int128 sum = 0;
  gint64 reference[64];

  for (gsize i = 0; i < n; i++)
    total += (UInt128) weights[i];

  for (gsize i = 0; i < n; i++)
    {
      Int128 exact_gap = (Int128) shares[i] * (Int128) total - (Int128) amount * weights[i];

      g_assert_cmpint (shares[i], >=, 0);
      /* Within one unit of the exact share. */
      g_assert_true (abs128 (exact_gap) < total || total == 0);
      sum += shares[i];
    }
  g_assert_true (sum == amount);

  /* Largest remainders first, ties to the earlier line: whoever got a
   * unit more than the floor has a remainder above (or equal and earlier
   * than) anyone who did not. */
  for (gsize i = 0; i < n && total > 0; i++)
    for (gsize j = 0; j < n; j++)
      {
        UInt128 ri = ((UInt128) amount * (UInt128) weights[i]) % total;
        UInt128 rj = ((UInt128) amount * (UInt128) weights[j]) % total;
        gboolean i_up = (UInt128) shares[i] * total > (UInt128) amount * (UInt128) weights[i];
        gboolean j_up = (UInt128) shares[j] * total > (UInt128) amount * (UInt128) weights[j];

        if (i_up && !j_up)
          g_assert_true (ri > rj || (ri == rj && i < j));
      }

  reference_allocate (amount, weights, n, reference);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (shares[i], ==, reference[i]);
}

static void
random_allocation_case (gint64  max_amount,
                        gint64  max_weight,
                        gint64 *amount,
                        gint64 *weights,
                        gsize  *n)
{
  guint style = (guint) g_test_rand_int_range (0, 5);

  *n = (gsize) g_test_rand_int_range (1, 51);

  /* Small amounts and small or equal weights make remainders collide, so
   * the tie rule gets exercised; large ones reach the 128-bit paths. */
  *amount = g_test_rand_bit () ? random_up_to (max_amount) : random_up_to (100);

  for (gsize i = 0; i < *n; i++)
    {
      switch (style)
        {
        case 0:
          weights[i] = random_up_to (max_weight);
          break;
        case 1:
          weights[i] = g_test_rand_int_range (0, 4) == 0 ? 0 : random_up_to (max_weight);
          break;
        case 2:
          weights[i] = random_up_to (3);
          break;
        case 3:
          weights[i] = i == 0 ? random_up_to (max_weight) : weights[0];
          break;
        default:
          weights[i] = random_up_to (1000);
          break;
        }
    }
}

static void
run_allocation_properties (guint  iterations,
                           gint64 max_amount,
                           gint64 max_weight)
{
  for (guint it = 0; it < iterations; it++)
    {
      gint64 weights[50];
      gint64 shares[50];
      gint64 amount;
      gsize n;
      gboolean all_zero = TRUE;
      g_autoptr(GError) error = NULL;

      random_allocation_case (max_amount, max_weight, &amount, weights, &n);
      for (gsize i = 0; i < n; i++)
        all_zero = all_zero && weights[i] == 0;

      if (all_zero && amount != 0)
        {
          g_assert_false (till_allocate (amount, weights, n, shares, &error));
          g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
          g_clear_error (&error);
          amount = 0;
        }

      g_assert_true (till_allocate (amount, weights, n, shares, &error));
      g_assert_no_error (error);
      check_allocation (amount, weights, n, shares);
    }
}

static void
test_allocate_property (void)
{
  /* RULES.md's ranges: amounts up to 10^12, weights up to 10^9. */
  run_allocation_properties (20000, G_GINT64_CONSTANT (1000000000000), 1000000000);
}

static void
test_allocate_property_huge_values (void)
{
  /* Weights stay below 2^57 so that the checks' own products fit. */
  run_allocation_properties (5000, G_MAXINT64, G_GINT64_CONSTANT (1) << 57);
}

/* GS1 */

static const char * const valid_codes[] = {
  "4006381333931",   /* EAN-13 */
  "5901234123457",   /* EAN-13 */
  "96385074",        /* EAN-8 */
  "73513537",        /* EAN-8 */
  "036000291452",    /* UPC-A */
  "012345678905",    /* UPC-A */
};

static void
test_gs1_known_codes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      const char *code = valid_codes[i];
      gsize len = strlen (code);

      g_assert_true (till_gs1_is_valid (code));
      g_assert_cmpint (till_gs1_check_digit (code, len - 1), ==, code[len - 1] - '0');
    }

  g_assert_cmpint (till_gs1_check_digit ("400638133393", 12), ==, 1);
  g_assert_cmpint (till_gs1_check_digit ("9638507", 7), ==, 4);
  g_assert_cmpint (till_gs1_check_digit ("03600029145", 11), ==, 2);
  /* Only the first n digits count. */
  g_assert_cmpint (till_gs1_check_digit ("4006381333931", 12), ==, 1);
}

static void
test_gs1_refuses_malformed (void)
{
  static const char * const bad[] = {
    "", "1", "1234567", "400638133393", "40063813339310", "0400638133393100",
    "400638133393a", "4006381333 31", "+4006381333931", " 96385074", "96385074 ",
    "9638507\xff",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (till_gs1_is_valid (bad[i]));

  g_assert_cmpint (till_gs1_check_digit ("40063813339a", 12), ==, -1);
  g_assert_cmpint (till_gs1_check_digit ("a", 1), ==, -1);
  g_assert_cmpint (till_gs1_check_digit ("", 0), ==, 0);
}

static void
test_gs1_detects_single_digit_errors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      g_autofree char *code = g_strdup (valid_codes[i]);
      gsize len = strlen (code);

      for (gsize pos = 0; pos < len; pos++)
        {
          char original = code[pos];

          for (char digit = '0'; digit <= '9'; digit++)
            {
              if (digit == original)
                continue;
              code[pos] = digit;
              g_assert_false (till_gs1_is_valid (code));
            }
          code[pos] = original;
        }
      g_assert_true (till_gs1_is_valid (code));
    }
}

static void
test_gs1_detects_swaps_unless_five_apart (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      g_autofree char *code = g_strdup (valid_codes[i]);
      gsize len = strlen (code);

      for (gsize pos = 0; pos + 1 < len; pos++)
        {
          char x = code[pos];
          char y = code[pos + 1];
          int gap = ABS (x - y);

          /* Weights 3 and 1 change the sum by 2 (x − y): invisible mod 10
           * exactly when the digits are equal or five apart. */
          code[pos] = y;
          code[pos + 1] = x;
          g_assert_cmpint (till_gs1_is_valid (code), ==, gap == 0 || gap == 5);
          code[pos] = x;
          code[pos + 1] = y;
        }
    }
}

static void
test_gs1_random_codes_validate (void)
{
  static const gsize lengths[] = { 8, 12, 13 };

  for (guint it = 0; it < 10000; it++)
    {
      gsize len = lengths[g_test_rand_int_range (0, 3)];
      char code[14];
      int check;

      for (gsize i = 0; i + 1 < len; i++)
        code[i] = (char) ('0' + g_test_rand_int_range (0, 10));
      check = till_gs1_check_digit (code, len - 1);
      g_assert_cmpint (check, >=, 0);
      g_assert_cmpint (check, <=, 9);
      code[len - 1] = (char) ('0' + check);
      code[len] = '\0';
      g_assert_true (till_gs1_is_valid (code));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/arith/round/half-away-from-zero", test_round_half_away_from_zero);
  g_test_add_func ("/arith/round/property", test_round_property);
  g_test_add_func ("/arith/floor/toward-minus-infinity", test_floor_toward_minus_infinity);
  g_test_add_func ("/arith/floor/property", test_floor_property);
  g_test_add_func ("/arith/floor/mul3", test_floor_mul3);
  g_test_add_func ("/arith/floor/mul3-agrees-with-mul-div", test_floor_mul3_agrees_with_mul_div);
  g_test_add_func ("/arith/small-operands-match-reference", test_small_operands_match_reference);
  g_test_add_func ("/arith/allocate/table", test_allocate_table);
  g_test_add_func ("/arith/allocate/in-place", test_allocate_in_place);
  g_test_add_func ("/arith/allocate/property", test_allocate_property);
  g_test_add_func ("/arith/allocate/property-huge-values", test_allocate_property_huge_values);
  g_test_add_func ("/arith/gs1/known-codes", test_gs1_known_codes);
  g_test_add_func ("/arith/gs1/refuses-malformed", test_gs1_refuses_malformed);
  g_test_add_func ("/arith/gs1/detects-single-digit-errors", test_gs1_detects_single_digit_errors);
  g_test_add_func ("/arith/gs1/detects-swaps-unless-five-apart",
                   test_gs1_detects_swaps_unless_five_apart);
  g_test_add_func ("/arith/gs1/random-codes-validate", test_gs1_random_codes_validate);

  return g_test_run ();
}
