/* till-settings-page.c
 *
 * The rows are made here from one table, so that every key of the settings
 * service has its row and its refusal shown under it.  Values that a person
 * thinks of as money or percents are shown and typed that way, and stored
 * as the minor units and basis points the service keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "till-catalog-service.h"
#include "till-error.h"
#include "till-settings-page.h"
#include "till-settings-service.h"

typedef enum
{
  ROW_TEXT,
  ROW_MULTILINE,
  ROW_NUMBER,
  ROW_MONEY,
  ROW_PERCENT,
  ROW_SWITCH,
  ROW_CHOICE,
  ROW_CURRENCY,
  ROW_REGISTER_ID,
  ROW_DATABASE_PATH,
} RowKind;

typedef struct
{
  const char *key;
  const char *group;
  RowKind     kind;
  const char *title;
  const char *tooltip;
} RowSpec;

static const RowSpec row_specs[] = {
  { "shop.name",                 "shop_group",     ROW_TEXT,      N_("Shop name"), NULL },
  { "shop.address",              "shop_group",     ROW_MULTILINE, N_("Address"), N_("As on an envelope, on several lines") },
  { "shop.tax_id",               "shop_group",     ROW_TEXT,      N_("Tax number"), NULL },
  { "time_zone",                 "shop_group",     ROW_TEXT,      N_("Time zone"), N_("An IANA name such as Europe/Berlin; times are shown in it") },
  { "phone.country",             "shop_group",     ROW_TEXT,      N_("Country calling code"), N_("For phone numbers typed with a leading 0, such as 49 for Germany") },
  { "receipt.header",            "receipt_group",  ROW_MULTILINE, N_("Receipt header"), N_("Printed above the lines") },
  { "receipt.footer",            "receipt_group",  ROW_MULTILINE, N_("Receipt footer"), N_("Printed below the totals") },
  { "receipt.logo",              "receipt_group",  ROW_TEXT,      N_("Logo (a PNG file beside the database)"), N_("Empty for none, or a path relative to the database's folder, such as logo.png") },
  { "print.timeout_seconds",     "receipt_group",  ROW_NUMBER,    N_("Printer timeout (seconds)"), N_("How long to wait for the printer before the receipt is kept as a PDF only") },
  { "currency",                  "money_group",    ROW_CURRENCY,  N_("Currency"), N_("Cannot change once sales exist") },
  { "prices_include_tax",        "money_group",    ROW_SWITCH,    N_("Prices include tax"), N_("Off: prices are before tax and tax is added at the till") },
  { "cash_rounding",             "money_group",    ROW_MONEY,     N_("Cash rounding step"), N_("0 is off; 0.05 rounds cash payments to 5 cents") },
  { "discount.approval_percent", "discount_group", ROW_PERCENT,   N_("Approval above this percent"), NULL },
  { "discount.approval_amount",  "discount_group", ROW_MONEY,     N_("Approval above this amount"), NULL },
  { "loyalty.earn_points",       "loyalty_group",  ROW_NUMBER,    N_("Points earned…"), N_("Points for every amount below, after discounts") },
  { "loyalty.earn_amount",       "loyalty_group",  ROW_MONEY,     N_("…for every amount spent"), NULL },
  { "loyalty.window_days",       "loyalty_group",  ROW_NUMBER,    N_("Tier window (days)"), N_("Spending over this many days decides the customer's tier") },
  { "loyalty.expiry_months",     "loyalty_group",  ROW_NUMBER,    N_("Points expire after (months; 0 never)"), NULL },
  { "card.prefix",               "scanning_group", ROW_TEXT,      N_("Loyalty card prefix"), N_("Two digits that start every loyalty card; no scale rule may use them") },
  { "scale.rules",               "scanning_group", ROW_TEXT,      N_("Scale label rules"), N_("PREFIX:KIND separated by commas, KIND weight or price, prefixes 20 to 28: 21:weight,23:price") },
  { "staff.idle_lock_minutes",   "security_group", ROW_NUMBER,    N_("Lock when idle (minutes; 0 never)"), NULL },
  { "security.pin_cost",         "security_group", ROW_CHOICE,    N_("PIN hashing"), N_("Interactive is the safe choice; minimum is for tests only") },
  { "register-id",               "register_group", ROW_REGISTER_ID, N_("Register number"), N_("From 1 to 999, a different one for each register: receipts are numbered per register") },
  { "database-path",             "register_group", ROW_DATABASE_PATH, N_("Database file"), N_("Empty: the default in your data folder. --database on the command line comes first") },
};

typedef struct _TillSettingsPage TillSettingsPage;

typedef struct
{
  TillSettingsPage *self;        /* borrowed */
  const RowSpec    *spec;
  GtkWidget        *row;
  GtkWidget        *error_row;
  GtkWidget        *control;     /* the switch, or the multi-line row's label */
  GPtrArray        *choices;     /* stored values of a combo row's items */
  char             *value;       /* as stored */
  char             *error;
} SettingRow;

