/* till-admin-receipt.c: any stored receipt as a PDF or PNG file
 *
 *   receipt NUMBER [--register R] --output FILE.pdf|FILE.png [--paper 58|80|a4]
 *
 * The receipt of a paid order or a refund, built from the database like the
 * archive's, and marked DUPLICATE: the archive PDF and the first print are
 * the originals.  R defaults to this machine's register (GSettings
 * register-id); the paper to 80 mm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "till-admin-receipt.h"
#include "till-audit.h"
#include "till-database-path.h"
#include "till-receipt-service.h"

enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,
};

#define USAGE "receipt NUMBER [--register R] --output FILE.pdf|FILE.png [--paper 58|80|a4]"

static int
fail (int         code,
      const char *message)
{
  g_printerr ("error: %s\n", message);
  return code;
}

static int
usage (const char *why)
{
  g_printerr ("error: %s\nusage: till-admin [--database PATH] " USAGE "\n", why);
  return EXIT_USAGE;
}

static gint64
machine_register (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    return 1;
  settings = g_settings_new_full (schema, NULL, NULL);
  return MAX (1, (gint64)g_settings_get_uint (settings, "register-id"));
}

int
till_admin_receipt (const char  *database,
                    int          argc,
                    char       **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(TillNotifier) notifier = NULL;
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(TillReceiptLayout) layout = NULL;
  const char *number_text = NULL, *output = NULL, *paper_text = "80";
  gint64 number, register_id = machine_register ();
  TillPaper paper;
  gboolean png;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--register") || g_str_equal (argv[i], "--output") || g_str_equal (argv[i], "--paper"))
        {
          if (i + 1 >= argc)
            return usage ("an option lacks its value");
          if (g_str_equal (argv[i], "--register"))
            {
              if (!g_ascii_string_to_signed (argv[i + 1], 10, 1, 999, &register_id, NULL))
                return usage ("--register takes a register number from 1 to 999");
            }
          else if (g_str_equal (argv[i], "--output"))
            output = argv[i + 1];
          else
            paper_text = argv[i + 1];
          i++;
        }
      else if (number_text == NULL && argv[i][0] != '-')
        number_text = argv[i];
      else
        return usage ("unexpected argument");
    }
  if (number_text == NULL || output == NULL)
    return usage ("the receipt number and --output are needed");
  if (!g_ascii_string_to_signed (number_text, 10, 1, G_MAXINT64, &number, NULL))
    return usage ("NUMBER is a receipt number, 1 or more");
  if (!till_paper_parse (paper_text, &paper))
    return usage ("--paper is 58, 80 or a4");
  png = g_str_has_suffix (output, ".png") || g_str_has_suffix (output, ".PNG");
  if (!png && !g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return usage ("--output names a .pdf or a .png file");

  path = till_database_path_resolve (database);
  store = till_store_open (path, TILL_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (EXIT_DATABASE, error->message);
  clock = till_system_clock_new ();
  notifier = till_recording_notifier_new ();
  context = till_context_new (store, clock, notifier, TILL_AUDIT_ACTOR_ADMIN);

  receipt = till_receipt_service_load (context, register_id, number, &error);
  if (receipt == NULL)
    {
      if (g_error_matches (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf ("register %" G_GINT64_FORMAT " has no receipt %" G_GINT64_FORMAT,
                                                      register_id, number);
          return fail (EXIT_REFUSED, message);
        }
      return fail (error->domain == TILL_STORE_ERROR ? EXIT_DATABASE : EXIT_REFUSED, error->message);
    }
  /* A copy of a stored receipt is never the original. */
  receipt->duplicate = TRUE;
  layout = till_receipt_layout_new (receipt, paper);
  if (png ? !till_receipt_layout_render_png (layout, output, TILL_RECEIPT_PNG_DPI, &error)
          : !till_receipt_layout_render_pdf (layout, output, &error))
    return fail (EXIT_REFUSED, error->message);
  return EXIT_OK;
}
