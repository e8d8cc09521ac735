/* till-products-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "till-arith.h"
#include "till-catalog-service.h"
#include "till-products-page.h"
#include "till-settings-service.h"

struct _TillProductsPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkRevealer        *report_revealer;
  GtkImage           *report_icon;
  GtkLabel           *report_title;
  GtkLabel           *report_summary;
  GtkListBox         *report_list;
  GtkWidget          *report_scroller;
  GtkWidget          *report_skip_button;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_filter;
  GtkDropDown        *state_filter;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkLabel           *form_title;
  GtkLabel           *form_subtitle;
  GtkWidget          *retired_badge;
  GtkEntry           *sku_entry;
  GtkEntry           *name_entry;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *sold_by_dropdown;
  GtkEntry           *price_entry;
  GtkLabel           *price_unit;
  GtkDropDown        *tax_dropdown;
  GtkSwitch          *discountable_switch;
  GtkListBox         *barcodes_list;
  GtkEntry           *barcode_entry;
  GtkLabel           *barcodes_hint;
  GtkLabel           *sku_error;
  GtkLabel           *name_error;
  GtkLabel           *category_error;
  GtkLabel           *price_error;
  GtkLabel           *tax_rate_error;
  GtkLabel           *barcodes_error;
  GtkWidget          *permission_label;
  GtkButton          *retire_button;
  GtkWidget          *delete_button;

  /* owned */
  TillContext        *context;
  TillProductList    *list;
  GtkSingleSelection *selection;
  TillProductRecord  *shown;          /* what the form was loaded from; NULL: form closed */
  GPtrArray          *barcodes;       /* the form's barcodes, char * */
  GArray             *category_ids;   /* gint64, parallel to category_dropdown's items */
  GArray             *tax_ids;        /* gint64, parallel to tax_dropdown's items */
  GArray             *filter_ids;     /* gint64, parallel to category_filter's items (0: all) */
  GCancellable       *cancellable;
  GBytes             *last_import;    /* the file of the report shown, for "good rows only" */
  TillCatalogCsvKind  last_kind;
  guint               importing;
  gboolean            shown_sold;     /* the shown product was sold: retire, never delete */
  gboolean            reverting_selection;
  gboolean            loading;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillProductsPage, till_products_page, GTK_TYPE_WIDGET)

static void
toast (TillProductsPage *self,
       const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static gboolean
may_edit (TillProductsPage *self)
{
  const char *role = till_context_get_role (self->context);

  /* The services check it too; this only hides what would be refused. */
  return g_strcmp0 (role, "manager") == 0 || g_strcmp0 (role, "admin") == 0;
}

/* Choices: categories and tax rates in the dropdowns */

static gint64
dropdown_get_id (GtkDropDown *dropdown,
                 GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

static void
dropdown_set_id (GtkDropDown *dropdown,
                 GArray      *ids,
                 gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, GTK_INVALID_LIST_POSITION);
}

/* Rebuilds the category and tax rate choices from the store, keeping what
 * is selected.  Retired rates are offered only to the product that has one. */
static void
reload_choices (TillProductsPage *self)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GPtrArray) categories = till_catalog_list_categories (store, FALSE, NULL);
  g_autoptr(GPtrArray) rates = till_catalog_list_tax_rates (store, NULL);
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) filter_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rate_names = gtk_string_list_new (NULL);
  gint64 category = dropdown_get_id (self->category_dropdown, self->category_ids);
  gint64 rate = dropdown_get_id (self->tax_dropdown, self->tax_ids);
  gint64 filter = dropdown_get_id (self->category_filter, self->filter_ids);
  gint64 shown_rate = self->shown != NULL ? self->shown->tax_rate_id : 0;
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  g_array_set_size (self->category_ids, 0);
  g_array_set_size (self->tax_ids, 0);
  g_array_set_size (self->filter_ids, 0);

  gtk_string_list_append (filter_names, _("All categories"));
  g_array_append_val (self->filter_ids, (gint64){ 0 });
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      TillCategory *c = categories->pdata[i];

      gtk_string_list_append (category_names, c->name);
      g_array_append_val (self->category_ids, c->id);
      gtk_string_list_append (filter_names, c->name);
      g_array_append_val (self->filter_ids, c->id);
    }
  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      TillTaxRate *r = rates->pdata[i];
      g_autofree char *percent = till_percent_format (r->rate_bp, TILL_NOTATION_PERSON);
      g_autofree char *label = NULL;

      if (r->retired && r->id != shown_rate)
        continue;
      /* "Reduced 7 %" says its rate already; "Food" needs it added. */
      if (strstr (r->name, percent) != NULL)
        label = r->retired ? g_strdup_printf (_("%s (retired)"), r->name) : g_strdup (r->name);
      else
        label = r->retired ? g_strdup_printf (_("%s (%s %%, retired)"), r->name, percent)
                           : g_strdup_printf (_("%s (%s %%)"), r->name, percent);
      gtk_string_list_append (rate_names, label);
      g_array_append_val (self->tax_ids, r->id);
    }

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (category_names));
  gtk_drop_down_set_model (self->tax_dropdown, G_LIST_MODEL (rate_names));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (filter_names));
  dropdown_set_id (self->category_dropdown, self->category_ids, category);
  dropdown_set_id (self->tax_dropdown, self->tax_ids, rate);
  dropdown_set_id (self->category_filter, self->filter_ids, filter);
  if (gtk_drop_down_get_selected (self->category_filter) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->category_filter, 0);
  self->loading = was_loading;
}