/* A tax rate's or a category's expander and what it holds */
typedef struct
{
  TillSettingsPage *self;        /* borrowed */
  gint64            id;          /* 0: the "new" row */
  gboolean          is_category;
  gboolean          retired;
  GtkWidget        *expander;
  GtkWidget        *name_row;
  GtkWidget        *rate_row;
  GtkWidget        *colour_button;
  GtkWidget        *position_spin;
  GtkWidget        *earns_switch;
  GtkWidget        *error_row;
} CatalogRow;

struct _TillSettingsPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *settings_stack;
  AdwPreferencesGroup *shop_group;
  AdwPreferencesGroup *receipt_group;
  AdwPreferencesGroup *money_group;
  AdwPreferencesGroup *tax_group;
  AdwPreferencesGroup *categories_group;
  AdwPreferencesGroup *discount_group;
  AdwPreferencesGroup *loyalty_group;
  AdwPreferencesGroup *scanning_group;
  AdwPreferencesGroup *security_group;
  AdwPreferencesGroup *register_group;

  /* owned */
  TillContext         *context;
  GSettings           *machine;      /* NULL without the installed schema */
  GPtrArray           *rows;         /* SettingRow */
  GPtrArray           *catalog_rows; /* CatalogRow */
  gboolean             loading;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillSettingsPage, till_settings_page, GTK_TYPE_WIDGET)

static void
toast (TillSettingsPage *self,
       const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
setting_row_free (SettingRow *row)
{
  g_clear_pointer (&row->choices, g_ptr_array_unref);
  g_free (row->value);
  g_free (row->error);
  g_free (row);
}

static void
catalog_row_free (CatalogRow *row)
{
  g_free (row);
}

static AdwPreferencesGroup *
group_named (TillSettingsPage *self,
             const char       *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (self);

  return ADW_PREFERENCES_GROUP (gtk_widget_get_template_child (GTK_WIDGET (self), G_OBJECT_CLASS_TYPE (klass), name));
}

/* Numbers as a person types them: the locale's decimal separator, no grouping
 * (the parser refuses grouping, so what the entry shows must parse again). */
static char *
decimal_for_person (gint64   value,
                    guint    scale,
                    gboolean trim)
{
  g_autofree char *file = trim ? till_decimal_format_short (value, scale, TILL_NOTATION_FILE)
                               : till_decimal_format (value, scale, TILL_NOTATION_FILE);
  const char *point = localeconv ()->decimal_point;
  GString *out = g_string_new (NULL);

  for (const char *p = file; *p != '\0'; p++)
    {
      if (*p == '.')
        g_string_append (out, point != NULL && point[0] != '\0' ? point : ".");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Error rows */

static GtkWidget *
error_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (row, "error");
  gtk_widget_add_css_class (row, "setting-error");
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static void
show_error (GtkWidget  *widget,
            GtkWidget  *error_row,
            const char *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message != NULL ? message : "");
  gtk_widget_set_visible (error_row, message != NULL);
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
set_row_error (SettingRow *row,
               const char *message)
{
  g_free (row->error);
  row->error = g_strdup (message);
  show_error (row->row, row->error_row, message);
}

/* Settings: showing */

static char *
multiline_summary (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

  if (value[0] == '\0')
    return g_strdup (_("Empty"));
  return g_strjoinv (" · ", lines);
}

static void
show_value (SettingRow *row)
{
  TillSettingsPage *self = row->self;
  const char *value = row->value != NULL ? row->value : "";

  self->loading = TRUE;
  switch (row->spec->kind)
    {
    case ROW_TEXT:
    case ROW_NUMBER:
    case ROW_REGISTER_ID:
    case ROW_DATABASE_PATH:
      gtk_editable_set_text (GTK_EDITABLE (row->row), value);
      break;

    case ROW_MONEY:
      {
        const TillCurrency *currency = till_settings_service_get_currency (self->context);
        g_autofree char *text = decimal_for_person (g_ascii_strtoll (value, NULL, 10), currency->exponent, FALSE);
        g_autofree char *title = g_strdup_printf ("%s (%s)", _(row->spec->title), currency->symbol);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
        gtk_editable_set_text (GTK_EDITABLE (row->row), text);
      }
      break;

    case ROW_PERCENT:
      {
        g_autofree char *text = decimal_for_person (g_ascii_strtoll (value, NULL, 10), 2, TRUE);
        g_autofree char *title = g_strdup_printf ("%s (%%)", _(row->spec->title));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
        gtk_editable_set_text (GTK_EDITABLE (row->row), text);
      }
      break;

    case ROW_MULTILINE:
      {
        g_autofree char *summary = multiline_summary (value);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), summary);
      }
      break;

    case ROW_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (row->control), g_str_equal (value, "true"));
      break;

    case ROW_CHOICE:
    case ROW_CURRENCY:
      for (guint i = 0; i < row->choices->len; i++)
        if (g_str_equal (row->choices->pdata[i], value))
          adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), i);
      break;

    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;
}

