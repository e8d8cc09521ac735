/* till-admin-catalog.c: the shop's settings, and the catalog to and from CSV files
 *
 *   settings list                 KEY=VALUE lines sorted by key (a newline in
 *                                 a value is written \n, a backslash \\)
 *   settings get KEY              the value alone
 *   settings set KEY VALUE        validated as the Settings page does
 *   import products|categories|customers FILE.csv [--skip-invalid] [--report FILE]
 *   export products|categories|customers FILE.csv      (FILE "-" is standard output)
 *
 * Through the same services as the window, acting as an admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "till-admin-catalog.h"
#include "till-audit.h"
#include "till-catalog-csv.h"
#include "till-customer-csv.h"
#include "till-database-path.h"
#include "till-error.h"
#include "till-settings-service.h"

enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,
};

static int
fail (int         code,
      const char *message)
{
  g_printerr ("error: %s\n", message);
  return code;
}

static int
fail_with (const GError *error)
{
  /* A refusal by the rules is 1; anything about reaching the database is 3. */
  return fail (error->domain == TILL_STORE_ERROR ? EXIT_DATABASE : EXIT_REFUSED, error->message);
}

static int
usage (const char *text)
{
  g_printerr ("error: usage: till-admin [--database PATH] %s\n", text);
  return EXIT_USAGE;
}

/* till-admin acts as an admin, at the system clock. */
static TillContext *
open_context (const char *database,
              int        *out_code)
{
  g_autofree char *path = till_database_path_resolve (database);
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStore) store = till_store_open (path, TILL_STORE_OPEN_DEFAULT, &error);
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(TillNotifier) notifier = NULL;

  if (store == NULL)
    {
      *out_code = fail (EXIT_DATABASE, error->message);
      return NULL;
    }
  clock = till_system_clock_new ();
  notifier = till_recording_notifier_new ();
  return till_context_new (store, clock, notifier, TILL_AUDIT_ACTOR_ADMIN);
}

/* Settings */

static char *
escape_line (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

int
till_admin_settings (const char  *database,
                     int          argc,
                     char       **argv)
{
  static const char *settings_usage = "settings list | settings get KEY | settings set KEY VALUE";
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = argc > 0 ? argv[0] : NULL;
  int code = EXIT_OK;

  if (g_strcmp0 (action, "list") == 0 ? argc != 1 :
      g_strcmp0 (action, "get") == 0 ? argc != 2 :
      g_strcmp0 (action, "set") == 0 ? argc != 3 : TRUE)
    return usage (settings_usage);

  context = open_context (database, &code);
  if (context == NULL)
    return code;

  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) values = till_settings_service_list (context, &error);

      if (values == NULL)
        return fail_with (error);
      for (guint i = 0; i < values->len; i++)
        {
          TillSettingValue *value = values->pdata[i];
          g_autofree char *line = escape_line (value->value);

          g_print ("%s=%s\n", value->key, line);
        }
      return EXIT_OK;
    }

  if (g_str_equal (action, "get"))
    {
      g_autofree char *value = till_settings_service_get (context, argv[1], &error);

      if (value == NULL)
        return fail_with (error);
      g_print ("%s\n", value);
      return EXIT_OK;
    }

  {
    g_autofree char *stored = NULL;

    if (!g_utf8_validate (argv[2], -1, NULL))
      return fail (EXIT_REFUSED, "the value is not UTF-8 text");
    if (!till_settings_service_set (context, argv[1], argv[2], &stored, &error))
      return fail_with (error);
    g_print ("%s=%s\n", argv[1], stored);
    return EXIT_OK;
  }
}

/* Import and export */

static int
parse_kind (const char         *command,
            const char         *text,
            TillCatalogCsvKind *out_kind)
{
  /* customers: the customer CSV (till-customer-csv.h); *out_kind unused */
  if (till_catalog_csv_kind_parse (text, out_kind) || g_strcmp0 (text, "customers") == 0)
    return EXIT_OK;
  return usage (g_str_equal (command, "import")
                ? "import products|categories|customers FILE.csv [--skip-invalid] [--report FILE]"
                : "export products|categories|customers FILE.csv");
}

