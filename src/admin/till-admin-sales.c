/* till-admin-sales.c: `quote`, `sale`, `refund` and `loyalty tier` for scripts
 *
 * Through the same services as the window, so a quote and a sale of the same
 * basket agree on every figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "till-admin-commands.h"
#include "till-audit.h"
#include "till-catalog-service.h"
#include "till-catalog.h"
#include "till-checkout.h"
#include "till-customer-service.h"
#include "till-database-path.h"
#include "till-error.h"
#include "till-loyalty-service.h"

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
  return fail (error->domain == TILL_STORE_ERROR ? EXIT_DATABASE : EXIT_REFUSED, error->message);
}

static GSettings *
machine_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* The context till-admin acts in: as an admin, at the system clock. */
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

static JsonNode *
read_json (const char  *file,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_strcmp0 (file, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (file, &data, &len, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize)len, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "the input is not a JSON object");
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* A member that must be a string when present ("All values in the input are strings") */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *where,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "%s%s: write it as a string", where, member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* "10%" is a percent; anything else an amount in the shop's currency. */
static gboolean
parse_discount (const char          *text,
                const TillCurrency  *currency,
                TillDiscount        *out,
                GError             **error)
{
  out->kind = TILL_DISCOUNT_NONE;
  out->value = 0;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  if (g_str_has_suffix (text, "%"))
    {
      out->kind = TILL_DISCOUNT_PERCENT;
      return till_percent_parse (text, TILL_NOTATION_FILE, &out->value, error);
    }
  out->kind = TILL_DISCOUNT_AMOUNT;
  return till_money_parse (text, currency, TILL_NOTATION_FILE, FALSE, &out->value, error);
}

static gboolean
line_error (GError     **error,
            GError      *local_error,
            guint        line,
            const char  *field)
{
  /* The core's own messages may already name the line: keep one prefix. */
  if (g_str_has_prefix (local_error->message, "Line "))
    g_propagate_error (error, local_error);
  else
    g_propagate_prefixed_error (error, local_error, "line %u, %s: ", line, field);
  return FALSE;
}

/* Builds @order from a quote's input: customer, lines, discounts. */
static gboolean
fill_order (TillContext  *context,
            TillOrder    *order,
            JsonObject   *input,
            GError      **error)
{
  const TillCurrency *currency = till_order_get_currency (order);
  const char *customer = NULL, *order_discount = NULL, *reward = NULL;
  JsonNode *lines_node;
  JsonArray *lines;
  GError *local_error = NULL;
  TillDiscount discount;

  if (!get_string (input, "customer", "", &customer, error) ||
      !get_string (input, "order_discount", "", &order_discount, error) ||
      !get_string (input, "reward", "", &reward, error))
    return FALSE;

  lines_node = json_object_get_member (input, "lines");
  if (lines_node == NULL || !JSON_NODE_HOLDS_ARRAY (lines_node))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "lines: a list of lines is needed");
      return FALSE;
    }
  lines = json_node_get_array (lines_node);

  if (customer != NULL)
    {
      g_autoptr(TillCustomerRecord) found = till_customer_service_find (context, customer, error);

      if (found == NULL || !till_checkout_set_customer (context, order, found->id, error))
        return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      g_autoptr(TillScanResult) scan = NULL;
      const char *code = NULL, *qty_text = NULL, *discount_text = NULL, *note = NULL;
      g_autofree char *where = g_strdup_printf ("line %u, ", i + 1);
      JsonObject *line;
      gint64 qty = 0;
      guint index = till_order_get_lines (order)->len;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "line %u: a line is an object", i + 1);
          return FALSE;
        }
      line = json_node_get_object (node);
      if (!get_string (line, "code", where, &code, error) || !get_string (line, "qty", where, &qty_text, error) ||
          !get_string (line, "discount", where, &discount_text, error) ||
          !get_string (line, "note", where, &note, error))
        return FALSE;
      if (code == NULL || code[0] == '\0')
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "line %u, code: a code is needed", i + 1);
          return FALSE;
        }
      if (!till_catalog_resolve_code (context, code, &scan, &local_error))
        return line_error (error, local_error, i + 1, "code");
      if (scan->kind != TILL_SCAN_PRODUCT && scan->kind != TILL_SCAN_SCALE_LABEL)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND,
                       "line %u, code: “%s” is not a product's barcode, SKU or scale label", i + 1, code);
          return FALSE;
        }

      if (scan->kind == TILL_SCAN_SCALE_LABEL)
        {
          if (qty_text != NULL)
            {
              g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "line %u, qty: a scale label carries its own weight or price", i + 1);
              return FALSE;
            }
          if (scan->scale_kind == TILL_SCALE_WEIGHT)
            qty = scan->grams;
        }
      else
        {
          if (qty_text == NULL)
            {
              g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "line %u, qty: a quantity is needed", i + 1);
              return FALSE;
            }
          if (!till_quantity_parse (qty_text, TILL_NOTATION_FILE, &qty, &local_error))
            return line_error (error, local_error, i + 1, "qty");
        }

      if (!till_checkout_add_product (context, order, scan->product->id, code, qty,
                                      scan->kind == TILL_SCAN_SCALE_LABEL && scan->scale_kind == TILL_SCALE_PRICE,
                                      scan->label_price, FALSE, &local_error))
        return line_error (error, local_error, i + 1, "qty");
      if (!parse_discount (discount_text, currency, &discount, &local_error) ||
          (discount.kind != TILL_DISCOUNT_NONE &&
           !till_checkout_set_line_discount (context, order, index, discount, NULL, &local_error)))
        return line_error (error, local_error, i + 1, "discount");
      if (note != NULL && !till_checkout_set_line_note (context, order, index, note, &local_error))
        return line_error (error, local_error, i + 1, "note");
    }

  if (!parse_discount (order_discount, currency, &discount, &local_error) ||
      (discount.kind != TILL_DISCOUNT_NONE &&
       !till_checkout_set_order_discount (context, order, discount, NULL, &local_error)))
    {
      g_propagate_prefixed_error (error, local_error, "order_discount: ");
      return FALSE;
    }
  /* The reward by name, once the lines are there (a free product must be) */
  if (reward != NULL)
    {
      gint64 reward_id = till_loyalty_service_find_reward (context, reward, &local_error);

      if (reward_id == 0 || !till_checkout_set_reward (context, order, reward_id, &local_error))
        {
          g_propagate_prefixed_error (error, local_error, "reward: ");
          return FALSE;
        }
    }
  return TRUE;
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* The quote's output: every figure of RULES.md, in minor units */
static void
build_order (JsonBuilder *builder,
             TillOrder   *order)
{
  const TillPricingResult *pricing = till_order_get_pricing (order);
  GPtrArray *lines = till_order_get_lines (order);

  add_string (builder, "currency", till_order_get_record (order)->currency);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      TillOrderLineRecord *l = lines->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "code", l->code);
      add_string (builder, "name", l->name);
      add_int (builder, "qty", l->qty);
      add_int (builder, "base", l->base);
      add_int (builder, "line_discount", l->line_discount);
      add_int (builder, "tier_discount", l->tier_discount);
      add_int (builder, "order_discount", l->order_discount);
      add_int (builder, "reward", l->reward);
      add_int (builder, "tax_rate_bp", l->tax_rate_bp);
      add_int (builder, "tax", l->tax);
      add_int (builder, "paid", l->paid);
      add_int (builder, "points", l->points);
      if (l->note != NULL && l->note[0] != '\0')
        add_string (builder, "note", l->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "taxes");
  json_builder_begin_array (builder);
  for (gsize i = 0; pricing != NULL && i < pricing->n_taxes; i++)
    {
      json_builder_begin_object (builder);
      add_int (builder, "rate_bp", pricing->taxes[i].rate_bp);
      add_int (builder, "net", pricing->taxes[i].net);
      add_int (builder, "tax", pricing->taxes[i].tax);
      add_int (builder, "gross", pricing->taxes[i].gross);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_int (builder, "total", till_order_get_total (order));
  add_int (builder, "points", till_order_get_record (order)->points);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
one_file_argument (const char  *command,
                   int          argc,
                   char       **argv,
                   const char **out_file)
{
  if (argc != 1)
    {
      g_printerr ("error: usage: till-admin %s FILE.json|-\n", command);
      return EXIT_USAGE;
    }
  *out_file = argv[0];
  return EXIT_OK;
}

int
till_admin_quote (const char  *database,
                  int          argc,
                  char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *file = NULL;
  int code;

  if ((code = one_file_argument ("quote", argc, argv, &file)) != EXIT_OK)
    return code;
  input = read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_REFUSED, error->message);
  context = open_context (database, &code);
  if (context == NULL)
    return code;

  order = till_checkout_open_transient (context, &error);
  if (order == NULL || !fill_order (context, order, json_node_get_object (input), &error))
    return fail_with (error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  build_order (builder, order);
  json_builder_end_object (builder);
  print_json (builder);
  return EXIT_OK;
}

static gint64
register_id (void)
{
  g_autoptr(GSettings) settings = machine_settings ();

  return settings != NULL ? MAX (1, (gint64)g_settings_get_uint (settings, "register-id")) : 1;
}

static char *
terminal_behaviour (void)
{
  g_autoptr(GSettings) settings = machine_settings ();

  return settings != NULL ? g_settings_get_string (settings, "card-terminal") : g_strdup ("approve");
}

typedef struct
{
  gboolean cash;
  gint64   amount;
} Tender;

int
till_admin_sale (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tenders = g_array_new (FALSE, TRUE, sizeof (Tender));
  g_autoptr(TillPaymentTerminal) terminal = NULL;
  g_autofree char *behaviour = NULL;
  g_autofree char *rounding_setting = NULL;
  const TillOrderRecord *record;
  JsonNode *tenders_node;
  const char *file = NULL;
  gint64 balance_before = 0, cash_due = 0;
  gboolean any_cash = FALSE;
  int code;

  if ((code = one_file_argument ("sale", argc, argv, &file)) != EXIT_OK)
    return code;
  input = read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_REFUSED, error->message);
  context = open_context (database, &code);
  if (context == NULL)
    return code;

  /* Tenders first: a sale that could not be paid is refused before anything is stored. */
  tenders_node = json_object_get_member (json_node_get_object (input), "tenders");
  if (tenders_node == NULL || !JSON_NODE_HOLDS_ARRAY (tenders_node) ||
      json_array_get_length (json_node_get_array (tenders_node)) == 0)
    return fail (EXIT_REFUSED, "tenders: a sale needs at least one tender");

  order = till_checkout_open (context, register_id (), &error);
  if (order == NULL || !fill_order (context, order, json_node_get_object (input), &error))
    return fail_with (error);
  if (till_order_get_lines (order)->len == 0)
    return fail (EXIT_REFUSED, "lines: the order is empty");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (tenders_node)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (tenders_node), i);
      g_autofree char *where = g_strdup_printf ("tender %u, ", i + 1);
      const char *kind = NULL, *amount = NULL;
      Tender tender = { FALSE, 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !get_string (json_node_get_object (node), "kind", where, &kind, &error) ||
          !get_string (json_node_get_object (node), "amount", where, &amount, &error))
        return fail (EXIT_REFUSED, error != NULL ? error->message : "tenders: a tender is an object");
      if (g_strcmp0 (kind, "cash") != 0 && g_strcmp0 (kind, "card") != 0)
        {
          g_autofree char *message = g_strdup_printf ("tender %u, kind: cash or card", i + 1);
          return fail (EXIT_REFUSED, message);
        }
      tender.cash = g_str_equal (kind, "cash");
      if (!till_money_parse (amount != NULL ? amount : "", till_order_get_currency (order), TILL_NOTATION_FILE,
                             FALSE, &tender.amount, &error))
        {
          g_autofree char *message = g_strdup_printf ("tender %u, amount: %s", i + 1, error->message);
          return fail (EXIT_REFUSED, message);
        }
      any_cash |= tender.cash;
      g_array_append_val (tenders, tender);
    }

  /* Tenders that cannot cover the total are refused before any is taken. */
  {
    g_autofree char *increment_text = till_context_dup_setting (context, "cash_rounding", "0");
    gint64 increment = g_ascii_strtoll (increment_text, NULL, 10);
    gint64 offered = 0;

    for (guint i = 0; i < tenders->len; i++)
      offered += g_array_index (tenders, Tender, i).amount;
    if (offered < till_order_get_total (order) - (any_cash ? increment / 2 : 0))
      {
        g_autoptr(GError) void_error = NULL;

        till_checkout_void (context, order, NULL, &void_error);
        return fail (EXIT_REFUSED, "tenders: they come to less than the total; nothing was sold");
      }
  }

  if (till_order_get_record (order)->customer_id > 0)
    {
      g_autoptr(TillCustomerRecord) customer = till_customers_get (till_context_get_store (context),
                                                                   till_order_get_record (order)->customer_id, NULL);
      balance_before = customer != NULL ? customer->balance : 0;
    }

  behaviour = terminal_behaviour ();
  terminal = till_simulated_terminal_new (behaviour);
  till_simulated_terminal_set_delay_ms (TILL_SIMULATED_TERMINAL (terminal), 0);
  for (guint i = 0; i < tenders->len && !till_order_is_paid (order); i++)
    {
      Tender *tender = &g_array_index (tenders, Tender, i);
      TillCashOutcome outcome;

      if (tender->cash)
        {
          if (!till_checkout_pay_cash (context, order, tender->amount, &outcome, &error))
            break;
          cash_due = outcome.cash_due;
        }
      else
        {
          g_autoptr(TillCardResult) card = till_checkout_pay_card_sync (context, order, tender->amount,
                                                                        terminal, &error);
          if (card == NULL)
            break;
          if (card->status != TILL_CARD_APPROVED)
            {
              g_set_error (&error, TILL_ERROR, TILL_ERROR_REFUSED, "tender %u: the card was not approved: %s",
                           i + 1, card->message);
              break;
            }
        }
    }

  if (!till_order_is_paid (order))
    {
      g_autoptr(GError) void_error = NULL;

      /* Nothing was sold: the unpaid order (and its attempts) is voided, not left open. */
      if (error == NULL)
        g_set_error (&error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "tenders: they come to less than the total; nothing was sold");
      if (till_order_get_due (order) == till_order_get_total (order))
        till_checkout_void (context, order, NULL, &void_error);
      else
        {
          /* Part was paid before a card failed: like at the till, the order
           * stays open with its payments, to be finished or refunded. */
          g_prefix_error (&error, "order %s stays open with part paid: ", till_order_get_record (order)->uuid);
        }
      return fail_with (error);
    }

  record = till_order_get_record (order);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  build_order (builder, order);
  add_int (builder, "receipt", record->receipt_number);
  add_string (builder, "uuid", record->uuid);

  json_builder_set_member_name (builder, "payment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tenders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < till_order_get_payments (order)->len; i++)
    {
      TillPaymentRecord *p = till_order_get_payments (order)->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "kind", p->kind);
      add_string (builder, "status", p->status);
      add_int (builder, "tendered", p->tendered);
      add_int (builder, "amount", p->amount);
      add_int (builder, "change", p->change);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_int (builder, "change", record->change);
  add_int (builder, "rounding", record->rounding);
  json_builder_end_object (builder);

  rounding_setting = till_context_dup_setting (context, "cash_rounding", "0");
  if (any_cash && g_strcmp0 (rounding_setting, "0") != 0)
    {
      json_builder_set_member_name (builder, "cash");
      json_builder_begin_object (builder);
      add_int (builder, "due", cash_due);
      add_int (builder, "rounding", record->rounding);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "loyalty");
  json_builder_begin_object (builder);
  add_int (builder, "balance_before", balance_before);
  add_int (builder, "balance_after", record->has_loyalty ? record->loyalty_balance_after : balance_before);
  add_int (builder, "earned", record->points);
  add_int (builder, "redeemed", record->reward_cost);
  if (record->has_loyalty)
    add_string (builder, "tier", record->loyalty_tier);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  print_json (builder);
  return EXIT_OK;
}

