/* till-gtk-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

#include "till-gtk-printer.h"

struct _TillGtkPrinter
{
  GObject parent_instance;
};

static void till_gtk_printer_iface_init (TillPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TillGtkPrinter, till_gtk_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_PRINTER, till_gtk_printer_iface_init))

/* One print, shared by the task, the printer enumeration and the job's
 * callbacks: whichever finishes last frees it. */
typedef struct
{
  gatomicrefcount     ref;
  GTask              *task;            /* NULL once answered */
  char               *queue;
  TillReceiptLayout  *layout;
  char               *title;
  guint               timeout_seconds;
  GtkPrinter         *printer;
  GtkPrintJob        *job;
  gulong              status_handler;
  guint               timeout_id;
  gboolean            sent;
} Print;

static Print *
print_ref (Print *print)
{
  g_atomic_ref_count_inc (&print->ref);
  return print;
}

static void
print_unref (gpointer data)
{
  Print *print = data;

  if (!g_atomic_ref_count_dec (&print->ref))
    return;
  g_assert (print->task == NULL);
  g_assert (print->job == NULL);
  g_clear_object (&print->printer);
  g_clear_pointer (&print->layout, till_receipt_layout_unref);
  g_free (print->queue);
  g_free (print->title);
  g_free (print);
}

/* Answers the task once; later callbacks find it answered and do nothing. */
static void
print_complete (Print  *print,
                GError *error)   /* taken; NULL: printed */
{
  GTask *task = g_steal_pointer (&print->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  g_clear_handle_id (&print->timeout_id, g_source_remove);
  if (print->job != NULL)
    {
      g_clear_signal_handler (&print->status_handler, print->job);
      g_clear_object (&print->job);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
print_fail (Print      *print,
            int         code,
            const char *message)
{
  print_complete (print, g_error_new_literal (TILL_PRINTER_ERROR, code, message));
}

static void
on_status_changed (GtkPrintJob *job,
                   Print       *print)
{
  switch (gtk_print_job_get_status (job))
    {
    case GTK_PRINT_STATUS_FINISHED:
      print_complete (print, NULL);
      break;
    case GTK_PRINT_STATUS_FINISHED_ABORTED:
      {
        g_autofree char *message = g_strdup_printf (_("The print server cancelled or aborted the job on “%s”: "
                                                      "nothing was printed."), print->queue);
        print_fail (print, TILL_PRINTER_ERROR_ABORTED, message);
      }
      break;
    case GTK_PRINT_STATUS_INITIAL:
    case GTK_PRINT_STATUS_PREPARING:
    case GTK_PRINT_STATUS_GENERATING_DATA:
    case GTK_PRINT_STATUS_SENDING_DATA:
    case GTK_PRINT_STATUS_PENDING:
    case GTK_PRINT_STATUS_PENDING_ISSUE:
    case GTK_PRINT_STATUS_PRINTING:
    default:
      break;
    }
}

static void
on_sent (GtkPrintJob  *job,
         gpointer      user_data,
         const GError *error)
{
  Print *print = user_data;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Sending the receipt to “%s” failed: %s"), print->queue,
                                                  error->message);
      print_fail (print, TILL_PRINTER_ERROR_SEND_FAILED, message);
      return;
    }
  print->sent = TRUE;
  on_status_changed (job, print);
}

static gboolean
on_timeout (gpointer user_data)
{
  Print *print = user_data;
  g_autofree char *message = NULL;
  GtkPrintStatus status = print->job != NULL ? gtk_print_job_get_status (print->job) : GTK_PRINT_STATUS_INITIAL;

  print->timeout_id = 0;
  if (print->printer == NULL)
    {
      message = g_strdup_printf (_("The print server (CUPS) did not answer within %u seconds."),
                                 print->timeout_seconds);
      print_fail (print, TILL_PRINTER_ERROR_SEND_FAILED, message);
    }
  else if (!print->sent)
    {
      message = g_strdup_printf (_("Sending the receipt to “%s” did not finish within %u seconds."), print->queue,
                                 print->timeout_seconds);
      print_fail (print, TILL_PRINTER_ERROR_TIMEOUT, message);
    }
  else if (status == GTK_PRINT_STATUS_PENDING || status == GTK_PRINT_STATUS_PENDING_ISSUE)
    {
      message = g_strdup_printf (_("The receipt waits in the queue of “%s”, not printed after %u seconds: the "
                                   "printer is stopped, busy or holding jobs. It may still print when the queue "
                                   "moves on."), print->queue, print->timeout_seconds);
      print_fail (print, TILL_PRINTER_ERROR_HELD, message);
    }
  else
    {
      message = g_strdup_printf (_("“%s” has not finished printing the receipt after %u seconds."), print->queue,
                                 print->timeout_seconds);
      print_fail (print, TILL_PRINTER_ERROR_TIMEOUT, message);
    }
  return G_SOURCE_REMOVE;
}

static GtkPageSetup *
page_setup_for (TillReceiptLayout *layout)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  double width = till_receipt_layout_get_page_width (layout);
  double height = till_receipt_layout_get_page_height (layout);

  if (till_receipt_layout_get_paper (layout) == TILL_PAPER_A4)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else
    {
      /* A roll: as wide as the paper, as long as the receipt */
      g_autofree char *name = g_strdup_printf ("till-roll-%s", till_paper_to_string (till_receipt_layout_get_paper (layout)));
      g_autofree char *display = g_strdup_printf (_("%s mm receipt roll"),
                                                  till_paper_to_string (till_receipt_layout_get_paper (layout)));
      paper = gtk_paper_size_new_custom (name, display, width, height, GTK_UNIT_POINTS);
    }
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  return setup;
}

