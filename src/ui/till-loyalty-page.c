/* till-loyalty-page.c: the Loyalty page
 *
 * Program usage over a chosen period as Cairo-drawn charts (points issued,
 * redeemed and expired per week or month in the shop's time zone; members
 * by tier; top rewards) and a table with CSV export; the program's settings
 * through the settings service.  Figures come from the loyalty service; the
 * doubles here are chart geometry only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "till-loyalty-page.h"
#include "till-loyalty-service.h"
#include "till-money.h"
#include "till-settings-service.h"

struct _TillLoyaltyPage
{
  GtkWidget         parent_instance;

  TillContext      *context;
  TillLoyaltyUsage *usage;

  GtkDropDown      *period_dropdown;
  GtkLabel         *summary_label;
  GtkDrawingArea   *points_chart;
  GtkDrawingArea   *tier_chart;
  GtkDrawingArea   *rewards_chart;
  GtkGrid          *usage_grid;
  AdwEntryRow      *earn_points_row;
  AdwEntryRow      *earn_amount_row;
  AdwEntryRow      *window_row;
  AdwEntryRow      *expiry_row;
  GtkLabel         *setting_error;
  AdwPreferencesGroup *tiers_group;
  AdwPreferencesGroup *rewards_group;
  GPtrArray        *group_rows;    /* rows added to tiers_group and rewards_group */
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillLoyaltyPage, till_loyalty_page, GTK_TYPE_WIDGET)

/* issued, redeemed, expired */
static const double series_colours[3][3] = {
  { 0.21, 0.52, 0.89 },
  { 0.18, 0.76, 0.49 },
  { 0.90, 0.38, 0.00 },
};

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           gboolean    right)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x - w : x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_points (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  TillLoyaltyPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  const double left = 56, bottom = 36, top = 24;
  gint64 max = 1;
  guint n;
  double slot, bar, plot_h = height - bottom - top;
  GdkRGBA fg;

  if (self->usage == NULL || self->usage->buckets->len == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  n = self->usage->buckets->len;
  for (guint i = 0; i < n; i++)
    {
      TillLoyaltyBucket *b = self->usage->buckets->pdata[i];
      max = MAX (max, MAX (b->issued, MAX (b->redeemed, b->expired)));
    }
  slot = (width - left - 8) / n;
  bar = MAX (2.0, slot / 4.0);

  /* grid lines at quarters */
  cairo_set_line_width (cr, 1);
  for (int q = 0; q <= 4; q++)
    {
      double y = top + plot_h - plot_h * q / 4.0;
      char label[32];

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_move_to (cr, left, y + 0.5);
      cairo_line_to (cr, width - 8, y + 0.5);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%" G_GINT64_FORMAT, max * q / 4);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (cr, widget, label, left - 6, y, TRUE);
    }

  for (guint i = 0; i < n; i++)
    {
      TillLoyaltyBucket *b = self->usage->buckets->pdata[i];
      gint64 values[3] = { b->issued, b->redeemed, b->expired };
      double x0 = left + slot * i + (slot - 3 * bar) / 2;

      for (int s = 0; s < 3; s++)
        {
          double h = plot_h * (double)values[s] / (double)max;

          cairo_set_source_rgb (cr, series_colours[s][0], series_colours[s][1], series_colours[s][2]);
          cairo_rectangle (cr, x0 + s * bar, top + plot_h - h, bar - 1, h);
          cairo_fill (cr);
        }
      if (n <= 13 || i % (n / 12 + 1) == 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          draw_text (cr, widget, b->label + 5, left + slot * i + slot / 2 - 14, height - bottom / 2, FALSE);
        }
    }

  /* legend */
  {
    const char *names[3] = { _("Issued"), _("Redeemed"), _("Expired") };
    double x = left;

    for (int s = 0; s < 3; s++)
      {
        cairo_set_source_rgb (cr, series_colours[s][0], series_colours[s][1], series_colours[s][2]);
        cairo_rectangle (cr, x, 4, 12, 12);
        cairo_fill (cr);
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
        draw_text (cr, widget, names[s], x + 16, 10, FALSE);
        x += 110;
      }
  }
}

static void
draw_hbars (GtkWidget  *widget,
            cairo_t    *cr,
            int         width,
            GPtrArray  *names,
            GArray     *counts,
            int         colour)
{
  gint64 max = 1;
  const double label_w = 130, row_h = 24;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  for (guint i = 0; i < counts->len; i++)
    max = MAX (max, g_array_index (counts, gint64, i));
  if (names->len == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      draw_text (cr, widget, _("Nothing in this period"), 0, row_h / 2, FALSE);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      gint64 count = g_array_index (counts, gint64, i);
      double w = (width - label_w - 50) * (double)count / (double)max;
      double y = i * row_h;
      char text[32];

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      draw_text (cr, widget, names->pdata[i], 0, y + row_h / 2, FALSE);
      cairo_set_source_rgb (cr, series_colours[colour][0], series_colours[colour][1], series_colours[colour][2]);
      cairo_rectangle (cr, label_w, y + 4, MAX (w, 1), row_h - 8);
      cairo_fill (cr);
      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, count);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      draw_text (cr, widget, text, label_w + w + 6, y + row_h / 2, FALSE);
    }
}

