/* till-sell-page.c: keyboard-first selling
 *
 * The page holds no rule of its own: every figure comes from the order the
 * checkout service priced, every refusal is the service's message.  The scan
 * entry keeps the keyboard; modes change what its Enter means (a weight, a
 * note, a discount, a manager's PIN, a customer search) and Esc leaves them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "till-catalog-service.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-loyalty.h"
#include "till-loyalty-service.h"
#include "till-sell-page.h"
#include "till-service-requests.h"
#include "till-staff.h"

typedef enum
{
  MODE_SCAN,
  MODE_WEIGHT,
  MODE_CUSTOMER,
  MODE_NOTE,
  MODE_ORDER_NOTE,
  MODE_DISCOUNT,
  MODE_ORDER_DISCOUNT,
  MODE_APPROVAL,
} Mode;

struct _TillSellPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  GtkEntry            *scan_entry;
  GtkLabel            *prompt_label;
  GtkStack            *left_stack;
  GtkStack            *lines_stack;
  GtkListBox          *lines_list;
  GtkListBox          *results_list;
  GtkFlowBox          *quick_keys;
  GtkLabel            *customer_name;
  GtkLabel            *customer_loyalty;
  GtkLabel            *customer_alert;
  GtkButton           *detach_button;
  GtkGrid             *totals_grid;
  GtkLabel            *total_label;
  GtkStack            *action_stack;
  GtkLabel            *cash_due_label;
  GtkEntry            *tendered_entry;
  GtkFlowBox          *quick_amounts;
  GtkSpinner          *card_spinner;
  GtkLabel            *card_label;
  GtkLabel            *change_label;
  GtkLabel            *paid_label;
  GtkMenuButton       *parked_button;
  GtkListBox          *attempts_list;

  /* owned */
  TillContext         *context;
  TillOrder           *order;
  TillPaymentTerminal *terminal;      /* NULL: made from the setting for each payment */
  GCancellable        *cancellable;
  GSettings           *settings;

  Mode                 mode;
  gint64               pending_product;   /* MODE_WEIGHT */
  char                *pending_code;
  /* MODE_APPROVAL: what waits for a manager */
  Mode                 approval_for;
  TillDiscount         pending_discount;
  guint                pending_line;
  gboolean             paying_card;
  guint                n_lines_shown;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillSellPage, till_sell_page, GTK_TYPE_WIDGET)

static void refresh (TillSellPage *self);
static void fill_parked (TillSellPage *self);

/* Messages ------------------------------------------------------------- */

