/* till-receipt-preview.h: a receipt on screen, drawn by the same layout as paper and PDF
 *
 * A GtkDrawingArea showing a TillReceipt at its physical size (1 pt is
 * 96/72 px), on white paper; A4 pages stacked.  The Sell page shows it after
 * payment and the Orders page in an order's detail (put it in a
 * GtkScrolledWindow: a long receipt is long).  Its accessible description is
 * the receipt's text, so a screen reader reads what the paper says.
 *
 *   GtkWidget *preview = till_receipt_preview_new ();
 *   g_autoptr(TillReceipt) receipt = till_receipt_service_load (context, register_id, number, &error);
 *   till_receipt_preview_set_receipt (TILL_RECEIPT_PREVIEW (preview), receipt);
 *   till_receipt_preview_set_paper (TILL_RECEIPT_PREVIEW (preview), till_receipt_service_get_paper (service));
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "till-receipt-layout.h"

G_BEGIN_DECLS

#define TILL_TYPE_RECEIPT_PREVIEW (till_receipt_preview_get_type ())
G_DECLARE_FINAL_TYPE (TillReceiptPreview, till_receipt_preview, TILL, RECEIPT_PREVIEW, GtkDrawingArea)

GtkWidget         *till_receipt_preview_new         (void);
/* NULL shows nothing */
void               till_receipt_preview_set_receipt (TillReceiptPreview *self,
                                                     TillReceipt        *receipt);
TillReceipt       *till_receipt_preview_get_receipt (TillReceiptPreview *self);
void               till_receipt_preview_set_paper   (TillReceiptPreview *self,
                                                     TillPaper           paper);
TillPaper          till_receipt_preview_get_paper   (TillReceiptPreview *self);
/* The layout shown (NULL without a receipt): the very one a print would use */
TillReceiptLayout *till_receipt_preview_get_layout  (TillReceiptPreview *self);

G_END_DECLS