static void
draw_tiers (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  TillLoyaltyPage *self = user_data;

  if (self->usage != NULL)
    draw_hbars (GTK_WIDGET (area), cr, width, self->usage->tiers, self->usage->tier_counts, 0);
}

static void
draw_rewards (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  TillLoyaltyPage *self = user_data;

  if (self->usage != NULL)
    draw_hbars (GTK_WIDGET (area), cr, width, self->usage->top_rewards, self->usage->reward_counts, 1);
}

static void
grid_cell (GtkGrid    *grid,
           const char *text,
           int         column,
           int         row,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
fill_table (TillLoyaltyPage *self)
{
  GtkWidget *child;
  const char *headings[5] = { _("Period"), _("Issued"), _("Redeemed"), _("Expired"), _("Reversed") };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->usage_grid))) != NULL)
    gtk_grid_remove (self->usage_grid, child);
  for (int c = 0; c < 5; c++)
    grid_cell (self->usage_grid, headings[c], c, 0, TRUE);
  if (self->usage == NULL)
    return;
  for (guint i = 0; i < self->usage->buckets->len; i++)
    {
      TillLoyaltyBucket *b = self->usage->buckets->pdata[i];
      gint64 values[4] = { b->issued, b->redeemed, b->expired, b->reversed };

      grid_cell (self->usage_grid, b->label, 0, i + 1, FALSE);
      for (int c = 0; c < 4; c++)
        {
          char text[32];
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, values[c]);
          grid_cell (self->usage_grid, text, c + 1, i + 1, FALSE);
        }
    }
}

static void
load_usage (TillLoyaltyPage *self)
{
  static const struct { gboolean monthly; guint n; } periods[] = {
    { FALSE, 12 }, { FALSE, 26 }, { TRUE, 12 }, { TRUE, 24 },
  };
  guint selected = MIN (gtk_drop_down_get_selected (self->period_dropdown), G_N_ELEMENTS (periods) - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->usage, till_loyalty_usage_free);
  self->usage = till_loyalty_service_usage (self->context, periods[selected].monthly, periods[selected].n, &error);
  if (self->usage == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      fill_table (self);
      return;
    }
  rate = till_percent_format (self->usage->redemption_bp, TILL_NOTATION_PERSON);
  summary = g_strdup_printf (_("%" G_GINT64_FORMAT " members, %" G_GINT64_FORMAT " active in the last 90 days · "
                               "%" G_GINT64_FORMAT " points issued, %" G_GINT64_FORMAT " redeemed, %" G_GINT64_FORMAT
                               " expired · redemption rate %s %%"),
                             self->usage->members, self->usage->active, self->usage->issued, self->usage->redeemed,
                             self->usage->expired, rate);
  gtk_label_set_text (self->summary_label, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_label), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  fill_table (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->points_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->tier_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->rewards_chart));
}

static void
add_group_row (TillLoyaltyPage     *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
}