static void
load_row (SettingRow *row)
{
  TillSettingsPage *self = row->self;

  g_clear_pointer (&row->value, g_free);
  if (row->spec->kind == ROW_REGISTER_ID)
    row->value = self->machine != NULL ? g_strdup_printf ("%u", g_settings_get_uint (self->machine, "register-id"))
                                       : g_strdup ("1");
  else if (row->spec->kind == ROW_DATABASE_PATH)
    row->value = self->machine != NULL ? g_settings_get_string (self->machine, "database-path") : g_strdup ("");
  else
    row->value = till_settings_service_get (self->context, row->spec->key, NULL);
  show_value (row);
}

/* Settings: changing */

static gboolean
machine_setting_apply (SettingRow  *row,
                       const char  *text,
                       GError     **error)
{
  TillSettingsPage *self = row->self;
  g_autofree char *tidy = g_strstrip (g_strdup (text));

  if (self->machine == NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_FAILED,
                           _("This computer's settings are not installed; run Till from its installation."));
      return FALSE;
    }
  if (row->spec->kind == ROW_REGISTER_ID)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (tidy, 10, 1, 999, &number, NULL))
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                               _("The register number is a whole number from 1 to 999."));
          return FALSE;
        }
      g_settings_set_uint (self->machine, "register-id", (guint)number);
      return TRUE;
    }
  if (tidy[0] != '\0' && !g_path_is_absolute (tidy))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           _("Give the whole path of the database file, starting with /, or leave it empty."));
      return FALSE;
    }
  g_settings_set_string (self->machine, "database-path", tidy);
  return TRUE;
}

/* What the row holds, as the service stores it; NULL with @error when it
 * cannot be read as the row's kind. */
static char *
value_to_store (SettingRow  *row,
                const char  *text,
                GError     **error)
{
  TillSettingsPage *self = row->self;
  gint64 number;

  switch (row->spec->kind)
    {
    case ROW_MONEY:
      if (!till_money_parse (text, till_settings_service_get_currency (self->context), TILL_NOTATION_PERSON,
                             FALSE, &number, error))
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    case ROW_PERCENT:
      if (!till_percent_parse (text, TILL_NOTATION_PERSON, &number, error))
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    case ROW_TEXT:
    case ROW_MULTILINE:
    case ROW_NUMBER:
    case ROW_SWITCH:
    case ROW_CHOICE:
    case ROW_CURRENCY:
    case ROW_REGISTER_ID:
    case ROW_DATABASE_PATH:
    default:
      return g_strdup (text);
    }
}