static void
show_error (TillSellPage *self,
            const char   *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
clear_error (TillSellPage *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
toast (TillSellPage *self,
       const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static char *
money (TillSellPage *self,
       gint64        amount)
{
  return till_money_format_symbol (amount, till_order_get_currency (self->order));
}

/* Modes of the scan entry ------------------------------------------------ */

static void
set_mode (TillSellPage *self,
          Mode          mode,
          const char   *prompt)
{
  self->mode = mode;
  gtk_label_set_text (self->prompt_label, prompt != NULL ? prompt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_label), prompt != NULL);
  gtk_entry_set_visibility (self->scan_entry, mode != MODE_APPROVAL);
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  if (mode == MODE_SCAN)
    {
      g_clear_pointer (&self->pending_code, g_free);
      self->pending_product = 0;
      gtk_stack_set_visible_child_name (self->left_stack, "lines");
    }
  till_sell_page_focus_scan (self);
}

void
till_sell_page_focus_scan (TillSellPage *self)
{
  g_return_if_fail (TILL_IS_SELL_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static gint64
register_id (TillSellPage *self)
{
  return self->settings != NULL ? MAX (1, (gint64)g_settings_get_uint (self->settings, "register-id")) : 1;
}

/* The order ------------------------------------------------------------ */

static void
on_order_changed (TillOrder    *order,
                  TillSellPage *self)
{
  refresh (self);
}

static void
set_order (TillSellPage *self,
           TillOrder    *order)
{
  if (self->order != NULL)
    g_signal_handlers_disconnect_by_func (self->order, on_order_changed, self);
  g_set_object (&self->order, order);
  g_signal_connect (self->order, "changed", G_CALLBACK (on_order_changed), self);
  self->n_lines_shown = 0;
  refresh (self);
}

static void
new_sale (TillSellPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = till_checkout_open (self->context, register_id (self), &error);

  if (order == NULL)
    {
      show_error (self, error->message);
      return;
    }
  clear_error (self);
  set_order (self, order);
  gtk_stack_set_visible_child_name (self->action_stack, "actions");
  set_mode (self, MODE_SCAN, NULL);
}

/* A sale that is paid gives way to the next one at the first scan. */
static gboolean
ensure_open_order (TillSellPage *self)
{
  const char *status = till_order_get_record (self->order)->status;

  if (g_strcmp0 (status, "open") != 0)
    new_sale (self);
  return g_strcmp0 (till_order_get_record (self->order)->status, "open") == 0;
}

static gint
selected_line (TillSellPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->lines_list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static void
select_line (TillSellPage *self,
             gint          index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_list, index);

  if (row != NULL)
    {
      gtk_list_box_select_row (self->lines_list, row);
      gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
    }
}

static char *
quantity_text (const TillOrderLineRecord *line)
{
  g_autofree char *qty = till_quantity_format (line->qty, TILL_NOTATION_PERSON);

  if (line->sold_by_weight)
    return g_strdup_printf (_("%s kg"), qty);
  return g_strdup_printf ("%s ×", qty);
}

static GtkWidget *
line_row (TillSellPage              *self,
          const TillOrderLineRecord *line)
{
  GtkWidget *box = gtk_grid_new ();
  GtkWidget *name = gtk_label_new (line->name);
  GtkWidget *amount;
  GtkWidget *detail;
  g_autofree char *paid = money (self, line->paid);
  g_autofree char *qty = quantity_text (line);
  g_autofree char *price = till_money_format (line->unit_price, till_order_get_currency (self->order),
                                              TILL_NOTATION_PERSON);
  g_autoptr(GString) detail_text = g_string_new (NULL);
  gint64 discounts = line->line_discount + line->tier_discount + line->reward + line->order_discount;

  gtk_grid_set_column_spacing (GTK_GRID (box), 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "sell-line-name");
  gtk_grid_attach (GTK_GRID (box), name, 0, 0, 1, 1);

  amount = gtk_label_new (paid);
  gtk_label_set_xalign (GTK_LABEL (amount), 1);
  gtk_widget_add_css_class (amount, "sell-line-amount");
  gtk_grid_attach (GTK_GRID (box), amount, 1, 0, 1, 1);

  if (line->has_label_price)
    g_string_append_printf (detail_text, _("%s (scale label) at %s/kg"), qty, price);
  else if (line->sold_by_weight)
    g_string_append_printf (detail_text, _("%s × %s/kg"), qty, price);
  else
    g_string_append_printf (detail_text, "%s %s", qty, price);
  if (discounts > 0)
    {
      g_autofree char *saved = money (self, discounts);
      g_string_append_printf (detail_text, "   −%s", saved);
      if (g_strcmp0 (line->discount_kind, "percent") == 0)
        {
          g_autofree char *percent = till_percent_format (line->discount_value, TILL_NOTATION_PERSON);
          g_string_append_printf (detail_text, " (−%s %%)", percent);
        }
    }
  detail = gtk_label_new (detail_text->str);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "sell-line-detail");
  gtk_grid_attach (GTK_GRID (box), detail, 0, 1, 2, 1);

  if (line->note != NULL && line->note[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf ("↳ “%s”", line->note);
      GtkWidget *note = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "sell-line-note");
      gtk_grid_attach (GTK_GRID (box), note, 0, 2, 2, 1);
    }
  return box;
}

static void
add_total_row (TillSellPage *self,
               int           row,
               const char   *label,
               gint64        amount,
               gboolean      negative)
{
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *text = money (self, amount);
  g_autofree char *signed_text = negative && amount > 0 ? g_strdup_printf ("−%s", text) : g_strdup (text);
  GtkWidget *value = gtk_label_new (signed_text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "sell-totals-value");
  gtk_grid_attach (self->totals_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->totals_grid, value, 1, row, 1, 1);
}

static void
refresh_customer (TillSellPage *self)
{
  const TillOrderRecord *record = till_order_get_record (self->order);
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(GString) loyalty = g_string_new (NULL);
  g_autoptr(GString) alert = g_string_new (NULL);

  if (record->customer_id > 0)
    customer = till_customers_get (till_context_get_store (self->context), record->customer_id, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->detach_button), customer != NULL);
  if (customer == NULL)
    {
      gtk_label_set_text (self->customer_name, _("No customer"));
      gtk_label_set_text (self->customer_loyalty, _("Scan a loyalty card, or press F3 to find a customer."));
      gtk_widget_set_visible (GTK_WIDGET (self->customer_alert), FALSE);
      return;
    }

  gtk_label_set_text (self->customer_name, customer->name);
  if (record->tier_id > 0)
    {
      g_autoptr(GPtrArray) tiers = till_loyalty_list_tiers (till_context_get_store (self->context), NULL);

      for (guint i = 0; tiers != NULL && i < tiers->len; i++)
        {
          TillTierRecord *tier = tiers->pdata[i];
          if (tier->id == record->tier_id)
            {
              g_autofree char *percent = till_percent_format (tier->tier_bp, TILL_NOTATION_PERSON);
              g_string_append_printf (loyalty, "%s · −%s %% · ", tier->name, percent);
            }
        }
    }
  {
    g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, customer->balance);
    g_string_append_printf (loyalty, ngettext ("%s point", "%s points", (gulong)ABS (customer->balance)), points);
  }
  {
    /* Progress to the next tier */
    g_autofree char *next = NULL;
    gint64 to_go = 0;

    if (till_loyalty_service_next_tier (self->context, customer->id, &next, &to_go, NULL) && next != NULL)
      {
        g_autofree char *amount = till_money_format (to_go, till_order_get_currency (self->order),
                                                     TILL_NOTATION_PERSON);
        g_string_append_printf (loyalty, _(" · %s more to %s"), amount, next);
      }
  }
  if (record->reward_id > 0)
    {
      g_autoptr(TillRewardRecord) reward = till_loyalty_get_reward (till_context_get_store (self->context),
                                                                    record->reward_id, NULL);

      if (reward != NULL)
        g_string_append_printf (loyalty, _("\nReward: %s, %" G_GINT64_FORMAT " points"), reward->name,
                                record->reward_cost);
    }
  gtk_label_set_text (self->customer_loyalty, loyalty->str);

  if (customer->allergies != NULL && customer->allergies[0] != '\0')
    g_string_append_printf (alert, _("Allergies: %s"), customer->allergies);
  if (customer->dietary_notes != NULL && customer->dietary_notes[0] != '\0')
    g_string_append_printf (alert, "%s%s", alert->len > 0 ? " · " : "", customer->dietary_notes);
  {
    /* The help they need, from their open assistance requests (issue 10) */
    TillRequestFilter assistance = { .kind = "assistance", .customer_id = customer->id, .open_only = TRUE };
    g_autoptr(GPtrArray) needs = till_service_requests_list (self->context, &assistance, 0, 3, NULL);

    for (guint i = 0; needs != NULL && i < needs->len; i++)
      g_string_append_printf (alert, _("%sAssistance: %s"), alert->len > 0 ? "\n" : "",
                              ((TillRequestRecord *)needs->pdata[i])->title);
  }
  gtk_label_set_text (self->customer_alert, alert->str);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_alert), alert->len > 0);
}

static void
refresh_attempts (TillSellPage *self)
{
  GPtrArray *payments = till_order_get_payments (self->order);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attempts_list))) != NULL)
    gtk_list_box_remove (self->attempts_list, child);
  for (guint i = 0; i < payments->len; i++)
    {
      TillPaymentRecord *p = payments->pdata[i];
      g_autofree char *amount = money (self, p->tendered);
      g_autofree char *text = NULL;
      GtkWidget *row;
      const char *kind = g_str_equal (p->kind, "cash") ? _("Cash") : _("Card");

      if (g_str_equal (p->status, "approved"))
        text = g_strdup_printf (_("%s %s: approved"), kind, amount);
      else
        text = g_strdup_printf (_("%s %s: %s — %s"), kind, amount, p->status, p->message);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (self->attempts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attempts_list), payments->len > 0);
}

