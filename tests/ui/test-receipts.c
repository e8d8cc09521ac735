/* test-receipts.c: the receipt preview, the print banner with its retry, the printer and paper pickers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "config.h"

#include "till-audit.h"
#include "till-checkout.h"
#include "till-demo.h"
#include "till-print-banner.h"
#include "till-printer-picker.h"
#include "till-receipt-preview.h"
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
  GtkWidget            *window;
  gint64                number;
} Fixture;

static gint64
product (Fixture    *f,
         const char *sku)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM products WHERE sku = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(TillStaffRecord) cashier = NULL;
  g_autoptr(TillOrder) order = NULL;

  f->dir = g_dir_make_tmp ("till-ui-receipts-XXXXXX", &error);
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
  cashier = till_staff_get_by_name (f->store, "Lena Vogel", NULL);
  till_context_set_staff (f->context, cashier->id, cashier->name, cashier->role);
  f->printer = till_recording_printer_new (NULL);
  f->service = till_receipt_service_new (f->context, f->printer);
  till_receipt_service_set_printer_name (f->service, "Receipts");

  /* A sale with a request, a weighed line and a loyalty card */
  order = till_checkout_open (f->context, 1, &error);
  till_checkout_add_product (f->context, order, product (f, "VIE-001"), "VIE-001", 2000, FALSE, 0, FALSE, &error);
  till_checkout_set_line_note (f->context, order, 0, "warm it up", &error);
  till_checkout_add_product (f->context, order, product (f, "CHE-001"), "CHE-001", 350, FALSE, 0, FALSE, &error);
  till_checkout_add_product (f->context, order, product (f, "HOT-002"), "HOT-002", 1000, FALSE, 0, FALSE, &error);
  till_checkout_set_customer (f->context, order, 1, &error);
  g_assert_true (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  g_assert_no_error (error);
  f->number = till_order_get_record (order)->receipt_number;

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 480, 760);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->service);
  g_clear_object (&f->printer);
  g_assert_finalize_object (f->context);
  g_assert_finalize_object (f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* The widget as the screen shows it, saved as PNG (and kept with
 * TILL_TEST_SCREENSHOTS=DIR, to look at) */
static cairo_surface_t *
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *keep = g_getenv ("TILL_TEST_SCREENSHOTS");
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *png = g_build_filename (keep != NULL ? keep : g_get_tmp_dir (), file, NULL);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *image;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, png));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  if (keep == NULL)
    g_unlink (png);
  return image;
}

/* Pixels darker than mid-grey: text and rules */
static guint
dark_pixels (cairo_surface_t *image)
{
  const guchar *data;
  int stride, width, height;
  guint dark = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *)(const void *)(data + y * stride + x * 4);
        guint alpha = pixel >> 24, grey = ((pixel >> 16 & 0xff) + (pixel >> 8 & 0xff) + (pixel & 0xff)) / 3;

        if (alpha > 200 && grey < 100)
          dark++;
      }
  return dark;
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TillReceiptJobRecord **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = till_receipt_service_print_finish (TILL_RECEIPT_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
has_job (gpointer data)
{
  return *(TillReceiptJobRecord **)data != NULL;
}

/* The preview ---------------------------------------------------------------- */

static void
test_preview_shows_what_prints (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillReceiptJobRecord) job = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *preview = till_receipt_preview_new ();
  static const TillPaper papers[] = { TILL_PAPER_80, TILL_PAPER_58, TILL_PAPER_A4 };

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), preview);
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  receipt = till_receipt_service_load (f->context, 1, f->number, &error);
  g_assert_no_error (error);
  till_receipt_preview_set_receipt (TILL_RECEIPT_PREVIEW (preview), receipt);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_drawn, preview, "the preview is drawn");

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *name = g_strdup_printf ("receipt-preview-%s", till_paper_to_string (papers[p]));
      g_autofree char *shown = NULL;
      TillReceiptLayout *layout;
      cairo_surface_t *image;
      GPtrArray *printed;

      till_receipt_service_set_paper (f->service, papers[p]);
      till_receipt_preview_set_paper (TILL_RECEIPT_PREVIEW (preview), papers[p]);
      layout = till_receipt_preview_get_layout (TILL_RECEIPT_PREVIEW (preview));
      g_assert_nonnull (layout);
      /* Physical size: the paper's width at 96 dpi, and a margin */
      g_assert_cmpint (gtk_drawing_area_get_content_width (GTK_DRAWING_AREA (preview)), ==,
                       (int)ceil (till_paper_get_width (papers[p]) * 96 / 72 + 24));
      for (int i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);

      image = screenshot (preview, name);
      g_assert_cmpuint (dark_pixels (image), >, 2000);
      cairo_surface_destroy (image);

      /* What the printer gets is what the screen shows. */
      g_clear_pointer (&job, till_receipt_job_record_free);
      till_receipt_service_reprint_async (f->service, 1, f->number, NULL, on_printed, &job);
      wait_until (has_job, &job, "the print finished");
      printed = till_recording_printer_get_printed (TILL_RECORDING_PRINTER (f->printer));
      shown = till_receipt_layout_get_text (layout);
      if (p == 0)
        g_assert_cmpstr (((TillPrintedJob *)printed->pdata[printed->len - 1])->text, ==, shown);
      else
        {
          /* Later prints are duplicates: the same but for the two marks */
          g_auto(GStrv) lines = g_strsplit (((TillPrintedJob *)printed->pdata[printed->len - 1])->text, "\n", -1);
          g_autoptr(GString) without = g_string_new ("");

          for (guint i = 0; lines[i] != NULL; i++)
            if (!g_str_equal (lines[i], "DUPLICATE") && lines[i][0] != '\0')
              g_string_append_printf (without, "%s\n", lines[i]);
          g_assert_cmpstr (without->str, ==, shown);
        }
    }

  till_receipt_preview_set_receipt (TILL_RECEIPT_PREVIEW (preview), NULL);
  g_assert_null (till_receipt_preview_get_layout (TILL_RECEIPT_PREVIEW (preview)));
  g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (preview)), ==, 0);
}