/* The list */

static void
update_count (TillProductsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const GError *error = till_product_list_get_error (self->list);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Products could not be read: %s"), error->message);
  else if (till_product_list_get_search (self->list) == NULL)
    text = g_strdup_printf (ngettext ("%u product", "%u products", n), n);
  else if (n >= TILL_PRODUCT_LIST_SEARCH_LIMIT)
    text = g_strdup_printf (_("The first %u matches: type more to narrow them"), n);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
select_in_list (TillProductsPage *self,
                gint64            id)
{
  int position = till_product_list_find (self->list, id);

  self->reverting_selection = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 ? (guint)position : GTK_INVALID_LIST_POSITION);
  self->reverting_selection = FALSE;
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint)position);
}

static void
refresh_list (TillProductsPage *self)
{
  self->reverting_selection = TRUE;
  till_product_list_refresh (self->list);
  self->reverting_selection = FALSE;
  update_count (self);
  if (self->shown != NULL && self->shown->id > 0)
    select_in_list (self, self->shown->id);
}

/* Barcodes */

static char *
describe_barcode (TillProductsPage *self,
                  const char       *code)
{
  g_autoptr(GArray) rules = till_settings_service_get_scale_rules (self->context);
  const TillScaleRule *rule = till_scale_rules_match (rules, code);
  TillBarcodeKind kind;

  if (rule != NULL && till_scale_template_is_valid (code, rules))
    return g_strdup (rule->kind == TILL_SCALE_WEIGHT ? _("Scale-label template: labels give the weight")
                                                     : _("Scale-label template: labels give the price"));
  if (!till_barcode_classify (code, &kind, NULL))
    return g_strdup (_("Not a valid barcode"));
  switch (kind)
    {
    case TILL_BARCODE_EAN13:
      return g_strdup (_("EAN-13"));
    case TILL_BARCODE_EAN8:
      return g_strdup (_("EAN-8"));
    case TILL_BARCODE_UPCA:
      return g_strdup (_("UPC-A"));
    case TILL_BARCODE_INTERNAL:
    default:
      return g_strdup (_("The shop's own code"));
    }
}

static void
on_remove_barcode (GtkButton        *button,
                   TillProductsPage *self);

static void
rebuild_barcodes (TillProductsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->barcodes_list))) != NULL)
    gtk_list_box_remove (self->barcodes_list, child);

  for (guint i = 0; i < self->barcodes->len; i++)
    {
      const char *code = self->barcodes->pdata[i];
      g_autofree char *kind = describe_barcode (self, code);
      g_autofree char *remove_label = g_strdup_printf (_("Remove the barcode %s"), code);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), code);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "product-barcode");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_object_set_data_full (G_OBJECT (remove), "code", g_strdup (code), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_barcode), self);
      gtk_widget_set_sensitive (remove, may_edit (self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->barcodes_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->barcodes_list), self->barcodes->len > 0);
}

static void
on_remove_barcode (GtkButton        *button,
                   TillProductsPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  for (guint i = 0; i < self->barcodes->len; i++)
    if (g_str_equal (self->barcodes->pdata[i], code))
      {
        g_ptr_array_remove_index (self->barcodes, i);
        break;
      }
  rebuild_barcodes (self);
}

static gboolean
is_weighed (TillProductsPage *self)
{
  return gtk_drop_down_get_selected (self->sold_by_dropdown) == 1;
}

static void
set_field_error (GtkWidget  *widget,
                 GtkLabel   *label,
                 const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
add_barcode (TillProductsPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->barcode_entry))));
  g_autofree char *card_prefix = till_settings_service_get (self->context, "card.prefix", NULL);
  g_autoptr(GArray) rules = till_settings_service_get_scale_rules (self->context);
  g_autoptr(GError) error = NULL;

  if (code[0] == '\0')
    return;
  for (guint i = 0; i < self->barcodes->len; i++)
    if (g_str_equal (self->barcodes->pdata[i], code))
      {
        g_autofree char *message = g_strdup_printf (_("The barcode %s is on the list already."), code);
        set_field_error (GTK_WIDGET (self->barcode_entry), self->barcodes_error, message);
        return;
      }
  /* The same rules the service applies on saving, told at once. */
  if (!till_barcode_check_for_product (code, card_prefix, rules, is_weighed (self), &error))
    {
      set_field_error (GTK_WIDGET (self->barcode_entry), self->barcodes_error, error->message);
      return;
    }
  set_field_error (GTK_WIDGET (self->barcode_entry), self->barcodes_error, NULL);
  g_ptr_array_add (self->barcodes, g_steal_pointer (&code));
  gtk_editable_set_text (GTK_EDITABLE (self->barcode_entry), "");
  rebuild_barcodes (self);
}

