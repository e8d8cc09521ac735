/* test-printing-cups.c: receipts printed through GtkPrintJob on a private CUPS server
 *
 * PLATFORM.md's recipe: a cupsd of our own under /tmp, listening on a socket
 * there, with a CUPS-PDF queue; CUPS_SERVER points GTK's print backend at
 * it.  The printed PDF lands in the job owner's ~/PDF and is read back with
 * pdftotext.  Skipped, saying why, only where cupsd cannot run (not root, or
 * CUPS and CUPS-PDF not installed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <gtk/gtk.h>
#include <pwd.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "till-audit.h"
#include "till-checkout.h"
#include "till-demo.h"
#include "till-gtk-printer.h"
#include "till-receipt-service.h"
#include "till-staff.h"

#define QUEUE "TillReceipts"
#define HOLDING_QUEUE "TillHolding"
#define CUPS_PDF_PPD "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"

/* The private print server ---------------------------------------------------- */

static struct
{
  char    *root;
  char    *socket;
  char    *pdf_folder;     /* CUPS-PDF's output: the job owner's ~/PDF */
  GPid     pid;
  char    *skip_reason;
} cups;

static gboolean
run (const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", first, error != NULL ? error->message : err);
      return FALSE;
    }
  return TRUE;
}

static char *
write_config (const char *name,
              const char *text)
{
  char *path = g_build_filename (cups.root, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static const char *
why_cups_cannot_run (void)
{
  static const char *programs[] = { "cupsd", "lpadmin", "cupsenable", "cupsdisable", "cupsaccept", "cupsreject",
                                    "cancel", "pdftotext" };

  if (geteuid () != 0)
    return "cupsd needs root to run the CUPS-PDF backend";
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *path = g_find_program_in_path (programs[i]);
      g_autofree char *sbin = g_build_filename ("/usr/sbin", programs[i], NULL);

      if (path == NULL && !g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
        return "CUPS, cups-client, cups-bsd or poppler-utils is not installed";
    }
  if (!g_file_test ("/usr/lib/cups/backend/cups-pdf", G_FILE_TEST_EXISTS))
    return "printer-driver-cups-pdf is not installed";
  if (getgrnam ("lp") == NULL)
    return "there is no lp group for CUPS filters";
  return NULL;
}

/* A failed assertion aborts the test: cupsd must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
start_cups (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *files_conf = NULL;
  g_autofree char *cupsd_conf = NULL;
  g_autofree char *files_text = NULL;
  g_autofree char *cupsd_text = NULL;
  g_autofree char *tmp = NULL;
  const char *reason = why_cups_cannot_run ();
  struct passwd *owner = getpwuid (geteuid ());
  const char *argv[] = { "cupsd", "-f", "-c", NULL, "-s", NULL, NULL };
  static const char *dirs[] = { "spool", "cache", "state", "log", "tmp" };

  if (reason != NULL)
    {
      cups.skip_reason = g_strdup (reason);
      return FALSE;
    }

  /* Under /tmp: filters run as lp, which cannot enter /root. */
  cups.root = g_dir_make_tmp ("till-cups-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (cups.root, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (cups.root, dirs[i], NULL);
      g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
    }
  tmp = g_build_filename (cups.root, "tmp", NULL);
  g_assert_cmpint (chown (tmp, 0, getgrnam ("lp")->gr_gid), ==, 0);
  g_assert_cmpint (g_chmod (tmp, 01770), ==, 0);
  cups.socket = g_build_filename (cups.root, "cups.sock", NULL);
  cups.pdf_folder = g_build_filename (owner->pw_dir, "PDF", NULL);

  files_text = g_strdup_printf ("ServerRoot %1$s\n"
                                "RequestRoot %1$s/spool\n"
                                "CacheDir %1$s/cache\n"
                                "StateDir %1$s/state\n"
                                "TempDir %1$s/tmp\n"
                                "AccessLog %1$s/log/access_log\n"
                                "ErrorLog %1$s/log/error_log\n"
                                "PageLog %1$s/log/page_log\n"
                                "FileDevice Yes\n"
                                "SystemGroup root\n", cups.root);
  cupsd_text = g_strdup_printf ("LogLevel info\n"
                                "Listen %s\n"
                                "Browsing No\n"
                                "DefaultAuthType None\n"
                                "WebInterface No\n"
                                "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                                cups.socket);
  files_conf = write_config ("cups-files.conf", files_text);
  cupsd_conf = write_config ("cupsd.conf", cupsd_text);
  argv[3] = cupsd_conf;
  argv[5] = files_conf;
  if (!g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                      | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, die_with_parent, NULL, &cups.pid,
                      &error))
    {
      cups.skip_reason = g_strdup_printf ("cupsd does not start: %s", error->message);
      return FALSE;
    }
  for (int i = 0; i < 100 && !g_file_test (cups.socket, G_FILE_TEST_EXISTS); i++)
    g_usleep (50000);
  if (!g_file_test (cups.socket, G_FILE_TEST_EXISTS))
    {
      cups.skip_reason = g_strdup ("cupsd started but never opened its socket");
      return FALSE;
    }
  g_setenv ("CUPS_SERVER", cups.socket, TRUE);

  if (!run ("lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-m", CUPS_PDF_PPD, "-E",
            "-o", "pdftops-renderer-default=pdftops", NULL) ||
      !run ("lpadmin", "-p", HOLDING_QUEUE, "-v", "cups-pdf:/", "-m", CUPS_PDF_PPD, "-E",
            "-o", "pdftops-renderer-default=pdftops", "-o", "job-hold-until-default=indefinite", NULL))
    {
      cups.skip_reason = g_strdup ("lpadmin cannot add a CUPS-PDF queue to the private cupsd");
      return FALSE;
    }
  return TRUE;
}

static void
stop_cups (void)
{
  if (cups.pid > 0)
    {
      int status;

      kill (cups.pid, SIGTERM);
      waitpid (cups.pid, &status, 0);
      g_spawn_close_pid (cups.pid);
    }
  if (cups.root != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", cups.root);
      g_assert_cmpint (system (command), ==, 0);
    }
  g_clear_pointer (&cups.root, g_free);
  g_clear_pointer (&cups.socket, g_free);
  g_clear_pointer (&cups.pdf_folder, g_free);
  g_clear_pointer (&cups.skip_reason, g_free);
}

/* Printing warns about the system D-Bus (colord, Avahi) where none runs:
 * those pass, everything else stays fatal (STYLE.md). */
static gboolean
harmless (const char *message)
{
  static const char *noise[] = { "colord", "avahi", "Avahi", "D-Bus system bus" };

  for (guint i = 0; message != NULL && i < G_N_ELEMENTS (noise); i++)
    if (strstr (message, noise[i]) != NULL)
      return TRUE;
  return FALSE;
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

/* The fixture: a shop, a paid order, the receipt service on GtkPrintJob ----- */

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
  gint64                started;   /* real time, to tell this test's PDFs */
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
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(TillStaffRecord) cashier = NULL;

  if (cups.skip_reason != NULL)
    return;
  f->started = g_get_real_time ();
  f->dir = g_dir_make_tmp ("till-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  till_store_set_setting (f->store, "print.timeout_seconds", "15", &error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  cashier = till_staff_get_by_name (f->store, "Lena Vogel", NULL);
  till_context_set_staff (f->context, cashier->id, cashier->name, cashier->role);
  f->printer = till_gtk_printer_new ();
  f->service = till_receipt_service_new (f->context, f->printer);
  till_receipt_service_set_printer_name (f->service, QUEUE);
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
  if (cups.skip_reason != NULL)
    return;
  /* Nothing of ours stays in the queues. */
  run ("cancel", "-a", QUEUE, NULL);
  run ("cancel", "-a", HOLDING_QUEUE, NULL);
  run ("cupsenable", QUEUE, NULL);
  run ("cupsaccept", QUEUE, NULL);
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

static gboolean
skipped (void)
{
  if (cups.skip_reason == NULL)
    return FALSE;
  g_test_skip_printf ("no private CUPS server: %s", cups.skip_reason);
  return TRUE;
}

static gint64
paid_sale (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = till_checkout_open (f->context, 1, &error);

  till_checkout_add_product (f->context, order, product (f, "VIE-001"), "VIE-001", 2000, FALSE, 0, FALSE, &error);
  till_checkout_set_line_note (f->context, order, 0, "warm it up", &error);
  till_checkout_add_product (f->context, order, product (f, "CHE-001"), "CHE-001", 350, FALSE, 0, FALSE, &error);
  till_checkout_set_customer (f->context, order, 1, &error);
  g_assert_true (till_checkout_pay_cash (f->context, order, 5000, NULL, &error));
  g_assert_no_error (error);
  return till_order_get_record (order)->receipt_number;
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

static TillReceiptJobRecord *
print_and_wait (Fixture *f,
                gint64   number,
                gint64   retry_job)
{
  if (retry_job > 0)
    till_receipt_service_retry_async (f->service, retry_job, NULL, on_print_done, f);
  else
    till_receipt_service_print_async (f->service, 1, number, NULL, on_print_done, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_nonnull (f->job);
  return f->job;
}

/* CUPS-PDF names its file after the job title ("Till receipt 1-000001 (job
 * 3)" → "Till_receipt_1-000001__job_3_…pdf"): this job's file, once written. */
static char *
printed_pdf (Fixture                    *f,
             const TillReceiptJobRecord *job)
{
  g_autofree char *prefix = g_strdup_printf ("Till_receipt_1-%06" G_GINT64_FORMAT, job->receipt_number);
  g_autofree char *marker = g_strdup_printf ("job_%" G_GINT64_FORMAT "_", job->id);

  /* The backend writes the file a moment after CUPS calls the job done. */
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GDir) dir = g_dir_open (cups.pdf_folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (cups.pdf_folder, name, NULL);
          GStatBuf st;

          if (g_str_has_prefix (name, prefix) && strstr (name, marker) != NULL && g_stat (path, &st) == 0 &&
              st.st_size > 0 && (gint64)st.st_mtime * G_USEC_PER_SEC >= f->started - 2 * G_USEC_PER_SEC)
            return g_steal_pointer (&path);
        }
      g_usleep (50000);
    }
  return NULL;
}

static char *
read_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new ("");

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x00A0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* What the printer printed is the receipt, word for word, on paper of the
 * chosen width. */
static void
assert_printed (Fixture                    *f,
                const TillReceiptJobRecord *job,
                TillPaper                   paper,
                gboolean                    duplicate)
{
  g_autofree char *pdf = printed_pdf (f, job);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(TillReceiptLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;

  g_assert_nonnull (pdf);
  text = read_text (pdf);
  receipt = till_receipt_service_load (f->context, 1, job->receipt_number, &error);
  g_assert_no_error (error);
  receipt->duplicate = duplicate;
  layout = till_receipt_layout_new (receipt, paper);
  expected = till_receipt_layout_get_text (layout);
  a = squeeze (text);
  b = squeeze (expected);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (strstr (text, "DUPLICATE") != NULL, ==, duplicate);

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = NULL;
    const char *size;

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &info,
                  NULL, NULL, &error);
    g_assert_no_error (error);
    size = strstr (info, "Page size:");
    g_assert_nonnull (size);
    /* "Page size:       226.77 x 412 pts": the paper's width, to a point */
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (size + strlen ("Page size:"), NULL), till_paper_get_width (paper),
                                    1.0);
  }
  g_unlink (pdf);
}

/* The print-failed notifications shown (a sale may notify points too):
 * the last one, and how many */
static TillNotification *
print_failures (Fixture *f,
                guint   *out_count)
{
  GPtrArray *shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
  TillNotification *last = NULL;

  *out_count = 0;
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (((TillNotification *)shown->pdata[i])->kind, "print-failed"))
      {
        last = shown->pdata[i];
        (*out_count)++;
      }
  return last;
}

