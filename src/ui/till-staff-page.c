/* till-staff-page.c: add members, change a role, reset a PIN, disable or
 * enable, through the staff service (which refuses anyone but an admin and
 * keeps the last admin)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-staff-page.h"
#include "till-staff-service.h"

struct _TillStaffPage
{
  GtkBox        parent_instance;

  /* widgets */
  GtkEntry     *name_entry;
  GtkDropDown  *role_dropdown;
  GtkPasswordEntry *pin_entry;
  GtkButton    *add_button;
  GtkListBox   *list;
  GtkLabel     *status;

  /* owned */
  TillContext  *context;
  char         *status_text;
  guint         n_members;
};

G_DEFINE_FINAL_TYPE (TillStaffPage, till_staff_page, GTK_TYPE_BOX)

static const char *roles[] = { "cashier", "manager", "admin", NULL };

static void reload (TillStaffPage *self);

static void
set_status (TillStaffPage *self,
            const char    *text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_text (self->status, text);
}

static void
report (TillStaffPage *self,
        gboolean       ok,
        GError        *error,
        const char    *done)
{
  set_status (self, ok ? done : error->message);
  reload (self);
}

static GtkWidget *
labelled (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return widget;
}

static guint
role_position (const char *role)
{
  for (guint i = 0; roles[i] != NULL; i++)
    if (g_strcmp0 (roles[i], role) == 0)
      return i;
  return 0;
}

static gint64
row_staff_id (GtkWidget *widget)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "staff-id"));
}

static void
on_role_chosen (GtkDropDown   *dropdown,
                GParamSpec    *pspec,
                TillStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *role = roles[gtk_drop_down_get_selected (dropdown)];
  gboolean ok;

  if (g_strcmp0 (g_object_get_data (G_OBJECT (dropdown), "role"), role) == 0)
    return;
  ok = till_staff_service_set_role (self->context, row_staff_id (GTK_WIDGET (dropdown)), role, &error);
  report (self, ok, error, _("Role changed."));
}

static void
on_active_clicked (GtkButton     *button,
                   TillStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean active = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "active"));
  gboolean ok;

  ok = till_staff_service_set_active (self->context, row_staff_id (GTK_WIDGET (button)), !active, &error);
  report (self, ok, error, active ? _("Disabled: they can no longer sign in.") : _("Enabled again."));
}

static void
on_set_pin_clicked (GtkButton     *button,
                    TillStaffPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "pin-entry");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = till_staff_service_set_pin (self->context, row_staff_id (GTK_WIDGET (button)),
                                   gtk_editable_get_text (entry), &error);
  gtk_editable_set_text (entry, "");
  report (self, ok, error, _("New PIN set."));
}

static void
reload (TillStaffPage *self)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_members = 0;

  members = till_staff_service_list (self->context, &error);
  if (members == NULL)
    {
      set_status (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
      return;
    }
  for (guint i = 0; i < members->len; i++)
    {
      const TillStaffRecord *member = members->pdata[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (member->name);
      GtkWidget *role = labelled (gtk_drop_down_new_from_strings (roles), _("Role"));
      GtkWidget *active = gtk_button_new_with_label (member->active ? _("Disable") : _("Enable"));
      GtkWidget *pin = labelled (gtk_password_entry_new (), _("New PIN"));
      GtkWidget *set_pin = gtk_button_new_with_label (_("Set PIN"));
      gpointer id = GSIZE_TO_POINTER ((gsize)member->id);

      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      if (!member->active)
        gtk_widget_add_css_class (name, "dim-label");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (role), role_position (member->role));
      g_object_set_data_full (G_OBJECT (role), "role", g_strdup (member->role), g_free);
      g_object_set_data (G_OBJECT (role), "staff-id", id);
      g_object_set_data (G_OBJECT (active), "staff-id", id);
      g_object_set_data (G_OBJECT (active), "active", GINT_TO_POINTER (member->active));
      g_object_set_data (G_OBJECT (set_pin), "staff-id", id);
      g_object_set_data (G_OBJECT (set_pin), "pin-entry", pin);
      g_signal_connect_object (role, "notify::selected", G_CALLBACK (on_role_chosen), self, 0);
      g_signal_connect_object (active, "clicked", G_CALLBACK (on_active_clicked), self, 0);
      g_signal_connect_object (set_pin, "clicked", G_CALLBACK (on_set_pin_clicked), self, 0);
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), role);
      gtk_box_append (GTK_BOX (row), pin);
      gtk_box_append (GTK_BOX (row), set_pin);
      gtk_box_append (GTK_BOX (row), active);
      gtk_list_box_append (self->list, row);
    }
  self->n_members = members->len;
}

static void
on_add_clicked (TillStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *role = roles[gtk_drop_down_get_selected (self->role_dropdown)];
  gboolean ok;

  ok = till_staff_service_add (self->context, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), role,
                               gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)), NULL, &error);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  report (self, ok, error, _("Added: they can sign in now."));
}

static void
till_staff_page_dispose (GObject *object)
{
  TillStaffPage *self = TILL_STAFF_PAGE (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (till_staff_page_parent_class)->dispose (object);
}

static void
till_staff_page_finalize (GObject *object)
{
  TillStaffPage *self = TILL_STAFF_PAGE (object);

  g_clear_pointer (&self->status_text, g_free);
  G_OBJECT_CLASS (till_staff_page_parent_class)->finalize (object);
}

static void
till_staff_page_class_init (TillStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_staff_page_dispose;
  object_class->finalize = till_staff_page_finalize;
}

static void
till_staff_page_init (TillStaffPage *self)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  self->name_entry = GTK_ENTRY (labelled (gtk_entry_new (), _("Name")));
  gtk_entry_set_placeholder_text (self->name_entry, _("Name"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  self->role_dropdown = GTK_DROP_DOWN (labelled (gtk_drop_down_new_from_strings (roles), _("Role")));
  self->pin_entry = GTK_PASSWORD_ENTRY (labelled (gtk_password_entry_new (), _("PIN")));
  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "suggested-action");
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->role_dropdown));
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->pin_entry));
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->add_button));
  gtk_box_append (GTK_BOX (self), form);

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status));

  self->list = GTK_LIST_BOX (labelled (gtk_list_box_new (), _("Staff")));
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);

  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
}

GtkWidget *
till_staff_page_new (TillContext *context)
{
  TillStaffPage *self;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  self = g_object_new (TILL_TYPE_STAFF_PAGE, NULL);
  self->context = g_object_ref (context);
  reload (self);
  return GTK_WIDGET (self);
}

guint
till_staff_page_get_n_members (TillStaffPage *self)
{
  g_return_val_if_fail (TILL_IS_STAFF_PAGE (self), 0);
  return self->n_members;
}

const char *
till_staff_page_get_status (TillStaffPage *self)
{
  g_return_val_if_fail (TILL_IS_STAFF_PAGE (self), NULL);
  return self->status_text != NULL ? self->status_text : "";
}

void
till_staff_page_submit_new (TillStaffPage *self,
                            const char    *name,
                            const char    *role,
                            const char    *pin)
{
  g_return_if_fail (TILL_IS_STAFF_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  gtk_drop_down_set_selected (self->role_dropdown, role_position (role));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), pin);
  g_signal_emit_by_name (self->add_button, "clicked");
}
