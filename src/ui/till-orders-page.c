/* till-orders-page.c
 *
 * The list on the left, the order on the right.  Every figure shown comes
 * from the stored order, its lines, taxes, payments and refunds; refunds
 * and voids go through the checkout services in TillRefundDialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-checkout.h"
#include "till-money.h"
#include "till-orders-page.h"
#include "till-orders.h"
#include "till-receipt-service.h"
#include "till-staff.h"

struct _TillOrdersPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *day_button;
  GtkLabel           *day_label;
  GtkPopover         *day_popover;
  GtkCalendar        *calendar;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroller;
  GtkLabel           *title_label;
  GtkLabel           *status_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *customer_label;
  GtkGrid            *lines_grid;
  GtkLabel           *note_label;
  GtkBox             *payments_box;
  GtkLabel           *refunds_heading;
  GtkBox             *refunds_box;
  GtkGrid            *totals_grid;
  GtkButton          *refund_button;
  GtkButton          *void_button;
  GtkButton          *reprint_button;

  /* borrowed: the open dialog, cleared when it goes */
  TillRefundDialog   *dialog;

  /* owned */
  TillContext        *context;
  TillReceiptService *receipts;      /* NULL: this window prints no receipts */
  GCancellable       *cancellable;
  GTimeZone          *time_zone;
  TillOrderList      *list;
  GtkSingleSelection *selection;
  TillOrder          *order;         /* the order in the detail, or NULL */
  TillOrderItem      *item;          /* how the list describes it */
  GDate               day;           /* invalid: every day */
  GSettings          *settings;      /* this machine's, or NULL without the schema */
  gboolean            quiet;         /* changing the selection or calendar from code */
  gboolean            printing;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECEIPT_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillOrdersPage, till_orders_page, GTK_TYPE_WIDGET)

static void
toast (TillOrdersPage *self,
       const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static GSettings *
machine_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "register-id"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Read when needed: the Settings page may renumber this register. */
static gint64
register_id (TillOrdersPage *self)
{
  return self->settings != NULL ? MAX (1, (gint64)g_settings_get_uint (self->settings, "register-id")) : 1;
}

static GTimeZone *
shop_time_zone (TillContext *context)
{
  g_autofree char *name = till_context_dup_setting (context, "time_zone", "");
  GTimeZone *zone = name[0] != '\0' ? g_time_zone_new_identifier (name) : NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}

static const TillCurrency *
currency (TillOrdersPage *self)
{
  const TillCurrency *c = self->order != NULL ? till_order_get_currency (self->order) : NULL;

  return c != NULL ? c : till_currency_lookup ("EUR");
}

static char *
money (TillOrdersPage *self,
       gint64          amount)
{
  return till_money_format_symbol (amount, currency (self));
}

/* Today in the shop's time zone, by the clock port */
static void
get_today (TillOrdersPage *self,
           GDate          *today)
{
  g_autoptr(GDateTime) now = till_context_now (self->context);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, self->time_zone);

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay)g_date_time_get_day_of_month (local),
                  (GDateMonth)g_date_time_get_month (local), (GDateYear)g_date_time_get_year (local));
}

/* The list ------------------------------------------------------------- */

