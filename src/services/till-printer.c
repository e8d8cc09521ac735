/* till-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-printer.h"

G_DEFINE_QUARK (till-printer-error-quark, till_printer_error)
G_DEFINE_INTERFACE (TillPrinter, till_printer, G_TYPE_OBJECT)

static void
till_printer_default_init (TillPrinterInterface *iface)
{
}

void
till_printer_print_async (TillPrinter          *self,
                          const char           *queue,
                          TillReceiptLayout    *layout,
                          const char           *title,
                          guint                 timeout_seconds,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_return_if_fail (TILL_IS_PRINTER (self));
  g_return_if_fail (queue != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (title != NULL);

  TILL_PRINTER_GET_IFACE (self)->print_async (self, queue, layout, title, MAX (timeout_seconds, 1), cancellable,
                                              callback, user_data);
}

gboolean
till_printer_print_finish (TillPrinter   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TILL_IS_PRINTER (self), FALSE);
  return TILL_PRINTER_GET_IFACE (self)->print_finish (self, result, error);
}

gboolean
till_printer_error_was_sent (const GError *error)
{
  return g_error_matches (error, TILL_PRINTER_ERROR, TILL_PRINTER_ERROR_TIMEOUT) ||
         g_error_matches (error, TILL_PRINTER_ERROR, TILL_PRINTER_ERROR_HELD);
}

gboolean
till_printer_error_is_held (const GError *error)
{
  return g_error_matches (error, TILL_PRINTER_ERROR, TILL_PRINTER_ERROR_STOPPED) ||
         g_error_matches (error, TILL_PRINTER_ERROR, TILL_PRINTER_ERROR_HELD);
}

/* The recording printer ----------------------------------------------------- */

struct _TillRecordingPrinter
{
  GObject    parent_instance;

  char      *folder;
  GPtrArray *printed;
  int        failure;
};

static void till_recording_printer_iface_init (TillPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TillRecordingPrinter, till_recording_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_PRINTER, till_recording_printer_iface_init))

static void
printed_job_free (TillPrintedJob *job)
{
  g_free (job->queue);
  g_free (job->title);
  g_free (job->text);
  g_free (job->pdf_path);
  g_free (job);
}

static const char *
failure_message (int code)
{
  switch (code)
    {
    case TILL_PRINTER_ERROR_NO_PRINTER:
      return "No receipt printer is chosen.";
    case TILL_PRINTER_ERROR_NOT_FOUND:
      return "The printer does not exist.";
    case TILL_PRINTER_ERROR_REJECTING:
      return "The printer does not accept jobs.";
    case TILL_PRINTER_ERROR_STOPPED:
      return "The printer is stopped.";
    case TILL_PRINTER_ERROR_ABORTED:
      return "The print server aborted the job.";
    case TILL_PRINTER_ERROR_TIMEOUT:
      return "The printer did not print the receipt in time.";
    case TILL_PRINTER_ERROR_HELD:
      return "The job is held in the printer's queue.";
    case TILL_PRINTER_ERROR_SEND_FAILED:
    default:
      return "Sending the receipt to the printer failed.";
    }
}

static void
recording_print_async (TillPrinter          *printer,
                       const char           *queue,
                       TillReceiptLayout    *layout,
                       const char           *title,
                       guint                 timeout_seconds,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  TillRecordingPrinter *self = TILL_RECORDING_PRINTER (printer);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  TillPrintedJob *job;

  g_task_set_source_tag (task, recording_print_async);
  if (self->failure >= 0)
    {
      g_task_return_new_error (task, TILL_PRINTER_ERROR, self->failure, "%s", failure_message (self->failure));
      return;
    }

  job = g_new0 (TillPrintedJob, 1);
  job->queue = g_strdup (queue);
  job->title = g_strdup (title);
  job->text = till_receipt_layout_get_text (layout);
  job->paper = till_receipt_layout_get_paper (layout);
  if (self->folder != NULL)
    {
      g_autofree char *name = g_strdup_printf ("job-%u.pdf", self->printed->len + 1);

      job->pdf_path = g_build_filename (self->folder, name, NULL);
      if (!till_receipt_layout_render_pdf (layout, job->pdf_path, &error))
        {
          printed_job_free (job);
          g_task_return_new_error (task, TILL_PRINTER_ERROR, TILL_PRINTER_ERROR_SEND_FAILED, "%s", error->message);
          return;
        }
    }
  g_ptr_array_add (self->printed, job);
  g_task_return_boolean (task, TRUE);
}

static gboolean
recording_print_finish (TillPrinter   *printer,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, printer), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
till_recording_printer_iface_init (TillPrinterInterface *iface)
{
  iface->print_async = recording_print_async;
  iface->print_finish = recording_print_finish;
}

static void
till_recording_printer_finalize (GObject *object)
{
  TillRecordingPrinter *self = TILL_RECORDING_PRINTER (object);

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->printed, g_ptr_array_unref);

  G_OBJECT_CLASS (till_recording_printer_parent_class)->finalize (object);
}

static void
till_recording_printer_class_init (TillRecordingPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_recording_printer_finalize;
}

static void
till_recording_printer_init (TillRecordingPrinter *self)
{
  self->printed = g_ptr_array_new_with_free_func ((GDestroyNotify)printed_job_free);
  self->failure = -1;
}

TillPrinter *
till_recording_printer_new (const char *pdf_folder)
{
  TillRecordingPrinter *self = g_object_new (TILL_TYPE_RECORDING_PRINTER, NULL);

  self->folder = g_strdup (pdf_folder);
  return TILL_PRINTER (self);
}

void
till_recording_printer_set_failure (TillRecordingPrinter *self,
                                    int                   code)
{
  g_return_if_fail (TILL_IS_RECORDING_PRINTER (self));
  g_return_if_fail (code >= -1 && code <= TILL_PRINTER_ERROR_HELD);
  self->failure = code;
}

GPtrArray *
till_recording_printer_get_printed (TillRecordingPrinter *self)
{
  g_return_val_if_fail (TILL_IS_RECORDING_PRINTER (self), NULL);
  return self->printed;
}