static gboolean
parse_register (int      *argc,
                char   ***argv,
                gint64   *out_register,
                GError  **error)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  *out_register = register_id ();
  for (int i = 0; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--register") && i + 1 < *argc)
        {
          if (!g_ascii_string_to_signed ((*argv)[++i], 10, 1, 999, out_register, error))
            return FALSE;
        }
      else
        g_ptr_array_add (rest, (*argv)[i]);
    }
  for (guint i = 0; i < rest->len; i++)
    (*argv)[i] = rest->pdata[i];
  *argc = (int)rest->len;
  return TRUE;
}

int
till_admin_refund (const char  *database,
                   int          argc,
                   char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(TillOrderRecord) order = NULL;
  g_autoptr(TillRefundOutcome) outcome = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (TillRefundRequest));
  g_autoptr(GPtrArray) lines = NULL;
  const char *tender = NULL;
  JsonNode *lines_node;
  gint64 receipt, register_number;
  int code;

  if (!parse_register (&argc, &argv, &register_number, &error))
    return fail (EXIT_USAGE, "--register takes a register number from 1 to 999");
  if (argc != 2 || !g_ascii_string_to_signed (argv[0], 10, 1, G_MAXINT64, &receipt, NULL))
    {
      g_printerr ("error: usage: till-admin refund RECEIPT [--register R] FILE.json|-\n");
      return EXIT_USAGE;
    }
  input = read_json (argv[1], &error);
  if (input == NULL)
    return fail (EXIT_REFUSED, error->message);
  context = open_context (database, &code);
  if (context == NULL)
    return code;

  order = till_orders_find_by_receipt (till_context_get_store (context), register_number, receipt, &error);
  if (order == NULL)
    {
      if (g_error_matches (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf ("receipt: register %" G_GINT64_FORMAT " has no paid order with"
                                                      " receipt %" G_GINT64_FORMAT, register_number, receipt);
          return fail (EXIT_REFUSED, message);
        }
      return fail_with (error);
    }
  lines = till_orders_get_lines (till_context_get_store (context), order->id, &error);
  if (lines == NULL)
    return fail_with (error);

  if (!get_string (json_node_get_object (input), "tender", "", &tender, &error))
    return fail (EXIT_REFUSED, error->message);
  lines_node = json_object_get_member (json_node_get_object (input), "lines");
  if (lines_node == NULL || !JSON_NODE_HOLDS_ARRAY (lines_node))
    return fail (EXIT_REFUSED, "lines: a list of lines is needed");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (lines_node)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (lines_node), i);
      g_autofree char *where = g_strdup_printf ("line %u, ", i + 1);
      const char *line_text = NULL, *qty_text = NULL;
      TillRefundRequest request = { 0, 0 };
      gint64 position;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !get_string (json_node_get_object (node), "line", where, &line_text, &error) ||
          !get_string (json_node_get_object (node), "qty", where, &qty_text, &error))
        return fail (EXIT_REFUSED, error != NULL ? error->message : "lines: a line is an object");
      if (line_text == NULL || !g_ascii_string_to_signed (line_text, 10, 1, G_MAXUINT, &position, NULL) ||
          (guint)position > lines->len)
        {
          g_autofree char *message = g_strdup_printf ("line %u, line: the order has lines 1 to %u", i + 1, lines->len);
          return fail (EXIT_REFUSED, message);
        }
      request.position = (guint)position;
      if (qty_text == NULL)
        {
          TillOrderLineRecord *line = lines->pdata[position - 1];
          request.qty = line->qty - line->refunded_qty;     /* all that is left */
        }
      else if (!till_quantity_parse (qty_text, TILL_NOTATION_FILE, &request.qty, &error))
        {
          g_autofree char *message = g_strdup_printf ("line %u, qty: %s", i + 1, error->message);
          return fail (EXIT_REFUSED, message);
        }
      g_array_append_val (requests, request);
    }

  outcome = till_checkout_refund (context, order->id, register_number, (TillRefundRequest *)(void *)requests->data,
                                  requests->len, tender, NULL, &error);
  if (outcome == NULL)
    return fail_with (error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_int (builder, "receipt", outcome->receipt_number);
  add_int (builder, "order_receipt", receipt);
  add_string (builder, "currency", order->currency);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcome->lines->len; i++)
    {
      TillRefundLineRecord *line = &g_array_index (outcome->lines, TillRefundLineRecord, i);

      json_builder_begin_object (builder);
      add_int (builder, "line", line->line_id);
      add_int (builder, "qty", line->qty);
      add_int (builder, "amount", line->amount);
      add_int (builder, "tax", line->tax);
      add_int (builder, "points", line->points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_int (builder, "amount", outcome->amount);
  add_int (builder, "tax", outcome->tax);
  add_int (builder, "points", outcome->points);
  add_int (builder, "restored", outcome->restored);
  json_builder_set_member_name (builder, "payout");
  json_builder_begin_object (builder);
  add_int (builder, "cash", outcome->cash_payout);
  add_int (builder, "card", outcome->card);
  add_int (builder, "rounding", outcome->cash_rounding);
  add_int (builder, "total", outcome->cash_payout + outcome->card);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  print_json (builder);
  return EXIT_OK;
}

/* `loyalty tier list|add|remove` */
static const char *
option_value (int          argc,
              char       **argv,
              const char  *name)
{
  for (int i = 0; i + 1 < argc; i++)
    if (g_str_equal (argv[i], name))
      return argv[i + 1];
  return NULL;
}

#define LOYALTY_USAGE                                                                             \
  "error: usage: till-admin loyalty tier list|add NAME --threshold AMOUNT --discount PERCENT "       \
  "--multiplier FACTOR|remove NAME · loyalty reward list|add NAME --cost POINTS (--amount-off AMOUNT " \
  "| --percent-off PERCENT | --free-product SKU) [--from DATE] [--until DATE]|retire NAME · "          \
  "loyalty adjust CUSTOMER POINTS --reason TEXT · loyalty maintain\n"

static int
loyalty_tier (TillContext  *context,
              int           argc,
              char        **argv)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      g_autoptr(GPtrArray) tiers = till_loyalty_service_list_tiers (context, &error);
      g_autofree char *currency_code = till_context_dup_setting (context, "currency", "EUR");
      const TillCurrency *currency = till_currency_lookup (currency_code);

      if (tiers == NULL)
        return fail_with (error);
      printf ("name\tthreshold\tdiscount\tmultiplier\n");
      for (guint i = 0; i < tiers->len; i++)
        {
          TillTierRecord *tier = tiers->pdata[i];
          g_autofree char *threshold = till_money_format (tier->threshold, currency, TILL_NOTATION_FILE);
          g_autofree char *discount = till_percent_format (tier->tier_bp, TILL_NOTATION_FILE);
          g_autofree char *multiplier = till_decimal_format_short (tier->mult_bp, 4, TILL_NOTATION_FILE);

          printf ("%s\t%s\t%s\t%s\n", tier->name, threshold, discount, multiplier);
        }
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "add") && argc == 9)
    {
      const char *threshold = option_value (argc, argv, "--threshold");
      const char *discount = option_value (argc, argv, "--discount");
      const char *multiplier = option_value (argc, argv, "--multiplier");

      if (threshold == NULL || discount == NULL || multiplier == NULL)
        return fail (EXIT_USAGE, "loyalty tier add NAME --threshold AMOUNT --discount PERCENT --multiplier FACTOR");
      if (!till_loyalty_service_add_tier (context, argv[2], threshold, discount, multiplier, &error))
        return fail_with (error);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "remove") && argc == 3)
    {
      if (!till_loyalty_service_remove_tier (context, argv[2], &error))
        return fail_with (error);
      return EXIT_OK;
    }
  g_printerr (LOYALTY_USAGE);
  return EXIT_USAGE;
}

