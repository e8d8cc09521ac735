/* till-receipt-jobs.h: receipts by number, and the print jobs made of them
 *
 * A receipt number names a paid order or a refund (one gapless series per
 * register).  Every print of a receipt or a quote is a job row: queued, then
 * printed, failed or held, with the reason in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-orders.h"

G_BEGIN_DECLS

/* What a receipt number stands for: a paid order, or a refund (then
 * @refund_id is set and @order_id is the refunded order). */
typedef struct
{
  gint64  register_id;
  gint64  number;
  gint64  order_id;
  gint64  refund_id;     /* 0 for a sale */
} TillReceiptRef;

/* NULL-free: FALSE with TILL_STORE_ERROR_NOT_FOUND when no paid order or
 * refund carries that number. */
gboolean           till_receipts_find              (TillStore          *store,
                                                    gint64              register_id,
                                                    gint64              number,
                                                    TillReceiptRef     *out_ref,
                                                    GError            **error);
/* The receipts of orders paid, and refunds made, at or after @since (ISO
 * 8601 UTC), oldest first: an array of TillReceiptRef. */
GArray            *till_receipts_list_since        (TillStore          *store,
                                                    const char         *since,
                                                    GError            **error);

TillRefundRecord  *till_receipts_get_refund        (TillStore          *store,
                                                    gint64              refund_id,
                                                    GError            **error);
/* TillRefundLineRecord in the order of the order's lines (line_id is the
 * order line's id).  The refund's tenders: till_orders_get_refund_tenders(). */
GArray            *till_receipts_get_refund_lines  (TillStore          *store,
                                                    gint64              refund_id,
                                                    GError            **error);

/* Print jobs ----------------------------------------------------------------- */

typedef struct
{
  gint64    id;
  gint64    register_id;
  gint64    receipt_number;   /* 0 for a quote */
  gint64    order_id;
  gint64    refund_id;        /* 0 unless a refund's receipt */
  char     *printer;          /* the CUPS queue */
  char     *paper;            /* 58, 80, a4 */
  gboolean  duplicate;
  char     *status;           /* queued, printed, failed, held */
  char     *reason;           /* why it failed or is held, "" otherwise */
  gboolean  sent;             /* handed to the print server: paper may have come out */
  gint64    retry_of;         /* the job this one retries, 0 for none */
  gint64    staff_id;
  char     *created_at;
  char     *updated_at;
} TillReceiptJobRecord;

void                  till_receipt_job_record_free      (TillReceiptJobRecord *record);
TillReceiptJobRecord *till_receipt_job_record_copy      (const TillReceiptJobRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillReceiptJobRecord, till_receipt_job_record_free)

/* Inserts @record and sets its id */
gboolean              till_receipt_jobs_insert          (TillStore            *store,
                                                         TillReceiptJobRecord *record,
                                                         GError              **error);
gboolean              till_receipt_jobs_set_status      (TillStore            *store,
                                                         gint64                id,
                                                         const char           *status,
                                                         const char           *reason,
                                                         gboolean              sent,
                                                         const char           *at,
                                                         GError              **error);
TillReceiptJobRecord *till_receipt_jobs_get             (TillStore            *store,
                                                         gint64                id,
                                                         GError              **error);
/* The jobs of one receipt, oldest first */
GPtrArray            *till_receipt_jobs_list_for_receipt (TillStore           *store,
                                                          gint64               register_id,
                                                          gint64               number,
                                                          GError             **error);
/* Whether any job of the receipt may have put paper out: printed, or sent
 * to the print server (queued, timed out, held in its queue).  A print is
 * an original only when none has. */
gboolean              till_receipt_jobs_any_sent        (TillStore            *store,
                                                         gint64                register_id,
                                                         gint64                number,
                                                         gboolean             *out_sent,
                                                         GError              **error);
/* Failed and held jobs of receipts (and quotes) printed no more since,
 * newest first, at most @limit: what the window offers to retry. */
GPtrArray            *till_receipt_jobs_list_unsettled  (TillStore            *store,
                                                         guint                 limit,
                                                         GError              **error);
/* Marks jobs left queued by a Till that stopped as failed with @reason,
 * and as sent: they may have reached the printer.  Returns how many. */
gint64                till_receipt_jobs_interrupt       (TillStore            *store,
                                                         const char           *reason,
                                                         const char           *at,
                                                         GError              **error);

G_END_DECLS