static void
apply_row (SettingRow *row,
           const char *text)
{
  TillSettingsPage *self = row->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (self->loading)
    return;

  if (row->spec->kind == ROW_REGISTER_ID || row->spec->kind == ROW_DATABASE_PATH)
    ok = machine_setting_apply (row, text, &error);
  else
    {
      value = value_to_store (row, text, &error);
      ok = value != NULL && till_settings_service_set (self->context, row->spec->key, value, NULL, &error);
    }

  if (!ok)
    {
      set_row_error (row, error->message);
      /* A switch or a choice goes back to what is stored; typed text stays to be corrected. */
      if (row->spec->kind == ROW_SWITCH || row->spec->kind == ROW_CHOICE || row->spec->kind == ROW_CURRENCY)
        show_value (row);
      return;
    }
  set_row_error (row, NULL);
  load_row (row);
  /* TRANSLATORS: %s is the name of a setting */
  message = g_strdup_printf (_("Saved: %s"), _(row->spec->title));
  toast (self, message);

  /* Money rows are shown in the currency: a new currency shows them anew. */
  if (g_str_equal (row->spec->key, "currency"))
    for (guint i = 0; i < self->rows->len; i++)
      if (((SettingRow *)self->rows->pdata[i])->spec->kind == ROW_MONEY)
        load_row (self->rows->pdata[i]);
}

static void
on_entry_apply (AdwEntryRow *entry,
                SettingRow  *row)
{
  apply_row (row, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_switch_changed (GtkSwitch  *control,
                   GParamSpec *pspec,
                   SettingRow *row)
{
  apply_row (row, gtk_switch_get_active (control) ? "true" : "false");
}

static void
on_combo_changed (AdwComboRow *combo,
                  GParamSpec  *pspec,
                  SettingRow  *row)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (selected < row->choices->len)
    apply_row (row, row->choices->pdata[selected]);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_multiline_response (AdwMessageDialog *dialog,
                       const char       *response,
                       SettingRow       *row)
{
  if (g_str_equal (response, "save"))
    {
      GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "view");
      g_autofree char *text = text_view_get (view);

      apply_row (row, text);
    }
}

static void
on_multiline_edit (GtkButton  *button,
                   SettingRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row->self));
  GtkWidget *dialog;
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), row->value != NULL ? row->value : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(row->spec->title), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _(row->spec->title),
                                   row->spec->tooltip != NULL ? _(row->spec->tooltip) : NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), frame);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "view", view);
  g_signal_connect (dialog, "response", G_CALLBACK (on_multiline_response), row);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Settings: building the rows */

static GtkStringList *
choice_model (SettingRow *row)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  row->choices = g_ptr_array_new_with_free_func (g_free);
  if (row->spec->kind == ROW_CURRENCY)
    {
      gsize n;
      const TillCurrency *currencies = till_currency_get_all (&n);

      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *label = g_str_equal (currencies[i].symbol, currencies[i].code)
                                   ? g_strdup (currencies[i].code)
                                   : g_strdup_printf ("%s (%s)", currencies[i].code, currencies[i].symbol);
          gtk_string_list_append (labels, label);
          g_ptr_array_add (row->choices, g_strdup (currencies[i].code));
        }
    }
  else
    {
      gtk_string_list_append (labels, _("Interactive (safe)"));
      g_ptr_array_add (row->choices, g_strdup ("interactive"));
      gtk_string_list_append (labels, _("Minimum (tests only)"));
      g_ptr_array_add (row->choices, g_strdup ("min"));
    }
  return labels;
}