static gboolean
send_job (gpointer user_data)
{
  Print *print = user_data;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const char *state;
  cairo_surface_t *surface;

  if (print->task == NULL)
    return G_SOURCE_REMOVE;
  if (g_task_return_error_if_cancelled (print->task))
    {
      g_clear_object (&print->task);
      g_clear_handle_id (&print->timeout_id, g_source_remove);
      return G_SOURCE_REMOVE;
    }

  if (print->printer == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no printer “%s” on this computer's print server "
                                                    "(CUPS). Choose the receipt printer in Settings."), print->queue);
      print_fail (print, TILL_PRINTER_ERROR_NOT_FOUND, message);
      return G_SOURCE_REMOVE;
    }
  state = gtk_printer_get_state_message (print->printer);
  if (!gtk_printer_is_accepting_jobs (print->printer))
    {
      /* CUPS takes the job anyway and reports it done: check first. */
      g_autofree char *message = g_strdup_printf (_("The printer “%s” does not accept jobs%s%s."), print->queue,
                                                  state != NULL && state[0] != '\0' ? ": " : "",
                                                  state != NULL ? state : "");
      print_fail (print, TILL_PRINTER_ERROR_REJECTING, message);
      return G_SOURCE_REMOVE;
    }
  if (gtk_printer_is_paused (print->printer))
    {
      /* Nothing is sent, so nothing prints later behind the cashier's back:
       * a retry once the printer runs again prints the original. */
      g_autofree char *message = g_strdup_printf (_("The printer “%s” is stopped%s%s; the receipt was not sent. "
                                                    "Start the printer, then retry."), print->queue,
                                                  state != NULL && state[0] != '\0' ? ": " : "",
                                                  state != NULL ? state : "");
      print_fail (print, TILL_PRINTER_ERROR_STOPPED, message);
      return G_SOURCE_REMOVE;
    }

  setup = page_setup_for (print->layout);
  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, print->queue);
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (setup));
  gtk_print_settings_set_orientation (settings, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_settings_set_n_copies (settings, 1);

  print->job = gtk_print_job_new (print->title, print->printer, settings, setup);
  gtk_print_job_set_track_print_status (print->job, TRUE);
  print->status_handler = g_signal_connect (print->job, "status-changed", G_CALLBACK (on_status_changed), print);

  surface = gtk_print_job_get_surface (print->job, &error);
  if (surface == NULL || !till_receipt_layout_render_surface (print->layout, surface, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The receipt could not be drawn for “%s”: %s"), print->queue,
                                                  error != NULL ? error->message : "");
      print_fail (print, TILL_PRINTER_ERROR_SEND_FAILED, message);
      return G_SOURCE_REMOVE;
    }
  /* PLATFORM.md: finish before sending, or CUPS-PDF prints a blank page. */
  cairo_surface_finish (surface);
  gtk_print_job_send (print->job, on_sent, print_ref (print), print_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_printer (GtkPrinter *printer,
            gpointer    user_data)
{
  Print *print = user_data;

  if (print->task == NULL)
    return TRUE;
  if (gtk_printer_is_virtual (printer) || g_strcmp0 (gtk_printer_get_name (printer), print->queue) != 0)
    return FALSE;
  g_set_object (&print->printer, printer);
  return TRUE;
}

/* The enumeration is over (found, or every backend listed): carry on from
 * the main loop, outside GTK's printer-list machinery. */
static void
on_enumerated (gpointer user_data)
{
  Print *print = user_data;

  g_idle_add_full (G_PRIORITY_DEFAULT, send_job, print, print_unref);
}

static void
gtk_print_async (TillPrinter          *printer,
                 const char           *queue,
                 TillReceiptLayout    *layout,
                 const char           *title,
                 guint                 timeout_seconds,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data)
{
  Print *print = g_new0 (Print, 1);

  g_atomic_ref_count_init (&print->ref);
  print->task = g_task_new (printer, cancellable, callback, user_data);
  g_task_set_source_tag (print->task, gtk_print_async);
  g_task_set_task_data (print->task, print_ref (print), print_unref);
  print->queue = g_strdup (queue);
  print->layout = till_receipt_layout_ref (layout);
  print->title = g_strdup (title);
  print->timeout_seconds = timeout_seconds;
  print->timeout_id = g_timeout_add_seconds (timeout_seconds, on_timeout, print);

  /* Fresh backends each time, so the queue's state is today's. */
  gtk_enumerate_printers (on_printer, print, on_enumerated, FALSE);
}

static gboolean
gtk_print_finish (TillPrinter   *printer,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, printer), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
till_gtk_printer_iface_init (TillPrinterInterface *iface)
{
  iface->print_async = gtk_print_async;
  iface->print_finish = gtk_print_finish;
}

static void
till_gtk_printer_class_init (TillGtkPrinterClass *klass)
{
}

static void
till_gtk_printer_init (TillGtkPrinter *self)
{
}

TillPrinter *
till_gtk_printer_new (void)
{
  return g_object_new (TILL_TYPE_GTK_PRINTER, NULL);
}

/* Listing queues ------------------------------------------------------------ */

typedef struct
{
  gatomicrefcount  ref;
  GTask           *task;
  GPtrArray       *names;
  guint            timeout_id;
} Listing;

static void
listing_unref (gpointer data)
{
  Listing *listing = data;

  if (!g_atomic_ref_count_dec (&listing->ref))
    return;
  g_assert (listing->task == NULL);
  g_ptr_array_unref (listing->names);
  g_free (listing);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
listing_complete (Listing *listing)
{
  GTask *task = g_steal_pointer (&listing->task);
  GPtrArray *names;

  if (task == NULL)
    return;
  g_clear_handle_id (&listing->timeout_id, g_source_remove);
  names = g_ptr_array_new_full (listing->names->len + 1, g_free);
  for (guint i = 0; i < listing->names->len; i++)
    g_ptr_array_add (names, g_strdup (listing->names->pdata[i]));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  g_task_return_pointer (task, g_ptr_array_free (names, FALSE), (GDestroyNotify)g_strfreev);
  g_object_unref (task);
}

static gboolean
on_listed_printer (GtkPrinter *printer,
                   gpointer    user_data)
{
  Listing *listing = user_data;

  if (listing->task == NULL)
    return TRUE;
  if (!gtk_printer_is_virtual (printer))
    g_ptr_array_add (listing->names, g_strdup (gtk_printer_get_name (printer)));
  return FALSE;
}

static void
on_listed (gpointer user_data)
{
  Listing *listing = user_data;

  listing_complete (listing);
  listing_unref (listing);
}

static gboolean
on_listing_timeout (gpointer user_data)
{
  Listing *listing = user_data;

  listing->timeout_id = 0;
  listing_complete (listing);
  return G_SOURCE_REMOVE;
}

void
till_gtk_printer_list_queues_async (guint                timeout_seconds,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Listing *listing = g_new0 (Listing, 1);

  g_atomic_ref_count_init (&listing->ref);
  listing->names = g_ptr_array_new_with_free_func (g_free);
  listing->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (listing->task, till_gtk_printer_list_queues_async);
  listing->timeout_id = g_timeout_add_seconds (MAX (timeout_seconds, 1), on_listing_timeout, listing);
  gtk_enumerate_printers (on_listed_printer, listing, on_listed, FALSE);
}

GStrv
till_gtk_printer_list_queues_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
