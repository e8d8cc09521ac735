/* test-receipts.c: receipts from stored orders, the archive, print jobs, originals and duplicates
 *
 * Sales and refunds go through the checkout services on the demo shop; the
 * printer is the recording one (tests/integration/test-printing-cups.c
 * prints through a real CUPS server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "till-audit.h"
#include "till-checkout.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-receipt-service.h"
#include "till-staff.h"

typedef struct
{
  char                 *dir;
  char                 *path;
  TillStore            *store;
  TillClock            *clock;
  TillNotifier         *notifier;
  TillContext          *context;
  TillPrinter          *printer;
  TillReceiptService   *service;
  GMainLoop            *loop;
  TillReceiptJobRecord *job;
  GError               *error;
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

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);

  f->dir = g_dir_make_tmp ("till-receipts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  sign_in_as (f, "Lena Vogel");
  f->printer = till_recording_printer_new (NULL);
  f->service = till_receipt_service_new (f->context, f->printer);
  till_receipt_service_set_printer_name (f->service, "Receipts");
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->service);
  g_clear_object (&f->printer);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_clear_pointer (&f->job, till_receipt_job_record_free);
  g_clear_error (&f->error);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Two croissants with a request, 350 g of Comté, a café crème; cash. */
static TillOrder *
paid_sale (Fixture *f,
           gint64   customer_id)
{
  g_autoptr(GError) error = NULL;
  TillOrder *order = till_checkout_open (f->context, 1, &error);

  g_assert_no_error (error);
  till_checkout_add_product (f->context, order, product (f, "VIE-001"), "VIE-001", 2000, FALSE, 0, FALSE, &error);
  till_checkout_set_line_note (f->context, order, 0, "warm it up", &error);
  till_checkout_add_product (f->context, order, product (f, "CHE-001"), "CHE-001", 350, FALSE, 0, FALSE, &error);
  till_checkout_add_product (f->context, order, product (f, "HOT-002"), "HOT-002", 1000, FALSE, 0, FALSE, &error);
  g_assert_no_error (error);
  if (customer_id > 0)
    {
      till_checkout_set_customer (f->context, order, customer_id, &error);
      g_assert_no_error (error);
    }
  g_assert_true (till_checkout_pay_cash (f->context, order, 2000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (till_order_is_paid (order));
  return order;
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");
  return path != NULL;
}

static void
on_print_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->job, till_receipt_job_record_free);
  g_clear_error (&f->error);
  f->job = till_receipt_service_print_finish (TILL_RECEIPT_SERVICE (source), result, &f->error);
  g_main_loop_quit (f->loop);
}

typedef enum { PRINT, REPRINT, RETRY, QUOTE } How;

static TillReceiptJobRecord *
print_and_wait (Fixture *f,
                How      how,
                gint64   number_or_id)
{
  switch (how)
    {
    case PRINT:
      till_receipt_service_print_async (f->service, 1, number_or_id, NULL, on_print_done, f);
      break;
    case REPRINT:
      till_receipt_service_reprint_async (f->service, 1, number_or_id, NULL, on_print_done, f);
      break;
    case RETRY:
      till_receipt_service_retry_async (f->service, number_or_id, NULL, on_print_done, f);
      break;
    case QUOTE:
    default:
      till_receipt_service_print_quote_async (f->service, number_or_id, NULL, on_print_done, f);
      break;
    }
  g_main_loop_run (f->loop);
  return f->job;
}

static const char *
last_printed_text (Fixture *f)
{
  GPtrArray *printed = till_recording_printer_get_printed (TILL_RECORDING_PRINTER (f->printer));

  g_assert_cmpuint (printed->len, >, 0);
  return ((TillPrintedJob *)printed->pdata[printed->len - 1])->text;
}

/* The receipt model ---------------------------------------------------------- */