static void
refresh (TillSellPage *self)
{
  GPtrArray *lines = till_order_get_lines (self->order);
  const TillPricingResult *pricing = till_order_get_pricing (self->order);
  gint selected = selected_line (self);
  g_autofree char *total = NULL;
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->lines_list, line_row (self, lines->pdata[i]));
  gtk_stack_set_visible_child_name (self->lines_stack, lines->len > 0 ? "list" : "empty");
  /* A new line is the one the next key acts on; otherwise the choice stays. */
  if (lines->len > self->n_lines_shown || selected < 0 || (guint)selected >= lines->len)
    selected = (gint)lines->len - 1;
  if (lines->len > 0)
    select_line (self, selected);
  self->n_lines_shown = lines->len;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_grid))) != NULL)
    gtk_grid_remove (self->totals_grid, child);
  if (pricing != NULL && lines->len > 0)
    {
      add_total_row (self, row++, _("Subtotal"), pricing->subtotal, FALSE);
      if (pricing->line_discounts + pricing->order_discount > 0)
        add_total_row (self, row++, _("Discounts"), pricing->line_discounts + pricing->order_discount, TRUE);
      if (pricing->tier_discounts > 0)
        add_total_row (self, row++, _("Loyalty tier"), pricing->tier_discounts, TRUE);
      if (pricing->reward > 0)
        add_total_row (self, row++, _("Reward"), pricing->reward, TRUE);
      for (gsize i = 0; i < pricing->n_taxes; i++)
        {
          g_autofree char *rate = till_percent_format (pricing->taxes[i].rate_bp, TILL_NOTATION_PERSON);
          g_autofree char *label = till_order_get_record (self->order)->prices_include_tax
                                     ? g_strdup_printf (_("incl. tax %s %%"), rate)
                                     : g_strdup_printf (_("Tax %s %%"), rate);
          add_total_row (self, row++, label, pricing->taxes[i].tax, FALSE);
        }
      if (pricing->savings > 0)
        add_total_row (self, row++, _("The customer saves"), pricing->savings, FALSE);
    }

  total = money (self, till_order_get_total (self->order));
  gtk_label_set_text (self->total_label, total);
  refresh_customer (self);
  refresh_attempts (self);
}

/* Acting on the order ----------------------------------------------------- */

/* Adds @product as scanned; a weighed one without a weight asks for it. */
static void
add_product (TillSellPage *self,
             gint64        product_id,
             const char   *code,
             gint64        qty,
             gboolean      qty_given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillProductRecord) product = till_catalog_get_product (till_context_get_store (self->context),
                                                                   product_id, &error);

  if (product == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (product->sold_by_weight && !qty_given)
    {
      g_autofree char *price = money (self, product->price);
      g_autofree char *prompt = g_strdup_printf (_("Weight of %s (%s/kg): type it in kg and press Enter, Esc to cancel"),
                                                 product->name, price);
      set_mode (self, MODE_WEIGHT, prompt);
      self->pending_product = product_id;
      self->pending_code = g_strdup (code);
      return;
    }
  if (!product->sold_by_weight && !qty_given)
    qty = 1000;
  if (!ensure_open_order (self))
    return;
  if (!till_checkout_add_product (self->context, self->order, product_id, code, qty, FALSE, 0, TRUE, &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_error (self);
  set_mode (self, MODE_SCAN, NULL);
}

static void
attach_customer (TillSellPage *self,
                 gint64        customer_id)
{
  g_autoptr(GError) error = NULL;

  if (!ensure_open_order (self))
    return;
  if (!till_checkout_set_customer (self->context, self->order, customer_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_error (self);
  set_mode (self, MODE_SCAN, NULL);
}

static void
show_results (TillSellPage *self,
              const char   *text,
              gboolean      customers_only)
{
  g_autoptr(GArray) products = NULL;
  g_autoptr(GArray) customers = NULL;
  TillStore *store = till_context_get_store (self->context);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (!customers_only)
    products = till_catalog_service_search_products (self->context, text, 12, NULL);
  customers = till_customers_search (store, text, customers_only ? 20 : 6, NULL);

  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      g_autoptr(TillProductRecord) product = till_catalog_get_product (store, g_array_index (products, gint64, i), NULL);
      g_autofree char *price = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (product == NULL || !product->active)
        continue;
      price = money (self, product->price);
      subtitle = product->sold_by_weight ? g_strdup_printf (_("%s · %s per kg"), product->sku, price)
                                         : g_strdup_printf ("%s · %s", product->sku, price);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), product->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "product-id", GSIZE_TO_POINTER ((gsize)product->id));
      g_object_set_data_full (G_OBJECT (row), "code", g_strdup (product->sku), g_free);
      gtk_list_box_append (self->results_list, row);
      shown++;
    }
  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      g_autoptr(TillCustomerRecord) customer = till_customers_get (store, g_array_index (customers, gint64, i), NULL);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (customer == NULL || customer->erased_at != NULL)
        continue;
      {
        g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, customer->balance);
        subtitle = g_strdup_printf (_("Customer · %s points%s%s"), points,
                                    customer->card != NULL ? " · " : "", customer->card != NULL ? customer->card : "");
      }
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), customer->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      g_object_set_data (G_OBJECT (row), "customer-id", GSIZE_TO_POINTER ((gsize)customer->id));
      gtk_list_box_append (self->results_list, row);
      shown++;
    }

  if (shown == 0)
    {
      g_autofree char *message = g_strdup_printf (customers_only ? _("No customer matches “%s”.")
                                                                 : _("Nothing matches “%s”: no product, SKU, barcode or customer."),
                                                  text);
      show_error (self, message);
      gtk_stack_set_visible_child_name (self->left_stack, "lines");
      return;
    }
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, 0));
  gtk_stack_set_visible_child_name (self->left_stack, "results");
}

static void
activate_result (TillSellPage  *self,
                 GtkListBoxRow *row)
{
  gint64 product_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "product-id"));
  gint64 customer_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "customer-id"));

  gtk_stack_set_visible_child_name (self->left_stack, "lines");
  if (product_id > 0)
    add_product (self, product_id, g_object_get_data (G_OBJECT (row), "code"), 0, FALSE);
  else if (customer_id > 0)
    attach_customer (self, customer_id);
}

static void
on_result_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     TillSellPage  *self)
{
  activate_result (self, row);
}

/* "3*code" or "0,350*code": a quantity typed before the code */
static gboolean
split_quantity (const char  *text,
                char       **out_qty,
                const char **out_code)
{
  const char *star = strchr (text, '*');

  if (star == NULL)
    return FALSE;
  *out_qty = g_strstrip (g_strndup (text, star - text));
  *out_code = star + 1;
  while (**out_code == ' ')
    (*out_code)++;
  return TRUE;
}