static void
build_setting_row (TillSettingsPage *self,
                   const RowSpec    *spec)
{
  AdwPreferencesGroup *group = group_named (self, spec->group);
  SettingRow *row = g_new0 (SettingRow, 1);
  g_autofree char *description = g_strconcat ("setting-", spec->key, NULL);

  row->self = self;
  row->spec = spec;
  switch (spec->kind)
    {
    case ROW_TEXT:
    case ROW_NUMBER:
    case ROW_MONEY:
    case ROW_PERCENT:
    case ROW_REGISTER_ID:
    case ROW_DATABASE_PATH:
      row->row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row->row), TRUE);
      if (spec->kind == ROW_NUMBER || spec->kind == ROW_MONEY || spec->kind == ROW_PERCENT ||
          spec->kind == ROW_REGISTER_ID)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row->row), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect (row->row, "apply", G_CALLBACK (on_entry_apply), row);
      break;

    case ROW_MULTILINE:
      {
        g_autofree char *edit_label = g_strdup_printf (_("Edit the %s"), _(spec->title));
        GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

        row->row = adw_action_row_new ();
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row->row), 2);
        gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (edit, "flat");
        gtk_widget_set_tooltip_text (edit, edit_label);
        gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
        g_signal_connect (edit, "clicked", G_CALLBACK (on_multiline_edit), row);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), edit);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), edit);
        row->control = edit;
      }
      break;

    case ROW_SWITCH:
      row->row = adw_action_row_new ();
      row->control = gtk_switch_new ();
      gtk_widget_set_valign (row->control, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(spec->title), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->control);
      if (spec->tooltip != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _(spec->tooltip));
      g_signal_connect (row->control, "notify::active", G_CALLBACK (on_switch_changed), row);
      break;

    case ROW_CHOICE:
    case ROW_CURRENCY:
      {
        g_autoptr(GtkStringList) labels = NULL;

        row->row = adw_combo_row_new ();
        labels = choice_model (row);
        adw_combo_row_set_model (ADW_COMBO_ROW (row->row), G_LIST_MODEL (labels));
        if (spec->tooltip != NULL)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _(spec->tooltip));
        g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_combo_changed), row);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), _(spec->title));
  gtk_widget_set_name (row->row, spec->key);
  if (spec->tooltip != NULL)
    gtk_widget_set_tooltip_text (row->row, _(spec->tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  row->error_row = error_row_new ();
  {
    g_autofree char *error_description = g_strconcat (description, "-error", NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->error_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    error_description, -1);
  }
  adw_preferences_group_add (group, row->row);
  adw_preferences_group_add (group, row->error_row);
  g_ptr_array_add (self->rows, row);
  load_row (row);
}

/* Tax rates and categories */

static void rebuild_catalog (TillSettingsPage *self);

static void
catalog_problems (CatalogRow *item,
                  GPtrArray  *problems,
                  GError     *error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      TillFieldProblem *problem = problems->pdata[i];

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, problem->message);
    }
  if (error != NULL)
    g_string_append (text, error->message);
  show_error (item->expander, item->error_row, text->len > 0 ? text->str : NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->expander), TRUE);
}

static char *
colour_of (GtkWidget *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  /* Colours are stored as #rrggbb: 8 bits a channel, rounded. */
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint)(rgba.red * 255 + 0.5), (guint)(rgba.green * 255 + 0.5),
                          (guint)(rgba.blue * 255 + 0.5));
}

static void
on_catalog_save (GtkButton  *button,
                 CatalogRow *item)
{
  TillSettingsPage *self = item->self;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (item->name_row));
  gboolean ok;

  if (item->is_category)
    {
      g_autoptr(TillCategory) draft = g_new0 (TillCategory, 1);

      draft->id = item->id;
      draft->name = g_strdup (name);
      draft->colour = colour_of (item->colour_button);
      draft->position = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (item->position_spin));
      draft->earns_points = gtk_switch_get_active (GTK_SWITCH (item->earns_switch));
      ok = till_catalog_service_save_category (self->context, draft, NULL, &problems, &error);
    }
  else
    ok = till_catalog_service_save_tax_rate (self->context, item->id, name,
                                             gtk_editable_get_text (GTK_EDITABLE (item->rate_row)),
                                             TILL_NOTATION_PERSON, NULL, &problems, &error);
  if (!ok)
    {
      catalog_problems (item, problems, error);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (_("Saved %s"), name);
    toast (self, message);
  }
  rebuild_catalog (self);
}

static void
on_catalog_delete (GtkButton  *button,
                   CatalogRow *item)
{
  TillSettingsPage *self = item->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item->expander)));
  gboolean ok = item->is_category ? till_catalog_service_delete_category (self->context, item->id, &error)
                                  : till_catalog_service_delete_tax_rate (self->context, item->id, &error);

  if (!ok)
    {
      catalog_problems (item, NULL, error);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (_("Deleted %s"), name);
    toast (self, message);
  }
  rebuild_catalog (self);
}

static void
on_catalog_retire (GtkButton  *button,
                   CatalogRow *item)
{
  TillSettingsPage *self = item->self;
  g_autoptr(GError) error = NULL;

  if (!till_catalog_service_set_tax_rate_retired (self->context, item->id, !item->retired, &error))
    {
      catalog_problems (item, NULL, error);
      return;
    }
  rebuild_catalog (self);
}