static void
on_barcode_entry_activate (GtkEntry         *entry,
                           TillProductsPage *self)
{
  add_barcode (self);
}

/* The form */

static void
update_price_unit (TillProductsPage *self)
{
  const TillCurrency *currency = till_settings_service_get_currency (self->context);
  g_autoptr(GArray) rules = till_settings_service_get_scale_rules (self->context);
  g_autofree char *unit = NULL;
  g_autofree char *hint = NULL;
  const char *weight_prefix = NULL;

  for (guint i = 0; i < rules->len; i++)
    if (g_array_index (rules, TillScaleRule, i).kind == TILL_SCALE_WEIGHT && weight_prefix == NULL)
      weight_prefix = g_array_index (rules, TillScaleRule, i).prefix;

  /* TRANSLATORS: after a price: "€ per kg" */
  unit = is_weighed (self) ? g_strdup_printf (_("%s per kg"), currency->symbol) : g_strdup (currency->symbol);
  gtk_label_set_text (self->price_unit, unit);
  if (is_weighed (self) && weight_prefix != NULL)
    {
      g_autofree char *payload = g_strdup_printf ("%s0013500000", weight_prefix);
      g_autofree char *example = g_strdup_printf ("%s%d", payload, till_gs1_check_digit (payload, 12));

      /* TRANSLATORS: %s is a two-digit prefix such as 21, then an example code */
      hint = g_strdup_printf (_("A weighed product carries its scale-label template: %s, the item's five "
                                "digits, 00000 and the check digit, e.g. %s for item 00135."),
                              weight_prefix, example);
    }
  else if (is_weighed (self))
    hint = g_strdup (_("Add a scale rule under Settings to read the scale's labels."));
  else
    hint = g_strdup (_("EAN-13, EAN-8, UPC-A or the shop's own codes; the first one added comes first."));
  gtk_label_set_text (self->barcodes_hint, hint);
}

static void
on_sold_by_changed (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    TillProductsPage *self)
{
  update_price_unit (self);
}

typedef struct
{
  const char *field;
  gsize       widget_offset;
  gsize       error_offset;
} FieldWidgets;

static const FieldWidgets field_widgets[] = {
  { "sku",      G_STRUCT_OFFSET (TillProductsPage, sku_entry),         G_STRUCT_OFFSET (TillProductsPage, sku_error) },
  { "name",     G_STRUCT_OFFSET (TillProductsPage, name_entry),        G_STRUCT_OFFSET (TillProductsPage, name_error) },
  { "category", G_STRUCT_OFFSET (TillProductsPage, category_dropdown), G_STRUCT_OFFSET (TillProductsPage, category_error) },
  { "price",    G_STRUCT_OFFSET (TillProductsPage, price_entry),       G_STRUCT_OFFSET (TillProductsPage, price_error) },
  { "tax_rate", G_STRUCT_OFFSET (TillProductsPage, tax_dropdown),      G_STRUCT_OFFSET (TillProductsPage, tax_rate_error) },
  { "barcodes", G_STRUCT_OFFSET (TillProductsPage, barcode_entry),     G_STRUCT_OFFSET (TillProductsPage, barcodes_error) },
};

#define FIELD_WIDGET(self, f) (*(GtkWidget **)G_STRUCT_MEMBER_P (self, (f)->widget_offset))
#define FIELD_ERROR(self, f)  (*(GtkLabel **)G_STRUCT_MEMBER_P (self, (f)->error_offset))

/* Shows each problem under its field; returns the first field's widget. */
static GtkWidget *
show_problems (TillProductsPage *self,
               GPtrArray        *problems)
{
  GtkWidget *first = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (field_widgets); i++)
    {
      const FieldWidgets *f = &field_widgets[i];
      const char *message = problems != NULL ? till_field_problems_lookup (problems, f->field) : NULL;

      set_field_error (FIELD_WIDGET (self, f), FIELD_ERROR (self, f), message);
      if (message != NULL && first == NULL)
        first = FIELD_WIDGET (self, f);
    }
  return first;
}

