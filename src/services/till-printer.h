/* till-printer.h: the printer port, for receipts on paper
 *
 * The receipt service prints through this interface only; the app hands in
 * the GtkPrintJob implementation (src/platform/till-gtk-printer.c), tests a
 * recording one or a real print server.
 *
 * A print finishes when the printer has printed the job, or with a
 * TILL_PRINTER_ERROR that says why not and whether paper may still come out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-receipt-layout.h"

G_BEGIN_DECLS

#define TILL_PRINTER_ERROR (till_printer_error_quark ())

typedef enum
{
  TILL_PRINTER_ERROR_NO_PRINTER,    /* no printer is chosen */
  TILL_PRINTER_ERROR_NOT_FOUND,     /* the print server has no such queue */
  TILL_PRINTER_ERROR_REJECTING,     /* the queue does not accept jobs */
  TILL_PRINTER_ERROR_STOPPED,       /* the queue is stopped: nothing was sent (held) */
  TILL_PRINTER_ERROR_SEND_FAILED,   /* drawing or sending failed, or no print server answers */
  TILL_PRINTER_ERROR_ABORTED,       /* the print server cancelled or aborted the job */
  TILL_PRINTER_ERROR_TIMEOUT,       /* sent, not printed in time: it may still print */
  TILL_PRINTER_ERROR_HELD,          /* sent, waiting in a stopped or holding queue (held) */
} TillPrinterErrorCode;

#define TILL_TYPE_PRINTER (till_printer_get_type ())
G_DECLARE_INTERFACE (TillPrinter, till_printer, TILL, PRINTER, GObject)

struct _TillPrinterInterface
{
  GTypeInterface parent_iface;

  void     (*print_async)  (TillPrinter          *self,
                            const char           *queue,
                            TillReceiptLayout    *layout,
                            const char           *title,
                            guint                 timeout_seconds,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*print_finish) (TillPrinter          *self,
                            GAsyncResult         *result,
                            GError              **error);
};

GQuark    till_printer_error_quark   (void);

/* Prints every page of @layout on the queue @queue, its paper as large as
 * the layout's page, as the job @title.  Finishes when the print server has
 * completed the job, or fails after @timeout_seconds. */
void      till_printer_print_async   (TillPrinter          *self,
                                      const char           *queue,
                                      TillReceiptLayout    *layout,
                                      const char           *title,
                                      guint                 timeout_seconds,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  till_printer_print_finish  (TillPrinter          *self,
                                      GAsyncResult         *result,
                                      GError              **error);

/* Whether the print server got the job, so paper may have come out or may
 * still come out: timed out and held jobs. */
gboolean  till_printer_error_was_sent (const GError        *error);
/* Whether the job is held rather than failed: a stopped queue */
gboolean  till_printer_error_is_held  (const GError        *error);

/* A printer that keeps what it was asked to print: for tests and demos.
 * Each job is kept as its text and, with a folder, as a PDF there. */
#define TILL_TYPE_RECORDING_PRINTER (till_recording_printer_get_type ())
G_DECLARE_FINAL_TYPE (TillRecordingPrinter, till_recording_printer, TILL, RECORDING_PRINTER, GObject)

typedef struct
{
  char      *queue;
  char      *title;
  char      *text;        /* till_receipt_layout_get_text() */
  char      *pdf_path;    /* NULL without a folder */
  TillPaper  paper;
} TillPrintedJob;

TillPrinter *till_recording_printer_new          (const char             *pdf_folder);
/* While set, every print fails with @code (0 … TILL_PRINTER_ERROR_HELD);
 * -1 prints again. */
void         till_recording_printer_set_failure  (TillRecordingPrinter   *self,
                                                  int                     code);
/* The jobs printed so far, oldest first (TillPrintedJob *) */
GPtrArray   *till_recording_printer_get_printed  (TillRecordingPrinter   *self);

G_END_DECLS