static GtkWidget *
button_new (const char *label,
            const char *style,
            GCallback   callback,
            CatalogRow *item)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  g_signal_connect (button, "clicked", callback, item);
  return button;
}

static GtkWidget *
suffix_row (const char *title,
            GtkWidget  *control,
            const char *accessible_label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  return row;
}

static void
name_widget (GtkWidget  *widget,
             const char *base,
             const char *part)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", base, part);
  gtk_widget_set_name (widget, name);
}

static void
add_catalog_row (TillSettingsPage    *self,
                 AdwPreferencesGroup *group,
                 gboolean             is_category,
                 gint64               id,
                 const char          *name,
                 const char          *subtitle,
                 gint64               rate_bp,
                 const TillCategory  *category,
                 gboolean             retired,
                 gint64               n_products,
                 gboolean             may_edit)
{
  CatalogRow *item = g_new0 (CatalogRow, 1);
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *shown_name = id > 0 ? name : (is_category ? _("New Category") : _("New Tax Rate"));
  g_autofree char *description = NULL;

  item->self = self;
  item->id = id;
  item->is_category = is_category;
  item->retired = retired;
  item->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->expander), shown_name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->expander), subtitle);
  description = id > 0 ? g_strdup_printf ("%s-%" G_GINT64_FORMAT, is_category ? "category" : "tax-rate", id)
                       : g_strdup (is_category ? "category-new" : "tax-rate-new");
  gtk_accessible_update_property (GTK_ACCESSIBLE (item->expander), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  /* Widget names too, for tests: "tax-rate-new", "tax-rate-new-name", … */
  gtk_widget_set_name (item->expander, description);
  if (id == 0)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (item->expander), gtk_image_new_from_icon_name ("list-add-symbolic"));

  item->name_row = adw_entry_row_new ();
  name_widget (item->name_row, description, "name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (item->name_row), id > 0 ? name : "");
  gtk_editable_set_editable (GTK_EDITABLE (item->name_row), may_edit);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander), item->name_row);

  if (is_category)
    {
      GdkRGBA rgba = { 0.6, 0.6, 0.59, 1 };
      g_autofree char *colour_label = g_strdup_printf (_("Colour of %s"), shown_name);
      g_autofree char *position_label = g_strdup_printf (_("Position of %s"), shown_name);
      g_autofree char *earns_label = g_strdup_printf (_("%s earns loyalty points"), shown_name);

      item->colour_button = gtk_color_button_new ();
      if (category != NULL)
        gdk_rgba_parse (&rgba, category->colour);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (item->colour_button), &rgba);
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (item->colour_button), FALSE);
      gtk_widget_set_sensitive (item->colour_button, may_edit);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander),
                                suffix_row (_("Colour"), item->colour_button, colour_label));
      item->position_spin = gtk_spin_button_new_with_range (0, TILL_CATEGORY_POSITION_MAX, 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (item->position_spin), category != NULL ? category->position : 0);
      gtk_widget_set_sensitive (item->position_spin, may_edit);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander),
                                suffix_row (_("Position among the quick keys"), item->position_spin, position_label));
      item->earns_switch = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (item->earns_switch), category == NULL || category->earns_points);
      gtk_widget_set_sensitive (item->earns_switch, may_edit);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander),
                                suffix_row (_("Earns loyalty points"), item->earns_switch, earns_label));
      if (category != NULL)
        {
          /* The category's colour beside its name, as on the quick keys */
          g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\" size=\"x-large\">●</span>",
                                                             category->colour);
          GtkWidget *swatch = gtk_label_new (NULL);

          gtk_label_set_markup (GTK_LABEL (swatch), markup);
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (item->expander), swatch);
        }
    }
  else
    {
      g_autofree char *percent = id > 0 ? decimal_for_person (rate_bp, 2, TRUE) : g_strdup ("");

      item->rate_row = adw_entry_row_new ();
      name_widget (item->rate_row, description, "rate");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->rate_row), _("Rate (%)"));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (item->rate_row), GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_text (GTK_EDITABLE (item->rate_row), percent);
      gtk_editable_set_editable (GTK_EDITABLE (item->rate_row), may_edit);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander), item->rate_row);
    }

  item->error_row = error_row_new ();
  adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander), item->error_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
  if (id > 0 && !is_category)
    gtk_box_append (GTK_BOX (box), button_new (retired ? _("Put _Back in Use") : _("R_etire"), NULL,
                                               G_CALLBACK (on_catalog_retire), item));
  if (id > 0)
    {
      /* Only what nothing uses can go; say why the button is off. */
      GtkWidget *delete = button_new (_("_Delete"), NULL, G_CALLBACK (on_catalog_delete), item);

      name_widget (delete, description, "delete");
      gtk_widget_set_sensitive (delete, n_products == 0);
      if (n_products > 0)
        gtk_widget_set_tooltip_text (delete, is_category ? _("Move its products to another category first")
                                                         : _("Products use this rate: retire it instead"));
      gtk_box_append (GTK_BOX (box), delete);
    }
  {
    GtkWidget *save = button_new (id > 0 ? _("_Save") : _("_Add"), "suggested-action",
                                  G_CALLBACK (on_catalog_save), item);

    name_widget (save, description, "save");
    gtk_box_append (GTK_BOX (box), save);
  }
  name_widget (item->error_row, description, "error");
  gtk_widget_set_sensitive (box, may_edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander), actions);

  adw_preferences_group_add (group, item->expander);
  g_ptr_array_add (self->catalog_rows, item);
}