static char *
day_text (TillOrdersPage *self,
          gboolean        sentence)
{
  GDate today;
  char buffer[128];
  gint days;

  if (!g_date_valid (&self->day))
    return g_strdup (sentence ? "" : _("All days"));
  get_today (self, &today);
  days = g_date_days_between (&self->day, &today);
  if (days == 0)
    return g_strdup (sentence ? _("today") : _("Today"));
  if (days == 1)
    return g_strdup (sentence ? _("yesterday") : _("Yesterday"));
  if (g_date_strftime (buffer, sizeof buffer, sentence ? _("on %a %-d %b %Y") : _("%a %-d %b %Y"), &self->day) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

static void
update_count (TillOrdersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const GError *error = till_order_list_get_error (self->list);
  const char *text_typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *when = day_text (self, TRUE);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Orders could not be read: %s"), error->message);
  else
    switch (till_order_list_get_search (self->list))
      {
      case TILL_ORDER_SEARCH_RECEIPT:
        text = n > 0 ? g_strdup_printf (ngettext ("%u order with receipt %s, on any day",
                                                  "%u orders with receipt %s, on any day", n), n, text_typed)
                     : g_strdup_printf (_("No receipt %s on this register"), text_typed);
        break;
      case TILL_ORDER_SEARCH_CUSTOMER:
        {
          guint customers = till_order_list_get_n_customers (self->list);

          if (customers == 0)
            text = g_strdup_printf (_("No customer matches “%s”"), text_typed);
          else
            {
              g_autofree char *orders = g_strdup_printf (ngettext ("%u order", "%u orders", n), n);
              /* TRANSLATORS: "12 orders of 3 matching customers today"; the last %s may be empty */
              text = g_strdup_printf (ngettext ("%s of %u matching customer %s", "%s of %u matching customers %s",
                                                customers), orders, customers, when);
              g_strchomp (text);
            }
        }
        break;
      case TILL_ORDER_SEARCH_NONE:
      default:
        /* TRANSLATORS: "23 orders yesterday"; the %s may be empty */
        text = g_strdup_printf (ngettext ("%u order %s", "%u orders %s", n), n, when);
        g_strchomp (text);
        break;
      }
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

/* Selects the shown order again after the list was read anew. */
static void
reselect (TillOrdersPage *self)
{
  gint64 id = till_orders_page_get_shown_id (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (id > 0 && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      /* The first page is where a just-refunded order usually is. */
      g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
      position = till_order_list_find (self->list, id);
    }
  self->quiet = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->quiet = FALSE;
}

static void
apply_query (TillOrdersPage *self)
{
  g_autoptr(GDateTime) now = till_context_now (self->context);

  till_order_list_set_now (self->list, now);
  till_order_list_set_register_id (self->list, register_id (self));
  self->quiet = TRUE;
  till_order_list_set_query (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                             g_date_valid (&self->day) ? &self->day : NULL);
  self->quiet = FALSE;
  reselect (self);
  update_count (self);
}

static void
set_day (TillOrdersPage *self,
         const GDate    *day)
{
  g_autofree char *label = NULL;
  GDate today;

  get_today (self, &today);
  if (day != NULL && g_date_compare (day, &today) > 0)
    day = &today;
  if (day != NULL)
    self->day = *day;
  else
    g_date_clear (&self->day, 1);

  label = day_text (self, FALSE);
  gtk_label_set_text (self->day_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.previous-day", day != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.next-day",
                                 day != NULL && g_date_compare (day, &today) < 0);
  if (day != NULL)
    {
      g_autoptr(GDateTime) noon = g_date_time_new (self->time_zone, g_date_get_year (day),
                                                   g_date_get_month (day), g_date_get_day (day), 12, 0, 0);
      self->quiet = TRUE;
      gtk_calendar_select_day (self->calendar, noon);
      self->quiet = FALSE;
    }
  apply_query (self);
}

static void
on_calendar_day_selected (GtkCalendar    *calendar,
                          TillOrdersPage *self)
{
  g_autoptr(GDateTime) picked = NULL;
  GDate day;

  if (self->quiet)
    return;
  picked = gtk_calendar_get_date (calendar);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay)g_date_time_get_day_of_month (picked),
                  (GDateMonth)g_date_time_get_month (picked), (GDateYear)g_date_time_get_year (picked));
  set_day (self, &day);
  gtk_popover_popdown (self->day_popover);
}

static void
action_day (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);
  GDate day;

  if (g_str_equal (action_name, "orders.all-days"))
    set_day (self, NULL);
  else if (g_str_equal (action_name, "orders.today") || g_str_equal (action_name, "orders.yesterday"))
    {
      get_today (self, &day);
      if (g_str_equal (action_name, "orders.yesterday"))
        g_date_subtract_days (&day, 1);
      set_day (self, &day);
    }
  else if (g_date_valid (&self->day))
    {
      day = self->day;
      if (g_str_equal (action_name, "orders.previous-day"))
        g_date_subtract_days (&day, 1);
      else
        g_date_add_days (&day, 1);
      set_day (self, &day);
    }
  gtk_popover_popdown (self->day_popover);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   TillOrdersPage *self)
{
  apply_query (self);
}

static void
on_search_activate (GtkSearchEntry *entry,
                    TillOrdersPage *self)
{
  /* Enter opens the first order found: a scanned or typed receipt number
   * opens that order straight away. */
  apply_query (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_list_activate (GtkListView    *view,
                  guint           position,
                  TillOrdersPage *self)
{
  /* Enter on a row: the order is shown; the keyboard goes to its refund. */
  gtk_single_selection_set_selected (self->selection, position);
  if (self->order != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->refund_button));
}

static void
set_state_style (GtkWidget      *label,
                 TillOrderState  state,
                 gboolean        in_list)
{
  static const char *const classes[] = { "success", "warning", "error", "accent", "dim-label" };

  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  switch (state)
    {
    case TILL_ORDER_STATE_PAID:
      /* In the list most orders are paid: the exceptions stand out. */
      gtk_widget_add_css_class (label, in_list ? "dim-label" : "success");
      break;
    case TILL_ORDER_STATE_PARTLY_REFUNDED:
    case TILL_ORDER_STATE_PARKED:
      gtk_widget_add_css_class (label, "warning");
      break;
    case TILL_ORDER_STATE_REFUNDED:
      gtk_widget_add_css_class (label, "error");
      break;
    case TILL_ORDER_STATE_OPEN:
      gtk_widget_add_css_class (label, "accent");
      break;
    case TILL_ORDER_STATE_VOIDED:
    default:
      gtk_widget_add_css_class (label, "dim-label");
      break;
    }
}

/* A row: receipt, time and total on top; status, staff and customer below. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *receipt = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *total = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *who = gtk_label_new (NULL);
  GtkWidget *refunded = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);

  gtk_label_set_xalign (GTK_LABEL (receipt), 0);
  gtk_widget_add_css_class (receipt, "heading");
  gtk_widget_add_css_class (receipt, "numeric");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_hexpand (time, TRUE);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (total), 1);
  gtk_widget_add_css_class (total, "heading");
  gtk_widget_add_css_class (total, "numeric");

  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_label_set_ellipsize (GTK_LABEL (who), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (who), 30);
  gtk_widget_add_css_class (who, "caption");
  gtk_widget_add_css_class (who, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (refunded), 1);
  gtk_widget_add_css_class (refunded, "caption");
  gtk_widget_add_css_class (refunded, "numeric");

  gtk_grid_attach (GTK_GRID (grid), receipt, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), time, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), total, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), status, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), who, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), refunded, 2, 1, 1, 1);
  gtk_list_item_set_child (list_item, grid);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TillOrderItem *item = gtk_list_item_get_item (list_item);
  GtkGrid *grid = GTK_GRID (gtk_list_item_get_child (list_item));
  const char *staff = till_order_item_get_staff (item);
  const char *customer = till_order_item_get_customer (item);
  const char *receipt = till_order_item_get_receipt (item);
  g_autofree char *who = NULL;

  if (customer[0] != '\0' && staff[0] != '\0')
    who = g_strdup_printf ("%s · %s", customer, staff);
  else
    who = g_strdup (customer[0] != '\0' ? customer : staff);

  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 0)), receipt[0] != '\0' ? receipt : "—");
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 0)), till_order_item_get_time (item));
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 0)), till_order_item_get_total (item));
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 1)), till_order_item_get_status (item));
  set_state_style (gtk_grid_get_child_at (grid, 0, 1), till_order_item_get_state (item), TRUE);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 1)), who);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 1)), till_order_item_get_refunded (item));
  gtk_widget_set_visible (gtk_grid_get_child_at (grid, 2, 1), till_order_item_get_refunded (item)[0] != '\0');
}

/* The detail ----------------------------------------------------------- */

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

/* A label for the detail; @id (when not NULL) names it for the tests, as
 * its widget name and its accessible description. */
static GtkWidget *
detail_label (const char *text,
              float       xalign,
              const char *css_class,
              const char *id)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);
      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  if (id != NULL)
    {
      gtk_widget_set_name (label, id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, id, -1);
    }
  return label;
}