static void
scan (TillSellPage *self,
      const char   *text)
{
  g_autoptr(TillScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *qty_text = NULL;
  const char *code = text;
  gint64 qty = 0;
  gboolean qty_given = FALSE;

  if (split_quantity (text, &qty_text, &code))
    {
      if (!till_quantity_parse (qty_text, TILL_NOTATION_PERSON, &qty, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Quantity: %s"), error->message);
          show_error (self, message);
          return;
        }
      qty_given = TRUE;
    }

  if (!till_catalog_resolve_code (self->context, code, &result, &error))
    {
      show_error (self, error->message);
      gtk_editable_select_region (GTK_EDITABLE (self->scan_entry), 0, -1);
      return;
    }

  switch (result->kind)
    {
    case TILL_SCAN_PRODUCT:
      if (!result->product->active)
        {
          g_autofree char *message = g_strdup_printf (_("%s is no longer sold."), result->product->name);
          show_error (self, message);
          return;
        }
      add_product (self, result->product->id, code, qty, qty_given);
      break;
    case TILL_SCAN_SCALE_LABEL:
      if (!ensure_open_order (self))
        return;
      if (!till_checkout_add_product (self->context, self->order, result->product->id, code,
                                      result->scale_kind == TILL_SCALE_WEIGHT ? result->grams : 0,
                                      result->scale_kind == TILL_SCALE_PRICE, result->label_price, TRUE, &error))
        {
          show_error (self, error->message);
          return;
        }
      clear_error (self);
      set_mode (self, MODE_SCAN, NULL);
      break;
    case TILL_SCAN_CUSTOMER:
      attach_customer (self, result->customer_id);
      break;
    case TILL_SCAN_SEARCH:
    default:
      show_results (self, code, FALSE);
      break;
    }
}

static gboolean
parse_discount (TillSellPage  *self,
                const char    *text,
                TillDiscount  *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tidy = g_strstrip (g_strdup (text));

  if (tidy[0] == '\0' || g_str_equal (tidy, "0"))
    {
      out->kind = TILL_DISCOUNT_NONE;
      out->value = 0;
      return TRUE;
    }
  if (g_str_has_suffix (tidy, "%"))
    {
      out->kind = TILL_DISCOUNT_PERCENT;
      if (till_percent_parse (tidy, TILL_NOTATION_PERSON, &out->value, &error))
        return TRUE;
    }
  else
    {
      out->kind = TILL_DISCOUNT_AMOUNT;
      if (till_money_parse (tidy, till_order_get_currency (self->order), TILL_NOTATION_PERSON, FALSE,
                            &out->value, &error))
        return TRUE;
    }
  show_error (self, error->message);
  return FALSE;
}

/* Applies a discount; above the thresholds the service asks for a manager,
 * and the entry then takes the manager's PIN. */
static void
apply_discount (TillSellPage       *self,
                Mode                kind,
                guint               line,
                TillDiscount        discount,
                const TillApproval *approval)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (kind == MODE_DISCOUNT)
    ok = till_checkout_set_line_discount (self->context, self->order, line, discount, approval, &error);
  else
    ok = till_checkout_set_order_discount (self->context, self->order, discount, approval, &error);

  if (ok)
    {
      clear_error (self);
      set_mode (self, MODE_SCAN, NULL);
      return;
    }
  if (approval == NULL && g_error_matches (error, TILL_ERROR, TILL_ERROR_PERMISSION))
    {
      self->approval_for = kind;
      self->pending_discount = discount;
      self->pending_line = line;
      set_mode (self, MODE_APPROVAL,
                _("This discount is above the shop's limit: a manager types their PIN and presses Enter (Esc cancels)."));
      return;
    }
  show_error (self, error->message);
}

/* Finds the manager whose PIN was typed, and applies what waited for them. */
static void
approve (TillSellPage *self,
         const char   *pin)
{
  g_autoptr(GPtrArray) staff = till_staff_list (till_context_get_store (self->context), NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TillStaffRecord *member = staff->pdata[i];
      TillApproval approval = { member->id, pin };
      gint64 manager_id;

      if (!member->active || !(g_str_equal (member->role, "manager") || g_str_equal (member->role, "admin")))
        continue;
      if (till_checkout_check_approval (self->context, &approval, &manager_id, NULL))
        {
          apply_discount (self, self->approval_for, self->pending_line, self->pending_discount, &approval);
          return;
        }
    }
  show_error (self, _("No manager has this PIN: the discount was not given. Try again, or Esc to cancel."));
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
}

static void
on_scan_activate (GtkEntry     *entry,
                  TillSellPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  switch (self->mode)
    {
    case MODE_SCAN:
      if (text[0] == '\0')
        {
          /* Enter on an empty entry after a sale starts the next one. */
          if (till_order_is_paid (self->order))
            new_sale (self);
          return;
        }
      if (g_str_equal (gtk_stack_get_visible_child_name (self->left_stack), "results"))
        {
          GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);

          if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (self->results_list), "for"), text) == 0)
            {
              activate_result (self, row);
              return;
            }
        }
      g_object_set_data_full (G_OBJECT (self->results_list), "for", g_strdup (text), g_free);
      scan (self, text);
      if (self->mode == MODE_SCAN && !g_str_equal (gtk_stack_get_visible_child_name (self->left_stack), "results"))
        gtk_editable_set_text (GTK_EDITABLE (entry), "");
      break;

    case MODE_WEIGHT:
      {
        gint64 grams;

        if (!till_quantity_parse (text, TILL_NOTATION_PERSON, &grams, &error))
          {
            g_autofree char *message = g_strdup_printf (_("Weight: %s"), error->message);
            show_error (self, message);
            return;
          }
        add_product (self, self->pending_product, self->pending_code, grams, TRUE);
      }
      break;

    case MODE_CUSTOMER:
      if (g_str_equal (gtk_stack_get_visible_child_name (self->left_stack), "results") &&
          g_strcmp0 (g_object_get_data (G_OBJECT (self->results_list), "for"), text) == 0 &&
          gtk_list_box_get_selected_row (self->results_list) != NULL)
        {
          activate_result (self, gtk_list_box_get_selected_row (self->results_list));
          return;
        }
      if (text[0] != '\0')
        {
          g_object_set_data_full (G_OBJECT (self->results_list), "for", g_strdup (text), g_free);
          show_results (self, text, TRUE);
        }
      break;

    case MODE_NOTE:
      if (!till_checkout_set_line_note (self->context, self->order, self->pending_line, text, &error))
        show_error (self, error->message);
      else
        set_mode (self, MODE_SCAN, NULL);
      break;

    case MODE_ORDER_NOTE:
      if (!till_checkout_set_note (self->context, self->order, text, &error))
        show_error (self, error->message);
      else
        {
          toast (self, text[0] != '\0' ? _("Note added to the order") : _("The order's note was removed"));
          set_mode (self, MODE_SCAN, NULL);
        }
      break;

    case MODE_DISCOUNT:
    case MODE_ORDER_DISCOUNT:
      {
        TillDiscount discount;

        if (parse_discount (self, text, &discount))
          apply_discount (self, self->mode, self->pending_line, discount, NULL);
      }
      break;

    case MODE_APPROVAL:
      approve (self, text);
      break;

    default:
      break;
    }
}

