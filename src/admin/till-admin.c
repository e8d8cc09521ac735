/* till-admin.c: Till's command-line administration tool
 *
 * It calls the same services as the window, never SQL of its own, and acts as
 * an admin ("till-admin" in the audit log).
 *
 * Exit codes (DESIGN.md): 0 ok; 1 refused, invalid input or a failed check;
 * 2 usage; 3 the database cannot be opened or read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "till-admin-commands.h"
#include "till-admin-catalog.h"
#include "till-admin-receipt.h"
#include "till-admin-service.h"
#include "till-admin-staff.h"
#include "till-audit.h"
#include "till-catalog.h"
#include "till-check.h"
#include "till-clock.h"
#include "till-customers.h"
#include "till-database-path.h"
#include "till-demo.h"
#include "till-demo-history.h"
#include "till-staff.h"
#include "till-store.h"

enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,
};

typedef int (*CommandFunc) (const char *database, int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static int
fail (int         code,
      const char *message)
{
  g_printerr ("error: %s\n", message);
  return code;
}

static int
exit_code_for (const GError *error)
{
  /* A refusal by the rules is 1; anything about reaching the database is 3. */
  if (error->domain == TILL_STORE_ERROR)
    return EXIT_DATABASE;
  return EXIT_REFUSED;
}

static TillStore *
open_store (const char          *database,
            TillStoreOpenFlags   flags,
            int                 *out_code)
{
  g_autofree char *path = till_database_path_resolve (database);
  g_autoptr(GError) error = NULL;
  TillStore *store;

  store = till_store_open (path, flags, &error);
  if (store == NULL)
    *out_code = fail (EXIT_DATABASE, error->message);
  return store;
}

static gboolean
no_arguments (const char *command,
              int         argc)
{
  if (argc > 0)
    {
      g_printerr ("error: “%s” takes no arguments\n", command);
      return FALSE;
    }
  return TRUE;
}

static int
command_init (const char  *database,
              int          argc,
              char       **argv)
{
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(GDateTime) now = NULL;
  int code = EXIT_OK;

  if (!no_arguments ("init", argc))
    return EXIT_USAGE;

  store = open_store (database, TILL_STORE_OPEN_CREATE, &code);
  if (store == NULL)
    return code;

  if (till_audit_count (store, &error) == 0)
    {
      clock = till_system_clock_new ();
      now = till_clock_now (clock);
      if (!till_audit_append (store, now, TILL_AUDIT_ACTOR_ADMIN, 0, "database.init", "", "", "",
                              &error))
        return fail (exit_code_for (error), error->message);
    }
  if (error != NULL)
    return fail (EXIT_DATABASE, error->message);

  g_print ("%s is ready (schema %d).\n", till_store_get_path (store),
           till_store_get_schema_version (store));
  return EXIT_OK;
}

static int
command_demo (const char  *database,
              int          argc,
              char       **argv)
{
  g_autoptr(TillStore) store = NULL;
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  TillDemoHistory history = { 0 };
  gint64 days = 90;
  gsize n_staff;
  const TillDemoStaff *staff;
  int code = EXIT_OK;

  /* demo [--days N]: N days of past sales (default 90; 0 for none) */
  if (argc == 2 && g_str_equal (argv[0], "--days"))
    {
      if (!g_ascii_string_to_signed (argv[1], 10, 0, 3660, &days, NULL))
        return fail (EXIT_USAGE, "--days takes a number of days from 0 to 3660");
    }
  else if (!no_arguments ("demo", argc))
    return EXIT_USAGE;

  store = open_store (database, TILL_STORE_OPEN_CREATE, &code);
  if (store == NULL)
    return code;

  clock = till_system_clock_new ();
  if (!till_demo_fill (store, clock, TILL_AUDIT_ACTOR_ADMIN, &error))
    return fail (exit_code_for (error), error->message);
  now = till_clock_now (clock);
  if (days > 0 && !till_demo_add_history (store, (guint)days, now, &history, &error))
    return fail (exit_code_for (error), error->message);

  g_print ("The demo shop is in %s: %" G_GINT64_FORMAT " products, %" G_GINT64_FORMAT
           " customers, %u paid orders and %u refunds over %" G_GINT64_FORMAT " days.\n"
           "Staff (name, role, PIN):\n",
           till_store_get_path (store), till_catalog_count_products (store, NULL),
           till_customers_count (store, NULL), history.orders, history.refunds, days);
  staff = till_demo_get_staff (&n_staff);
  for (gsize i = 0; i < n_staff; i++)
    g_print ("  %s\t%s\t%s\n", staff[i].name, staff[i].role, staff[i].pin);
  return EXIT_OK;
}