static void
load_program (TillLoyaltyPage *self)
{
  struct { AdwEntryRow *row; const char *key; } entries[] = {
    { self->earn_points_row, "loyalty.earn_points" },
    { self->earn_amount_row, "loyalty.earn_amount" },
    { self->window_row, "loyalty.window_days" },
    { self->expiry_row, "loyalty.expiry_months" },
  };
  g_autoptr(GPtrArray) tiers = till_loyalty_service_list_tiers (self->context, NULL);
  g_autoptr(GPtrArray) rewards = till_loyalty_service_list_rewards (self->context, FALSE, NULL);
  const TillCurrency *currency = till_settings_service_get_currency (self->context);

  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *value = till_settings_service_get (self->context, entries[i].key, NULL);

      gtk_editable_set_text (GTK_EDITABLE (entries[i].row), value != NULL ? value : "");
      g_object_set_data (G_OBJECT (entries[i].row), "till-key", (gpointer)entries[i].key);
    }

  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = self->group_rows->pdata[i];
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

      if (group != NULL)
        adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->group_rows, 0);

  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    {
      TillTierRecord *t = tiers->pdata[i];
      g_autofree char *threshold = till_money_format (t->threshold, currency, TILL_NOTATION_PERSON);
      g_autofree char *discount = till_percent_format (t->tier_bp, TILL_NOTATION_PERSON);
      g_autofree char *mult = till_decimal_format_short (t->mult_bp, 4, TILL_NOTATION_PERSON);
      g_autofree char *subtitle = g_strdup_printf (_("from %s spent · %s %% off · points ×%s"), threshold, discount,
                                                   mult);
      add_group_row (self, self->tiers_group, t->name, subtitle);
    }
  for (guint i = 0; rewards != NULL && i < rewards->len; i++)
    {
      TillRewardRecord *r = rewards->pdata[i];
      g_autofree char *what = NULL;
      g_autofree char *subtitle = NULL;

      if (g_str_equal (r->kind, "amount_off"))
        {
          g_autofree char *amount = till_money_format (r->value, currency, TILL_NOTATION_PERSON);
          what = g_strdup_printf (_("%s off"), amount);
        }
      else if (g_str_equal (r->kind, "percent_off"))
        {
          g_autofree char *percent = till_percent_format (r->value, TILL_NOTATION_PERSON);
          what = g_strdup_printf (_("%s %% off"), percent);
        }
      else
        what = g_strdup (_("a free product"));
      subtitle = g_strdup_printf (_("%" G_GINT64_FORMAT " points · %s%s%s%s%s"), r->cost, what,
                                  r->valid_from != NULL ? _(" · from ") : "", r->valid_from != NULL ? r->valid_from : "",
                                  r->valid_until != NULL ? _(" · until ") : "",
                                  r->valid_until != NULL ? r->valid_until : "");
      add_group_row (self, self->rewards_group, r->name, subtitle);
    }
}

void
till_loyalty_page_reload (TillLoyaltyPage *self)
{
  g_return_if_fail (TILL_IS_LOYALTY_PAGE (self));

  load_program (self);
  load_usage (self);
}

static void
on_period_changed (TillLoyaltyPage *self)
{
  if (self->context != NULL)
    load_usage (self);
}

static void
on_setting_apply (AdwEntryRow     *row,
                  TillLoyaltyPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "till-key");
  g_autoptr(GError) error = NULL;

  if (key == NULL)
    return;
  if (!till_settings_service_set (self->context, key, gtk_editable_get_text (GTK_EDITABLE (row)), NULL, &error))
    {
      gtk_label_set_text (self->setting_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->setting_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->setting_error), FALSE);
  till_loyalty_page_reload (self);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    TillLoyaltyPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->usage != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = till_loyalty_usage_to_csv (self->usage);
      g_autoptr(GError) error = NULL;

      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          gtk_label_set_text (self->setting_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->setting_error), TRUE);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_clicked (TillLoyaltyPage *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = gtk_file_chooser_native_new (_("Export the program's usage"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "loyalty-usage.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
till_loyalty_page_constructed (GObject *object)
{
  TillLoyaltyPage *self = TILL_LOYALTY_PAGE (object);

  G_OBJECT_CLASS (till_loyalty_page_parent_class)->constructed (object);
  if (self->context != NULL)
    till_loyalty_page_reload (self);
}

static void
till_loyalty_page_dispose (GObject *object)
{
  TillLoyaltyPage *self = TILL_LOYALTY_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_LOYALTY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->usage, till_loyalty_usage_free);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_loyalty_page_parent_class)->dispose (object);
}

static void
till_loyalty_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TillLoyaltyPage *self = TILL_LOYALTY_PAGE (object);

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
till_loyalty_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TillLoyaltyPage *self = TILL_LOYALTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_loyalty_page_class_init (TillLoyaltyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_loyalty_page_constructed;
  object_class->dispose = till_loyalty_page_dispose;
  object_class->set_property = till_loyalty_page_set_property;
  object_class->get_property = till_loyalty_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-loyalty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, points_chart);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, tier_chart);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, rewards_chart);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, usage_grid);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, earn_points_row);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, earn_amount_row);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, window_row);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, setting_error);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, tiers_group);
  gtk_widget_class_bind_template_child (widget_class, TillLoyaltyPage, rewards_group);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
till_loyalty_page_init (TillLoyaltyPage *self)
{
  self->group_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->points_chart, draw_points, self, NULL);
  gtk_drawing_area_set_draw_func (self->tier_chart, draw_tiers, self, NULL);
  gtk_drawing_area_set_draw_func (self->rewards_chart, draw_rewards, self, NULL);
}