static char *
quantity_text (const TillOrderLineRecord *line,
               gint64                     qty)
{
  g_autofree char *number = till_quantity_format (qty, TILL_NOTATION_PERSON);

  return line->sold_by_weight ? g_strdup_printf (_("%s kg"), number) : g_steal_pointer (&number);
}

static char *
discounts_text (TillOrdersPage            *self,
                const TillOrderLineRecord *line)
{
  GString *text = g_string_new (NULL);
  struct { gint64 amount; const char *what; } parts[] = {
    { line->line_discount, _("line discount") },
    { line->tier_discount, _("tier") },
    { line->reward, _("reward") },
    { line->order_discount, _("order discount") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *amount = NULL;

      if (parts[i].amount == 0)
        continue;
      amount = money (self, parts[i].amount);
      if (text->len > 0)
        g_string_append (text, " · ");
      if (i == 0 && g_strcmp0 (line->discount_kind, "percent") == 0)
        {
          g_autofree char *percent = till_percent_format (line->discount_value, TILL_NOTATION_PERSON);
          g_string_append_printf (text, _("−%s %% line discount (−%s)"), percent, amount);
        }
      else
        g_string_append_printf (text, "%s −%s", parts[i].what, amount);
    }
  return g_string_free (text, FALSE);
}

static void
fill_lines (TillOrdersPage *self)
{
  GPtrArray *lines = till_order_get_lines (self->order);
  /* Only a paid order has refunds to show; an open one's lines are not paid yet. */
  gboolean is_paid = g_strcmp0 (till_order_get_record (self->order)->status, "paid") == 0;
  const char *headings[] = { _("Item"), _("Quantity"), _("Price"), is_paid ? _("Paid") : _("Amount"), _("Refunded") };
  int columns = is_paid ? 5 : 4;
  int row = 0;

  clear_container (GTK_WIDGET (self->lines_grid));
  for (int c = 0; c < columns; c++)
    gtk_grid_attach (self->lines_grid, detail_label (headings[c], c == 0 ? 0 : 1, "caption-heading dim-label", NULL),
                     c, row, 1, 1);
  row++;

  if (lines->len == 0)
    gtk_grid_attach (self->lines_grid, detail_label (_("No lines."), 0, "dim-label", NULL), 0, row++, columns, 1);

  for (guint i = 0; i < lines->len; i++)
    {
      const TillOrderLineRecord *line = lines->pdata[i];
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = detail_label (line->name, 0, "heading", NULL);
      g_autofree char *discounts = discounts_text (self, line);
      g_autofree char *qty = quantity_text (line, line->qty);
      g_autofree char *unit = money (self, line->unit_price);
      g_autofree char *price = line->sold_by_weight ? g_strdup_printf (_("%s/kg"), unit) : g_strdup (unit);
      g_autofree char *paid = money (self, line->paid);
      g_autofree char *refunded_id = g_strdup_printf ("order-line-%u-refunded", i + 1);
      g_autofree char *paid_id = g_strdup_printf ("order-line-%u-paid", i + 1);
      g_autofree char *refunded = NULL;

      gtk_widget_set_hexpand (item, TRUE);
      gtk_box_append (GTK_BOX (item), name);
      if (line->has_label_price)
        {
          g_autofree char *label_price = money (self, line->label_price);
          g_autofree char *text = g_strdup_printf (_("scale label %s"), label_price);
          gtk_box_append (GTK_BOX (item), detail_label (text, 0, "caption dim-label", NULL));
        }
      if (discounts[0] != '\0')
        gtk_box_append (GTK_BOX (item), detail_label (discounts, 0, "caption dim-label", NULL));
      if (line->note != NULL && line->note[0] != '\0')
        {
          g_autofree char *note = g_strdup_printf ("↳ “%s”", line->note);
          gtk_box_append (GTK_BOX (item), detail_label (note, 0, "caption accent", NULL));
        }

      if (line->refunded_qty > 0)
        {
          g_autofree char *refunded_qty = quantity_text (line, line->refunded_qty);
          g_autofree char *refunded_amount = money (self, line->refunded_amount);
          refunded = g_strdup_printf (_("%s · %s"), refunded_qty, refunded_amount);
        }
      else
        refunded = g_strdup ("—");

      gtk_grid_attach (self->lines_grid, item, 0, row, 1, 1);
      gtk_grid_attach (self->lines_grid, detail_label (qty, 1, "numeric", NULL), 1, row, 1, 1);
      gtk_grid_attach (self->lines_grid, detail_label (price, 1, "numeric", NULL), 2, row, 1, 1);
      gtk_grid_attach (self->lines_grid, detail_label (paid, 1, "numeric heading", paid_id), 3, row, 1, 1);
      if (is_paid)
        gtk_grid_attach (self->lines_grid,
                         detail_label (refunded, 1, line->refunded_qty > 0 ? "numeric warning" : "numeric dim-label",
                                       refunded_id),
                         4, row, 1, 1);
      for (int c = 1; c < columns; c++)
        gtk_widget_set_valign (gtk_grid_get_child_at (self->lines_grid, c, row), GTK_ALIGN_START);
      row++;
    }
}

static void
add_total_row (TillOrdersPage *self,
               int            *row,
               const char     *what,
               gint64          amount,
               gboolean        negative,
               const char     *css_class,
               const char     *id)
{
  g_autofree char *value = money (self, amount);
  g_autofree char *shown = negative ? g_strdup_printf ("−%s", value) : g_strdup (value);
  g_autofree char *value_class = g_strdup_printf ("numeric%s%s", css_class != NULL ? " " : "",
                                                  css_class != NULL ? css_class : "");

  gtk_grid_attach (self->totals_grid, detail_label (what, 0, css_class, NULL), 0, *row, 1, 1);
  gtk_grid_attach (self->totals_grid, detail_label (shown, 1, value_class, id), 1, *row, 1, 1);
  gtk_widget_set_hexpand (gtk_grid_get_child_at (self->totals_grid, 0, *row), TRUE);
  (*row)++;
}

static void
add_points_row (TillOrdersPage *self,
                int            *row,
                const char     *what,
                const char     *value,
                const char     *id)
{
  gtk_grid_attach (self->totals_grid, detail_label (what, 0, "dim-label", NULL), 0, *row, 1, 1);
  gtk_grid_attach (self->totals_grid, detail_label (value, 1, "numeric dim-label", id), 1, *row, 1, 1);
  (*row)++;
}

static void
fill_totals (TillOrdersPage *self)
{
  const TillOrderRecord *record = till_order_get_record (self->order);
  g_autoptr(GPtrArray) taxes = NULL;
  g_autoptr(GError) error = NULL;
  int row = 0;

  clear_container (GTK_WIDGET (self->totals_grid));
  add_total_row (self, &row, _("Subtotal"), record->subtotal, FALSE, NULL, "order-subtotal");
  if (record->savings > 0)
    add_total_row (self, &row, _("Savings"), record->savings, TRUE, NULL, "order-savings");

  taxes = till_orders_get_taxes (till_context_get_store (self->context), record->id, &error);
  for (guint i = 0; taxes != NULL && i < taxes->len; i++)
    {
      const TillOrderTaxRecord *tax = taxes->pdata[i];
      g_autofree char *rate = till_percent_format (tax->rate_bp, TILL_NOTATION_PERSON);
      g_autofree char *gross = money (self, tax->gross);
      g_autofree char *what = record->prices_include_tax
        ? g_strdup_printf (_("Tax %s %% (in %s)"), rate, gross)
        : g_strdup_printf (_("Tax %s %% (on %s)"), rate, gross);
      g_autofree char *id = g_strdup_printf ("order-tax-%s", rate);

      add_total_row (self, &row, what, tax->tax, FALSE, "dim-label", id);
    }
  add_total_row (self, &row, _("Total"), record->total, FALSE, "title-3", "order-total");
  if (record->rounding != 0)
    add_total_row (self, &row, _("Cash rounding"), ABS (record->rounding), record->rounding < 0, "dim-label",
                   "order-rounding");
  if (record->refunded_amount > 0)
    add_total_row (self, &row, _("Refunded so far"), record->refunded_amount, TRUE, "warning", "order-refunded");

  if (record->has_loyalty && record->loyalty_earned > 0)
    {
      g_autofree char *earned = g_strdup_printf ("+%" G_GINT64_FORMAT, record->loyalty_earned);
      add_points_row (self, &row, _("Points earned"), earned, "order-points");
    }
  if (record->has_loyalty && record->loyalty_redeemed > 0)
    {
      g_autofree char *redeemed = g_strdup_printf ("−%" G_GINT64_FORMAT, record->loyalty_redeemed);
      add_points_row (self, &row, _("Points redeemed"), redeemed, "order-points-redeemed");
    }
  if (record->refunded_points > 0)
    {
      g_autofree char *reversed = g_strdup_printf ("−%" G_GINT64_FORMAT, record->refunded_points);
      add_points_row (self, &row, _("Points taken back"), reversed, "order-points-reversed");
    }
}

static char *
clock_time (TillOrdersPage *self,
            const char     *iso_utc)
{
  return till_order_list_format_time (self->list, iso_utc, FALSE);
}

static const char *
tender_name (const char *kind)
{
  if (g_strcmp0 (kind, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (kind, "card") == 0)
    return _("Card");
  if (g_strcmp0 (kind, "deposit") == 0)
    return _("Deposit");
  return kind;
}

static void
fill_payments (TillOrdersPage *self)
{
  GPtrArray *payments = till_order_get_payments (self->order);

  clear_container (GTK_WIDGET (self->payments_box));
  if (payments->len == 0)
    gtk_box_append (self->payments_box, detail_label (_("Nothing paid yet."), 0, "dim-label", "order-payment-none"));

  for (guint i = 0; i < payments->len; i++)
    {
      const TillPaymentRecord *p = payments->pdata[i];
      gboolean approved = g_strcmp0 (p->status, "approved") == 0;
      g_autofree char *amount = money (self, approved ? p->amount : p->tendered);
      g_autofree char *when = clock_time (self, p->at);
      g_autofree char *id = g_strdup_printf ("order-payment-%u", i + 1);
      g_autofree char *headline = NULL;
      g_autofree char *detail = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      if (approved)
        headline = g_strdup_printf ("%s %s", tender_name (p->kind), amount);
      else
        {
          const char *outcome = g_strcmp0 (p->status, "declined") == 0 ? _("declined")
                                : g_strcmp0 (p->status, "timeout") == 0 ? _("timed out") : _("failed");
          headline = g_strdup_printf (_("%s %s %s"), tender_name (p->kind), amount, outcome);
        }

      if (approved && g_strcmp0 (p->kind, "cash") == 0 && p->change > 0)
        {
          g_autofree char *tendered = money (self, p->tendered);
          g_autofree char *change = money (self, p->change);
          detail = g_strdup_printf (_("%s given, %s change · %s"), tendered, change, when);
        }
      else if (p->message != NULL && p->message[0] != '\0')
        detail = g_strdup_printf ("%s · %s", p->message, when);
      else if (p->reference != NULL && p->reference[0] != '\0')
        detail = g_strdup_printf (_("ref. %s · %s"), p->reference, when);
      else
        detail = g_strdup (when);

      gtk_box_append (GTK_BOX (box), detail_label (headline, 0, approved ? "numeric" : "numeric error", id));
      gtk_box_append (GTK_BOX (box), detail_label (detail, 0, "caption dim-label", NULL));
      gtk_box_append (self->payments_box, box);
    }
}

static char *
staff_name (TillOrdersPage *self,
            gint64          id)
{
  g_autoptr(TillStaffRecord) member = NULL;

  if (id <= 0)
    return NULL;
  member = till_staff_get_by_id (till_context_get_store (self->context), id, NULL);
  return member != NULL ? g_strdup (member->name) : NULL;
}

static void
fill_refunds (TillOrdersPage *self)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GPtrArray) refunds = NULL;
  g_autoptr(GError) error = NULL;

  clear_container (GTK_WIDGET (self->refunds_box));
  refunds = till_orders_get_refunds (store, till_order_get_record (self->order)->id, &error);
  if (refunds == NULL)
    {
      gtk_box_append (self->refunds_box, detail_label (error->message, 0, "error", NULL));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->refunds_heading), refunds->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refunds_box), refunds->len > 0);

  for (guint i = 0; i < refunds->len; i++)
    {
      const TillRefundRecord *r = refunds->pdata[i];
      g_autoptr(GPtrArray) tenders = till_orders_get_refund_tenders (store, r->id, NULL);
      g_autofree char *receipt = till_order_list_format_receipt (self->list, r->register_id, r->receipt_number);
      g_autofree char *amount = money (self, r->amount);
      g_autofree char *when = clock_time (self, r->at);
      g_autofree char *by = staff_name (self, r->staff_id);
      g_autofree char *approver = staff_name (self, r->approved_by);
      g_autofree char *id = g_strdup_printf ("order-refund-%u", i + 1);
      g_autofree char *headline = g_strdup_printf (_("Receipt %s · %s back"), receipt, amount);
      GString *detail = g_string_new (NULL);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      for (guint t = 0; tenders != NULL && t < tenders->len; t++)
        {
          const TillRefundTenderRecord *tender = tenders->pdata[t];
          g_autofree char *paid = money (self, tender->amount);

          g_string_append_printf (detail, t > 0 ? " · %s %s" : "%s %s", tender_name (tender->kind), paid);
        }
      if (r->points > 0)
        {
          g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, r->points);
          g_string_append_printf (detail, ngettext (" · %s point taken back", " · %s points taken back",
                                                    (gulong)MIN (r->points, G_MAXULONG)), points);
        }
      g_string_append_printf (detail, " · %s", when);
      if (by != NULL && approver != NULL && g_strcmp0 (by, approver) != 0)
        g_string_append_printf (detail, _(" · by %s, approved by %s"), by, approver);
      else if (by != NULL || approver != NULL)
        g_string_append_printf (detail, _(" · by %s"), by != NULL ? by : approver);

      gtk_box_append (GTK_BOX (box), detail_label (headline, 0, "numeric", id));
      gtk_box_append (GTK_BOX (box), detail_label (detail->str, 0, "caption dim-label", NULL));
      gtk_box_append (self->refunds_box, box);
      g_string_free (detail, TRUE);
    }
}