static gboolean
page_may_edit (TillSettingsPage *self)
{
  const char *role = till_context_get_role (self->context);

  return g_strcmp0 (role, "manager") == 0 || g_strcmp0 (role, "admin") == 0;
}

static void
rebuild_catalog (TillSettingsPage *self)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GPtrArray) rates = till_catalog_list_tax_rates (store, NULL);
  g_autoptr(GPtrArray) categories = till_catalog_list_categories (store, FALSE, NULL);
  gboolean may_edit = page_may_edit (self);

  for (guint i = 0; i < self->catalog_rows->len; i++)
    {
      CatalogRow *item = self->catalog_rows->pdata[i];
      adw_preferences_group_remove (item->is_category ? self->categories_group : self->tax_group, item->expander);
    }
  g_ptr_array_set_size (self->catalog_rows, 0);

  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      TillTaxRate *rate = rates->pdata[i];
      g_autofree char *percent = decimal_for_person (rate->rate_bp, 2, TRUE);
      gint64 n = till_catalog_count_tax_rate_products (store, rate->id, FALSE, NULL);
      g_autofree char *subtitle = NULL;

      if (rate->retired)
        subtitle = g_strdup_printf (ngettext ("%s %% · retired · %" G_GINT64_FORMAT " product",
                                              "%s %% · retired · %" G_GINT64_FORMAT " products", (gulong)n),
                                    percent, n);
      else
        subtitle = g_strdup_printf (ngettext ("%s %% · %" G_GINT64_FORMAT " product",
                                              "%s %% · %" G_GINT64_FORMAT " products", (gulong)n),
                                    percent, n);
      add_catalog_row (self, self->tax_group, FALSE, rate->id, rate->name, subtitle, rate->rate_bp, NULL,
                       rate->retired, n, may_edit);
    }
  add_catalog_row (self, self->tax_group, FALSE, 0, NULL, _("A name and a percent"), 0, NULL, FALSE, 0, may_edit);

  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      TillCategory *category = categories->pdata[i];
      gint64 n = till_catalog_count_category_products (store, category->id, NULL);
      g_autofree char *subtitle = NULL;

      if (category->earns_points)
        subtitle = g_strdup_printf (ngettext ("Position %" G_GINT64_FORMAT " · earns points · %" G_GINT64_FORMAT " product",
                                              "Position %" G_GINT64_FORMAT " · earns points · %" G_GINT64_FORMAT " products",
                                              (gulong)n), category->position, n);
      else
        subtitle = g_strdup_printf (ngettext ("Position %" G_GINT64_FORMAT " · no points · %" G_GINT64_FORMAT " product",
                                              "Position %" G_GINT64_FORMAT " · no points · %" G_GINT64_FORMAT " products",
                                              (gulong)n), category->position, n);
      add_catalog_row (self, self->categories_group, TRUE, category->id, category->name, subtitle, 0,
                       category, FALSE, n, may_edit);
    }
  add_catalog_row (self, self->categories_group, TRUE, 0, NULL, _("A name, a colour and a place among the quick keys"),
                   0, NULL, FALSE, 0, may_edit);
}