static TillProductForm *
form_from_widgets (TillProductsPage *self)
{
  TillProductForm *form = till_product_form_new ();

  form->id = self->shown != NULL ? self->shown->id : 0;
  form->sku = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sku_entry)));
  form->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  form->category_id = dropdown_get_id (self->category_dropdown, self->category_ids);
  form->price = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_entry)));
  form->tax_rate_id = dropdown_get_id (self->tax_dropdown, self->tax_ids);
  form->sold_by_weight = is_weighed (self);
  form->active = self->shown != NULL ? self->shown->active : TRUE;
  form->discountable = gtk_switch_get_active (self->discountable_switch);
  for (guint i = 0; i < self->barcodes->len; i++)
    g_ptr_array_add (form->barcodes, g_strdup (self->barcodes->pdata[i]));
  return form;
}

static gboolean
same_forms (const TillProductForm *a,
            const TillProductForm *b)
{
  if (g_strcmp0 (a->sku, b->sku) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      a->category_id != b->category_id || g_strcmp0 (a->price, b->price) != 0 ||
      a->tax_rate_id != b->tax_rate_id || a->sold_by_weight != b->sold_by_weight ||
      a->discountable != b->discountable || a->barcodes->len != b->barcodes->len)
    return FALSE;
  for (guint i = 0; i < a->barcodes->len; i++)
    if (g_strcmp0 (a->barcodes->pdata[i], b->barcodes->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static TillProductForm *
form_of_shown (TillProductsPage *self)
{
  const TillCurrency *currency = till_settings_service_get_currency (self->context);
  TillProductForm *form = till_product_form_new_from_record (self->shown, currency, TILL_NOTATION_PERSON);

  if (self->shown->id == 0)
    {
      /* A new product starts with an empty price, not 0. */
      g_free (form->price);
      form->price = g_strdup ("");
    }
  return form;
}

gboolean
till_products_page_is_dirty (TillProductsPage *self)
{
  g_autoptr(TillProductForm) now = NULL;
  g_autoptr(TillProductForm) was = NULL;

  g_return_val_if_fail (TILL_IS_PRODUCTS_PAGE (self), FALSE);

  if (self->shown == NULL)
    return FALSE;
  now = form_from_widgets (self);
  was = form_of_shown (self);
  if (self->shown->id == 0)
    {
      /* A new form counts as changed once something was typed. */
      was->category_id = now->category_id;
      was->tax_rate_id = now->tax_rate_id;
    }
  return !same_forms (now, was);
}

static void
update_editing (TillProductsPage *self)
{
  gboolean editable = may_edit (self);
  gboolean existing = self->shown != NULL && self->shown->id > 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "products.new", editable);
  gtk_widget_action_set_enabled (widget, "products.save", editable && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "products.add-barcode", editable && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "products.retire", editable && existing);
  gtk_widget_action_set_enabled (widget, "products.delete", editable && existing && !self->shown_sold);
  gtk_widget_action_set_enabled (widget, "products.import-products", editable);
  gtk_widget_action_set_enabled (widget, "products.import-categories", editable);
  gtk_widget_action_set_enabled (widget, "products.import-good-rows", editable && self->last_import != NULL);
  gtk_widget_set_visible (self->permission_label, !editable && self->shown != NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->sku_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->price_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->barcode_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tax_dropdown), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sold_by_dropdown), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discountable_switch), editable);
}

static void
load_form (TillProductsPage  *self,
           TillProductRecord *record)
{
  g_autoptr(TillProductForm) form = NULL;

  g_clear_pointer (&self->shown, till_product_record_free);
  self->shown = record;
  self->loading = TRUE;

  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      self->loading = FALSE;
      update_editing (self);
      return;
    }

  reload_choices (self);
  form = form_of_shown (self);
  gtk_editable_set_text (GTK_EDITABLE (self->sku_entry), form->sku != NULL ? form->sku : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), form->name != NULL ? form->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), form->price);
  dropdown_set_id (self->category_dropdown, self->category_ids, record->category_id);
  dropdown_set_id (self->tax_dropdown, self->tax_ids, record->tax_rate_id);
  gtk_drop_down_set_selected (self->sold_by_dropdown, record->sold_by_weight ? 1 : 0);
  gtk_switch_set_active (self->discountable_switch, record->discountable);
  gtk_editable_set_text (GTK_EDITABLE (self->barcode_entry), "");
  g_ptr_array_set_size (self->barcodes, 0);
  for (guint i = 0; i < record->barcodes->len; i++)
    g_ptr_array_add (self->barcodes, g_strdup (record->barcodes->pdata[i]));
  rebuild_barcodes (self);
  update_price_unit (self);
  show_problems (self, NULL);

  self->shown_sold = FALSE;
  if (record->id > 0)
    till_catalog_product_is_referenced (till_context_get_store (self->context), record->id,
                                        &self->shown_sold, NULL);
  gtk_widget_set_tooltip_text (self->delete_button,
                               self->shown_sold ? _("This product has been sold: it stays on record. Retire it instead.")
                                                : _("Remove a product that was never sold"));
  gtk_widget_set_visible (self->retired_badge, record->id > 0 && !record->active);
  gtk_button_set_label (self->retire_button, record->active ? _("R_etire") : _("Put Back on _Sale"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->retire_button),
                               record->active ? _("Stop selling this product; its sales stay on record")
                                              : _("Sell this product again"));
  if (record->id == 0)
    {
      gtk_label_set_text (self->form_title, _("New Product"));
      gtk_label_set_text (self->form_subtitle, _("A SKU, a name, a category, a price and a tax rate; "
                                                 "barcodes as many as the product has."));
    }
  else
    {
      g_autofree char *subtitle = NULL;

      gtk_label_set_text (self->form_title, record->name);
      if (record->active)
        subtitle = g_strdup_printf (_("%s · %s · on sale"), record->sku, record->category_name);
      else
        subtitle = g_strdup_printf (_("%s · %s · retired: not sold any more, kept for its past sales"),
                                    record->sku, record->category_name);
      gtk_label_set_text (self->form_subtitle, subtitle);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "form");
  self->loading = FALSE;
  update_editing (self);
}