static void
update_actions (TillOrdersPage *self)
{
  TillOrderState state = self->item != NULL ? till_order_item_get_state (self->item) : TILL_ORDER_STATE_VOIDED;
  gboolean refundable = self->order != NULL && (state == TILL_ORDER_STATE_PAID ||
                                                state == TILL_ORDER_STATE_PARTLY_REFUNDED);
  gboolean voidable = self->order != NULL && (state == TILL_ORDER_STATE_OPEN || state == TILL_ORDER_STATE_PARKED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.refund", refundable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.void", voidable);
  /* Only what can be done to this order is offered. */
  gtk_widget_set_visible (GTK_WIDGET (self->refund_button), refundable);
  gtk_widget_set_visible (GTK_WIDGET (self->void_button), voidable);
  /* A paid order's receipt prints again, when this window prints receipts. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.reprint",
                                 self->receipts != NULL && !self->printing && self->order != NULL &&
                                 till_order_get_record (self->order)->receipt_number > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->reprint_button),
                          self->order != NULL && till_order_get_record (self->order)->receipt_number > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reprint_button),
                               self->receipts != NULL ? _("Print this receipt again (Ctrl+P); a second print is marked DUPLICATE")
                                                      : _("No receipt printer is connected to this window"));
}

static void
fill_header (TillOrdersPage *self)
{
  const TillOrderRecord *record = till_order_get_record (self->order);
  TillOrderState state = till_order_item_get_state (self->item);
  const char *staff = till_order_item_get_staff (self->item);
  const char *customer = till_order_item_get_customer (self->item);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;

  switch (state)
    {
    case TILL_ORDER_STATE_OPEN:
      title = g_strdup (_("Open Order"));
      break;
    case TILL_ORDER_STATE_PARKED:
      title = g_strdup (_("Parked Order"));
      break;
    case TILL_ORDER_STATE_VOIDED:
      title = g_strdup (_("Voided Order"));
      break;
    case TILL_ORDER_STATE_PAID:
    case TILL_ORDER_STATE_PARTLY_REFUNDED:
    case TILL_ORDER_STATE_REFUNDED:
    default:
      title = g_strdup_printf (_("Receipt %s"), till_order_item_get_receipt (self->item));
      break;
    }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->status_label, till_order_item_get_status (self->item));
  set_state_style (GTK_WIDGET (self->status_label), state, FALSE);

  if (record->paid_at != NULL)
    {
      g_autofree char *paid = till_order_list_format_time (self->list, record->paid_at, TRUE);
      when = g_strdup_printf (_("Paid %s"), paid);
    }
  else if (record->voided_at != NULL)
    {
      g_autofree char *voided = till_order_list_format_time (self->list, record->voided_at, TRUE);
      when = g_strdup_printf (_("Voided %s"), voided);
    }
  else
    {
      g_autofree char *opened = till_order_list_format_time (self->list, record->opened_at, TRUE);
      when = g_strdup_printf (_("Opened %s"), opened);
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, record->register_id);
    where = g_strdup_printf (_("Register %s"), number);
  }
  subtitle = staff[0] != '\0' ? g_strdup_printf ("%s · %s · %s", when, where, staff)
                              : g_strdup_printf ("%s · %s", when, where);
  gtk_label_set_text (self->subtitle_label, subtitle);

  if (customer[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Customer: %s"), customer);
      gtk_label_set_text (self->customer_label, text);
    }
  else
    gtk_label_set_text (self->customer_label, _("No customer"));

  if (record->note != NULL && record->note[0] != '\0')
    {
      g_autofree char *note = g_strdup_printf (_("Order note: “%s”"), record->note);
      gtk_label_set_text (self->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
}

static void
show_none (TillOrdersPage *self)
{
  g_clear_object (&self->order);
  g_clear_object (&self->item);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_actions (self);
}

/* Reads the order afresh from the store and shows it. */
static gboolean
show_order (TillOrdersPage *self,
            gint64          order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillOrderItem) item = NULL;
  gboolean same = till_orders_page_get_shown_id (self) == order_id;

  order = till_checkout_load (self->context, order_id, &error);
  if (order != NULL)
    item = till_order_list_describe (self->list, order_id, &error);
  if (order == NULL || item == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This order could not be opened: %s"), error->message);
      toast (self, message);
      return FALSE;
    }
  g_set_object (&self->order, order);
  g_set_object (&self->item, item);

  fill_header (self);
  fill_lines (self);
  fill_totals (self);
  fill_payments (self);
  fill_refunds (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  return TRUE;
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      TillOrdersPage    *self)
{
  g_autoptr(TillOrderItem) item = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->quiet || selected == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->list), selected);
  if (item == NULL || till_order_item_get_id (item) == 0)
    return;
  show_order (self, till_order_item_get_id (item));
}

