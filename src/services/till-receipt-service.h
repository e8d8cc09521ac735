/* till-receipt-service.h: receipts from the database, their archive and their printing
 *
 * Every figure on a receipt comes from the committed order, refund or kept
 * quote in the database, never from the screen.  Every paid order's and
 * refund's receipt is written as a PDF into the archive, the folder
 * `receipts/` beside the database (0700), right after the sale or refund is
 * committed: a receipt exists even when the printer is out of paper.
 *
 * Numbering, originals and duplicates (DESIGN.md, "Receipts"): the archive
 * PDF and the first print, or a retry of a print that failed, are originals;
 * every later print is marked DUPLICATE.  "Failed" means no paper can have
 * come out: a print whose job the print server got (printed, or timed out or
 * held in its queue) makes every later one a duplicate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"
#include "till-printer.h"
#include "till-receipt-jobs.h"
#include "till-receipt-layout.h"

G_BEGIN_DECLS

/* The archive's paper: what a shop hands over */
#define TILL_RECEIPT_ARCHIVE_PAPER TILL_PAPER_80

/* Receipts as stored ----------------------------------------------------------- */

/* The receipt with @number of @register_id: a paid order's or a refund's.
 * TILL_STORE_ERROR_NOT_FOUND when there is none. */
TillReceipt *till_receipt_service_load         (TillContext   *context,
                                                gint64         register_id,
                                                gint64         number,
                                                GError       **error);
/* A paid order's receipt, or a kept quote (status "quote") printed as one */
TillReceipt *till_receipt_service_load_order   (TillContext   *context,
                                                gint64         order_id,
                                                GError       **error);
TillReceipt *till_receipt_service_load_refund  (TillContext   *context,
                                                gint64         refund_id,
                                                GError       **error);

/* The archive ------------------------------------------------------------------ */

/* receipts/register-R/receipt-NNNNNN.pdf beside the database */
char        *till_receipt_service_archive_path (TillContext   *context,
                                                gint64         register_id,
                                                gint64         number);
/* Writes the receipt of a paid order or of a refund into the archive unless
 * it is there already.  On failure the notifier shows why (kind
 * "archive-failed") and @error says it too; the sale stays complete. */
gboolean     till_receipt_service_archive_order  (TillContext *context,
                                                  gint64       order_id,
                                                  GError     **error);
gboolean     till_receipt_service_archive_refund (TillContext *context,
                                                  gint64       refund_id,
                                                  GError     **error);
/* Writes every receipt of the last @days days that the archive lacks (a
 * Till stopped between a commit and its archive write, a full disk): for
 * start-up.  @out_written counts the files written. */
gboolean     till_receipt_service_archive_missing (TillContext *context,
                                                   guint        days,
                                                   guint       *out_written,
                                                   GError     **error);

/* Printing --------------------------------------------------------------------- */

#define TILL_TYPE_RECEIPT_SERVICE (till_receipt_service_get_type ())
G_DECLARE_FINAL_TYPE (TillReceiptService, till_receipt_service, TILL, RECEIPT_SERVICE, GObject)

/* @printer: the printer port (the app's GtkPrintJob printer).  The printer
 * queue, paper and auto-print come from the properties "printer-name"
 * ("" = none), "paper" ("58", "80", "a4") and "auto-print", which the app
 * binds to GSettings with till_receipt_service_bind_settings().  Jobs left
 * queued by a Till that stopped are marked failed on creation. */
TillReceiptService *till_receipt_service_new            (TillContext         *context,
                                                         TillPrinter         *printer);
TillContext        *till_receipt_service_get_context    (TillReceiptService  *self);
const char         *till_receipt_service_get_printer_name (TillReceiptService *self);
void                till_receipt_service_set_printer_name (TillReceiptService *self,
                                                           const char         *queue);
TillPaper           till_receipt_service_get_paper      (TillReceiptService  *self);
void                till_receipt_service_set_paper      (TillReceiptService  *self,
                                                         TillPaper            paper);
gboolean            till_receipt_service_get_auto_print (TillReceiptService  *self);
void                till_receipt_service_set_auto_print (TillReceiptService  *self,
                                                         gboolean             auto_print);
/* Binds "printer-name", "paper" and "auto-print" to the keys printer, paper
 * and auto-print of @settings (io.github.tillpos.Till). */
void                till_receipt_service_bind_settings  (TillReceiptService  *self,
                                                         GSettings           *settings);

/* Prints receipt @number of @register_id on the chosen printer: an original
 * when no earlier print of it put paper out, else a DUPLICATE.  Finishes
 * with the job once the printer has answered: printed, failed or held, with
 * the reason.  A print that fails is a job, not an error: the finish fails
 * only when there is no such receipt or the database cannot record the job.
 * A failed or held job raises a notification (kind "print-failed") and the
 * signal "job-changed". */
void                till_receipt_service_print_async    (TillReceiptService  *self,
                                                         gint64               register_id,
                                                         gint64               number,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* The same from the order detail: audited as a reprint. */
void                till_receipt_service_reprint_async  (TillReceiptService  *self,
                                                         gint64               register_id,
                                                         gint64               number,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Prints the receipt of a failed or held job again, on the printer chosen
 * now: an original when nothing of it was printed. */
void                till_receipt_service_retry_async    (TillReceiptService  *self,
                                                         gint64               job_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Prints a kept quote (an order in status "quote"); quotes are never marked
 * DUPLICATE. */
void                till_receipt_service_print_quote_async (TillReceiptService *self,
                                                            gint64              order_id,
                                                            GCancellable       *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer            user_data);
/* The job as it ended, for all four */
TillReceiptJobRecord *till_receipt_service_print_finish (TillReceiptService  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Failed and held jobs not printed since, newest first: what the window
 * offers to retry. */
GPtrArray          *till_receipt_service_list_unsettled (TillReceiptService  *self,
                                                         GError             **error);

G_END_DECLS