static int
command_check (const char  *database,
               int          argc,
               char       **argv)
{
  g_autoptr(TillStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!no_arguments ("check", argc))
    return EXIT_USAGE;

  store = open_store (database, TILL_STORE_OPEN_DEFAULT, &code);
  if (store == NULL)
    return code;

  if (!till_check_run (store, &problems, &error))
    return fail (EXIT_DATABASE, error->message);

  if (problems->len > 0)
    {
      g_printerr ("error: %s\n", (char *)g_ptr_array_index (problems, 0));
      for (guint i = 1; i < problems->len; i++)
        g_printerr ("also: %s\n", (char *)g_ptr_array_index (problems, i));
      return EXIT_REFUSED;
    }

  g_print ("ok: integrity, foreign keys and the audit chain (%" G_GINT64_FORMAT " rows) hold.\n",
           till_audit_count (store, NULL));
  return EXIT_OK;
}

static const Command commands[] = {
  { "init",  command_init,  "Create the database, or bring it to this Till's schema" },
  { "demo",  command_demo,  "Fill an empty database with the demo café-bakery [--days N of sales]" },
  { "check", command_check, "Verify the database: integrity, foreign keys, audit chain, RULES.md's invariants" },
  { "quote", till_admin_quote, "Price a basket (FILE.json or - for stdin) and store nothing" },
  { "sale", till_admin_sale, "Complete a sale of a basket with its tenders" },
  { "refund", till_admin_refund, "Refund lines of a paid order: refund RECEIPT [--register R] FILE.json" },
  { "loyalty", till_admin_loyalty, "Loyalty program: loyalty tier list|add|remove, reward list|add|retire, adjust, maintain" },
  { "settings", till_admin_settings, "Shop settings: settings list | get KEY | set KEY VALUE" },
  { "import", till_admin_import, "Import products|categories|customers FILE.csv [--skip-invalid] [--report FILE]" },
  { "export", till_admin_export, "Export products|categories|customers FILE.csv" },
  { "requests", till_admin_requests, "Customer service: requests list|add KIND TITLE|show ID|note ID TEXT|move ID STATUS" },
  { "customers", till_admin_customers, "Customers: customers merge DUPLICATE INTO" },
  { "privacy", till_admin_privacy, "A customer's data: privacy export CUSTOMER (JSON) | erase CUSTOMER" },
  { "staff", till_admin_staff, "Staff: staff list|add NAME --role ROLE|disable NAME|set-pin NAME|set-role NAME ROLE" },
  { "receipt", till_admin_receipt, "Any stored receipt as PDF or PNG, marked DUPLICATE: receipt NUMBER [--register R] --output FILE [--paper 58|80|a4]" },
};

static char *
usage_text (void)
{
  GString *text = g_string_new ("Usage: till-admin [--database PATH] COMMAND [ARGUMENTS…]\n\n"
                                "Commands:\n");

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-9s %s\n", commands[i].name, commands[i].summary);
  g_string_append (text,
                   "\nOptions:\n"
                   "  --database PATH  the database (default: the GSettings key database-path,\n"
                   "                   else $XDG_DATA_HOME/till/till.db)\n"
                   "  --version        print the version\n"
                   "  --help           print this help\n\n"
                   "Exit codes: 0 ok, 1 refused or a failed check, 2 usage, 3 database unreadable.\n");
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *usage = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  gboolean version = FALSE, help = FALSE;

  setlocale (LC_ALL, "");

  /* --database may stand anywhere, as DESIGN.md writes it after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc)
            return fail (EXIT_USAGE, "--database needs a PATH");
          g_free (database);
          database = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          g_free (database);
          database = g_strdup (arg + strlen ("--database="));
        }
      else if (g_str_equal (arg, "--version"))
        version = TRUE;
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        help = TRUE;
      else
        g_ptr_array_add (rest, argv[i]);
    }

  usage = usage_text ();
  if (version)
    {
      g_print ("till-admin %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (help)
    {
      g_print ("%s", usage);
      return EXIT_OK;
    }
  if (rest->len == 0)
    {
      g_printerr ("%s", usage);
      return EXIT_USAGE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, g_ptr_array_index (rest, 0)))
      return commands[i].func (database, (int)rest->len - 1, (char **)rest->pdata + 1);

  g_printerr ("error: unknown command “%s”\n\n%s", (char *)g_ptr_array_index (rest, 0), usage);
  return EXIT_USAGE;
}