/* Tests ------------------------------------------------------------------------ */

static void
test_prints_through_cups_pdf (Fixture       *f,
                              gconstpointer  data)
{
  TillReceiptJobRecord *job;
  gint64 number;

  if (skipped ())
    return;
  number = paid_sale (f);

  job = print_and_wait (f, number, 0);
  g_assert_cmpstr (job->reason, ==, "");
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_false (job->duplicate);
  assert_printed (f, job, TILL_PAPER_80, FALSE);

  /* A reprint on a 58 mm roll: DUPLICATE */
  till_receipt_service_set_paper (f->service, TILL_PAPER_58);
  job = print_and_wait (f, number, 0);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_true (job->duplicate);
  assert_printed (f, job, TILL_PAPER_58, TRUE);

  till_receipt_service_set_paper (f->service, TILL_PAPER_A4);
  job = print_and_wait (f, number, 0);
  g_assert_cmpstr (job->status, ==, "printed");
  assert_printed (f, job, TILL_PAPER_A4, TRUE);
  {
    guint n_failures;

    print_failures (f, &n_failures);
    g_assert_cmpuint (n_failures, ==, 0);
  }
}

typedef enum
{
  BREAK_MISSING,
  BREAK_REJECTING,
  BREAK_STOPPED,
} Breakage;