static void
on_scan_changed (GtkEditable  *editable,
                 TillSellPage *self)
{
  /* Typing again after a refusal: the message has been read. */
  if (gtk_editable_get_text (editable)[0] != '\0' && self->mode != MODE_APPROVAL)
    clear_error (self);
}

/* Keys on the scan entry: lines are chosen and changed without leaving it. */
static gboolean
on_scan_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             TillSellPage          *self)
{
  gboolean empty = gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))[0] == '\0';
  gboolean results = g_str_equal (gtk_stack_get_visible_child_name (self->left_stack), "results");
  GtkListBox *list = results ? self->results_list : self->lines_list;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  gint index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  g_autoptr(GError) error = NULL;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (!empty && !results)
        return FALSE;
      index += keyval == GDK_KEY_Up ? -1 : 1;
      row = gtk_list_box_get_row_at_index (list, MAX (index, 0));
      if (row != NULL)
        gtk_list_box_select_row (list, row);
      return TRUE;

    case GDK_KEY_Escape:
      clear_error (self);
      if (self->mode != MODE_SCAN || results)
        set_mode (self, MODE_SCAN, NULL);
      else if (!empty)
        gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (!empty || self->mode != MODE_SCAN || results || index < 0)
        return FALSE;
      if (!till_checkout_remove_line (self->context, self->order, index, &error))
        show_error (self, error->message);
      return TRUE;

    case GDK_KEY_KP_Add:
    case GDK_KEY_KP_Subtract:
      if (!empty || self->mode != MODE_SCAN || results || index < 0)
        return FALSE;
      {
        TillOrderLineRecord *line = till_order_get_lines (self->order)->pdata[index];
        gint64 step = line->sold_by_weight ? 10 : 1000;
        gint64 qty = line->qty + (keyval == GDK_KEY_KP_Add ? step : -step);

        if (qty <= 0)
          show_error (self, _("Delete removes a line; the quantity cannot go below one."));
        else if (!till_checkout_set_quantity (self->context, self->order, index, qty, &error))
          show_error (self, error->message);
      }
      return TRUE;

    default:
      return FALSE;
    }
}

/* Actions ----------------------------------------------------------------- */

static void
action_find_customer (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);

  set_mode (self, MODE_CUSTOMER, _("Find a customer: type a name, phone or e-mail and press Enter; Enter again attaches."));
}

static void
action_detach_customer (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!till_checkout_set_customer (self->context, self->order, 0, &error))
    show_error (self, error->message);
  till_sell_page_focus_scan (self);
}

/* F12 (F10 opens the staff menu): the next reward the attached customer can afford that fits the
 * order, in order of cost; after the last, the reward comes off. */
static void
action_reward (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  const TillOrderRecord *record = till_order_get_record (self->order);
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) last_error = NULL;
  guint start = 0;

  if (record->customer_id <= 0)
    {
      show_error (self, _("A reward needs a customer: scan their card or press F3 first."));
      return;
    }
  rewards = till_loyalty_service_affordable (self->context, record->customer_id, &error);
  if (rewards == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < rewards->len; i++)
    if (((TillRewardRecord *)rewards->pdata[i])->id == record->reward_id)
      start = i + 1;
  for (guint i = start; i < rewards->len; i++)
    {
      g_clear_error (&last_error);
      if (till_checkout_set_reward (self->context, self->order, ((TillRewardRecord *)rewards->pdata[i])->id,
                                    &last_error))
        {
          till_sell_page_focus_scan (self);
          return;
        }
    }
  if (record->reward_id > 0)
    till_checkout_set_reward (self->context, self->order, 0, NULL);
  else if (last_error != NULL)
    show_error (self, last_error->message);
  else
    show_error (self, _("No active reward is within this customer's points."));
  till_sell_page_focus_scan (self);
}

static gboolean
need_line (TillSellPage *self)
{
  gint line = selected_line (self);

  if (line < 0)
    {
      show_error (self, _("Choose a line first: Up and Down move between lines."));
      return FALSE;
    }
  self->pending_line = (guint)line;
  return TRUE;
}

static void
action_note (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  TillOrderLineRecord *line;
  g_autofree char *prompt = NULL;

  if (!need_line (self))
    return;
  line = till_order_get_lines (self->order)->pdata[self->pending_line];
  prompt = g_strdup_printf (_("Special request for %s (“no nuts”, “slice it”), Enter to keep, Esc to cancel"), line->name);
  set_mode (self, MODE_NOTE, prompt);
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), line->note != NULL ? line->note : "");
  gtk_editable_set_position (GTK_EDITABLE (self->scan_entry), -1);
}

static void
action_order_note (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  const char *note = till_order_get_record (self->order)->note;

  set_mode (self, MODE_ORDER_NOTE, _("A note for the whole order, Enter to keep, Esc to cancel"));
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), note != NULL ? note : "");
  gtk_editable_set_position (GTK_EDITABLE (self->scan_entry), -1);
}

static void
action_discount (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  TillOrderLineRecord *line;
  g_autofree char *prompt = NULL;

  if (!need_line (self))
    return;
  line = till_order_get_lines (self->order)->pdata[self->pending_line];
  prompt = g_strdup_printf (_("Discount on %s: “10%%” or an amount such as “0,50”; 0 removes it"), line->name);
  set_mode (self, MODE_DISCOUNT, prompt);
}