static void
load_product (TillProductsPage *self,
              gint64            id)
{
  g_autoptr(GError) error = NULL;
  TillProductRecord *record;

  record = till_catalog_get_product (till_context_get_store (self->context), id, &error);
  if (record == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This product could not be opened: %s"), error->message);
      toast (self, message);
      return;
    }
  load_form (self, record);
}

static TillProductRecord *
new_record (TillProductsPage *self)
{
  TillProductRecord *record = till_product_record_new ();
  gint64 filter_category = dropdown_get_id (self->category_filter, self->filter_ids);

  /* A new product starts in the category shown, at the first rate offered. */
  record->category_id = filter_category;
  if (self->tax_ids->len > 0)
    record->tax_rate_id = g_array_index (self->tax_ids, gint64, 0);
  return record;
}

static gboolean
save (TillProductsPage *self)
{
  g_autoptr(TillProductForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first;

  if (self->shown == NULL)
    return FALSE;

  /* A code still in the entry was meant to be added. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->barcode_entry))[0] != '\0')
    {
      add_barcode (self);
      if (gtk_widget_get_visible (GTK_WIDGET (self->barcodes_error)))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->barcode_entry));
          return FALSE;
        }
    }

  form = form_from_widgets (self);
  if (!till_catalog_service_save_product (self->context, form, TILL_NOTATION_PERSON, NULL, &problems, &error))
    {
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);
          toast (self, message);
          return FALSE;
        }
      first = show_problems (self, problems);
      toast (self, _("Not saved: correct the fields marked in red."));
      if (first != NULL)
        gtk_widget_grab_focus (first);
      return FALSE;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Saved %s"), form->name);
    toast (self, message);
  }
  load_product (self, form->id);
  refresh_list (self);
  return TRUE;
}

typedef struct
{
  TillProductsPage *self;
  gint64            next_id;   /* 0: a new product; -1: close the form */
} Pending;

static void
go_to (TillProductsPage *self,
       gint64            id)
{
  if (id > 0)
    load_product (self, id);
  else if (id == 0)
    load_form (self, new_record (self));
  else
    load_form (self, NULL);
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Pending *pending = user_data;
  TillProductsPage *self = pending->self;

  if (g_str_equal (response, "save") && save (self))
    go_to (self, pending->next_id);
  else if (g_str_equal (response, "discard"))
    go_to (self, pending->next_id);
  else if (self->shown != NULL && self->shown->id > 0)
    select_in_list (self, self->shown->id);
  g_object_unref (self);
  g_free (pending);
}

/* Asks before the form's unsaved changes would be lost. */
static void
ask_unsaved (TillProductsPage *self,
             gint64            next_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Pending *pending = g_new0 (Pending, 1);
  GtkWidget *dialog;

  pending->self = g_object_ref (self);
  pending->next_id = next_id;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Changes?"),
                                   _("This product has changes that are not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_or_ask (TillProductsPage *self,
             gint64            id)
{
  if (self->shown != NULL && self->shown->id == id && id > 0)
    return;
  if (till_products_page_is_dirty (self))
    ask_unsaved (self, id);
  else
    go_to (self, id);
}

void
till_products_page_show_product (TillProductsPage *self,
                                 gint64            product_id)
{
  g_return_if_fail (TILL_IS_PRODUCTS_PAGE (self));

  open_or_ask (self, product_id);
  if (self->shown != NULL && self->shown->id == product_id)
    select_in_list (self, product_id);
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      TillProductsPage  *self)
{
  g_autoptr(TillProductItem) item = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->reverting_selection || selected == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->list), selected);
  if (item == NULL || till_product_item_get_id (item) == 0)
    return;
  open_or_ask (self, till_product_item_get_id (item));
}