static void
test_broken_queue_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  Breakage breakage = GPOINTER_TO_INT (data);
  g_autofree char *archived = NULL;
  TillReceiptJobRecord *job;
  TillNotification *shown;
  gint64 number, failed;
  guint n_failures;
  const char *expected_status = breakage == BREAK_STOPPED ? "held" : "failed";
  const char *expected_reason = breakage == BREAK_MISSING ? "There is no printer"
                                : breakage == BREAK_REJECTING ? "does not accept jobs" : "is stopped";

  if (skipped ())
    return;
  number = paid_sale (f);
  archived = till_receipt_service_archive_path (f->context, 1, number);

  switch (breakage)
    {
    case BREAK_MISSING:
      till_receipt_service_set_printer_name (f->service, "TillNoSuchQueue");
      break;
    case BREAK_REJECTING:
      g_assert_true (run ("cupsreject", QUEUE, NULL));
      break;
    case BREAK_STOPPED:
    default:
      g_assert_true (run ("cupsdisable", QUEUE, NULL));
      break;
    }

  job = print_and_wait (f, number, 0);
  g_assert_cmpstr (job->status, ==, expected_status);
  g_assert_nonnull (strstr (job->reason, expected_reason));
  g_assert_false (job->sent);
  failed = job->id;
  /* The sale is complete and its receipt archived all the same. */
  g_assert_true (g_file_test (archived, G_FILE_TEST_IS_REGULAR));
  /* The failure raised a notification with its reason. */
  shown = print_failures (f, &n_failures);
  g_assert_cmpuint (n_failures, ==, 1);
  g_assert_cmpstr (shown->body, ==, job->reason);

  /* The printer is back: the retry prints the original. */
  switch (breakage)
    {
    case BREAK_MISSING:
      till_receipt_service_set_printer_name (f->service, QUEUE);
      break;
    case BREAK_REJECTING:
      g_assert_true (run ("cupsaccept", QUEUE, NULL));
      break;
    case BREAK_STOPPED:
    default:
      g_assert_true (run ("cupsenable", QUEUE, NULL));
      break;
    }
  job = print_and_wait (f, 0, failed);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_cmpint (job->retry_of, ==, failed);
  g_assert_false (job->duplicate);
  assert_printed (f, job, TILL_PAPER_80, FALSE);
}