static int
loyalty_reward (TillContext  *context,
                int           argc,
                char        **argv)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      g_autoptr(GPtrArray) rewards = till_loyalty_service_list_rewards (context, TRUE, &error);
      g_autofree char *currency_code = till_context_dup_setting (context, "currency", "EUR");
      const TillCurrency *currency = till_currency_lookup (currency_code);

      if (rewards == NULL)
        return fail_with (error);
      printf ("name\tcost\tkind\tvalue\tfrom\tuntil\tstatus\n");
      for (guint i = 0; i < rewards->len; i++)
        {
          TillRewardRecord *r = rewards->pdata[i];
          g_autofree char *value = NULL;

          if (g_str_equal (r->kind, "amount_off"))
            value = till_money_format (r->value, currency, TILL_NOTATION_FILE);
          else if (g_str_equal (r->kind, "percent_off"))
            value = till_percent_format (r->value, TILL_NOTATION_FILE);
          else
            {
              g_autoptr(TillProductRecord) product = till_catalog_get_product (till_context_get_store (context),
                                                                               r->product_id, NULL);
              value = g_strdup (product != NULL ? product->sku : "");
            }
          printf ("%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", r->name, r->cost,
                  g_str_equal (r->kind, "amount_off") ? "amount-off"
                  : g_str_equal (r->kind, "percent_off") ? "percent-off" : "free-product",
                  value, r->valid_from != NULL ? r->valid_from : "", r->valid_until != NULL ? r->valid_until : "",
                  r->retired ? "retired" : "active");
        }
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "add") && argc >= 7 && argc % 2 == 1)
    {
      const char *cost = option_value (argc, argv, "--cost");
      const char *amount = option_value (argc, argv, "--amount-off");
      const char *percent = option_value (argc, argv, "--percent-off");
      const char *sku = option_value (argc, argv, "--free-product");
      const char *kind = amount != NULL ? "amount-off" : percent != NULL ? "percent-off" : "free-product";
      const char *value = amount != NULL ? amount : percent != NULL ? percent : sku;
      int n_kinds = (amount != NULL) + (percent != NULL) + (sku != NULL);

      for (int i = 3; i < argc; i += 2)
        if (!g_str_equal (argv[i], "--cost") && !g_str_equal (argv[i], "--amount-off") &&
            !g_str_equal (argv[i], "--percent-off") && !g_str_equal (argv[i], "--free-product") &&
            !g_str_equal (argv[i], "--from") && !g_str_equal (argv[i], "--until"))
          n_kinds = 0;
      if (cost == NULL || n_kinds != 1)
        return fail (EXIT_USAGE, "loyalty reward add NAME --cost POINTS (--amount-off AMOUNT | --percent-off "
                                 "PERCENT | --free-product SKU) [--from DATE] [--until DATE]");
      if (!till_loyalty_service_add_reward (context, argv[2], cost, kind, value,
                                            option_value (argc, argv, "--from"),
                                            option_value (argc, argv, "--until"), &error))
        return fail_with (error);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "retire") && argc == 3)
    {
      if (!till_loyalty_service_retire_reward (context, argv[2], &error))
        return fail_with (error);
      return EXIT_OK;
    }
  g_printerr (LOYALTY_USAGE);
  return EXIT_USAGE;
}

