/* till-print-banner.h: a failed or held receipt print, in the window, with a retry button
 *
 * Watches a TillReceiptService: when a print fails or is held it slides in
 * with the reason ("Receipt 1-000042 was not printed: The printer “Front” is
 * stopped…") and a Retry button, and slides out once that receipt has
 * printed or is dismissed.  At creation it shows the newest print still
 * unsettled.  Put it at the top of the window's content; the sale is never
 * in question, only its paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "till-receipt-service.h"

G_BEGIN_DECLS

#define TILL_TYPE_PRINT_BANNER (till_print_banner_get_type ())
G_DECLARE_FINAL_TYPE (TillPrintBanner, till_print_banner, TILL, PRINT_BANNER, GtkWidget)

GtkWidget  *till_print_banner_new         (TillReceiptService *service);
/* The job shown, 0 when the banner is hidden */
gint64      till_print_banner_get_job_id  (TillPrintBanner    *self);
const char *till_print_banner_get_message (TillPrintBanner    *self);
/* What the Retry button does */
void        till_print_banner_retry       (TillPrintBanner    *self);

G_END_DECLS
