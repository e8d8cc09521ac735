/* till-printer-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-gtk-printer.h"
#include "till-printer-picker.h"

#define QUEUE_LIST_TIMEOUT_SECONDS 5

/* The printer picker ---------------------------------------------------------- */

typedef struct
{
  GtkWidget     *row;        /* borrowed: the picker owns this */
  GSettings     *settings;
  GtkStringList *labels;
  GPtrArray     *queues;     /* parallel to labels; "" is None */
  GStrv          available;  /* NULL until listed */
  GCancellable  *cancellable;
  gboolean       updating;
} Picker;

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  g_cancellable_cancel (picker->cancellable);
  g_clear_object (&picker->cancellable);
  g_signal_handlers_disconnect_by_data (picker->settings, picker);
  g_clear_object (&picker->settings);
  g_clear_object (&picker->labels);
  g_clear_pointer (&picker->queues, g_ptr_array_unref);
  g_clear_pointer (&picker->available, g_strfreev);
  g_free (picker);
}

/* "None", the queues, and the chosen one if the server does not list it */
static void
rebuild (Picker *picker)
{
  g_autofree char *chosen = g_settings_get_string (picker->settings, "printer");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  g_ptr_array_set_size (picker->queues, 0);
  g_ptr_array_add (picker->queues, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("None")));
  for (guint i = 0; picker->available != NULL && picker->available[i] != NULL; i++)
    {
      g_ptr_array_add (picker->queues, g_strdup (picker->available[i]));
      g_ptr_array_add (labels, g_strdup (picker->available[i]));
    }
  if (chosen[0] != '\0' && !g_ptr_array_find_with_equal_func (picker->queues, chosen, g_str_equal, &selected))
    {
      g_ptr_array_add (picker->queues, g_strdup (chosen));
      /* Until the print server has answered, the choice is just shown. */
      g_ptr_array_add (labels, picker->available != NULL ? g_strdup_printf (_("%s (not found)"), chosen)
                                                         : g_strdup (chosen));
      selected = picker->queues->len - 1;
    }
  g_ptr_array_add (labels, NULL);

  picker->updating = TRUE;
  gtk_string_list_splice (picker->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (picker->labels)),
                          (const char * const *)labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (picker->row), selected);
  picker->updating = FALSE;
}

static void
on_selected (GObject    *row,
             GParamSpec *pspec,
             Picker     *picker)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (picker->updating || selected >= picker->queues->len)
    return;
  g_settings_set_string (picker->settings, "printer", picker->queues->pdata[selected]);
}

static void
on_printer_changed (GSettings  *settings,
                    const char *key,
                    Picker     *picker)
{
  rebuild (picker);
}

static void
on_queues (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GStrv queues = till_gtk_printer_list_queues_finish (result, NULL);
  Picker *picker = user_data;

  /* The picker may be gone: its cancellable says so. */
  if (queues == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_strfreev (queues);
      return;
    }
  g_clear_pointer (&picker->available, g_strfreev);
  picker->available = queues;
  rebuild (picker);
}

GtkWidget *
till_printer_picker_new (GSettings *settings)
{
  GtkWidget *row;
  Picker *picker;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Receipt printer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Receipts print on this CUPS queue without a dialog"));

  picker = g_new0 (Picker, 1);
  picker->row = row;
  picker->settings = g_object_ref (settings);
  picker->labels = gtk_string_list_new (NULL);
  picker->queues = g_ptr_array_new_with_free_func (g_free);
  picker->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (row), "till-printer-picker", picker, picker_free);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (picker->labels));
  rebuild (picker);

  g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected), picker);
  g_signal_connect (settings, "changed::printer", G_CALLBACK (on_printer_changed), picker);
  till_gtk_printer_list_queues_async (QUEUE_LIST_TIMEOUT_SECONDS, picker->cancellable, on_queues, picker);
  return row;
}

const char *
till_printer_picker_get_queue (GtkWidget *row)
{
  Picker *picker = g_object_get_data (G_OBJECT (row), "till-printer-picker");
  guint selected;

  g_return_val_if_fail (picker != NULL, NULL);
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  return selected < picker->queues->len ? picker->queues->pdata[selected] : "";
}

/* Paper ---------------------------------------------------------------------- */

static const char *paper_values[] = { "58", "80", "a4" };

static gboolean
paper_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *paper = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paper_values); i++)
    if (g_str_equal (paper, paper_values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_paper (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (paper_values))
    return NULL;
  return g_variant_new_string (paper_values[selected]);
}

GtkWidget *
till_paper_picker_new (GSettings *settings)
{
  const char *labels[] = { _("58 mm roll"), _("80 mm roll"), _("A4 sheets"), NULL };
  g_autoptr(GtkStringList) model = NULL;
  GtkWidget *row;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  model = gtk_string_list_new (labels);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Receipt paper"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (settings, "paper", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                paper_to_selected, selected_to_paper, NULL, NULL);
  return row;
}

/* Auto-print ------------------------------------------------------------------ */

GtkWidget *
till_auto_print_row_new (GSettings *settings)
{
  GtkWidget *row, *toggle;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Print after payment"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Otherwise receipts print on request; all are archived"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Print after payment"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, "auto-print", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}