/* The page */

static void
reload_all (TillSettingsPage *self)
{
  gboolean may_edit = page_may_edit (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      SettingRow *row = self->rows->pdata[i];
      gboolean machine = row->spec->kind == ROW_REGISTER_ID || row->spec->kind == ROW_DATABASE_PATH;

      load_row (row);
      /* This computer's own settings are anybody's at the counter; the shop's are managers'. */
      gtk_widget_set_sensitive (row->row, machine ? self->machine != NULL : may_edit);
    }
  rebuild_catalog (self);

  {
    g_autofree char *description = g_strdup_printf (_("Kept on this computer only, not in the shop's database. "
                                                      "Changes take effect when Till starts again. "
                                                      "The database open now is %s."),
                                                    till_store_get_path (till_context_get_store (self->context)));
    adw_preferences_group_set_description (self->register_group, description);
  }
}

static void
on_map (GtkWidget        *widget,
        TillSettingsPage *self)
{
  reload_all (self);
}

static void
on_staff_changed (TillContext      *context,
                  GParamSpec       *pspec,
                  TillSettingsPage *self)
{
  reload_all (self);
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
till_settings_page_constructed (GObject *object)
{
  TillSettingsPage *self = TILL_SETTINGS_PAGE (object);

  G_OBJECT_CLASS (till_settings_page_parent_class)->constructed (object);

  self->machine = machine_settings ();
  for (gsize i = 0; i < G_N_ELEMENTS (row_specs); i++)
    build_setting_row (self, &row_specs[i]);
  reload_all (self);

  g_signal_connect_object (self->context, "notify::staff-id", G_CALLBACK (on_staff_changed), self, 0);
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
}

static void
till_settings_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TillSettingsPage *self = TILL_SETTINGS_PAGE (object);

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
till_settings_page_dispose (GObject *object)
{
  TillSettingsPage *self = TILL_SETTINGS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_SETTINGS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->machine);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_settings_page_parent_class)->dispose (object);
}

static void
till_settings_page_finalize (GObject *object)
{
  TillSettingsPage *self = TILL_SETTINGS_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->catalog_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (till_settings_page_parent_class)->finalize (object);
}

static void
till_settings_page_class_init (TillSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_settings_page_constructed;
  object_class->dispose = till_settings_page_dispose;
  object_class->finalize = till_settings_page_finalize;
  object_class->set_property = till_settings_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, settings_stack);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, shop_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, receipt_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, money_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, tax_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, categories_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, discount_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, loyalty_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, scanning_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, security_group);
  gtk_widget_class_bind_template_child (widget_class, TillSettingsPage, register_group);
}

static void
till_settings_page_init (TillSettingsPage *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)setting_row_free);
  self->catalog_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static SettingRow *
find_row (TillSettingsPage *self,
          const char       *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      SettingRow *row = self->rows->pdata[i];
      if (g_str_equal (row->spec->key, key))
        return row;
    }
  return NULL;
}

GtkWidget *
till_settings_page_get_row (TillSettingsPage *self,
                            const char       *key)
{
  SettingRow *row;

  g_return_val_if_fail (TILL_IS_SETTINGS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = find_row (self, key);
  return row != NULL ? row->row : NULL;
}

const char *
till_settings_page_get_error (TillSettingsPage *self,
                              const char       *key)
{
  SettingRow *row;

  g_return_val_if_fail (TILL_IS_SETTINGS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = find_row (self, key);
  return row != NULL ? row->error : NULL;
}

void
till_settings_page_show_key (TillSettingsPage *self,
                             const char       *key)
{
  SettingRow *row;

  g_return_if_fail (TILL_IS_SETTINGS_PAGE (self));

  row = find_row (self, key);
  if (row == NULL)
    return;
  for (GtkWidget *w = row->row; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_parent (w) == GTK_WIDGET (self->settings_stack))
      {
        gtk_stack_set_visible_child (self->settings_stack, w);
        return;
      }
}