static void
action_order_discount (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  set_mode (TILL_SELL_PAGE (widget), MODE_ORDER_DISCOUNT,
            _("Discount on the whole order: “5%” or an amount; 0 removes it"));
}

static void
action_park (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!till_checkout_set_parked (self->context, self->order, TRUE, &error))
    {
      show_error (self, error->message);
      return;
    }
  toast (self, _("Order parked: F5 brings it back"));
  fill_parked (self);
  new_sale (self);
}

static void
resume_parked (GtkButton    *button,
               TillSellPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "order-id"));
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->parked_button);
  if (till_order_get_lines (self->order)->len > 0 && !till_order_is_paid (self->order) &&
      !till_checkout_set_parked (self->context, self->order, TRUE, &error))
    {
      show_error (self, error->message);
      return;
    }
  order = till_checkout_load (self->context, id, &error);
  if (order == NULL || !till_checkout_set_parked (self->context, order, FALSE, &error))
    {
      show_error (self, error->message);
      return;
    }
  set_order (self, order);
  gtk_stack_set_visible_child_name (self->action_stack, "actions");
  set_mode (self, MODE_SCAN, NULL);
  fill_parked (self);
}

static void
resume_quote (GtkButton    *button,
              TillSellPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "quote-id"));
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->parked_button);
  if (till_order_get_lines (self->order)->len > 0 && !till_order_is_paid (self->order) &&
      !till_checkout_set_parked (self->context, self->order, TRUE, &error))
    {
      show_error (self, error->message);
      return;
    }
  order = till_checkout_quote_to_sale (self->context, id, register_id (self), &error);
  if (order == NULL)
    {
      show_error (self, error->message);
      return;
    }
  set_order (self, order);
  toast (self, _("The quote is a sale now, at today's prices"));
  gtk_stack_set_visible_child_name (self->action_stack, "actions");
  set_mode (self, MODE_SCAN, NULL);
  fill_parked (self);
}

static void
fill_parked (TillSellPage *self)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GArray) ids = till_orders_list_ids (store, "open", NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *popover = gtk_popover_new ();
  guint shown = 0;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(TillOrderRecord) record = till_orders_get (store, g_array_index (ids, gint64, i), NULL);
      g_autoptr(TillCustomerRecord) customer = NULL;
      g_autoptr(TillStaffRecord) staff = NULL;
      g_autofree char *total = NULL;
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (record == NULL || !record->parked)
        continue;
      if (record->customer_id > 0)
        customer = till_customers_get (store, record->customer_id, NULL);
      if (record->staff_id > 0)
        staff = till_staff_get_by_id (store, record->staff_id, NULL);
      total = money (self, record->total);
      label = g_strdup_printf ("%.5s · %s · %s · %s", record->opened_at + 11, staff != NULL ? staff->name : "",
                               customer != NULL ? customer->name : _("no customer"), total);
      button = gtk_button_new_with_label (label);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "order-id", GSIZE_TO_POINTER ((gsize)record->id));
      g_signal_connect (button, "clicked", G_CALLBACK (resume_parked), self);
      gtk_box_append (GTK_BOX (box), button);
      shown++;
    }
  if (shown == 0)
    gtk_box_append (GTK_BOX (box), gtk_label_new (_("No parked orders")));

  /* Kept quotes, turned into a sale at today's prices with a click */
  {
    g_autoptr(GArray) quotes = till_orders_list_ids (store, "quote", NULL);
    GtkWidget *keep = gtk_button_new_with_label (_("Keep This Order as a Quote (Shift+F6)"));

    gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (keep), "sell.quote");
    gtk_widget_add_css_class (keep, "flat");
    gtk_box_append (GTK_BOX (box), keep);
    for (guint i = 0; quotes != NULL && i < quotes->len; i++)
      {
        g_autoptr(TillOrderRecord) record = till_orders_get (store, g_array_index (quotes, gint64, i), NULL);
        g_autoptr(TillCustomerRecord) customer = NULL;
        g_autofree char *total = NULL;
        g_autofree char *label = NULL;
        GtkWidget *button;

        if (record == NULL)
          continue;
        if (record->customer_id > 0)
          customer = till_customers_get (store, record->customer_id, NULL);
        total = money (self, record->total);
        label = g_strdup_printf (_("Quote of %.10s · %s · %s"), record->opened_at,
                                 customer != NULL ? customer->name : _("no customer"), total);
        button = gtk_button_new_with_label (label);
        gtk_widget_add_css_class (button, "flat");
        g_object_set_data (G_OBJECT (button), "quote-id", GSIZE_TO_POINTER ((gsize)record->id));
        g_signal_connect (button, "clicked", G_CALLBACK (resume_quote), self);
        gtk_box_append (GTK_BOX (box), button);
      }
  }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->parked_button, popover);
}

static void
action_parked (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);

  fill_parked (self);
  gtk_menu_button_popup (self->parked_button);
}

static void
action_quote (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->parked_button);
  if (!till_checkout_keep_as_quote (self->context, self->order, &error))
    {
      show_error (self, error->message);
      return;
    }
  toast (self, _("Kept as a quote: F5 lists it, to sell it later at the day's prices"));
  fill_parked (self);
  new_sale (self);
}

static void
action_new_sale (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);

  if (!till_order_is_paid (self->order) && till_order_get_lines (self->order)->len > 0)
    {
      show_error (self, _("This order is not paid: take payment, park it (F6), or void it from the Orders page."));
      return;
    }
  new_sale (self);
}

static void
show_paid (TillSellPage *self)
{
  const TillOrderRecord *record = till_order_get_record (self->order);
  g_autofree char *change = money (self, record->change);
  g_autofree char *change_text = g_strdup_printf (_("Change %s"), change);
  g_autoptr(GString) summary = g_string_new (NULL);

  gtk_label_set_text (self->change_label, change_text);
  {
    g_autofree char *receipt = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                                record->register_id, record->receipt_number);
    g_string_append_printf (summary, _("Paid · receipt %s"), receipt);
  }
  if (record->has_loyalty)
    {
      g_string_append_c (summary, '\n');
      g_autofree char *earned = g_strdup_printf ("%" G_GINT64_FORMAT, record->loyalty_earned);
      g_autofree char *balance = g_strdup_printf ("%" G_GINT64_FORMAT, record->loyalty_balance_after);

      g_string_append_printf (summary, _("%s points earned · balance %s"), earned, balance);
      if (record->loyalty_tier != NULL && record->loyalty_tier[0] != '\0')
        g_string_append_printf (summary, " · %s", record->loyalty_tier);
    }
  g_string_append_c (summary, '\n');
  g_string_append (summary, _("Enter or a new scan starts the next sale."));
  gtk_label_set_text (self->paid_label, summary->str);
  gtk_stack_set_visible_child_name (self->action_stack, "paid");
  set_mode (self, MODE_SCAN, NULL);
}

