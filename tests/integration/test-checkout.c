/* test-checkout.c: the checkout engine on a real database with the demo shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-audit.h"
#include "till-check.h"
#include "till-checkout.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-loyalty.h"
#include "till-staff.h"

/* A VFS over the default one that can fail writes (disk full) or syncs (I/O
 * error) on demand, to prove a failed commit loses nothing. */
static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static sqlite3_io_methods faulty_methods;
static const sqlite3_io_methods *real_methods;
static int fail_writes;   /* an SQLite result code to return from xWrite, 0 for none */
static int fail_syncs;

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultyFile;

static int
faulty_write (sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
  FaultyFile *f = (FaultyFile *)file;

  if (fail_writes != 0)
    return fail_writes;
  return f->real->pMethods->xWrite (f->real, data, amount, offset);
}

static int
faulty_sync (sqlite3_file *file, int flags)
{
  FaultyFile *f = (FaultyFile *)file;

  if (fail_syncs != 0)
    return fail_syncs;
  return f->real->pMethods->xSync (f->real, flags);
}

#define FORWARD(name, args, call) \
  static int faulty_##name args { FaultyFile *f = (FaultyFile *)file; return f->real->pMethods->x##call; }
FORWARD (close_file, (sqlite3_file *file), Close (f->real))
FORWARD (read, (sqlite3_file *file, void *data, int amount, sqlite3_int64 offset), Read (f->real, data, amount, offset))
FORWARD (truncate, (sqlite3_file *file, sqlite3_int64 size), Truncate (f->real, size))
FORWARD (file_size, (sqlite3_file *file, sqlite3_int64 *size), FileSize (f->real, size))
FORWARD (lock, (sqlite3_file *file, int level), Lock (f->real, level))
FORWARD (unlock, (sqlite3_file *file, int level), Unlock (f->real, level))
FORWARD (check_lock, (sqlite3_file *file, int *out), CheckReservedLock (f->real, out))
FORWARD (control, (sqlite3_file *file, int op, void *arg), FileControl (f->real, op, arg))
FORWARD (sector, (sqlite3_file *file), SectorSize (f->real))
FORWARD (device, (sqlite3_file *file), DeviceCharacteristics (f->real))
FORWARD (shm_map, (sqlite3_file *file, int page, int size, int extend, void volatile **out), ShmMap (f->real, page, size, extend, out))
FORWARD (shm_lock, (sqlite3_file *file, int offset, int n, int flags), ShmLock (f->real, offset, n, flags))
FORWARD (shm_unmap, (sqlite3_file *file, int delete_flag), ShmUnmap (f->real, delete_flag))
#undef FORWARD

static void
faulty_shm_barrier (sqlite3_file *file)
{
  FaultyFile *f = (FaultyFile *)file;
  f->real->pMethods->xShmBarrier (f->real);
}

static int
faulty_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *f = (FaultyFile *)file;
  int rc;

  f->real = (sqlite3_file *)(f + 1);
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      file->pMethods = NULL;
      return rc;
    }
  real_methods = f->real->pMethods;
  faulty_methods = *real_methods;
  faulty_methods.xClose = faulty_close_file;
  faulty_methods.xRead = faulty_read;
  faulty_methods.xWrite = faulty_write;
  faulty_methods.xTruncate = faulty_truncate;
  faulty_methods.xSync = faulty_sync;
  faulty_methods.xFileSize = faulty_file_size;
  faulty_methods.xLock = faulty_lock;
  faulty_methods.xUnlock = faulty_unlock;
  faulty_methods.xCheckReservedLock = faulty_check_lock;
  faulty_methods.xFileControl = faulty_control;
  faulty_methods.xSectorSize = faulty_sector;
  faulty_methods.xDeviceCharacteristics = faulty_device;
  faulty_methods.xShmMap = faulty_shm_map;
  faulty_methods.xShmLock = faulty_shm_lock;
  faulty_methods.xShmBarrier = faulty_shm_barrier;
  faulty_methods.xShmUnmap = faulty_shm_unmap;
  faulty_methods.iVersion = MIN (real_methods->iVersion, 2);
  file->pMethods = &faulty_methods;
  return SQLITE_OK;
}