/* The print banner ------------------------------------------------------------- */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
banner_hidden (gpointer data)
{
  return till_print_banner_get_job_id (data) == 0;
}

static void
test_banner_shows_failure_and_retries (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(TillReceiptJobRecord) job = NULL;
  GtkWidget *banner = till_print_banner_new (f->service);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *retry;
  cairo_surface_t *image;
  GPtrArray *printed;

  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("the page"));
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_cmpint (till_print_banner_get_job_id (TILL_PRINT_BANNER (banner)), ==, 0);

  till_recording_printer_set_failure (TILL_RECORDING_PRINTER (f->printer), TILL_PRINTER_ERROR_STOPPED);
  till_receipt_service_print_async (f->service, 1, f->number, NULL, on_printed, &job);
  wait_until (has_job, &job, "the print failed");
  g_assert_cmpstr (job->status, ==, "held");
  g_assert_cmpint (till_print_banner_get_job_id (TILL_PRINT_BANNER (banner)), ==, job->id);
  g_assert_true (g_str_has_prefix (till_print_banner_get_message (TILL_PRINT_BANNER (banner)),
                                   "Receipt 1-000001 is held at the printer: "));
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  image = screenshot (f->window, "print-banner");
  cairo_surface_destroy (image);

  /* A new banner (the window opened again) shows the unsettled job. */
  {
    GtkWidget *again = g_object_ref_sink (till_print_banner_new (f->service));
    g_assert_cmpint (till_print_banner_get_job_id (TILL_PRINT_BANNER (again)), ==, job->id);
    g_object_unref (again);
  }

  /* The printer runs again: Retry prints the original, and the banner goes. */
  till_recording_printer_set_failure (TILL_RECORDING_PRINTER (f->printer), -1);
  retry = find_button (banner, "_Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  wait_until (banner_hidden, banner, "the banner hides after the retry");
  printed = till_recording_printer_get_printed (TILL_RECORDING_PRINTER (f->printer));
  g_assert_cmpuint (printed->len, ==, 1);
  g_assert_null (strstr (((TillPrintedJob *)printed->pdata[0])->text, "DUPLICATE"));
}

/* The pickers ------------------------------------------------------------------- */

static void
test_pickers_follow_settings (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *printer, *paper, *auto_print;

  g_settings_set_string (settings, "printer", "Front");
  printer = till_printer_picker_new (settings);
  paper = till_paper_picker_new (settings);
  auto_print = till_auto_print_row_new (settings);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), printer);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), paper);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), auto_print);
  gtk_window_set_child (GTK_WINDOW (f->window), group);
  gtk_window_present (GTK_WINDOW (f->window));

  /* The chosen queue shows even before (or without) a print server */
  g_assert_cmpstr (till_printer_picker_get_queue (printer), ==, "Front");
  adw_combo_row_set_selected (ADW_COMBO_ROW (printer), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "printer"), ==, "");
  g_assert_cmpstr (till_printer_picker_get_queue (printer), ==, "");
  g_settings_set_string (settings, "printer", "Back");
  g_assert_cmpstr (till_printer_picker_get_queue (printer), ==, "Back");

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 1);    /* 80 mm by default */
  g_settings_set_string (settings, "paper", "a4");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "paper"), ==, "58");

  /* The receipt service follows the same keys. */
  till_receipt_service_bind_settings (f->service, settings);
  g_assert_cmpstr (till_receipt_service_get_printer_name (f->service), ==, "Back");
  g_assert_cmpint (till_receipt_service_get_paper (f->service), ==, TILL_PAPER_58);
  g_assert_true (till_receipt_service_get_auto_print (f->service));

  g_settings_set_boolean (settings, "auto-print", FALSE);
  g_assert_false (till_receipt_service_get_auto_print (f->service));
  g_settings_unbind (f->service, "printer-name");
  g_settings_unbind (f->service, "paper");
  g_settings_unbind (f->service, "auto-print");
}

/* Printing logs harmless warnings where no system D-Bus runs (colord, Avahi):
 * those pass; everything else stays fatal. */
static gboolean
harmless (const char *message)
{
  return message != NULL && (strstr (message, "colord") != NULL || strstr (message, "vahi") != NULL ||
                              strstr (message, "D-Bus system bus") != NULL);
}

static GLogWriterOutput
print_noise_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 && harmless (fields[i].value))
      return g_log_writer_standard_streams (log_level & ~G_LOG_FLAG_FATAL, fields, n_fields, user_data);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
fatal_unless_print_noise (const char     *log_domain,
                          GLogLevelFlags  log_level,
                          const char     *message,
                          gpointer        user_data)
{
  return !harmless (message);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under Xvfb (build-aux/test does)\n");
      return 77;
    }

  g_log_set_writer_func (print_noise_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_unless_print_noise, NULL);
  adw_init ();
  /* No print server for the picker to ask: it must cope. */
  g_setenv ("CUPS_SERVER", "/nonexistent/cups.sock", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/receipts/preview-shows-what-prints", test_preview_shows_what_prints);
  ADD ("/ui/receipts/banner-shows-failure-and-retry-prints-original", test_banner_shows_failure_and_retries);
  ADD ("/ui/receipts/pickers-follow-settings", test_pickers_follow_settings);
#undef ADD

  return g_test_run ();
}