static void
on_list_activate (GtkListView      *view,
                  guint             position,
                  TillProductsPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
on_search_changed (GtkSearchEntry   *entry,
                   TillProductsPage *self)
{
  self->reverting_selection = TRUE;
  till_product_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->reverting_selection = FALSE;
  update_count (self);
  if (self->shown != NULL && self->shown->id > 0)
    select_in_list (self, self->shown->id);
}

static void
on_search_activate (GtkSearchEntry   *entry,
                    TillProductsPage *self)
{
  /* Enter, or a scanner's Return, opens the first match. */
  on_search_changed (entry, self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      g_autoptr(TillProductItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), 0);

      gtk_single_selection_set_selected (self->selection, 0);
      if (self->shown != NULL && self->shown->id == till_product_item_get_id (item))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
}

static void
on_filter_changed (GtkDropDown      *dropdown,
                   GParamSpec       *pspec,
                   TillProductsPage *self)
{
  static const TillProductFilter filters[] = {
    TILL_PRODUCT_FILTER_ACTIVE, TILL_PRODUCT_FILTER_RETIRED, TILL_PRODUCT_FILTER_ALL
  };
  guint state = gtk_drop_down_get_selected (self->state_filter);

  if (self->loading)
    return;
  self->reverting_selection = TRUE;
  till_product_list_set_filter (self->list, dropdown_get_id (self->category_filter, self->filter_ids),
                                filters[state < G_N_ELEMENTS (filters) ? state : 0]);
  self->reverting_selection = FALSE;
  update_count (self);
  if (self->shown != NULL && self->shown->id > 0)
    select_in_list (self, self->shown->id);
}

/* Actions */

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);

  reload_choices (self);
  open_or_ask (self, 0);
  if (self->shown != NULL && self->shown->id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->sku_entry));
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (TILL_PRODUCTS_PAGE (widget));
}

static void
action_revert (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);

  if (self->shown == NULL)
    return;
  if (self->shown->id > 0)
    load_product (self, self->shown->id);
  else
    load_form (self, new_record (self));
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TILL_PRODUCTS_PAGE (widget)->search_entry));
}

static void
action_add_barcode (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_barcode (TILL_PRODUCTS_PAGE (widget));
}

static void
action_retire (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  gboolean active;
  gint64 id;

  if (self->shown == NULL || self->shown->id == 0)
    return;
  id = self->shown->id;
  active = !self->shown->active;
  name = g_strdup (self->shown->name);
  if (!till_catalog_service_set_product_active (self->context, id, active, &error))
    {
      message = g_strdup_printf (_("Not changed: %s"), error->message);
      toast (self, message);
      return;
    }
  message = active ? g_strdup_printf (_("%s is on sale again"), name)
                   : g_strdup_printf (_("%s is retired: it is not sold any more"), name);
  toast (self, message);
  load_product (self, id);
  refresh_list (self);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  TillProductsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (g_str_equal (response, "delete") && self->shown != NULL && self->shown->id > 0)
    {
      name = g_strdup (self->shown->name);
      if (!till_catalog_service_delete_product (self->context, self->shown->id, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Not deleted: %s"), error->message);
          toast (self, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Deleted %s"), name);
          toast (self, message);
          load_form (self, NULL);
          refresh_list (self);
        }
    }
  g_object_unref (self);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->shown == NULL || self->shown->id == 0)
    return;
  body = g_strdup_printf (_("%s and its barcodes will be removed. A product that has been sold "
                            "cannot be deleted: retire it instead."), self->shown->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Product?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import and export */

static const char *
kind_file_name (TillCatalogCsvKind kind)
{
  return kind == TILL_CATALOG_CSV_PRODUCTS ? "products.csv" : "categories.csv";
}

static void
show_report (TillProductsPage       *self,
             const TillImportReport *report,
             const GError           *error)
{
  GtkWidget *child;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  const char *what = self->last_kind == TILL_CATALOG_CSV_PRODUCTS ? _("products") : _("categories");
  guint n_problems = report != NULL ? report->problems->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  if (report != NULL && report->committed)
    {
      /* TRANSLATORS: "Imported 61 rows of products" */
      title = g_strdup_printf (ngettext ("Imported %u row of %s", "Imported %u rows of %s",
                                         report->n_rows - report->n_invalid),
                               report->n_rows - report->n_invalid, what);
      summary = g_strdup_printf (_("%u added, %u updated, %u unchanged, %u left out."),
                                 report->n_added, report->n_updated, report->n_unchanged, report->n_invalid);
    }
  else
    {
      title = g_strdup (_("Nothing was imported"));
      if (report != NULL && report->n_rows > 0)
        summary = g_strdup_printf (ngettext ("%u row of %u has problems; an import is all or nothing. "
                                             "Correct the file and import it again, or import the good rows only.",
                                             "%u rows of %u have problems; an import is all or nothing. "
                                             "Correct the file and import it again, or import the good rows only.",
                                             report->n_invalid),
                                   report->n_invalid, report->n_rows);
      else
        summary = g_strdup (error != NULL ? error->message : _("The file could not be read."));
    }
  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_summary, summary);
  gtk_image_set_from_icon_name (self->report_icon, n_problems == 0 ? "emblem-ok-symbolic"
                                                                   : "dialog-warning-symbolic");

  for (guint i = 0; i < n_problems; i++)
    {
      TillImportProblem *problem = report->problems->pdata[i];
      g_autofree char *where = problem->field[0] != '\0'
                               ? g_strdup_printf (_("Row %u · %s"), problem->row, problem->field)
                               : g_strdup_printf (_("Row %u"), problem->row);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->reason);
      gtk_list_box_append (self->report_list, row);
    }
  gtk_widget_set_visible (self->report_scroller, n_problems > 0);
  gtk_widget_set_visible (self->report_skip_button,
                          report != NULL && !report->committed && report->n_invalid < report->n_rows);
  gtk_revealer_set_reveal_child (self->report_revealer, TRUE);
  update_editing (self);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TillProductsPage) self = user_data;
  g_autoptr(TillImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  till_catalog_import_finish (TILL_CONTEXT (source), result, &report, &error);
  self->importing--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;
  show_report (self, report, error);
  if (report != NULL && report->committed)
    {
      g_clear_pointer (&self->last_import, g_bytes_unref);
      reload_choices (self);
      refresh_list (self);
      if (self->shown != NULL && self->shown->id > 0 && !till_products_page_is_dirty (self))
        load_product (self, self->shown->id);
    }
  update_editing (self);
}

static void
start_import (TillProductsPage   *self,
              GBytes             *data,
              TillCatalogCsvKind  kind,
              gboolean            skip_invalid)
{
  if (data != self->last_import)
    {
      g_clear_pointer (&self->last_import, g_bytes_unref);
      self->last_import = g_bytes_ref (data);
    }
  self->last_kind = kind;
  self->importing++;
  till_catalog_import_async (self->context, kind, data, skip_invalid, self->cancellable, on_imported,
                             g_object_ref (self));
}

void
till_products_page_import_file (TillProductsPage   *self,
                                GFile              *file,
                                TillCatalogCsvKind  kind,
                                gboolean            skip_invalid)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TILL_IS_PRODUCTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A catalog file is small: reading it is quick, importing it is the work. */
  data = g_file_load_bytes (file, self->cancellable, NULL, &error);
  if (data == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"), error->message);
      toast (self, message);
      return;
    }
  start_import (self, data, kind, skip_invalid);
}