static void
fill_quick_amounts (TillSellPage *self,
                    gint64        cash_due)
{
  static const gint64 notes[] = { 500, 1000, 2000, 5000, 10000 };
  const TillCurrency *currency = till_order_get_currency (self->order);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_amounts))) != NULL)
    gtk_flow_box_remove (self->quick_amounts, child);

  {
    GtkWidget *exact = gtk_button_new_with_label (_("Exact"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (exact), "sell.tender");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (exact), "x", cash_due);
    gtk_widget_set_focus_on_click (exact, FALSE);
    gtk_flow_box_append (self->quick_amounts, exact);
  }
  /* Notes for a currency with two decimals; for others the exact amount only. */
  for (gsize i = 0; currency->exponent == 2 && i < G_N_ELEMENTS (notes) && shown < 4; i++)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (notes[i] < cash_due)
        continue;
      label = till_money_format (notes[i], currency, TILL_NOTATION_PERSON);
      button = gtk_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sell.tender");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", notes[i]);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_flow_box_append (self->quick_amounts, button);
      shown++;
    }
}

static gint64
cash_due (TillSellPage *self)
{
  g_autofree char *text = till_context_dup_setting (self->context, "cash_rounding", "0");

  return till_cash_round (till_order_get_due (self->order), g_ascii_strtoll (text, NULL, 10));
}

static void
action_pay_cash (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  g_autofree char *due = NULL;
  g_autofree char *cash = NULL;
  g_autofree char *text = NULL;
  gint64 c = 0;

  if (self->paying_card || till_order_is_paid (self->order))
    return;
  if (till_order_get_lines (self->order)->len == 0)
    {
      show_error (self, _("The order is empty: scan something first."));
      return;
    }
  c = cash_due (self);
  due = money (self, till_order_get_due (self->order));
  cash = money (self, c);
  text = c != till_order_get_due (self->order) ? g_strdup_printf (_("Due %s · cash due %s (rounded)"), due, cash)
                                              : g_strdup_printf (_("Due %s"), due);
  gtk_label_set_text (self->cash_due_label, text);
  fill_quick_amounts (self, c);
  gtk_editable_set_text (GTK_EDITABLE (self->tendered_entry), "");
  gtk_stack_set_visible_child_name (self->action_stack, "cash");
  gtk_widget_grab_focus (GTK_WIDGET (self->tendered_entry));
}

static void
take_cash (TillSellPage *self,
           gint64        tendered)
{
  g_autoptr(GError) error = NULL;
  TillCashOutcome outcome;

  if (!till_checkout_pay_cash (self->context, self->order, tendered, &outcome, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->tendered_entry));
      return;
    }
  clear_error (self);
  if (till_order_is_paid (self->order))
    show_paid (self);
  else
    {
      g_autofree char *left = money (self, till_order_get_due (self->order));
      g_autofree char *message = g_strdup_printf (_("Part paid in cash: %s still due. Take more cash (F8) or a card (F9)."), left);
      toast (self, message);
      gtk_stack_set_visible_child_name (self->action_stack, "actions");
      set_mode (self, MODE_SCAN, NULL);
    }
}

static void
on_tendered_activate (GtkEntry     *entry,
                      TillSellPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  gint64 tendered;

  /* Enter on an empty entry takes the exact cash due. */
  if (text[0] == '\0')
    tendered = cash_due (self);
  else if (!till_money_parse (text, till_order_get_currency (self->order), TILL_NOTATION_PERSON, FALSE,
                              &tendered, &error))
    {
      show_error (self, error->message);
      return;
    }
  take_cash (self, tendered);
}

static void
action_tender (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  take_cash (TILL_SELL_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
action_back (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);

  if (self->paying_card)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  if (!till_order_is_paid (self->order))
    gtk_stack_set_visible_child_name (self->action_stack, "actions");
  set_mode (self, MODE_SCAN, NULL);
}

static void
on_card_paid (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TillSellPage) self = user_data;
  g_autoptr(TillCardResult) card = NULL;
  g_autoptr(GError) error = NULL;

  card = till_checkout_pay_card_finish (TILL_CONTEXT (source), result, &error);
  self->paying_card = FALSE;
  if (self->context == NULL)
    return;   /* the page went away meanwhile */
  gtk_spinner_set_spinning (self->card_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->card_spinner), FALSE);

  if (card == NULL)
    {
      show_error (self, error->message);
      gtk_label_set_text (self->card_label, error->message);
      till_sell_page_focus_scan (self);
      return;
    }
  if (card->status == TILL_CARD_APPROVED)
    {
      clear_error (self);
      if (till_order_is_paid (self->order))
        show_paid (self);
      else
        {
          gtk_stack_set_visible_child_name (self->action_stack, "actions");
          till_sell_page_focus_scan (self);
        }
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (_("The card was not accepted (%s): %s. Try the card again (F9) or take cash (F8)."),
                                                till_card_status_to_string (card->status), card->message);
    show_error (self, message);
    gtk_label_set_text (self->card_label, message);
  }
  till_sell_page_focus_scan (self);
}

static void
action_pay_card (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  TillSellPage *self = TILL_SELL_PAGE (widget);
  g_autoptr(TillPaymentTerminal) terminal = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;

  if (self->paying_card || till_order_is_paid (self->order))
    return;
  if (till_order_get_lines (self->order)->len == 0)
    {
      show_error (self, _("The order is empty: scan something first."));
      return;
    }

  if (self->terminal != NULL)
    terminal = g_object_ref (self->terminal);
  else
    {
      g_autofree char *behaviour = self->settings != NULL ? g_settings_get_string (self->settings, "card-terminal")
                                                         : g_strdup ("approve");
      terminal = till_simulated_terminal_new (behaviour);
    }

  due = money (self, till_order_get_due (self->order));
  text = g_strdup_printf (_("Waiting for the card terminal: %s…"), due);
  gtk_label_set_text (self->card_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->card_spinner), TRUE);
  gtk_spinner_set_spinning (self->card_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->action_stack, "card");
  clear_error (self);

  self->paying_card = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  till_checkout_pay_card_async (self->context, self->order, till_order_get_due (self->order), terminal,
                                self->cancellable, on_card_paid, g_object_ref (self));
}

