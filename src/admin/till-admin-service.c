/* till-admin-service.c: customer service from the command line
 *
 *   requests list [--status S] [--kind K] [--overdue]   id, kind, status, priority, due, title
 *   requests add KIND TITLE [--customer CUSTOMER] [--priority P] [--due YYYY-MM-DD]
 *   requests show ID                                    the timeline
 *   requests note ID TEXT
 *   requests move ID STATUS [--note TEXT]
 *   requests special CUSTOMER TITLE --qty N (--product SKU | --item NAME --price P --tax-rate NAME)
 *   requests deposit ID AMOUNT cash|card [--register R]    prints the deposit's receipt number
 *   requests arrived ID
 *   requests cancel ID [--register R]                     refunds a held deposit
 *   customers merge DUPLICATE INTO                      CUSTOMER syntax (DESIGN.md)
 *
 * Through the same services as the window, acting as an admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "till-admin-service.h"
#include "till-audit.h"
#include "till-catalog.h"
#include "till-money.h"
#include "till-customer-merge.h"
#include "till-customer-service.h"
#include "till-database-path.h"
#include "till-error.h"
#include "till-service-requests.h"

enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,
};

static const char requests_usage[] =
  "usage: till-admin requests list [--status S] [--kind K] [--overdue] | add KIND TITLE [--customer C]"
  " [--priority P] [--due YYYY-MM-DD] | show ID | note ID TEXT | move ID STATUS [--note TEXT]"
  " | special CUSTOMER TITLE --qty N (--product SKU | --item NAME --price P --tax-rate NAME)"
  " | deposit ID AMOUNT cash|card [--register R] | arrived ID | cancel ID [--register R]";

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
usage_error (const char *text)
{
  g_printerr ("%s\n", text);
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

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out_id = (gint64)value;
  return TRUE;
}

/* Due by the end of that day (UTC) */
static GDateTime *
parse_day (const char *text)
{
  int y, m, d;
  char tail;
  g_autoptr(GDateTime) start = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || (start = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    return NULL;
  return g_date_time_add_days (start, 1);
}

static int
list (TillContext  *context,
      int           argc,
      char        **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = till_context_now (context);
  g_autofree char *now_text = till_store_format_time (now);
  TillRequestFilter filter = { 0 };
  gint64 before = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--status") && i + 1 < argc)
        filter.status = argv[++i];
      else if (g_str_equal (argv[i], "--kind") && i + 1 < argc)
        filter.kind = argv[++i];
      else if (g_str_equal (argv[i], "--overdue"))
        filter.overdue_at = now_text;
      else
        return usage_error (requests_usage);
    }
  for (;;)
    {
      g_autoptr(GPtrArray) page = till_service_requests_list (context, &filter, before, 200, &error);

      if (page == NULL)
        return fail_with (error);
      for (guint i = 0; i < page->len; i++)
        {
          TillRequestRecord *r = page->pdata[i];

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%.10s\t%s\n", r->id, r->kind, r->status, r->priority,
                   r->due_at != NULL ? r->due_at : "-", r->title);
          before = r->id;
        }
      if (page->len < 200)
        return EXIT_OK;
    }
}

static int
add (TillContext  *context,
     int           argc,
     char        **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(TillRequestRecord) record = NULL;
  TillRequestDraft draft = { 0 };

  if (argc < 3)
    return usage_error (requests_usage);
  draft.kind = argv[1];
  draft.title = argv[2];
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--customer") && i + 1 < argc)
        {
          g_autoptr(TillCustomerRecord) customer = till_customer_service_find (context, argv[++i], &error);

          if (customer == NULL)
            return fail_with (error);
          draft.customer_id = customer->id;
        }
      else if (g_str_equal (argv[i], "--priority") && i + 1 < argc)
        draft.priority = argv[++i];
      else if (g_str_equal (argv[i], "--due") && i + 1 < argc)
        {
          g_clear_pointer (&due, g_date_time_unref);
          due = parse_day (argv[++i]);
          if (due == NULL)
            return fail (EXIT_REFUSED, "write the due day as YYYY-MM-DD");
          draft.due_at = due;
        }
      else
        return usage_error (requests_usage);
    }
  record = till_service_requests_create (context, &draft, &error);
  if (record == NULL)
    return fail_with (error);
  g_print ("%" G_GINT64_FORMAT "\n", record->id);
  return EXIT_OK;
}

static const TillCurrency *
shop_currency (TillContext *context)
{
  g_autofree char *code = till_context_dup_setting (context, "currency", "EUR");
  const TillCurrency *currency = till_currency_lookup (code);

  return currency != NULL ? currency : till_currency_lookup ("EUR");
}

static int
special (TillContext  *context,
         int           argc,
         char        **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(TillRequestRecord) record = NULL;
  TillStore *store = till_context_get_store (context);
  TillRequestDraft draft = { .kind = "special_order" };
  guint64 qty = 0;

  if (argc < 3)
    return usage_error (requests_usage);
  if ((customer = till_customer_service_find (context, argv[1], &error)) == NULL)
    return fail_with (error);
  draft.customer_id = customer->id;
  draft.title = argv[2];
  for (int i = 3; i < argc; i++)
    {
      if (i + 1 >= argc)
        return usage_error (requests_usage);
      if (g_str_equal (argv[i], "--qty"))
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 1, 1000000, &qty, NULL))
            return fail (EXIT_REFUSED, "the quantity is a whole number from 1 to 1,000,000");
          draft.qty = (gint64)qty;
        }
      else if (g_str_equal (argv[i], "--product"))
        {
          draft.product_id = till_catalog_find_product_by_sku (store, argv[++i], &error);
          if (draft.product_id < 0)
            return fail_with (error);
          if (draft.product_id == 0)
            return fail (EXIT_REFUSED, "no product has this SKU");
        }
      else if (g_str_equal (argv[i], "--item"))
        draft.item_name = argv[++i];
      else if (g_str_equal (argv[i], "--price"))
        {
          if (!till_money_parse (argv[++i], shop_currency (context), TILL_NOTATION_FILE, FALSE,
                                 &draft.unit_price, &error))
            return fail_with (error);
        }
      else if (g_str_equal (argv[i], "--tax-rate"))
        {
          g_autoptr(TillTaxRate) rate = till_catalog_find_tax_rate_by_name (store, argv[++i], &error);

          if (rate == NULL)
            return fail_with (error);
          draft.tax_rate_id = rate->id;
        }
      else
        return usage_error (requests_usage);
    }
  record = till_service_requests_create (context, &draft, &error);
  if (record == NULL)
    return fail_with (error);
  g_print ("%" G_GINT64_FORMAT "\n", record->id);
  return EXIT_OK;
}