/* A queue that holds every job: CUPS has it but does not print it within
 * the shop's print.timeout_seconds; it is held, and since it may still come
 * out, the next print is a duplicate. */
static void
test_held_job_times_out (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TillReceiptJobRecord *job;
  gint64 number, held;

  if (skipped ())
    return;
  till_store_set_setting (f->store, "print.timeout_seconds", "2", &error);
  number = paid_sale (f);
  till_receipt_service_set_printer_name (f->service, HOLDING_QUEUE);

  job = print_and_wait (f, number, 0);
  g_assert_cmpstr (job->status, ==, "held");
  g_assert_true (job->sent);
  g_assert_nonnull (strstr (job->reason, "waits in the queue"));
  held = job->id;

  run ("cancel", "-a", HOLDING_QUEUE, NULL);
  till_receipt_service_set_printer_name (f->service, QUEUE);
  job = print_and_wait (f, 0, held);
  g_assert_cmpstr (job->status, ==, "printed");
  g_assert_true (job->duplicate);
  assert_printed (f, job, TILL_PAPER_80, TRUE);
}

static void
on_queues (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GStrv *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = till_gtk_printer_list_queues_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_lists_queues (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) queues = NULL;

  if (skipped ())
    return;
  till_gtk_printer_list_queues_async (10, NULL, on_queues, &queues);
  while (queues == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_strv_contains ((const char * const *)queues, QUEUE));
  g_assert_true (g_strv_contains ((const char * const *)queues, HOLDING_QUEUE));
  /* Real queues only: no "Print to File" */
  g_assert_cmpuint (g_strv_length (queues), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_log_set_writer_func (print_noise_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_unless_print_noise, NULL);
  /* Printing needs GTK initialised, not a display. */
  gtk_init_check ();
  start_cups ();
  if (cups.skip_reason != NULL)
    g_printerr ("# SKIP printing through CUPS: %s\n", cups.skip_reason);

#define ADD(path, data, func) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/printing/cups/prints-the-receipt-through-cups-pdf", NULL, test_prints_through_cups_pdf);
  ADD ("/printing/cups/missing-queue-fails-then-retry-prints-original",
       GINT_TO_POINTER (BREAK_MISSING), test_broken_queue_then_retry);
  ADD ("/printing/cups/rejecting-queue-fails-then-retry-prints-original",
       GINT_TO_POINTER (BREAK_REJECTING), test_broken_queue_then_retry);
  ADD ("/printing/cups/stopped-queue-holds-then-retry-prints-original",
       GINT_TO_POINTER (BREAK_STOPPED), test_broken_queue_then_retry);
  ADD ("/printing/cups/held-job-times-out-next-print-duplicate", NULL, test_held_job_times_out);
  ADD ("/printing/cups/lists-the-queues", NULL, test_lists_queues);
#undef ADD

  status = g_test_run ();
  stop_cups ();
  return status;
}