static void
action_dismiss (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  clear_error (TILL_SELL_PAGE (widget));
  till_sell_page_focus_scan (TILL_SELL_PAGE (widget));
}

/* Quick keys ------------------------------------------------------------ */

static void
on_quick_product (GtkButton    *button,
                  TillSellPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "product-id"));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  add_product (self, id, g_object_get_data (G_OBJECT (button), "code"), 0, FALSE);
}

static void
fill_quick_keys (TillSellPage *self)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GPtrArray) categories = till_catalog_list_categories (store, FALSE, NULL);

  for (guint i = 0; categories != NULL && i < categories->len && i < 12; i++)
    {
      TillCategory *category = categories->pdata[i];
      g_autoptr(GPtrArray) products = till_catalog_products_page (store, NULL, 0, category->id,
                                                                  TILL_PRODUCT_FILTER_ACTIVE, 40, NULL);
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *grid = gtk_flow_box_new ();
      g_autofree char *css_class = g_strdup_printf ("quick-key-%u", i);

      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), category->name);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "quick-key");
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (grid), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (grid), 3);
      for (guint j = 0; products != NULL && j < products->len; j++)
        {
          TillProductRecord *product = products->pdata[j];
          GtkWidget *item = gtk_button_new_with_label (product->name);

          gtk_widget_set_focus_on_click (item, FALSE);
          g_object_set_data (G_OBJECT (item), "product-id", GSIZE_TO_POINTER ((gsize)product->id));
          g_object_set_data_full (G_OBJECT (item), "code", g_strdup (product->sku), g_free);
          g_signal_connect (item, "clicked", G_CALLBACK (on_quick_product), self);
          gtk_flow_box_append (GTK_FLOW_BOX (grid), item);
        }
      gtk_popover_set_child (GTK_POPOVER (popover), grid);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_flow_box_append (self->quick_keys, button);
    }
}

/* GObject --------------------------------------------------------------- */

TillOrder *
till_sell_page_get_order (TillSellPage *self)
{
  g_return_val_if_fail (TILL_IS_SELL_PAGE (self), NULL);
  return self->order;
}

void
till_sell_page_set_terminal (TillSellPage        *self,
                             TillPaymentTerminal *terminal)
{
  g_return_if_fail (TILL_IS_SELL_PAGE (self));
  g_set_object (&self->terminal, terminal);
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

static void
till_sell_page_constructed (GObject *object)
{
  TillSellPage *self = TILL_SELL_PAGE (object);
  GtkEventController *keys;

  G_OBJECT_CLASS (till_sell_page_parent_class)->constructed (object);

  self->settings = machine_settings ();
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_scan_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scan_entry), keys);

  fill_quick_keys (self);
  /* The order first: the parked list formats totals in its currency. */
  new_sale (self);
  fill_parked (self);
}

static void
till_sell_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TillSellPage *self = TILL_SELL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_sell_page_dispose (GObject *object)
{
  TillSellPage *self = TILL_SELL_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->order != NULL)
    g_signal_handlers_disconnect_by_func (self->order, on_order_changed, self);
  g_clear_object (&self->order);
  g_clear_object (&self->terminal);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_SELL_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_sell_page_parent_class)->dispose (object);
}

static void
till_sell_page_finalize (GObject *object)
{
  g_clear_pointer (&TILL_SELL_PAGE (object)->pending_code, g_free);
  G_OBJECT_CLASS (till_sell_page_parent_class)->finalize (object);
}

static void
till_sell_page_class_init (TillSellPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_sell_page_constructed;
  object_class->dispose = till_sell_page_dispose;
  object_class->finalize = till_sell_page_finalize;
  object_class->set_property = till_sell_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sell.find-customer", NULL, action_find_customer);
  gtk_widget_class_install_action (widget_class, "sell.detach-customer", NULL, action_detach_customer);
  gtk_widget_class_install_action (widget_class, "sell.reward", NULL, action_reward);
  gtk_widget_class_install_action (widget_class, "sell.note", NULL, action_note);
  gtk_widget_class_install_action (widget_class, "sell.order-note", NULL, action_order_note);
  gtk_widget_class_install_action (widget_class, "sell.discount", NULL, action_discount);
  gtk_widget_class_install_action (widget_class, "sell.order-discount", NULL, action_order_discount);
  gtk_widget_class_install_action (widget_class, "sell.park", NULL, action_park);
  gtk_widget_class_install_action (widget_class, "sell.parked", NULL, action_parked);
  gtk_widget_class_install_action (widget_class, "sell.quote", NULL, action_quote);
  gtk_widget_class_install_action (widget_class, "sell.pay-cash", NULL, action_pay_cash);
  gtk_widget_class_install_action (widget_class, "sell.pay-card", NULL, action_pay_card);
  gtk_widget_class_install_action (widget_class, "sell.tender", "x", action_tender);
  gtk_widget_class_install_action (widget_class, "sell.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "sell.new-sale", NULL, action_new_sale);
  gtk_widget_class_install_action (widget_class, "sell.dismiss", NULL, action_dismiss);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "sell.find-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "sell.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, GDK_SHIFT_MASK, "sell.order-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "sell.parked", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "sell.park", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "sell.quote", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "sell.discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, GDK_SHIFT_MASK, "sell.order-discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "sell.pay-cash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "sell.pay-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "sell.reward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sell.new-sale", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sell.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-sell-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, left_stack);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, lines_stack);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, lines_list);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, quick_keys);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, customer_name);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, customer_loyalty);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, customer_alert);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, detach_button);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, cash_due_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, tendered_entry);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, quick_amounts);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, card_spinner);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, card_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, change_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, paid_label);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, parked_button);
  gtk_widget_class_bind_template_child (widget_class, TillSellPage, attempts_list);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_tendered_activate);
}

static void
till_sell_page_init (TillSellPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A stable id for end-to-end tests, which search inside the page only. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "sell-page", -1);
}