/* --register R at @index, or 1 */
static gboolean
register_option (int      argc,
                 char   **argv,
                 int      index,
                 gint64  *out_register)
{
  *out_register = 1;
  if (argc == index)
    return TRUE;
  return argc == index + 2 && g_str_equal (argv[index], "--register") && parse_id (argv[index + 1], out_register);
}

int
till_admin_requests (const char  *database,
                     int          argc,
                     char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = argc > 0 ? argv[0] : "";
  gint64 id = 0;
  int code = EXIT_OK;

  gboolean by_id = g_str_equal (action, "show") || g_str_equal (action, "note") || g_str_equal (action, "move")
                   || g_str_equal (action, "deposit") || g_str_equal (action, "arrived")
                   || g_str_equal (action, "cancel");

  if (!by_id && !g_str_equal (action, "list") && !g_str_equal (action, "add") && !g_str_equal (action, "special"))
    return usage_error (requests_usage);
  if (by_id && (argc < 2 || !parse_id (argv[1], &id)))
    return usage_error (requests_usage);
  context = open_context (database, &code);
  if (context == NULL)
    return code;

  if (g_str_equal (action, "list"))
    return list (context, argc, argv);
  if (g_str_equal (action, "add"))
    return add (context, argc, argv);
  if (g_str_equal (action, "special"))
    return special (context, argc, argv);
  if (g_str_equal (action, "arrived"))
    {
      if (argc != 2)
        return usage_error (requests_usage);
      if (!till_service_requests_mark_arrived (context, id, &error))
        return fail_with (error);
      return EXIT_OK;
    }
  if (g_str_equal (action, "cancel"))
    {
      gint64 register_id;

      if (!register_option (argc, argv, 2, &register_id))
        return usage_error (requests_usage);
      if (!till_service_requests_cancel_special (context, id, register_id, &error))
        return fail_with (error);
      return EXIT_OK;
    }
  if (g_str_equal (action, "deposit"))
    {
      gint64 register_id, amount, number = 0;

      if (argc < 4 || !register_option (argc, argv, 4, &register_id))
        return usage_error (requests_usage);
      if (!till_money_parse (argv[2], shop_currency (context), TILL_NOTATION_FILE, FALSE, &amount, &error)
          || !till_service_requests_take_deposit (context, id, register_id, amount, argv[3], &number, &error))
        return fail_with (error);
      g_print ("%" G_GINT64_FORMAT "\n", number);
      return EXIT_OK;
    }
  if (g_str_equal (action, "show"))
    {
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(TillRequestRecord) record = till_service_requests_get (context, id, &error);

      if (record == NULL || (notes = till_service_requests_timeline (context, id, &error)) == NULL)
        return fail_with (error);
      g_print ("%s\t%s\t%s\t%s\n", record->kind, record->status, record->priority, record->title);
      for (guint i = 0; i < notes->len; i++)
        {
          TillRequestNote *note = notes->pdata[i];

          g_print ("%s\t%s\t%s\t%s\n", note->at, note->author, note->kind, note->body);
        }
      return EXIT_OK;
    }
  if (g_str_equal (action, "note"))
    {
      if (argc != 3)
        return usage_error (requests_usage);
      if (!till_service_requests_add_note (context, id, argv[2], &error))
        return fail_with (error);
      return EXIT_OK;
    }
  /* move ID STATUS [--note TEXT] */
  if (argc != 3 && !(argc == 5 && g_str_equal (argv[3], "--note")))
    return usage_error (requests_usage);
  if (!till_service_requests_set_status (context, id, argv[2], argc == 5 ? argv[4] : NULL, &error))
    return fail_with (error);
  return EXIT_OK;
}

int
till_admin_customers (const char  *database,
                      int          argc,
                      char       **argv)
{
  static const char usage[] = "usage: till-admin customers merge DUPLICATE INTO";
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCustomerRecord) source = NULL;
  g_autoptr(TillCustomerRecord) target = NULL;
  TillMergeOutcome outcome = { 0 };
  int code = EXIT_OK;

  if (argc != 3 || !g_str_equal (argv[0], "merge"))
    return usage_error (usage);
  context = open_context (database, &code);
  if (context == NULL)
    return code;
  if ((source = till_customer_service_find (context, argv[1], &error)) == NULL
      || (target = till_customer_service_find (context, argv[2], &error)) == NULL)
    return fail_with (error);
  if (!till_customer_merge (context, source->id, target->id, &outcome, &error))
    return fail_with (error);
  g_print ("merged customer %" G_GINT64_FORMAT " into %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT
           " points in %u lot%s, %" G_GINT64_FORMAT " order%s\n", source->id, target->id, outcome.points,
           outcome.lots, outcome.lots == 1 ? "" : "s", outcome.orders, outcome.orders == 1 ? "" : "s");
  return EXIT_OK;
}