void
till_orders_page_refresh (TillOrdersPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  gint64 shown;

  g_return_if_fail (TILL_IS_ORDERS_PAGE (self));

  /* The Settings page may have moved the shop to another time zone. */
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = shop_time_zone (self->context);
  self->quiet = TRUE;
  till_order_list_set_time_zone (self->list, self->time_zone);
  self->quiet = FALSE;
  now = till_context_now (self->context);
  till_order_list_set_now (self->list, now);
  shown = till_orders_page_get_shown_id (self);
  self->quiet = TRUE;
  till_order_list_refresh (self->list);
  self->quiet = FALSE;
  if (shown > 0)
    show_order (self, shown);
  /* Reselects the order shown, and "Today" moves on at midnight. */
  set_day (self, g_date_valid (&self->day) ? &self->day : NULL);
}

/* Actions -------------------------------------------------------------- */

static void
on_dialog_done (TillRefundDialog *dialog,
                const char       *message,
                TillOrdersPage   *self)
{
  toast (self, message);
  till_orders_page_refresh (self);
}

static void
on_dialog_destroyed (gpointer  data,
                     GObject  *where_the_object_was)
{
  TillOrdersPage *self = data;

  self->dialog = NULL;
}

static void
open_dialog (TillOrdersPage   *self,
             TillRefundDialog *dialog)
{
  if (self->dialog != NULL)
    g_object_weak_unref (G_OBJECT (self->dialog), on_dialog_destroyed, self);
  self->dialog = dialog;
  g_object_weak_ref (G_OBJECT (dialog), on_dialog_destroyed, self);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
parent_window (TillOrdersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
action_refund (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  TillRefundDialog *dialog;

  if (self->order == NULL || self->dialog != NULL)
    return;
  dialog = till_refund_dialog_new_refund (self->context, parent_window (self),
                                          till_order_get_record (self->order)->id, register_id (self),
                                          till_order_item_get_receipt (self->item), &error);
  if (dialog == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The refund cannot start: %s"), error->message);
      toast (self, message);
      return;
    }
  open_dialog (self, dialog);
}

static void
action_void (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  TillRefundDialog *dialog;

  if (self->order == NULL || self->dialog != NULL)
    return;
  dialog = till_refund_dialog_new_void (self->context, parent_window (self),
                                        till_order_get_record (self->order)->id, &error);
  if (dialog == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The order cannot be voided: %s"), error->message);
      toast (self, message);
      return;
    }
  open_dialog (self, dialog);
}

static void
on_reprinted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TillOrdersPage) self = user_data;
  g_autoptr(TillReceiptJobRecord) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *message = NULL;

  job = till_receipt_service_print_finish (TILL_RECEIPT_SERVICE (source), result, &error);
  self->printing = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  update_actions (self);
  if (job == NULL)
    {
      message = g_strdup_printf (_("The receipt was not printed: %s"), error->message);
      toast (self, message);
      return;
    }
  receipt = till_receipt_format_number (job->register_id, job->receipt_number);
  if (g_strcmp0 (job->status, "printed") == 0)
    message = job->duplicate ? g_strdup_printf (_("Receipt %s printed again, marked DUPLICATE"), receipt)
                             : g_strdup_printf (_("Receipt %s printed"), receipt);
  else
    message = g_strdup_printf (_("Receipt %s not printed: %s"), receipt, job->reason);
  toast (self, message);
}