static void
test_receipt_from_stored_order (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 1);
  const TillOrderRecord *record = till_order_get_record (order);
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card = query_text (f, "SELECT card FROM customers WHERE id = 1");
  g_autofree char *masked = NULL;
  gint64 lines_sum = 0;

  receipt = till_receipt_service_load (f->context, 1, record->receipt_number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->kind, ==, TILL_RECEIPT_SALE);
  g_assert_cmpint (receipt->number, ==, record->receipt_number);
  g_assert_false (receipt->duplicate);
  g_assert_cmpstr (receipt->shop_name, ==, "Boulangerie Lumière");
  g_assert_cmpstr (receipt->cashier, ==, "Lena Vogel");
  /* 09:00 UTC in the demo shop's Europe/Berlin */
  g_assert_cmpint (g_date_time_get_hour (receipt->time), ==, 10);
  g_assert_cmpuint (receipt->lines->len, ==, 3);
  g_assert_cmpstr (((TillReceiptLine *)receipt->lines->pdata[0])->note, ==, "warm it up");
  g_assert_cmpint (((TillReceiptLine *)receipt->lines->pdata[1])->qty, ==, 350);
  g_assert_true (((TillReceiptLine *)receipt->lines->pdata[1])->by_weight);
  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const TillReceiptLine *line = receipt->lines->pdata[i];

      lines_sum += line->amount;
      for (guint j = 0; j < line->n_discounts; j++)
        lines_sum -= line->discounts[j].amount;
    }
  /* Every figure is the stored one. */
  g_assert_cmpint (receipt->total, ==, record->total);
  g_assert_cmpint (lines_sum, ==, record->total);
  g_assert_cmpint (receipt->total, ==, query_int (f, "SELECT total FROM orders WHERE receipt_number = 1"));
  g_assert_cmpuint (receipt->taxes->len, ==, (guint)query_int (f, "SELECT count(*) FROM order_taxes t JOIN orders o"
                                                                  " ON o.id = t.order_id WHERE receipt_number = 1"));
  g_assert_cmpuint (receipt->tenders->len, ==, 1);
  g_assert_cmpint (((TillReceiptTender *)receipt->tenders->pdata[0])->amount, ==, 2000);
  g_assert_cmpint (receipt->change, ==, 2000 - record->total);
  /* The loyalty snapshot, and the card masked */
  g_assert_true (receipt->has_loyalty);
  g_assert_cmpint (receipt->points_earned, ==, record->loyalty_earned);
  g_assert_cmpint (receipt->points_balance, ==, record->loyalty_balance_after);
  masked = g_strconcat ("••••", card + strlen (card) - 4, NULL);
  g_assert_cmpstr (receipt->card, ==, masked);
}

static void
test_unknown_receipt_not_found (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillReceipt) receipt = till_receipt_service_load (f->context, 1, 999, &error);

  g_assert_null (receipt);
  g_assert_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND);
}

/* The archive --------------------------------------------------------------- */

