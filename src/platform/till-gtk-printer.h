/* till-gtk-printer.h: the printer port on GtkPrintJob, printing silently to a CUPS queue
 *
 * PLATFORM.md: GtkPrintOperation's print action is broken on GTK 4.8, so
 * receipts go through GtkPrintJob.  Before sending, the queue is looked up
 * and checked: a queue that is missing, rejects jobs or is stopped gets no
 * job (CUPS would accept one for a rejecting queue and report it printed).
 * After sending, the job is followed until CUPS completes it, aborts it, or
 * the timeout passes.
 *
 * GTK must be initialised (gtk_init(), or gtk_init_check() where there is
 * no display: printing needs none).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-printer.h"

G_BEGIN_DECLS

#define TILL_TYPE_GTK_PRINTER (till_gtk_printer_get_type ())
G_DECLARE_FINAL_TYPE (TillGtkPrinter, till_gtk_printer, TILL, GTK_PRINTER, GObject)

TillPrinter *till_gtk_printer_new                (void);

/* The print server's queues, for the Settings page's picker: names of real
 * printers (no "Print to File"), sorted; empty when no print server answers
 * within @timeout_seconds. */
void         till_gtk_printer_list_queues_async  (guint                 timeout_seconds,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GStrv        till_gtk_printer_list_queues_finish (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