static void
install_faulty_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  faulty_vfs = *real_vfs;
  faulty_vfs.zName = "till-faulty";
  faulty_vfs.szOsFile = (int)sizeof (FaultyFile) + real_vfs->szOsFile;
  faulty_vfs.xOpen = faulty_open;
  sqlite3_vfs_register (&faulty_vfs, 1);
}

typedef struct
{
  char         *path;
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
product (Fixture    *f,
         const char *sku)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM products WHERE sku = '%s'", sku);
  gint64 id = query_int (f, sql);

  g_assert_cmpint (id, >, 0);
  return id;
}

static void
sign_in_as (Fixture    *f,
            const char *name)
{
  g_autoptr(TillStaffRecord) member = till_staff_get_by_name (f->store, name, NULL);

  g_assert_nonnull (member);
  till_context_set_staff (f->context, member->id, member->name, member->role);
}

static void
add_tier (Fixture    *f,
          const char *name,
          gint64      threshold,
          gint64      tier_bp,
          gint64      mult_bp)
{
  TillTierRecord tier = { 0, (char *)name, threshold, tier_bp, mult_bp };
  g_autoptr(GError) error = NULL;

  till_loyalty_insert_tier (f->store, &tier, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-checkout-XXXXXX", &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);

  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  sign_in_as (f, "Lena Vogel");
  add_tier (f, "Silver", 10000, 300, 12500);
  add_tier (f, "Gold", 50000, 500, 15000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  g_free (f->path);
}

static void
assert_check_passes (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (till_check_run (f->store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("check: %s\n", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static TillOrder *
basket (Fixture *f,
        gint64   customer_id)
{
  g_autoptr(GError) error = NULL;
  TillOrder *order = till_checkout_open (f->context, 1, &error);

  g_assert_no_error (error);
  /* 2 croissants (1.20), 350 g of Comté (34.90/kg), a café crème (3.10, 19 %) */
  till_checkout_add_product (f->context, order, product (f, "VIE-001"), "VIE-001", 1000, FALSE, 0, TRUE, &error);
  till_checkout_add_product (f->context, order, product (f, "VIE-001"), "VIE-001", 1000, FALSE, 0, TRUE, &error);
  till_checkout_add_product (f->context, order, product (f, "CHE-001"), "CHE-001", 350, FALSE, 0, TRUE, &error);
  till_checkout_add_product (f->context, order, product (f, "HOT-002"), "HOT-002", 1000, FALSE, 0, TRUE, &error);
  g_assert_no_error (error);
  if (customer_id > 0)
    {
      till_checkout_set_customer (f->context, order, customer_id, &error);
      g_assert_no_error (error);
    }
  return order;
}

static void
test_cash_sale_with_customer (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 1);
  g_autoptr(GError) error = NULL;
  const TillOrderRecord *record;
  TillCashOutcome outcome;
  gint64 balance_before = query_int (f, "SELECT balance FROM customers WHERE id = 1");

  /* Scanning the croissant twice made one line of 2. */
  g_assert_cmpuint (till_order_get_lines (order)->len, ==, 3);
  /* 2.40 + round(3490 × 0.350) = 12.22 (12.215 → 12.22) + 3.10 = 17.72 */
  g_assert_cmpint (till_order_get_total (order), ==, 240 + 1222 + 310);

  g_assert_true (till_checkout_pay_cash (f->context, order, 2000, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (outcome.settles);
  g_assert_cmpint (outcome.change, ==, 2000 - 1772);

  record = till_order_get_record (order);
  g_assert_cmpstr (record->status, ==, "paid");
  g_assert_cmpint (record->receipt_number, ==, 1);
  g_assert_cmpint (record->points, ==, 17);                  /* floor(1772 / 100) */
  g_assert_cmpint (record->loyalty_balance_after, ==, balance_before + 17);
  g_assert_cmpint (query_int (f, "SELECT balance FROM customers WHERE id = 1"), ==, balance_before + 17);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'earn' AND points = 17"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action = 'order.complete'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT change FROM orders WHERE receipt_number = 1"), ==, 228);
  assert_check_passes (f);

  /* A paid order is never edited. */
  g_assert_false (till_checkout_set_quantity (f->context, order, 0, 3000, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
}

static void
test_receipts_gapless_per_register (Fixture       *f,
                                    gconstpointer  data)
{
  for (int i = 0; i < 3; i++)
    for (gint64 register_id = 1; register_id <= 2; register_id++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TillOrder) order = till_checkout_open (f->context, register_id, &error);

        till_checkout_add_product (f->context, order, product (f, "BRD-001"), "BRD-001", 1000, FALSE, 0, TRUE, &error);
        g_assert_true (till_checkout_pay_cash (f->context, order, 130, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpint (till_order_get_record (order)->receipt_number, ==, i + 1);
      }
  g_assert_cmpint (query_int (f, "SELECT max(receipt_number) FROM orders WHERE register_id = 2"), ==, 3);
  assert_check_passes (f);
}

typedef struct
{
  GMainLoop      *loop;
  TillCardResult *result;
  GError         *error;
} CardWait;

static void
on_card (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CardWait *wait = user_data;

  wait->result = till_checkout_pay_card_finish (TILL_CONTEXT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static TillCardResult *
pay_card (Fixture   *f,
          TillOrder *order,
          gint64     amount,
          const char *behaviour,
          GError   **error)
{
  g_autoptr(TillPaymentTerminal) terminal = till_simulated_terminal_new (behaviour);
  CardWait wait = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  till_simulated_terminal_set_delay_ms (TILL_SIMULATED_TERMINAL (terminal), 10);
  till_checkout_pay_card_async (f->context, order, amount, terminal, NULL, on_card, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.result;
}

static void
test_declined_card_leaves_order_open (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 2);
  g_autoptr(TillCardResult) declined = NULL;
  g_autoptr(TillCardResult) timeout = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = till_order_get_total (order);

  declined = pay_card (f, order, total, "decline", &error);
  g_assert_no_error (error);
  g_assert_cmpint (declined->status, ==, TILL_CARD_DECLINED);
  g_assert_cmpstr (till_order_get_record (order)->status, ==, "open");
  g_assert_cmpint (till_order_get_due (order), ==, total);

  timeout = pay_card (f, order, total, "timeout", &error);
  g_assert_cmpint (timeout->status, ==, TILL_CARD_TIMEOUT);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments WHERE status IN ('declined', 'timeout')"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE customer_id = 2"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 0);

  /* Then paid in cash: stored once, paid, with its points. */
  g_assert_true (till_checkout_pay_cash (f->context, order, total, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE customer_id = 2 AND kind = 'earn'"), ==, 1);
  assert_check_passes (f);
}

static void
test_split_card_and_cash (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 0);
  g_autoptr(TillCardResult) card = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = till_order_get_total (order);

  /* A card tender above what is due is refused; no cash-back. */
  g_assert_null (pay_card (f, order, total + 1, "approve", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  card = pay_card (f, order, 1000, "approve", &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->status, ==, TILL_CARD_APPROVED);
  g_assert_cmpint (till_order_get_due (order), ==, total - 1000);

  /* An order partly paid cannot change any more. */
  g_assert_false (till_checkout_remove_line (f->context, order, 0, &error));
  g_clear_error (&error);

  g_assert_true (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (till_order_is_paid (order));
  assert_check_passes (f);
}

static void
test_retried_completion_records_once (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 3);
  g_autoptr(TillOrder) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  /* The same order, loaded again and completed again (a retry after a crash). */
  copy = till_checkout_load (f->context, till_order_get_record (order)->id, &error);
  g_assert_no_error (error);
  g_assert_true (till_checkout_complete (f->context, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM loyalty_ledger WHERE customer_id = 3"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT last_number FROM receipt_series WHERE register_id = 1"), ==, 1);
  assert_check_passes (f);
}

static void
test_cash_rounding (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillOrder) up = NULL;
  g_autoptr(GError) error = NULL;
  TillCashOutcome outcome;

  till_store_set_setting (f->store, "cash_rounding", "5", &error);

  /* 17.72 → cash due 17.70: 17.71 settles with 0.01 change, rounding −0.02 */
  order = basket (f, 0);
  g_assert_true (till_checkout_pay_cash (f->context, order, 1771, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome.cash_due, ==, 1770);
  g_assert_cmpint (outcome.change, ==, 1);
  g_assert_cmpint (outcome.rounding, ==, -2);
  g_assert_cmpint (till_order_get_record (order)->rounding, ==, -2);

  /* A croissant and 352 g of Comté: 1.20 + round(34.90 × 0.352) = 13.48 → cash due 13.50 */
  up = till_checkout_open (f->context, 1, &error);
  till_checkout_add_product (f->context, up, product (f, "VIE-001"), NULL, 1000, FALSE, 0, TRUE, &error);
  till_checkout_add_product (f->context, up, product (f, "CHE-001"), NULL, 352, FALSE, 0, TRUE, &error);
  g_assert_cmpint (till_order_get_total (up), ==, 1348);
  g_assert_false (till_checkout_pay_cash (f->context, up, 1349, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);     /* between the due and the cash due */
  g_assert_nonnull (strstr (error->message, "13.50"));
  g_clear_error (&error);
  g_assert_true (till_checkout_pay_cash (f->context, up, 1350, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome.rounding, ==, 2);
  g_assert_cmpint (outcome.change, ==, 0);
  assert_check_passes (f);
}

static void
test_refunds_return_exactly (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRefundOutcome) first = NULL;
  g_autoptr(TillRefundOutcome) second = NULL;
  g_autoptr(TillRefundOutcome) rest = NULL;
  TillRefundRequest one_croissant = { 1, 1000 };
  TillRefundRequest everything[] = { { 1, 1000 }, { 2, 350 }, { 3, 1000 } };
  gint64 id, balance_before;
  const TillOrderRecord *record;

  g_assert_true (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  record = till_order_get_record (order);
  id = record->id;
  balance_before = query_int (f, "SELECT balance FROM customers WHERE id = 4");

  /* A cashier is refused; a manager's approval with a wrong PIN too. */
  g_assert_null (till_checkout_refund (f->context, id, 1, &one_croissant, 1, NULL, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  {
    g_autoptr(TillStaffRecord) marc = till_staff_get_by_name (f->store, "Marc Lefèvre", NULL);
    TillApproval wrong = { marc->id, "0000" };
    TillApproval right = { marc->id, "2468" };

    g_assert_null (till_checkout_refund (f->context, id, 1, &one_croissant, 1, NULL, &wrong, &error));
    g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
    g_clear_error (&error);

    first = till_checkout_refund (f->context, id, 1, &one_croissant, 1, NULL, &right, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (first->amount, ==, 120);
  g_assert_cmpint (first->receipt_number, ==, 2);   /* the register's one series */

  /* More than is left is refused, and nothing changes. */
  sign_in_as (f, "Marc Lefèvre");
  {
    TillRefundRequest too_much = { 1, 2000 };
    g_assert_null (till_checkout_refund (f->context, id, 1, &too_much, 1, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  second = till_checkout_refund (f->context, id, 1, &everything[1], 1, "cash", NULL, &error);
  g_assert_no_error (error);
  everything[0].qty = 1000;    /* the other croissant */
  rest = till_checkout_refund (f->context, id, 1, (TillRefundRequest[]) { { 1, 1000 }, { 3, 1000 } }, 2,
                               NULL, NULL, &error);
  g_assert_no_error (error);

  /* Everything refunded in steps: exactly the total, the tax and the points. */
  g_assert_cmpint (first->amount + second->amount + rest->amount, ==, till_order_get_total (order));
  g_assert_cmpint (query_int (f, "SELECT refunded_amount - total FROM orders WHERE receipt_number = 1"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT refunded_tax - tax FROM orders WHERE receipt_number = 1"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT refunded_points - points FROM orders WHERE receipt_number = 1"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT balance FROM customers WHERE id = 4"), ==, balance_before - record->points);
  assert_check_passes (f);
}

static void
test_discount_needs_approval (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 0);
  g_autoptr(GError) error = NULL;
  TillDiscount small = { TILL_DISCOUNT_PERCENT, 1000 };
  TillDiscount large = { TILL_DISCOUNT_PERCENT, 5000 };
  TillDiscount too_much = { TILL_DISCOUNT_PERCENT, 10001 };
  g_autoptr(TillStaffRecord) aiko = till_staff_get_by_name (f->store, "Aiko Tanaka", NULL);
  TillApproval approval = { aiko->id, "8642" };
  gint64 total = till_order_get_total (order);

  g_assert_true (till_checkout_set_line_discount (f->context, order, 2, small, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (till_order_get_total (order), ==, total - 31);

  g_assert_false (till_checkout_set_order_discount (f->context, order, large, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (till_checkout_set_order_discount (f->context, order, large, &approval, &error));
  g_assert_no_error (error);
  g_assert_cmpint (till_order_get_record (order)->discount_approved_by, ==, aiko->id);

  /* Over 100 % is refused with a reason, and the order stays as it was. */
  total = till_order_get_total (order);
  g_assert_false (till_checkout_set_line_discount (f->context, order, 0, too_much, &approval, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (till_order_get_total (order), ==, total);
}

static void
test_tier_rises_at_crossing_sale (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) big = till_checkout_open (f->context, 1, &error);
  g_autoptr(TillOrder) next = NULL;

  /* Four whole strawberry tarts: 99.60, just under Silver (100.00). */
  till_checkout_add_product (f->context, big, product (f, "CAK-007"), "CAK-007", 4000, FALSE, 0, TRUE, &error);
  till_checkout_set_customer (f->context, big, 5, &error);
  g_assert_true (till_checkout_pay_cash (f->context, big, 10000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT coalesce (tier_id, 0) FROM customers WHERE id = 5"), ==, 0);
  g_assert_cmpstr (till_order_get_record (big)->loyalty_next_tier, ==, "Silver");
  g_assert_cmpint (till_order_get_record (big)->loyalty_to_next_tier, ==, 40);

  /* The next sale crosses the threshold: the tier rises for the sale after. */
  next = basket (f, 5);
  g_assert_cmpint (till_order_get_pricing (next)->tier_discounts, ==, 0);
  g_assert_true (till_checkout_pay_cash (f->context, next, 5000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT tier_id FROM customers WHERE id = 5"), ==,
                   query_int (f, "SELECT id FROM tiers WHERE name = 'Silver'"));
  g_assert_cmpstr (till_order_get_record (next)->loyalty_tier, ==, "Silver");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM tier_events WHERE customer_id = 5 AND cause = 'sale'"), ==, 1);

  {
    g_autoptr(TillOrder) third = basket (f, 5);
    /* Silver: 3 % off the discountable, eligible lines, and points × 1.25 */
    g_assert_cmpint (till_order_get_pricing (third)->tier_discounts, >, 0);
  }
  assert_check_passes (f);
}

static void
test_refusals_change_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gint64 croissant = product (f, "VIE-001");

  order = till_checkout_open (f->context, 1, &error);
  g_assert_false (till_checkout_pay_cash (f->context, order, 100, NULL, &error));   /* empty order */
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_false (till_checkout_add_product (f->context, order, croissant, NULL, 0, FALSE, 0, TRUE, &error));
  g_clear_error (&error);
  g_assert_false (till_checkout_add_product (f->context, order, croissant, NULL, 1500, FALSE, 0, TRUE, &error));
  g_clear_error (&error);    /* a fractional croissant */
  g_assert_false (till_checkout_add_product (f->context, order, croissant, NULL, 100000000, FALSE, 0, TRUE, &error));
  g_clear_error (&error);    /* over the line limit */
  g_assert_false (till_checkout_add_product (f->context, order, 999999, NULL, 1000, FALSE, 0, TRUE, &error));
  g_clear_error (&error);    /* an unknown product */
  g_assert_cmpuint (till_order_get_lines (order)->len, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 0);
}

static void
test_busy_database_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 6);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;
  gint64 total = till_order_get_total (order);

  /* Another register holds the write lock. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv ("TILL_BUSY_TIMEOUT_MS", "50", TRUE);
  {
    g_autoptr(TillStore) busy_store = till_store_open (f->path, TILL_STORE_OPEN_DEFAULT, &error);
    g_autoptr(TillContext) busy = NULL;

    g_assert_no_error (error);
    busy = till_context_new (busy_store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
    till_context_set_staff (busy, till_context_get_staff_id (f->context), "Lena Vogel", "cashier");
    g_assert_false (till_checkout_pay_cash (busy, order, total, NULL, &error));
    g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_BUSY);
    g_clear_error (&error);
  }
  g_unsetenv ("TILL_BUSY_TIMEOUT_MS");

  /* Nothing half-written: the order is open with every line, no payment. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_cmpstr (till_order_get_record (order)->status, ==, "open");
  g_assert_cmpint (till_order_get_due (order), ==, total);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM order_lines"), ==, 3);

  g_assert_true (till_checkout_pay_cash (f->context, order, total, NULL, &error));
  g_assert_no_error (error);
  assert_check_passes (f);
}

static void
test_failed_disk_rolls_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 7);
  g_autoptr(GError) error = NULL;
  gint64 total = till_order_get_total (order);
  gint64 balance = query_int (f, "SELECT balance FROM customers WHERE id = 7");
  int failures[][2] = { { SQLITE_FULL, 0 }, { 0, SQLITE_IOERR_FSYNC } };

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      fail_writes = failures[i][0];
      fail_syncs = failures[i][1];
      g_assert_false (till_checkout_pay_cash (f->context, order, total, NULL, &error));
      fail_writes = fail_syncs = 0;
      g_assert_nonnull (error);
      g_assert_true (error->domain == TILL_STORE_ERROR);
      g_assert_true (error->code == (i == 0 ? TILL_STORE_ERROR_FULL : TILL_STORE_ERROR_IO));
      g_test_message ("refused as: %s", error->message);
      g_clear_error (&error);

      /* Nothing of the sale is there: no payment, no points, no receipt number. */
      g_assert_cmpstr (till_order_get_record (order)->status, ==, "open");
      g_assert_cmpuint (till_order_get_lines (order)->len, ==, 3);
      g_assert_cmpint (till_order_get_due (order), ==, total);
      g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments"), ==, 0);
      g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 0);
      g_assert_cmpint (query_int (f, "SELECT balance FROM customers WHERE id = 7"), ==, balance);
      g_assert_cmpint (query_int (f, "SELECT count(*) FROM receipt_series"), ==, 0);
    }

  /* The disk is back: the same order completes, once. */
  g_assert_true (till_checkout_pay_cash (f->context, order, total, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 1);
  assert_check_passes (f);
}

static void
test_quote_kept_then_sold_at_todays_prices (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 8);
  g_autoptr(TillOrder) sale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 quote_id, old_total = till_order_get_total (order);
  sqlite3 *db = NULL;

  g_assert_true (till_checkout_keep_as_quote (f->context, order, &error));
  g_assert_no_error (error);
  quote_id = till_order_get_record (order)->id;
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'quote' AND receipt_number IS NULL"), ==, 1);
  /* A quote is not paid. */
  g_assert_false (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  g_clear_error (&error);

  /* The croissant costs more now. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE products SET price = 150 WHERE sku = 'VIE-001'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  sale = till_checkout_quote_to_sale (f->context, quote_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (till_order_get_record (sale)->status, ==, "open");
  g_assert_cmpint (till_order_get_total (sale), ==, old_total + 2 * 30);
  g_assert_true (till_checkout_pay_cash (f->context, sale, 5000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 1);
  assert_check_passes (f);
}

static void
test_void_needs_manager (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TillOrder) order = basket (f, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStaffRecord) marc = till_staff_get_by_name (f->store, "Marc Lefèvre", NULL);
  TillApproval approval = { marc->id, "2468" };

  g_assert_false (till_checkout_void (f->context, order, NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (till_checkout_void (f->context, order, &approval, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'voided'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action = 'order.void'"), ==, 1);
}

/* Random sales and refunds: every invariant holds, and buying and refunding
 * never leaves a customer with more points than the sales they kept. */
static void
test_random_sales_and_refunds (Fixture       *f,
                               gconstpointer  data)
{
  static const char *skus[] = { "VIE-001", "BRD-002", "CHE-002", "DEL-001", "HOT-003", "VOU-010", "CAK-007" };
  g_autoptr(TillStaffRecord) marc = till_staff_get_by_name (f->store, "Marc Lefèvre", NULL);
  TillApproval approval = { marc->id, "2468" };
  int rounds = g_test_slow () ? 400 : 80;

  for (int round = 0; round < rounds; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TillOrder) order = till_checkout_open (f->context, g_test_rand_int_range (1, 3), &error);
      int n_lines = g_test_rand_int_range (1, 6);
      GPtrArray *lines;
      gint64 customer = g_test_rand_int_range (0, 4);

      for (int i = 0; i < n_lines; i++)
        {
          const char *sku = skus[g_test_rand_int_range (0, G_N_ELEMENTS (skus))];
          gboolean weighed = g_str_has_prefix (sku, "CHE") || g_str_has_prefix (sku, "DEL");
          gint64 qty = weighed ? g_test_rand_int_range (1, 2000) : 1000 * g_test_rand_int_range (1, 4);

          till_checkout_add_product (f->context, order, product (f, sku), sku, qty, FALSE, 0, TRUE, &error);
          g_assert_no_error (error);
        }
      if (customer > 0)
        till_checkout_set_customer (f->context, order, customer, &error);
      if (g_test_rand_bit ())
        {
          TillDiscount d = { TILL_DISCOUNT_PERCENT, g_test_rand_int_range (0, 2001) };
          till_checkout_set_order_discount (f->context, order, d, NULL, &error);
        }
      g_assert_no_error (error);
      g_assert_true (till_checkout_pay_cash (f->context, order, till_order_get_due (order), NULL, &error));
      g_assert_no_error (error);

      /* Refund random parts, possibly several times. */
      lines = till_order_get_lines (order);
      for (int k = 0; k < 3 && g_test_rand_bit (); k++)
        {
          guint position = g_test_rand_int_range (1, lines->len + 1);
          g_autoptr(TillOrder) fresh = till_checkout_load (f->context, till_order_get_record (order)->id, NULL);
          TillOrderLineRecord *line = till_order_get_lines (fresh)->pdata[position - 1];
          gint64 left = line->qty - line->refunded_qty;
          gint64 qty;
          TillRefundRequest request;
          g_autoptr(TillRefundOutcome) outcome = NULL;

          if (left == 0)
            continue;
          qty = line->sold_by_weight ? g_test_rand_int_range (1, left + 1) : 1000 * g_test_rand_int_range (1, left / 1000 + 1);
          request.position = position;
          request.qty = qty;
          outcome = till_checkout_refund (f->context, till_order_get_record (order)->id,
                                          till_order_get_record (order)->register_id, &request, 1, NULL,
                                          &approval, &error);
          g_assert_no_error (error);
        }
    }

  assert_check_passes (f);
  /* Points left = points earned on what was kept, for every customer. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers c WHERE c.balance <>"
                                 " (SELECT coalesce (sum (o.points - o.refunded_points), 0) FROM orders o"
                                 " WHERE o.customer_id = c.id AND o.status = 'paid')"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT min (balance) FROM customers"), >=, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  install_faulty_vfs ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/checkout/cash-sale-with-customer-earns-points-atomically", test_cash_sale_with_customer);
  ADD ("/checkout/receipt-numbers-gapless-per-register", test_receipts_gapless_per_register);
  ADD ("/checkout/declined-card-leaves-order-open", test_declined_card_leaves_order_open);
  ADD ("/checkout/split-card-and-cash", test_split_card_and_cash);
  ADD ("/checkout/retried-completion-records-once", test_retried_completion_records_once);
  ADD ("/checkout/cash-rounding-as-rules-say", test_cash_rounding);
  ADD ("/checkout/refunds-in-steps-return-exactly-total-tax-points", test_refunds_return_exactly);
  ADD ("/checkout/discount-above-threshold-needs-a-manager", test_discount_needs_approval);
  ADD ("/checkout/tier-rises-at-the-crossing-sale", test_tier_rises_at_crossing_sale);
  ADD ("/checkout/refusals-change-nothing", test_refusals_change_nothing);
  ADD ("/checkout/busy-database-rolls-back-and-loses-nothing", test_busy_database_rolls_back);
  ADD ("/checkout/full-disk-or-failed-sync-rolls-back-and-loses-nothing", test_failed_disk_rolls_back);
  ADD ("/checkout/void-needs-a-manager", test_void_needs_manager);
  ADD ("/checkout/quote-kept-then-sold-at-todays-prices", test_quote_kept_then_sold_at_todays_prices);
  ADD ("/checkout/random-sales-and-refunds-keep-every-invariant", test_random_sales_and_refunds);
#undef ADD

  return g_test_run ();
}
