/* bench-checkout.c: completing a sale through the services, beside a plain SQLite loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "till-audit.h"
#include "till-bench.h"
#include "till-checkout.h"
#include "till-demo.h"

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("bench setup: %s", message);
}

/* Customers and past orders in bulk: the setup is not what is measured. */
static void
fill_history (const char *path,
              guint       customers,
              guint       past_orders)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *customer = NULL, *order = NULL, *line = NULL;
  gint64 t0 = till_bench_now_ns ();

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO customers (name, card, email, created_at, updated_at)"
                                       " VALUES (?1, ?2, ?3, '2026-01-01T00:00:00.000000Z',"
                                       " '2026-01-01T00:00:00.000000Z')", -1, &customer, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < customers; i++)
    {
      char name[64], card[32], email[64];

      g_snprintf (name, sizeof name, "Bench Customer %u", i);
      g_snprintf (card, sizeof card, "27%011u", i);
      g_snprintf (email, sizeof email, "bench%u@example.org", i);
      sqlite3_bind_text (customer, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 2, card, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 3, email, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (customer), ==, SQLITE_DONE);
      sqlite3_reset (customer);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO orders (uuid, status, register_id, receipt_number,"
                                       " customer_id, opened_at, paid_at, currency, prices_include_tax,"
                                       " earn_points, earn_amount, total) VALUES (?1, 'paid', 9, ?2, ?3,"
                                       " '2026-06-01T09:00:00.000000Z', '2026-06-01T09:01:00.000000Z', 'EUR', 1,"
                                       " 1, 100, 240)", -1, &order, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO order_lines (order_id, position, product_id, code, sku,"
                                       " name, sold_by, unit_price, qty, tax_rate_bp, discountable, earns_points,"
                                       " base, paid) VALUES (?1, 1, 1, 'x', 'x', 'x', 'unit', 240, 1000, 700, 1,"
                                       " 1, 240, 240)", -1, &line, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < past_orders; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_bind_text (order, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (order, 2, i + 1);
      sqlite3_bind_int64 (order, 3, 1 + i % MAX (customers, 1));
      g_assert_cmpint (sqlite3_step (order), ==, SQLITE_DONE);
      sqlite3_reset (order);
      sqlite3_bind_int64 (line, 1, sqlite3_last_insert_rowid (db));
      g_assert_cmpint (sqlite3_step (line), ==, SQLITE_DONE);
      sqlite3_reset (line);
    }
  exec_or_die (db, "INSERT INTO receipt_series (register_id, last_number) VALUES (9, (SELECT count(*) FROM orders))");
  sqlite3_finalize (customer);
  sqlite3_finalize (order);
  sqlite3_finalize (line);
  exec_or_die (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  printf ("(built %u customers and %u past orders in %.1f s)\n", customers, past_orders,
          (till_bench_now_ns () - t0) / 1e9);
}

static const char *skus[] = { "VIE-001", "BRD-002", "CHE-001", "HOT-002", "SWT-001" };

/* The same rows a completion writes, with the same durability, by hand */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *stmts[12];
} Plain;

static const char *plain_sql[] = {
  "INSERT INTO orders (uuid, status, register_id, staff_id, customer_id, opened_at, currency,"
  " prices_include_tax, earn_points, earn_amount) VALUES (?1, 'open', 1, 1, ?2, ?3, 'EUR', 1, 1, 100)",
  "SELECT balance, tier_id FROM customers WHERE id = ?1",
  "INSERT INTO receipt_series (register_id, last_number) VALUES (1, 1)"
  " ON CONFLICT (register_id) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
  "UPDATE orders SET status = 'paid', receipt_number = ?2, paid_at = ?3, subtotal = ?4, total = ?4,"
  " tax = ?5, points = ?6, change = 0, loyalty_earned = ?6, loyalty_redeemed = 0,"
  " loyalty_balance_after = ?7, loyalty_tier = '', loyalty_next_tier = '', loyalty_to_next_tier = 0"
  " WHERE id = ?1",
  "DELETE FROM order_lines WHERE order_id = ?1",
  "INSERT INTO order_lines (order_id, position, product_id, code, sku, name, sold_by, unit_price, qty,"
  " tax_rate_bp, discountable, earns_points, base, tax, paid, points)"
  " VALUES (?1, ?2, ?3, ?4, ?4, ?4, 'unit', ?5, 1000, 700, 1, 1, ?5, ?6, ?5, ?7)",
  "INSERT INTO order_taxes (order_id, rate_bp, net, tax, gross) VALUES (?1, 700, ?2, ?3, ?4)",
  "INSERT INTO payments (order_id, seq, kind, status, tendered, change, amount, at)"
  " VALUES (?1, 1, 'cash', 'approved', ?2, 0, ?2, ?3)",
  "INSERT INTO loyalty_ledger (customer_id, kind, points, at, lot_date, order_id) VALUES (?1, 'earn', ?2, ?3, ?3, ?4)",
  "UPDATE customers SET balance = balance + ?2 WHERE id = ?1",
  "INSERT INTO audit_log (id, at, actor, staff_id, action, entity, entity_id, fields, prev_hash, hash)"
  " VALUES ((SELECT coalesce (max (id), 0) + 1 FROM audit_log), ?1, 'staff', 1, 'order.complete', 'order', ?2,"
  " '', 'x', 'y')",
  "UPDATE audit_head SET last_id = last_id + 1, hash = 'y' WHERE id = 1",
};

static void
plain_sale (Plain  *p,
            gint64  customer_id,
            gint64 *elapsed_ns)
{
  g_autofree char *uuid = g_uuid_string_random ();
  const char *at = "2026-11-25T09:00:00.000000Z";
  gint64 order_id, t0, receipt = 0;

  sqlite3_bind_text (p->stmts[0], 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (p->stmts[0], 2, customer_id);
  sqlite3_bind_text (p->stmts[0], 3, at, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (p->stmts[0]), ==, SQLITE_DONE);
  sqlite3_reset (p->stmts[0]);
  order_id = sqlite3_last_insert_rowid (p->db);

  t0 = till_bench_now_ns ();
  exec_or_die (p->db, "BEGIN IMMEDIATE");
  sqlite3_bind_int64 (p->stmts[1], 1, customer_id);
  sqlite3_step (p->stmts[1]);
  sqlite3_reset (p->stmts[1]);
  if (sqlite3_step (p->stmts[2]) == SQLITE_ROW)
    receipt = sqlite3_column_int64 (p->stmts[2], 0);
  while (sqlite3_step (p->stmts[2]) == SQLITE_ROW)
    ;
  sqlite3_reset (p->stmts[2]);
  sqlite3_bind_int64 (p->stmts[3], 1, order_id);
  sqlite3_bind_int64 (p->stmts[3], 2, receipt);
  sqlite3_bind_text (p->stmts[3], 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (p->stmts[3], 4, 1000);
  sqlite3_bind_int64 (p->stmts[3], 5, 65);
  sqlite3_bind_int64 (p->stmts[3], 6, 10);
  sqlite3_bind_int64 (p->stmts[3], 7, 10);
  g_assert_cmpint (sqlite3_step (p->stmts[3]), ==, SQLITE_DONE);
  sqlite3_reset (p->stmts[3]);
  sqlite3_bind_int64 (p->stmts[4], 1, order_id);
  sqlite3_step (p->stmts[4]);
  sqlite3_reset (p->stmts[4]);
  for (int i = 0; i < 5; i++)
    {
      sqlite3_bind_int64 (p->stmts[5], 1, order_id);
      sqlite3_bind_int64 (p->stmts[5], 2, i + 1);
      sqlite3_bind_int64 (p->stmts[5], 3, 1 + i);
      sqlite3_bind_text (p->stmts[5], 4, skus[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (p->stmts[5], 5, 200);
      sqlite3_bind_int64 (p->stmts[5], 6, 13);
      sqlite3_bind_int64 (p->stmts[5], 7, 2);
      g_assert_cmpint (sqlite3_step (p->stmts[5]), ==, SQLITE_DONE);
      sqlite3_reset (p->stmts[5]);
    }
  sqlite3_bind_int64 (p->stmts[6], 1, order_id);
  sqlite3_bind_int64 (p->stmts[6], 2, 935);
  sqlite3_bind_int64 (p->stmts[6], 3, 65);
  sqlite3_bind_int64 (p->stmts[6], 4, 1000);
  sqlite3_step (p->stmts[6]);
  sqlite3_reset (p->stmts[6]);
  sqlite3_bind_int64 (p->stmts[7], 1, order_id);
  sqlite3_bind_int64 (p->stmts[7], 2, 1000);
  sqlite3_bind_text (p->stmts[7], 3, at, -1, SQLITE_STATIC);
  sqlite3_step (p->stmts[7]);
  sqlite3_reset (p->stmts[7]);
  sqlite3_bind_int64 (p->stmts[8], 1, customer_id);
  sqlite3_bind_int64 (p->stmts[8], 2, 10);
  sqlite3_bind_text (p->stmts[8], 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (p->stmts[8], 4, order_id);
  sqlite3_step (p->stmts[8]);
  sqlite3_reset (p->stmts[8]);
  sqlite3_bind_int64 (p->stmts[9], 1, customer_id);
  sqlite3_bind_int64 (p->stmts[9], 2, 10);
  sqlite3_step (p->stmts[9]);
  sqlite3_reset (p->stmts[9]);
  sqlite3_bind_text (p->stmts[10], 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (p->stmts[10], 2, order_id);
  sqlite3_step (p->stmts[10]);
  sqlite3_reset (p->stmts[10]);
  sqlite3_step (p->stmts[11]);
  sqlite3_reset (p->stmts[11]);
  exec_or_die (p->db, "COMMIT");
  *elapsed_ns = till_bench_now_ns () - t0;
}

void
till_bench_checkout (guint rounds,
                     guint customers,
                     guint past_orders)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-bench-checkout-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(TillStore) store = NULL;
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(TillNotifier) notifier = till_recording_notifier_new ();
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(GArray) service = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) whole = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 products[G_N_ELEMENTS (skus)];
  gint64 service_total = 0, plain_total = 0;
  Plain p = { NULL, { NULL } };

  g_assert_no_error (error);
  store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (store, "security.pin_cost", "min", &error);
  clock = till_fixed_clock_new (when);
  till_demo_fill (store, clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  fill_history (path, customers, past_orders);

  store = till_store_open (path, TILL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  context = till_context_new (store, clock, notifier, TILL_AUDIT_ACTOR_STAFF);
  till_context_set_staff (context, 1, "Bench", "cashier");
  for (gsize i = 0; i < G_N_ELEMENTS (skus); i++)
    {
      g_autoptr(TillProductSnapshot) product = till_orders_get_product_by_sku (store, skus[i], &error);
      g_assert_no_error (error);
      products[i] = product->id;
    }

  g_assert_cmpint (sqlite3_open (path, &p.db), ==, SQLITE_OK);
  exec_or_die (p.db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                     " PRAGMA busy_timeout = 5000");
  for (gsize i = 0; i < G_N_ELEMENTS (plain_sql); i++)
    g_assert_cmpint (sqlite3_prepare_v2 (p.db, plain_sql[i], -1, &p.stmts[i], NULL), ==, SQLITE_OK);

  /* Alternate the two, so both meet the same disk and cache. */
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(TillOrder) order = till_checkout_open (context, 1, &error);
      gint64 customer = 1 + g_random_int_range (0, (gint32)customers);
      gint64 t_whole = till_bench_now_ns (), t0, elapsed;

      for (gsize i = 0; i < G_N_ELEMENTS (skus); i++)
        till_checkout_add_product (context, order, products[i], skus[i], i == 2 ? 250 : 1000, FALSE, 0, FALSE, &error);
      till_checkout_set_customer (context, order, customer, &error);
      g_assert_no_error (error);
      t0 = till_bench_now_ns ();
      g_assert_true (till_checkout_pay_cash (context, order, till_order_get_due (order), NULL, &error));
      elapsed = till_bench_now_ns () - t0;
      g_array_append_val (service, elapsed);
      service_total += elapsed;
      elapsed = till_bench_now_ns () - t_whole;
      g_array_append_val (whole, elapsed);

      plain_sale (&p, customer, &elapsed);
      g_array_append_val (plain, elapsed);
      plain_total += elapsed;
    }

  till_bench_report ("checkout/complete-5-lines (service)", service, "");
  till_bench_report ("checkout/complete-5-lines (plain SQL)", plain, "");
  till_bench_report ("checkout/whole-sale: 5 scans, customer, pay", whole, "");
  printf ("checkout: the service takes %.2f× the plain loop (median-free ratio of totals)\n",
          plain_total > 0 ? (double)service_total / (double)plain_total : 0.0);

  for (gsize i = 0; i < G_N_ELEMENTS (plain_sql); i++)
    sqlite3_finalize (p.stmts[i]);
  sqlite3_close (p.db);
  g_clear_object (&context);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}
