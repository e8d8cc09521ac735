/* till-admin-staff.c: staff members from the command line
 *
 *   staff list                            name, role, active, failed PINs, locked until
 *   staff add NAME --role ROLE            the PIN on standard input
 *   staff disable NAME
 *   staff set-pin NAME                    the PIN on standard input
 *   staff set-role NAME ROLE
 *   privacy export CUSTOMER               the customer's data as JSON on stdout
 *   privacy erase CUSTOMER                anonymise them, keep the money
 *
 * A PIN never appears on the command line, where `ps` and the shell's history
 * would show it: it is the first line of standard input.  Through the staff
 * service, so the last admin is kept and every change is audited as
 * till-admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <string.h>

#include "till-admin-staff.h"
#include "till-audit.h"
#include "till-customer-service.h"
#include "till-database-path.h"
#include "till-error.h"
#include "till-privacy-service.h"
#include "till-staff-service.h"

enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,
};

static const char usage[] =
  "usage: till-admin staff list | add NAME --role cashier|manager|admin | disable NAME |"
  " set-pin NAME | set-role NAME ROLE\n"
  "(add and set-pin read the PIN from standard input)";

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
  return fail (error->domain == TILL_STORE_ERROR ? EXIT_DATABASE : EXIT_REFUSED, error->message);
}

static int
usage_error (void)
{
  g_printerr ("%s\n", usage);
  return EXIT_USAGE;
}

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

/* The first line of standard input, without its line ending; wiped by the caller. */
static char *
read_pin (GError **error)
{
  g_autoptr(GInputStream) raw = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (raw);
  char *line;

  line = g_data_input_stream_read_line (in, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                             "no PIN on standard input (write it on the first line)");
      return NULL;
    }
  line[strcspn (line, "\r")] = '\0';
  return line;
}

static void
wipe (char *pin)
{
  if (pin != NULL)
    {
      memset (pin, 0, strlen (pin));
      g_free (pin);
    }
}

static int
staff_list (TillContext *context)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;

  members = till_staff_service_list (context, &error);
  if (members == NULL)
    return fail_with (error);
  g_print ("name\trole\tactive\tfailed_attempts\tlocked_until\n");
  for (guint i = 0; i < members->len; i++)
    {
      const TillStaffRecord *member = members->pdata[i];
      g_print ("%s\t%s\t%s\t%d\t%s\n", member->name, member->role, member->active ? "true" : "false",
               member->failed_attempts, member->locked_until != NULL ? member->locked_until : "");
    }
  return EXIT_OK;
}

static int
staff_add (TillContext *context,
           int          argc,
           char       **argv)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL, *role = NULL;
  char *pin;
  gboolean ok;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--role") && i + 1 < argc && role == NULL)
        role = argv[++i];
      else if (g_str_has_prefix (argv[i], "--role=") && role == NULL)
        role = argv[i] + strlen ("--role=");
      else if (argv[i][0] != '-' && name == NULL)
        name = argv[i];
      else
        return usage_error ();
    }
  if (name == NULL || role == NULL)
    return usage_error ();

  pin = read_pin (&error);
  if (pin == NULL)
    return fail_with (error);
  ok = till_staff_service_add (context, name, role, pin, NULL, &error);
  wipe (pin);
  if (!ok)
    return fail_with (error);
  g_print ("%s is a %s now.\n", name, role);
  return EXIT_OK;
}

static int
staff_change (TillContext *context,
              const char  *verb,
              const char  *name,
              const char  *role)
{
  g_autoptr(TillStaffRecord) member = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  member = till_staff_service_find (context, name, &error);
  if (member == NULL)
    return fail_with (error);

  if (g_str_equal (verb, "disable"))
    ok = till_staff_service_set_active (context, member->id, FALSE, &error);
  else if (g_str_equal (verb, "set-role"))
    ok = till_staff_service_set_role (context, member->id, role, &error);
  else
    {
      char *pin = read_pin (&error);

      if (pin == NULL)
        return fail_with (error);
      ok = till_staff_service_set_pin (context, member->id, pin, &error);
      wipe (pin);
    }
  if (!ok)
    return fail_with (error);
  return EXIT_OK;
}

int
till_admin_staff (const char  *database,
                  int          argc,
                  char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  const char *verb;
  int code = EXIT_OK;

  /* argv holds what follows "staff" */
  if (argc < 1)
    return usage_error ();
  verb = argv[0];
  if (g_str_equal (verb, "list") && argc == 1)
    ;
  else if (g_str_equal (verb, "add") && argc >= 2)
    ;
  else if ((g_str_equal (verb, "disable") || g_str_equal (verb, "set-pin")) && argc == 2)
    ;
  else if (g_str_equal (verb, "set-role") && argc == 3)
    ;
  else
    return usage_error ();

  context = open_context (database, &code);
  if (context == NULL)
    return code;

  if (g_str_equal (verb, "list"))
    return staff_list (context);
  if (g_str_equal (verb, "add"))
    return staff_add (context, argc - 1, argv + 1);
  return staff_change (context, verb, argv[1], argc == 3 ? argv[2] : NULL);
}

int
till_admin_privacy (const char  *database,
                    int          argc,
                    char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  /* argv holds what follows "privacy" */
  if (argc != 2 || !(g_str_equal (argv[0], "export") || g_str_equal (argv[0], "erase")))
    {
      g_printerr ("usage: till-admin privacy export|erase CUSTOMER (card:…, phone:…, id:… or a card number)\n");
      return EXIT_USAGE;
    }
  context = open_context (database, &code);
  if (context == NULL)
    return code;
  customer = till_customer_service_find (context, argv[1], &error);
  if (customer == NULL)
    return fail_with (error);

  if (g_str_equal (argv[0], "export"))
    {
      g_autofree char *json = till_privacy_service_export (context, customer->id, &error);

      if (json == NULL)
        return fail_with (error);
      g_print ("%s", json);
      return EXIT_OK;
    }
  if (!till_privacy_service_erase (context, customer->id, &error))
    return fail_with (error);
  g_print ("Customer %" G_GINT64_FORMAT " is erased: their orders and points stay, without their name.\n",
           customer->id);
  return EXIT_OK;
}
