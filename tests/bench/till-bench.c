/* till-bench.c: Till's benchmarks (speed is measured here, never asserted in tests)
 *
 * Usage: till-bench [--customers N] [--rounds N] [BENCH…]
 * Prints one line per benchmark: median and p99 per operation, and operations per second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "till-arith.h"
#include "till-audit.h"
#include "till-customers.h"
#include "till-money.h"
#include "till-store.h"
#include "till-bench.h"

typedef struct
{
  const char *name;
  GArray     *samples;   /* gint64 nanoseconds */
} Series;

gint64
till_bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return (x > y) - (x < y);
}

void
till_bench_report (const char *name,
                   GArray     *samples,
                   const char *unit_note)
{
  gint64 median, p99, total = 0;

  g_array_sort (samples, compare_gint64);
  median = g_array_index (samples, gint64, samples->len / 2);
  p99 = g_array_index (samples, gint64, MIN (samples->len - 1, samples->len * 99 / 100));
  for (guint i = 0; i < samples->len; i++)
    total += g_array_index (samples, gint64, i);
  printf ("%-34s n=%-7u median %9.3f µs   p99 %9.3f µs   %10.0f ops/s %s\n",
          name, samples->len, median / 1000.0, p99 / 1000.0,
          total > 0 ? samples->len * 1e9 / total : 0.0, unit_note);
}

static void
bench_money_parse (guint rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  const TillCurrency *eur = till_currency_lookup ("EUR");

  for (guint i = 0; i < rounds; i++)
    {
      char text[32];
      gint64 t0, value;

      g_snprintf (text, sizeof text, "%u.%02u", i % 100000, i % 100);
      t0 = till_bench_now_ns ();
      till_money_parse (text, eur, TILL_NOTATION_FILE, FALSE, &value, NULL);
      t0 = till_bench_now_ns () - t0;
      g_array_append_val (samples, t0);
    }
  till_bench_report ("money/parse", samples, "");
}

static void
bench_allocate (guint rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 weights[30], shares[30];

  for (guint i = 0; i < rounds; i++)
    {
      gint64 t0;

      for (guint j = 0; j < G_N_ELEMENTS (weights); j++)
        weights[j] = g_rand_int_range (rand, 1, 100000);
      t0 = till_bench_now_ns ();
      till_allocate (g_rand_int_range (rand, 0, 1000000), weights, G_N_ELEMENTS (weights), shares, NULL);
      t0 = till_bench_now_ns () - t0;
      g_array_append_val (samples, t0);
    }
  till_bench_report ("arith/allocate-30-lines", samples, "");
}

typedef struct
{
  guint      from;
  guint      to;
  GDateTime *now;
} Batch;

static gboolean
insert_batch (TillStore  *store,
              gpointer    user_data,
              GError    **error)
{
  static const char *first[] = { "Hélène", "Jürgen", "Zoë", "Søren", "Anna", "Paul", "Mia", "Noah" };
  static const char *last[] = { "Dubois", "Müller", "Weiß", "Øster", "Nguyễn", "Kowalski", "García" };
  Batch *batch = user_data;

  for (guint i = batch->from; i < batch->to; i++)
    {
      g_autoptr(TillCustomerRecord) c = till_customer_record_new ();

      c->name = g_strdup_printf ("%s %s%u", first[i % G_N_ELEMENTS (first)],
                                 last[(i / 8) % G_N_ELEMENTS (last)], i);
      c->card = g_strdup_printf ("29%010u", i);
      c->email = g_strdup_printf ("c%u@example.org", i);
      if (!till_customers_insert (store, c, batch->now, error))
        return FALSE;
    }
  return TRUE;
}

static TillStore *
customers_store (const char *dir,
                 guint       n_customers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TillStore *store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  gint64 t0 = till_bench_now_ns ();

  g_assert_no_error (error);
  /* Built in batches of 10 000 rows a transaction: building is not what is measured. */
  for (guint from = 0; from < n_customers; from += 10000)
    {
      Batch batch = { from, MIN (from + 10000, n_customers), now };
      till_store_transaction (store, insert_batch, &batch, &error);
      g_assert_no_error (error);
    }
  printf ("(built %u customers with their search index in %.1f s)\n", n_customers,
          (till_bench_now_ns () - t0) / 1e9);
  return store;
}

