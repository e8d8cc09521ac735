/* till-privacy-page.c: a customer (card:…, phone:…, id:…) exported as JSON to
 * a file, or erased after a confirmation, through the privacy service (which
 * refuses anyone but an admin and audits both)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "till-customer-service.h"
#include "till-privacy-page.h"
#include "till-privacy-service.h"

struct _TillPrivacyPage
{
  GtkBox                parent_instance;

  /* widgets */
  GtkEntry             *customer_entry;
  GtkLabel             *status;

  /* owned */
  TillContext          *context;
  GtkFileChooserNative *chooser;
  char                 *status_text;
};

G_DEFINE_FINAL_TYPE (TillPrivacyPage, till_privacy_page, GTK_TYPE_BOX)

static void
set_status (TillPrivacyPage *self,
            const char      *text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_text (self->status, text);
}

static gint64
find_customer (TillPrivacyPage *self,
               const char      *spec)
{
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = till_customer_service_find (self->context, spec, &error);
  if (customer == NULL)
    {
      set_status (self, error->message);
      return 0;
    }
  return customer->id;
}

gboolean
till_privacy_page_export_to (TillPrivacyPage *self,
                             const char      *customer,
                             GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *done = NULL;
  gint64 id;

  g_return_val_if_fail (TILL_IS_PRIVACY_PAGE (self), FALSE);

  id = find_customer (self, customer);
  if (id == 0)
    return FALSE;
  json = till_privacy_service_export (self->context, id, &error);
  if (json == NULL ||
      !g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  done = g_strdup_printf (_("Customer %" G_GINT64_FORMAT "'s data is in %s."), id, g_file_peek_path (file));
  set_status (self, done);
  return TRUE;
}

gboolean
till_privacy_page_erase (TillPrivacyPage *self,
                         const char      *customer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gint64 id;

  g_return_val_if_fail (TILL_IS_PRIVACY_PAGE (self), FALSE);

  id = find_customer (self, customer);
  if (id == 0)
    return FALSE;
  if (!till_privacy_service_erase (self->context, id, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  done = g_strdup_printf (_("Customer %" G_GINT64_FORMAT " is erased: their orders and points stay, without "
                            "their name."), id);
  set_status (self, done);
  return TRUE;
}

static void
on_chosen (GtkNativeDialog *chooser,
           int              response,
           TillPrivacyPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      till_privacy_page_export_to (self, gtk_editable_get_text (GTK_EDITABLE (self->customer_entry)), file);
    }
  g_clear_object (&self->chooser);
}

static void
on_export_clicked (TillPrivacyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Customer Data"), GTK_WINDOW (root),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "customer.json");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_erase_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TillPrivacyPage  *self)
{
  if (g_str_equal (response, "erase"))
    till_privacy_page_erase (self, gtk_editable_get_text (GTK_EDITABLE (self->customer_entry)));
}

static void
on_erase_clicked (TillPrivacyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Erase this customer?"),
                                   _("Their name, contact details, preferences and the notes about them are "
                                     "removed for good. Their orders and points stay, without their name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "erase", _("_Erase"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
till_privacy_page_dispose (GObject *object)
{
  TillPrivacyPage *self = TILL_PRIVACY_PAGE (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (till_privacy_page_parent_class)->dispose (object);
}

static void
till_privacy_page_finalize (GObject *object)
{
  TillPrivacyPage *self = TILL_PRIVACY_PAGE (object);

  g_clear_pointer (&self->status_text, g_free);
  G_OBJECT_CLASS (till_privacy_page_parent_class)->finalize (object);
}

static void
till_privacy_page_class_init (TillPrivacyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_privacy_page_dispose;
  object_class->finalize = till_privacy_page_finalize;
}

static void
till_privacy_page_init (TillPrivacyPage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("E_xport…"));
  GtkWidget *erase = gtk_button_new_with_mnemonic (_("_Erase…"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  self->customer_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->customer_entry, _("card:…, phone:… or id:…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->customer_entry), TRUE);
  gtk_widget_add_css_class (erase, "destructive-action");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->customer_entry));
  gtk_box_append (GTK_BOX (row), export);
  gtk_box_append (GTK_BOX (row), erase);
  gtk_box_append (GTK_BOX (self), row);

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status));

  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (erase, "clicked", G_CALLBACK (on_erase_clicked), self);
}

GtkWidget *
till_privacy_page_new (TillContext *context)
{
  TillPrivacyPage *self;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  self = g_object_new (TILL_TYPE_PRIVACY_PAGE, NULL);
  self->context = g_object_ref (context);
  return GTK_WIDGET (self);
}

const char *
till_privacy_page_get_status (TillPrivacyPage *self)
{
  g_return_val_if_fail (TILL_IS_PRIVACY_PAGE (self), NULL);
  return self->status_text != NULL ? self->status_text : "";
}