static void
action_reprint (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);
  const TillOrderRecord *record;

  if (self->receipts == NULL || self->order == NULL || self->printing)
    return;
  record = till_order_get_record (self->order);
  if (record->receipt_number <= 0)
    return;
  self->printing = TRUE;
  update_actions (self);
  till_receipt_service_reprint_async (self->receipts, record->register_id, record->receipt_number,
                                      self->cancellable, on_reprinted, g_object_ref (self));
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* GObject -------------------------------------------------------------- */

static void
till_orders_page_map (GtkWidget *widget)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (widget);

  GTK_WIDGET_CLASS (till_orders_page_parent_class)->map (widget);
  /* Sales and refunds happen elsewhere meanwhile: read again when shown. */
  till_orders_page_refresh (self);
}

static void
till_orders_page_constructed (GObject *object)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (till_orders_page_parent_class)->constructed (object);

  self->settings = machine_settings ();
  self->time_zone = shop_time_zone (self->context);
  self->list = till_order_list_new (till_context_get_store (self->context), register_id (self), self->time_zone);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  set_day (self, NULL);
  show_none (self);
}

static void
till_orders_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_RECEIPT_SERVICE:
      till_orders_page_set_receipt_service (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_orders_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECEIPT_SERVICE:
      g_value_set_object (value, self->receipts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_orders_page_dispose (GObject *object)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->dialog), on_dialog_destroyed, self);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->dialog)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_ORDERS_PAGE);
  /* The template's top widget is not bound: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->receipts);
  g_clear_object (&self->settings);
  g_clear_object (&self->order);
  g_clear_object (&self->item);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_orders_page_parent_class)->dispose (object);
}

static void
till_orders_page_finalize (GObject *object)
{
  TillOrdersPage *self = TILL_ORDERS_PAGE (object);

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  G_OBJECT_CLASS (till_orders_page_parent_class)->finalize (object);
}

static void
till_orders_page_class_init (TillOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_orders_page_constructed;
  object_class->dispose = till_orders_page_dispose;
  object_class->finalize = till_orders_page_finalize;
  object_class->set_property = till_orders_page_set_property;
  object_class->get_property = till_orders_page_get_property;
  widget_class->map = till_orders_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What prints receipts in this window; NULL leaves Reprint off */
  properties[PROP_RECEIPT_SERVICE] =
    g_param_spec_object ("receipt-service", NULL, NULL, TILL_TYPE_RECEIPT_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "orders.refund", NULL, action_refund);
  gtk_widget_class_install_action (widget_class, "orders.void", NULL, action_void);
  gtk_widget_class_install_action (widget_class, "orders.reprint", NULL, action_reprint);
  gtk_widget_class_install_action (widget_class, "orders.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "orders.previous-day", NULL, action_day);
  gtk_widget_class_install_action (widget_class, "orders.next-day", NULL, action_day);
  gtk_widget_class_install_action (widget_class, "orders.today", NULL, action_day);
  gtk_widget_class_install_action (widget_class, "orders.yesterday", NULL, action_day);
  gtk_widget_class_install_action (widget_class, "orders.all-days", NULL, action_day);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "orders.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "orders.refund", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "orders.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "orders.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "orders.next-day", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-orders-page.ui");
  /* Ids carry the page's name: tests find widgets by id across the window. */