static void
test_archive_after_sale_and_refund (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 1);
  g_autofree char *sale_pdf = till_receipt_service_archive_path (f->context, 1, 1);
  g_autofree char *refund_pdf = till_receipt_service_archive_path (f->context, 1, 2);
  g_autofree char *folder = g_path_get_dirname (sale_pdf);
  g_autofree char *root = g_build_filename (f->dir, "receipts", NULL);
  g_autofree char *name = query_text (f, "SELECT name FROM customers WHERE id = 1");
  g_autoptr(TillRefundOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  TillRefundRequest request = { 1, 1000 };
  TillApproval approval = { 0, "2468" };
  GStatBuf st;

  g_assert_null (till_order_get_receipt_warning (order));
  g_assert_true (g_str_has_prefix (sale_pdf, root));
  g_assert_cmpint (g_stat (sale_pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  approval.staff_id = query_int (f, "SELECT id FROM staff WHERE name = 'Marc Lefèvre'");
  outcome = till_checkout_refund (f->context, till_order_get_record (order)->id, 1, &request, 1, "cash", &approval,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->receipt_number, ==, 2);
  g_assert_null (outcome->receipt_warning);
  g_assert_true (g_file_test (refund_pdf, G_FILE_TEST_IS_REGULAR));

  if (have_pdftotext ())
    {
      g_autofree char *sale = pdf_text (sale_pdf);
      g_autofree char *refund = pdf_text (refund_pdf);

      g_assert_nonnull (strstr (sale, "No. 1-000001"));
      g_assert_nonnull (strstr (sale, "» warm it up"));
      g_assert_nonnull (strstr (sale, "0.350 kg × 34.90/kg"));
      g_assert_nonnull (strstr (sale, "••••"));
      g_assert_null (strstr (sale, "DUPLICATE"));
      /* Archived receipts hold no personal data. */
      g_assert_null (strstr (sale, name));
      g_assert_nonnull (strstr (refund, "Refund"));
      g_assert_nonnull (strstr (refund, "For receipt 1-000001"));
      g_assert_nonnull (strstr (refund, "Cash paid out"));
    }
}

static void
test_archive_failure_keeps_sale (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "receipts", NULL);
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shown;
  guint written = 0;

  /* A file where the archive folder belongs */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  order = paid_sale (f, 0);
  g_assert_true (till_order_is_paid (order));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE status = 'paid'"), ==, 1);
  g_assert_nonnull (till_order_get_receipt_warning (order));
  g_assert_nonnull (strstr (till_order_get_receipt_warning (order), "Receipt 1-000001 was not archived"));
  shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (((TillNotification *)shown->pdata[0])->kind, ==, "archive-failed");

  /* Once the disk is sorted out, the start-up sweep writes what is missing. */
  g_unlink (blocker);
  g_assert_true (till_receipt_service_archive_missing (f->context, 7, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
  g_assert_true (till_receipt_service_archive_missing (f->context, 7, &written, &error));
  g_assert_cmpuint (written, ==, 0);
  {
    g_autofree char *pdf = till_receipt_service_archive_path (f->context, 1, 1);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
}

/* Printing -------------------------------------------------------------------- */

static void
test_first_print_original_then_duplicate (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 1);
  TillReceiptJobRecord *job;

  job = print_and_wait (f, PRINT, 1);
  g_assert_no_error (f->error);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_false (job->duplicate);
  g_assert_true (job->sent);
  g_assert_cmpstr (job->printer, ==, "Receipts");
  g_assert_cmpstr (job->paper, ==, "80");
  g_assert_null (strstr (last_printed_text (f), "DUPLICATE"));
  g_assert_nonnull (strstr (last_printed_text (f), "No. 1-000001"));

  till_receipt_service_set_paper (f->service, TILL_PAPER_58);
  job = print_and_wait (f, REPRINT, 1);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_true (job->duplicate);
  g_assert_cmpstr (job->paper, ==, "58");
  g_assert_nonnull (strstr (last_printed_text (f), "DUPLICATE"));

  /* After payment again (a second press of print): still a duplicate */
  job = print_and_wait (f, PRINT, 1);
  g_assert_true (job->duplicate);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM receipt_jobs WHERE receipt_number = 1"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action = 'receipt.print'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action = 'receipt.reprint'"), ==, 2);
  /* No print failure was notified (the sale's points update was) */
  {
    GPtrArray *shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));

    for (guint i = 0; i < shown->len; i++)
      g_assert_cmpstr (((TillNotification *)shown->pdata[i])->kind, ==, "points-updated");
  }
}

typedef struct
{
  int         code;
  const char *status;
  gboolean    sent;
  gboolean    retry_is_duplicate;
} FailureCase;

static const FailureCase failures[] = {
  { TILL_PRINTER_ERROR_NOT_FOUND, "failed", FALSE, FALSE },
  { TILL_PRINTER_ERROR_REJECTING, "failed", FALSE, FALSE },
  { TILL_PRINTER_ERROR_STOPPED, "held", FALSE, FALSE },
  { TILL_PRINTER_ERROR_SEND_FAILED, "failed", FALSE, FALSE },
  { TILL_PRINTER_ERROR_ABORTED, "failed", FALSE, FALSE },
  /* The print server got these: paper may still come out. */
  { TILL_PRINTER_ERROR_TIMEOUT, "failed", TRUE, TRUE },
  { TILL_PRINTER_ERROR_HELD, "held", TRUE, TRUE },
};

