/* till-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-sign-in-page.h"
#include "till-staff.h"
#include "till-staff-service.h"

struct _TillSignInPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkLabel             *heading;
  GtkLabel             *shop_label;
  GtkStack             *mode_stack;
  GtkListBox           *staff_list;
  GtkPasswordEntry     *pin_entry;
  GtkButton            *sign_in_button;
  AdwEntryRow          *admin_name_row;
  AdwPasswordEntryRow  *admin_pin_row;
  AdwPasswordEntryRow  *admin_pin_again_row;
  GtkButton            *create_admin_button;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;

  /* owned */
  TillContext          *context;
  GCancellable         *cancellable;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillSignInPage, till_sign_in_page, GTK_TYPE_WIDGET)

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "admin") == 0)
    return _("Admin");
  if (g_strcmp0 (role, "manager") == 0)
    return _("Manager");
  return _("Cashier");
}

static void
show_error (TillSignInPage *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (TillSignInPage *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_admin_button), !busy);
}

static gint64
selected_staff_id (TillSignInPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->staff_list);

  if (row == NULL)
    return 0;
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "staff-id"));
}

static void
fill_staff (TillSignInPage *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))) != NULL)
    gtk_list_box_remove (self->staff_list, child);

  staff = till_staff_service_list_active (self->context, &error);
  if (staff == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < staff->len; i++)
    {
      TillStaffRecord *member = staff->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role_label (member->role));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      g_object_set_data (G_OBJECT (row), "staff-id", GSIZE_TO_POINTER ((gsize)member->id));
      gtk_list_box_append (self->staff_list, row);
    }
}

void
till_sign_in_page_reset (TillSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shop = NULL;
  gboolean first_admin = FALSE;

  g_return_if_fail (TILL_IS_SIGN_IN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");

  shop = till_context_dup_setting (self->context, "shop.name", "");
  gtk_label_set_text (self->shop_label, shop);
  gtk_widget_set_visible (GTK_WIDGET (self->shop_label), shop[0] != '\0');

  if (!till_staff_service_needs_first_admin (self->context, &first_admin, &error))
    show_error (self, error->message);

  if (first_admin)
    {
      gtk_label_set_text (self->heading, _("Welcome to Till"));
      gtk_stack_set_visible_child_name (self->mode_stack, "first-admin");
      gtk_widget_grab_focus (GTK_WIDGET (self->admin_name_row));
      return;
    }

  gtk_label_set_text (self->heading, _("Who is at the till?"));
  gtk_stack_set_visible_child_name (self->mode_stack, "sign-in");
  fill_staff (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->staff_list));
}

static void
on_staff_selected (GtkListBox     *list,
                   GtkListBoxRow  *row,
                   TillSignInPage *self)
{
  if (row == NULL)
    return;
  show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TillSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!till_staff_service_sign_in_finish (TILL_CONTEXT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  /* The window follows the context's staff-id and shows the work pages. */
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
}

static void
sign_in (TillSignInPage *self)
{
  gint64 staff_id = selected_staff_id (self);
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));

  if (staff_id == 0)
    {
      show_error (self, _("Choose your name first, then enter your PIN."));
      gtk_widget_grab_focus (GTK_WIDGET (self->staff_list));
      return;
    }
  if (pin[0] == '\0')
    {
      show_error (self, _("Enter your PIN."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  till_staff_service_sign_in_async (self->context, staff_id, pin, self->cancellable,
                                    on_signed_in, g_object_ref (self));
}

static void
on_pin_activate (GtkPasswordEntry *entry,
                 TillSignInPage   *self)
{
  sign_in (self);
}

static void
on_sign_in_clicked (GtkButton      *button,
                    TillSignInPage *self)
{
  sign_in (self);
}

static void
on_create_admin_clicked (GtkWidget      *widget,
                         TillSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->admin_pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->admin_pin_again_row));

  if (g_strcmp0 (pin, again) != 0)
    {
      show_error (self, _("The two PINs differ. Enter the same PIN twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->admin_pin_again_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->admin_pin_again_row));
      return;
    }
  if (!till_staff_service_create_first_admin (self->context, name, pin, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->admin_pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_pin_again_row), "");
}

static void
till_sign_in_page_constructed (GObject *object)
{
  TillSignInPage *self = TILL_SIGN_IN_PAGE (object);

  G_OBJECT_CLASS (till_sign_in_page_parent_class)->constructed (object);
  till_sign_in_page_reset (self);
}

static void
till_sign_in_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TillSignInPage *self = TILL_SIGN_IN_PAGE (object);

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
till_sign_in_page_dispose (GObject *object)
{
  TillSignInPage *self = TILL_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_SIGN_IN_PAGE);
  /* The template's top widget is not bound: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_sign_in_page_parent_class)->dispose (object);
}

static void
till_sign_in_page_class_init (TillSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_sign_in_page_constructed;
  object_class->dispose = till_sign_in_page_dispose;
  object_class->set_property = till_sign_in_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, heading);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, shop_label);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, admin_pin_row);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, admin_pin_again_row);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, create_admin_button);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TillSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_create_admin_clicked);
}

static void
till_sign_in_page_init (TillSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