gboolean
till_products_page_is_importing (TillProductsPage *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCTS_PAGE (self), FALSE);
  return self->importing > 0;
}

gboolean
till_products_page_export_file (TillProductsPage    *self,
                                GFile               *file,
                                TillCatalogCsvKind   kind,
                                GError             **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (TILL_IS_PRODUCTS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = till_catalog_export (self->context, kind, error);
  return csv != NULL &&
         g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  self->cancellable, error);
}

typedef struct
{
  TillProductsPage   *self;
  TillCatalogCsvKind  kind;
  gboolean            export;
} Chooser;

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Chooser *chooser = user_data;
  TillProductsPage *self = chooser->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (chooser->export)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *message = NULL;
          g_autofree char *name = g_file_get_basename (file);

          if (till_products_page_export_file (self, file, chooser->kind, &error))
            message = g_strdup_printf (_("Exported to %s"), name);
          else
            message = g_strdup_printf (_("Not exported: %s"), error->message);
          toast (self, message);
        }
      else
        till_products_page_import_file (self, file, chooser->kind, FALSE);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (chooser->self);
  g_free (chooser);
}

static void
choose_file (TillProductsPage   *self,
             TillCatalogCsvKind  kind,
             gboolean            export)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  Chooser *chooser = g_new0 (Chooser, 1);
  const char *title;

  if (export)
    title = kind == TILL_CATALOG_CSV_PRODUCTS ? _("Export Products") : _("Export Categories");
  else
    title = kind == TILL_CATALOG_CSV_PRODUCTS ? _("Import Products") : _("Import Categories");
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        export ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        export ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (export)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), kind_file_name (kind));

  chooser->self = g_object_ref (self);
  chooser->kind = kind;
  chooser->export = export;
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (TILL_PRODUCTS_PAGE (widget),
               g_str_equal (action_name, "products.import-products") ? TILL_CATALOG_CSV_PRODUCTS
                                                                     : TILL_CATALOG_CSV_CATEGORIES,
               FALSE);
}

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (TILL_PRODUCTS_PAGE (widget),
               g_str_equal (action_name, "products.export-products") ? TILL_CATALOG_CSV_PRODUCTS
                                                                     : TILL_CATALOG_CSV_CATEGORIES,
               TRUE);
}

static void
action_import_good_rows (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);

  if (self->last_import != NULL)
    start_import (self, self->last_import, self->last_kind, TRUE);
}