static const char *
kind_name (TillCatalogCsvKind kind)
{
  return kind == TILL_CATALOG_CSV_PRODUCTS ? "products" : "categories";
}

static gboolean
write_report (const char              *path,
              const TillImportReport  *report)
{
  g_autofree char *csv = till_import_report_to_csv (report);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, csv, -1, &error))
    {
      g_printerr ("error: the report cannot be written: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
till_admin_import (const char  *database,
                   int          argc,
                   char       **argv)
{
  static const char *import_usage = "import products|categories|customers FILE.csv [--skip-invalid] [--report FILE]";
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const char *file = NULL, *report_path = NULL;
  gboolean skip_invalid = FALSE, ok;
  gboolean customers = argc > 0 && g_str_equal (argv[0], "customers");
  TillCatalogCsvKind kind = TILL_CATALOG_CSV_PRODUCTS;
  gsize len = 0;
  int code;

  if (argc < 1)
    return usage (import_usage);
  if ((code = parse_kind ("import", argv[0], &kind)) != EXIT_OK)
    return code;
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--skip-invalid"))
        skip_invalid = TRUE;
      else if (g_str_equal (argv[i], "--report"))
        {
          if (i + 1 >= argc)
            return usage (import_usage);
          report_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--report="))
        report_path = argv[i] + strlen ("--report=");
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return usage (import_usage);
      else if (file == NULL)
        file = argv[i];
      else
        return usage (import_usage);
    }
  if (file == NULL)
    return usage (import_usage);

  if (!g_file_get_contents (file, &data, &len, &error))
    return fail (EXIT_REFUSED, error->message);

  context = open_context (database, &code);
  if (context == NULL)
    return code;

  ok = customers ? till_customer_import (context, data, len, skip_invalid, &report, &error)
                 : till_catalog_import (context, kind, data, len, skip_invalid, &report, &error);
  if (report != NULL && report_path != NULL && !write_report (report_path, report))
    return EXIT_REFUSED;
  if (!ok)
    {
      g_autofree char *base = g_path_get_basename (file);

      if (error->domain == TILL_STORE_ERROR)
        return fail (EXIT_DATABASE, error->message);
      g_printerr ("error: %s: %s\n", base, error->message);
      /* A file or header problem is told whole by the first line. */
      for (guint i = 1; report != NULL && report->n_rows > 0 && i < report->problems->len; i++)
        {
          TillImportProblem *problem = report->problems->pdata[i];
          g_printerr ("also: row %u%s%s: %s\n", problem->row, problem->field[0] != '\0' ? ", " : "",
                      problem->field, problem->reason);
        }
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < report->problems->len; i++)
    {
      TillImportProblem *problem = report->problems->pdata[i];
      g_printerr ("skipped: row %u%s%s: %s\n", problem->row, problem->field[0] != '\0' ? ", " : "",
                  problem->field, problem->reason);
    }
  g_print ("%s: %u row%s read: %u added, %u updated, %u unchanged, %u skipped.\n",
           customers ? "customers" : kind_name (kind),
           report->n_rows, report->n_rows == 1 ? "" : "s", report->n_added, report->n_updated,
           report->n_unchanged, report->n_invalid);
  return EXIT_OK;
}

int
till_admin_export (const char  *database,
                   int          argc,
                   char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  TillCatalogCsvKind kind = TILL_CATALOG_CSV_PRODUCTS;
  int code;

  if (argc < 1)
    return usage ("export products|categories|customers FILE.csv");
  if ((code = parse_kind ("export", argv[0], &kind)) != EXIT_OK)
    return code;
  if (argc != 2)
    return usage ("export products|categories|customers FILE.csv");

  context = open_context (database, &code);
  if (context == NULL)
    return code;

  csv = g_str_equal (argv[0], "customers") ? till_customer_export (context, &error)
                                           : till_catalog_export (context, kind, &error);
  if (csv == NULL)
    return fail_with (error);
  if (g_str_equal (argv[1], "-"))
    {
      fputs (csv, stdout);
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_REFUSED;
    }
  if (!g_file_set_contents (argv[1], csv, -1, &error))
    return fail (EXIT_REFUSED, error->message);
  return EXIT_OK;
}