#define BIND_CHILD(field) \
  gtk_widget_class_bind_template_child_full (widget_class, "orders_" #field, FALSE, \
                                             G_STRUCT_OFFSET (TillOrdersPage, field))
  BIND_CHILD (search_entry);
  BIND_CHILD (day_button);
  BIND_CHILD (day_label);
  BIND_CHILD (day_popover);
  BIND_CHILD (calendar);
  BIND_CHILD (count_label);
  BIND_CHILD (list_stack);
  BIND_CHILD (list_view);
  BIND_CHILD (detail_stack);
  BIND_CHILD (detail_scroller);
  BIND_CHILD (title_label);
  BIND_CHILD (status_label);
  BIND_CHILD (subtitle_label);
  BIND_CHILD (customer_label);
  BIND_CHILD (lines_grid);
  BIND_CHILD (note_label);
  BIND_CHILD (payments_box);
  BIND_CHILD (refunds_heading);
  BIND_CHILD (refunds_box);
  BIND_CHILD (totals_grid);
  BIND_CHILD (refund_button);
  BIND_CHILD (void_button);
  BIND_CHILD (reprint_button);
#undef BIND_CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
}

static void
till_orders_page_init (TillOrdersPage *self)
{
  g_date_clear (&self->day, 1);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

TillOrderList *
till_orders_page_get_list (TillOrdersPage *self)
{
  g_return_val_if_fail (TILL_IS_ORDERS_PAGE (self), NULL);
  return self->list;
}

GtkSelectionModel *
till_orders_page_get_selection (TillOrdersPage *self)
{
  g_return_val_if_fail (TILL_IS_ORDERS_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

gint64
till_orders_page_get_shown_id (TillOrdersPage *self)
{
  g_return_val_if_fail (TILL_IS_ORDERS_PAGE (self), 0);
  return self->order != NULL ? till_order_get_record (self->order)->id : 0;
}

TillRefundDialog *
till_orders_page_get_dialog (TillOrdersPage *self)
{
  g_return_val_if_fail (TILL_IS_ORDERS_PAGE (self), NULL);
  return self->dialog;
}

void
till_orders_page_set_receipt_service (TillOrdersPage     *self,
                                      TillReceiptService *service)
{
  g_return_if_fail (TILL_IS_ORDERS_PAGE (self));
  g_return_if_fail (service == NULL || TILL_IS_RECEIPT_SERVICE (service));

  if (g_set_object (&self->receipts, service))
    {
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIPT_SERVICE]);
    }
}