static void
bench_customer_search (TillStore *store,
                       guint      rounds)
{
  static const char *queries[] = { "hel", "dub", "jür", "zoe", "sør", "mül", "nguy", "kow", "pa", "mia g" };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GArray) ids = NULL;
      gint64 t0 = till_bench_now_ns ();

      ids = till_customers_search (store, queries[i % G_N_ELEMENTS (queries)], 50, NULL);
      t0 = till_bench_now_ns () - t0;
      g_assert_nonnull (ids);
      g_array_append_val (samples, t0);
    }
  till_bench_report ("customers/prefix-search-top-50", samples, "");
}

static void
bench_customer_page (TillStore *store,
                     guint      rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *after = NULL;
  gint64 after_id = 0;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GPtrArray) page = NULL;
      gint64 t0 = till_bench_now_ns ();

      page = till_customers_page (store, after, after_id, 50, NULL);
      t0 = till_bench_now_ns () - t0;
      g_array_append_val (samples, t0);
      if (page == NULL || page->len == 0)
        {
          g_clear_pointer (&after, g_free);
          after_id = 0;
          continue;
        }
      g_free (after);
      after = g_strdup (((TillCustomerRecord *)page->pdata[page->len - 1])->name);
      after_id = ((TillCustomerRecord *)page->pdata[page->len - 1])->id;
    }
  till_bench_report ("customers/keyset-page-of-50", samples, "");
}

static void
bench_audit_append (TillStore *store,
                    guint      rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t0 = till_bench_now_ns ();

      till_audit_append (store, now, TILL_AUDIT_ACTOR_SYSTEM, 1, "bench.append", "customer", "1",
                         "phone", &error);
      t0 = till_bench_now_ns () - t0;
      g_assert_no_error (error);
      g_array_append_val (samples, t0);
    }
  till_bench_report ("audit/append (own transaction, FULL)", samples, "");
}

static gboolean
wanted (char **names,
        const char *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains ((const char * const *)names, name);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autofree char *dir = NULL;
  int customers = 100000, rounds = 2000, orders = 100000;
  g_auto(GStrv) names = NULL;
  const GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_INT, &customers, "Customers in the search benchmarks (100000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Samples per benchmark (2000)", "N" },
    { "orders", 0, 0, G_OPTION_ARG_INT, &orders, "Past orders in the checkout benchmark (100000)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, "[money|allocate|receipt|checkout|customers|audit…]" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— Till's benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || customers < 1 || rounds < 1)
    {
      g_printerr ("till-bench: %s\n", error != NULL ? error->message : "N must be at least 1");
      return 2;
    }

  if (wanted (names, "money"))
    bench_money_parse ((guint)rounds * 10);
  if (wanted (names, "allocate"))
    bench_allocate ((guint)rounds * 10);

  if (wanted (names, "receipt"))
    till_bench_receipt ((guint)MIN (rounds, 1000));
  if (wanted (names, "checkout"))
    till_bench_checkout ((guint)MIN (rounds, 1000), (guint)customers, (guint)MAX (orders, 0));

  if (wanted (names, "customers") || wanted (names, "audit"))
    {
      dir = g_dir_make_tmp ("till-bench-XXXXXX", &error);
      g_assert_no_error (error);
      store = customers_store (dir, (guint)customers);
      if (wanted (names, "customers"))
        {
          bench_customer_search (store, (guint)rounds);
          bench_customer_page (store, (guint)rounds);
        }
      if (wanted (names, "audit"))
        bench_audit_append (store, (guint)rounds / 4 + 1);
      g_clear_object (&store);
      {
        g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
        g_autofree char *wal = g_strconcat (db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (db, "-shm", NULL);
        g_unlink (db);
        g_unlink (wal);
        g_unlink (shm);
        g_rmdir (dir);
      }
    }
  return 0;
}