static void
test_failed_print_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const FailureCase *c = &failures[i];
      g_autoptr(TillOrder) order = paid_sale (f, 0);
      gint64 number = till_order_get_record (order)->receipt_number;
      g_autoptr(GPtrArray) unsettled = NULL;
      g_autoptr(GError) error = NULL;
      TillRecordingNotifier *notifier = TILL_RECORDING_NOTIFIER (f->notifier);
      guint notified = till_recording_notifier_get_shown (notifier)->len;
      TillNotification *last;
      TillReceiptJobRecord *job;
      gint64 failed_id;

      till_recording_printer_set_failure (TILL_RECORDING_PRINTER (f->printer), c->code);
      job = print_and_wait (f, PRINT, number);
      g_assert_no_error (f->error);
      g_assert_cmpstr (job->status, ==, c->status);
      g_assert_cmpint (job->sent, ==, c->sent);
      g_assert_cmpstr (job->reason, !=, "");
      failed_id = job->id;

      /* Raised as a notification, offered for retry, the sale untouched */
      g_assert_cmpuint (till_recording_notifier_get_shown (notifier)->len, ==, notified + 1);
      last = till_recording_notifier_get_shown (notifier)->pdata[notified];
      g_assert_cmpstr (last->kind, ==, "print-failed");
      g_assert_cmpstr (last->body, ==, job->reason);
      unsettled = till_receipt_service_list_unsettled (f->service, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (unsettled->len, >=, 1);
      g_assert_cmpint (((TillReceiptJobRecord *)unsettled->pdata[0])->id, ==, failed_id);
      g_assert_true (till_order_is_paid (order));
      {
        g_autofree char *pdf = till_receipt_service_archive_path (f->context, 1, number);
        g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
      }

      /* The printer is back: the retry prints, an original unless paper may
       * already have come out. */
      till_recording_printer_set_failure (TILL_RECORDING_PRINTER (f->printer), -1);
      job = print_and_wait (f, RETRY, failed_id);
      g_assert_no_error (f->error);
      g_assert_cmpstr (job->status, ==, "printed");
      g_assert_cmpint (job->retry_of, ==, failed_id);
      g_assert_cmpint (job->duplicate, ==, c->retry_is_duplicate);
      g_assert_cmpint (strstr (last_printed_text (f), "DUPLICATE") != NULL, ==, c->retry_is_duplicate);
      g_clear_pointer (&unsettled, g_ptr_array_unref);
      unsettled = till_receipt_service_list_unsettled (f->service, &error);
      g_assert_cmpuint (unsettled->len, ==, 0);

      /* A printed job is not retried. */
      till_receipt_service_retry_async (f->service, job->id, NULL, on_print_done, f);
      g_main_loop_run (f->loop);
      g_assert_error (f->error, TILL_ERROR, TILL_ERROR_REFUSED);
    }
}

static void
test_no_printer_chosen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 0);
  TillReceiptJobRecord *job;

  till_receipt_service_set_printer_name (f->service, "");
  job = print_and_wait (f, PRINT, 1);
  g_assert_cmpstr (job->status, ==, "failed");
  g_assert_false (job->sent);
  g_assert_nonnull (strstr (job->reason, "Settings"));
  g_assert_cmpuint (till_recording_printer_get_printed (TILL_RECORDING_PRINTER (f->printer))->len, ==, 0);
}

static void
test_refund_and_quote_print (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 0);
  g_autoptr(TillOrder) quote = NULL;
  g_autoptr(TillRefundOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  TillRefundRequest request = { 3, 1000 };
  TillApproval approval = { 0, "2468" };
  TillReceiptJobRecord *job;

  approval.staff_id = query_int (f, "SELECT id FROM staff WHERE name = 'Marc Lefèvre'");
  outcome = till_checkout_refund (f->context, till_order_get_record (order)->id, 1, &request, 1, NULL, &approval,
                                  &error);
  g_assert_no_error (error);
  job = print_and_wait (f, PRINT, outcome->receipt_number);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_cmpint (job->refund_id, ==, outcome->refund_id);
  g_assert_nonnull (strstr (last_printed_text (f), "Refund"));
  g_assert_nonnull (strstr (last_printed_text (f), "Café crème"));

  quote = till_checkout_open (f->context, 1, &error);
  till_checkout_add_product (f->context, quote, product (f, "VIE-001"), "VIE-001", 12000, FALSE, 0, FALSE, &error);
  g_assert_true (till_checkout_keep_as_quote (f->context, quote, &error));
  g_assert_no_error (error);
  job = print_and_wait (f, QUOTE, till_order_get_record (quote)->id);
  g_assert_no_error (f->error);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_cmpint (job->receipt_number, ==, 0);
  g_assert_nonnull (strstr (last_printed_text (f), "This is a quote, not a receipt."));
  /* Quotes are never duplicates. */
  job = print_and_wait (f, QUOTE, till_order_get_record (quote)->id);
  g_assert_false (job->duplicate);
  /* A paid order is not a quote. */
  print_and_wait (f, QUOTE, till_order_get_record (order)->id);
  g_assert_error (f->error, TILL_ERROR, TILL_ERROR_REFUSED);
}