int
till_admin_loyalty (const char  *database,
                    int          argc,
                    char       **argv)
{
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (argc < 1 || (argc < 2 && !g_str_equal (argv[0], "maintain")))
    {
      g_printerr (LOYALTY_USAGE);
      return EXIT_USAGE;
    }
  context = open_context (database, &code);
  if (context == NULL)
    return code;

  if (g_str_equal (argv[0], "tier"))
    return loyalty_tier (context, argc, argv);
  if (g_str_equal (argv[0], "reward"))
    return loyalty_reward (context, argc, argv);
  if (g_str_equal (argv[0], "adjust") && argc == 5 && g_str_equal (argv[3], "--reason"))
    {
      g_autoptr(TillCustomerRecord) customer = till_customer_service_find (context, argv[1], &error);
      gint64 points = 0;
      char *end = NULL;

      if (customer == NULL)
        return fail_with (error);
      errno = 0;
      points = g_ascii_strtoll (argv[2], &end, 10);
      if (errno != 0 || end == argv[2] || *end != '\0')
        return fail (EXIT_USAGE, "points: a whole number of points, such as 50 or -20");
      if (!till_loyalty_service_adjust (context, customer->id, points, argv[4], &error))
        return fail_with (error);
      return EXIT_OK;
    }
  if (g_str_equal (argv[0], "maintain") && argc == 1)
    {
      TillMaintenanceReport report;

      if (!till_loyalty_service_maintain (context, &report, &error))
        return fail_with (error);
      printf ("customers\t%u\nexpired_rows\t%u\nexpired_points\t%" G_GINT64_FORMAT "\ntiers_raised\t%u\n"
              "tiers_lowered\t%u\n", report.customers, report.expired_rows, report.expired, report.raised,
              report.lowered);
      return EXIT_OK;
    }
  g_printerr (LOYALTY_USAGE);
  return EXIT_USAGE;
}