static void
action_close_report (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (widget);

  gtk_revealer_set_reveal_child (self->report_revealer, FALSE);
  g_clear_pointer (&self->last_import, g_bytes_unref);
  update_editing (self);
}

/* The list's rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_add_css_class (swatch, "product-swatch");
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_label_set_xalign (GTK_LABEL (price), 1);
  gtk_widget_add_css_class (price, "product-price");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), price);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TillProductItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (swatch);
  GtkWidget *price = gtk_widget_get_next_sibling (text);
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *markup = NULL;
  g_autofree char *detail_text = NULL;

  /* The category's colour, as on the Sell page's quick keys */
  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", till_product_item_get_colour (item));
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_text (GTK_LABEL (name), till_product_item_get_name (item));
  if (till_product_item_get_active (item))
    gtk_label_set_text (GTK_LABEL (detail), till_product_item_get_detail (item));
  else
    {
      /* TRANSLATORS: a product's SKU and category, then that it is retired */
      detail_text = g_strdup_printf (_("%s · retired"), till_product_item_get_detail (item));
      gtk_label_set_text (GTK_LABEL (detail), detail_text);
    }
  gtk_label_set_text (GTK_LABEL (price), till_product_item_get_price (item));
  if (till_product_item_get_active (item))
    gtk_widget_remove_css_class (row, "product-retired");
  else
    gtk_widget_add_css_class (row, "product-retired");
}

static void
on_staff_changed (TillContext      *context,
                  GParamSpec       *pspec,
                  TillProductsPage *self)
{
  update_editing (self);
  rebuild_barcodes (self);
}

static void
on_map (GtkWidget        *widget,
        TillProductsPage *self)
{
  /* Categories, rates and the currency may have changed under Settings. */
  reload_choices (self);
  refresh_list (self);
  if (self->shown != NULL)
    update_price_unit (self);
}

static void
till_products_page_constructed (GObject *object)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (till_products_page_parent_class)->constructed (object);

  self->list = till_product_list_new (self->context);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  reload_choices (self);
  g_signal_connect_object (self->category_filter, "notify::selected", G_CALLBACK (on_filter_changed), self, 0);
  g_signal_connect_object (self->state_filter, "notify::selected", G_CALLBACK (on_filter_changed), self, 0);
  g_signal_connect_object (self->context, "notify::staff-id", G_CALLBACK (on_staff_changed), self, 0);
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);

  update_count (self);
  update_editing (self);
}

static void
till_products_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (object);

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
till_products_page_dispose (GObject *object)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_PRODUCTS_PAGE);
  /* The template's top widget is not bound: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_products_page_parent_class)->dispose (object);
}

static void
till_products_page_finalize (GObject *object)
{
  TillProductsPage *self = TILL_PRODUCTS_PAGE (object);

  g_clear_pointer (&self->shown, till_product_record_free);
  g_clear_pointer (&self->barcodes, g_ptr_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->tax_ids, g_array_unref);
  g_clear_pointer (&self->filter_ids, g_array_unref);
  g_clear_pointer (&self->last_import, g_bytes_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (till_products_page_parent_class)->finalize (object);
}

static void
till_products_page_class_init (TillProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_products_page_constructed;
  object_class->dispose = till_products_page_dispose;
  object_class->finalize = till_products_page_finalize;
  object_class->set_property = till_products_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "products.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "products.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "products.revert", NULL, action_revert);
  gtk_widget_class_install_action (widget_class, "products.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "products.add-barcode", NULL, action_add_barcode);
  gtk_widget_class_install_action (widget_class, "products.retire", NULL, action_retire);
  gtk_widget_class_install_action (widget_class, "products.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "products.import-products", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "products.import-categories", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "products.export-products", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "products.export-categories", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "products.import-good-rows", NULL, action_import_good_rows);
  gtk_widget_class_install_action (widget_class, "products.close-report", NULL, action_close_report);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "products.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "products.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "products.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_revealer);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_icon);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_summary);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_scroller);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, report_skip_button);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, state_filter);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, form_title);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, form_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, retired_badge);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, sku_entry);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, sold_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, price_entry);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, price_unit);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, tax_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, discountable_switch);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, barcodes_list);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, barcode_entry);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, barcodes_hint);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, sku_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, name_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, category_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, price_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, tax_rate_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, barcodes_error);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, permission_label);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, retire_button);
  gtk_widget_class_bind_template_child (widget_class, TillProductsPage, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_sold_by_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_barcode_entry_activate);
}

static void
till_products_page_init (TillProductsPage *self)
{
  self->barcodes = g_ptr_array_new_with_free_func (g_free);
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tax_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

TillProductList *
till_products_page_get_list (TillProductsPage *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCTS_PAGE (self), NULL);
  return self->list;
}

gint64
till_products_page_get_shown_id (TillProductsPage *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCTS_PAGE (self), -1);
  return self->shown != NULL ? self->shown->id : -1;
}