static void
test_interrupted_jobs_marked_on_start (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 0);
  g_autoptr(TillReceiptService) again = NULL;
  TillReceiptJobRecord job = { 0 };
  g_autoptr(GError) error = NULL;

  job.register_id = 1;
  job.receipt_number = 1;
  job.order_id = till_order_get_record (order)->id;
  job.printer = (char *)"Receipts";
  job.paper = (char *)"80";
  job.status = (char *)"queued";
  job.created_at = (char *)"2026-11-25T09:00:00.000000Z";
  g_assert_true (till_receipt_jobs_insert (f->store, &job, &error));
  g_assert_no_error (error);

  again = till_receipt_service_new (f->context, f->printer);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM receipt_jobs WHERE status = 'queued'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT sent FROM receipt_jobs WHERE id = 1"), ==, 1);
  /* It may have reached the printer: the next print is a duplicate. */
  g_assert_true (print_and_wait (f, PRINT, 1)->duplicate);
}

/* till-admin receipt ------------------------------------------------------------ */

static int
till_admin (Fixture     *f,
            char       **out_stderr,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *admin = g_getenv ("TILL_ADMIN");
  int status = 0;
  va_list args;

  g_assert_nonnull (admin);
  g_ptr_array_add (argv, (char *)admin);
  g_ptr_array_add (argv, (char *)"--database");
  g_ptr_array_add (argv, f->path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, out_stderr, &status,
                &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_admin_receipt (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TillOrder) order = paid_sale (f, 0);
  g_autofree char *pdf = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "copy.png", NULL);
  g_autofree char *err = NULL;
  cairo_surface_t *image;

  if (g_getenv ("TILL_ADMIN") == NULL)
    {
      g_test_skip ("TILL_ADMIN is not set (run through meson test)");
      return;
    }
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", "--output", pdf, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  if (have_pdftotext ())
    {
      g_autofree char *text = pdf_text (pdf);
      g_autofree char *archived = till_receipt_service_archive_path (f->context, 1, 1);
      g_autofree char *original = pdf_text (archived);

      /* The stored receipt, marked DUPLICATE; the archive's is the original. */
      g_assert_nonnull (strstr (text, "DUPLICATE"));
      g_assert_nonnull (strstr (text, "No. 1-000001"));
      g_assert_null (strstr (original, "DUPLICATE"));
    }
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", "--register", "1", "--output", png, "--paper", "58", NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int)ceil (till_paper_get_width (TILL_PAPER_58) * 203 / 72));
  cairo_surface_destroy (image);

  /* Refused: no such receipt (1); usage (2) */
  g_assert_cmpint (till_admin (f, &err, "receipt", "2", "--output", pdf, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "error: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", "--register", "2", "--output", pdf, NULL), ==, 1);
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", "--output", pdf, "--paper", "57", NULL), ==, 2);
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", "--output", "copy.txt", NULL), ==, 2);
  g_assert_cmpint (till_admin (f, NULL, "receipt", "1", NULL), ==, 2);
  g_assert_cmpint (till_admin (f, NULL, "receipt", "one", "--output", pdf, NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/receipts/model/from-the-stored-order", test_receipt_from_stored_order);
  ADD ("/receipts/model/unknown-number-not-found", test_unknown_receipt_not_found);
  ADD ("/receipts/archive/written-after-sale-and-refund", test_archive_after_sale_and_refund);
  ADD ("/receipts/archive/failure-warns-sale-stays-sweep-writes-later", test_archive_failure_keeps_sale);
  ADD ("/receipts/print/first-original-later-duplicate", test_first_print_original_then_duplicate);
  ADD ("/receipts/print/failed-or-held-then-retry", test_failed_print_then_retry);
  ADD ("/receipts/print/no-printer-chosen-fails", test_no_printer_chosen);
  ADD ("/receipts/print/refund-and-quote", test_refund_and_quote_print);
  ADD ("/receipts/print/interrupted-jobs-marked-on-start", test_interrupted_jobs_marked_on_start);
  ADD ("/receipts/admin/receipt-as-pdf-or-png-marked-duplicate", test_admin_receipt);
#undef ADD

  return g_test_run ();
}
