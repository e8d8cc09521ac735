/* till-window.c: the main window: sign-in, then the pages behind a view switcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-access.h"
#include "till-audit-page.h"
#include "till-customers-page.h"
#include "till-loyalty-page.h"
#include "till-orders-page.h"
#include "till-privacy-page.h"
#include "till-products-page.h"
#include "till-sell-page.h"
#include "till-settings-page.h"
#include "till-sign-in-page.h"
#include "till-staff-page.h"
#include "till-staff-service.h"
#include "till-service-page.h"
#include "till-window.h"

struct _TillWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwBin               *sign_in_bin;
  AdwBin               *customers_bin;
  AdwBin               *loyalty_bin;
  AdwBin               *orders_bin;
  AdwBin               *products_bin;
  AdwBin               *settings_bin;
  AdwBin               *sell_bin;
  AdwBin               *service_bin;
  AdwViewStackPage     *service_stack_page;
  AdwViewStack         *stack;
  AdwWindowTitle       *title;
  GtkLabel             *staff_label;

  /* owned */
  TillContext          *context;
  GSettings            *settings;
  TillSignInPage       *sign_in_page;
  TillSellPage         *sell_page;
  TillServicePage      *service_page;

  /* idle lock: the monotonic time of the last input, and the check's source */
  gint64                last_input;
  guint                 idle_source;
};

G_DEFINE_FINAL_TYPE (TillWindow, till_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
follow_staff (TillWindow *self)
{
  if (till_context_is_signed_in (self->context))
    {
      g_autofree char *label = g_strdup_printf ("%s · %s", till_context_get_staff_name (self->context),
                                                role_label (till_context_get_role (self->context)));
      gtk_label_set_text (self->staff_label, label);
      gtk_stack_set_visible_child_name (self->main_stack, "work");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.staff",
                                     till_access_may (self->context, TILL_OPERATION_MANAGE_STAFF));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit",
                                     till_access_may (self->context, TILL_OPERATION_VIEW_AUDIT));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.privacy",
                                     till_access_may (self->context, TILL_OPERATION_CUSTOMER_DATA));
      /* The cashier starts at the Sell page with the scanner ready. */
      adw_view_stack_set_visible_child_name (self->stack, "sell");
      till_sell_page_focus_scan (self->sell_page);
    }
  else
    {
      gtk_label_set_text (self->staff_label, "");
      till_sign_in_page_reset (self->sign_in_page);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.staff", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.privacy", FALSE);
    }
}

static void
on_staff_changed (TillContext *context,
                  GParamSpec  *pspec,
                  TillWindow  *self)
{
  follow_staff (self);
}

static void
action_lock (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TillWindow *self = TILL_WINDOW (widget);

  till_staff_service_lock (self->context, "request");
}

/* The admins' Staff and Audit pages, each in a window of its own over this one */
static void
present_admin_page (TillWindow *self,
                    const char *title,
                    GtkWidget  *page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
}

static void
action_staff (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TillWindow *self = TILL_WINDOW (widget);
  present_admin_page (self, _("Staff"), till_staff_page_new (self->context));
}

static void
action_audit (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TillWindow *self = TILL_WINDOW (widget);
  present_admin_page (self, _("Audit Log"), till_audit_page_new (self->context));
}

static void
action_privacy (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TillWindow *self = TILL_WINDOW (widget);
  present_admin_page (self, _("Customer Data"), till_privacy_page_new (self->context));
}

static gboolean
on_any_input (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              TillWindow               *self)
{
  self->last_input = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* Locks the window after staff.idle_lock_minutes without input (0: never). */
static gboolean
check_idle (gpointer user_data)
{
  TillWindow *self = user_data;

  till_staff_service_lock_if_idle (self->context,
                                   (g_get_monotonic_time () - self->last_input) / G_TIME_SPAN_SECOND);
  return G_SOURCE_CONTINUE;
}

static GSettings *
window_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the installed schema (a bare binary) the size is just not kept. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* The Service page's badge: open requests and overdue ones */
static void
on_service_attention (TillWindow *self)
{
  gint64 count = till_service_page_get_attention (self->service_page);

  adw_view_stack_page_set_badge_number (self->service_stack_page, (guint)MIN (count, G_MAXUINT));
  adw_view_stack_page_set_needs_attention (self->service_stack_page, count > 0);
}

/* A request about the customer and order at the counter (the Sell page's
 * Request button) */
static void
action_record_request (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TillWindow *self = TILL_WINDOW (widget);
  TillOrder *order = till_sell_page_get_order (self->sell_page);
  const TillOrderRecord *record = order != NULL ? till_order_get_record (order) : NULL;

  adw_view_stack_set_visible_child_name (self->stack, "service");
  till_service_page_start_request (self->service_page, record != NULL ? record->customer_id : 0,
                                   record != NULL ? record->id : 0);
}

static void
till_window_constructed (GObject *object)
{
  TillWindow *self = TILL_WINDOW (object);
  g_autofree char *shop = NULL;
  g_autofree char *basename = NULL;
  GtkWidget *customers;

  G_OBJECT_CLASS (till_window_parent_class)->constructed (object);

  shop = till_context_dup_setting (self->context, "shop.name", "");
  basename = g_path_get_basename (till_store_get_path (till_context_get_store (self->context)));
  adw_window_title_set_subtitle (self->title, shop[0] != '\0' ? shop : basename);

  self->sign_in_page = g_object_new (TILL_TYPE_SIGN_IN_PAGE, "context", self->context, NULL);
  adw_bin_set_child (self->sign_in_bin, GTK_WIDGET (self->sign_in_page));

  customers = g_object_new (TILL_TYPE_CUSTOMERS_PAGE, "context", self->context, NULL);
  adw_bin_set_child (self->customers_bin, customers);
  adw_bin_set_child (self->orders_bin, g_object_new (TILL_TYPE_ORDERS_PAGE, "context", self->context, NULL));
  adw_bin_set_child (self->loyalty_bin, g_object_new (TILL_TYPE_LOYALTY_PAGE, "context", self->context, NULL));
  adw_bin_set_child (self->products_bin,
                     g_object_new (TILL_TYPE_PRODUCTS_PAGE, "context", self->context, NULL));
  adw_bin_set_child (self->settings_bin,
                     g_object_new (TILL_TYPE_SETTINGS_PAGE, "context", self->context, NULL));

  self->sell_page = g_object_new (TILL_TYPE_SELL_PAGE, "context", self->context, NULL);
  adw_bin_set_child (self->sell_bin, GTK_WIDGET (self->sell_page));

  self->service_page = TILL_SERVICE_PAGE (till_service_page_new (self->context));
  adw_bin_set_child (self->service_bin, GTK_WIDGET (self->service_page));
  g_signal_connect_swapped (self->service_page, "attention-changed", G_CALLBACK (on_service_attention), self);
  on_service_attention (self);

  self->settings = window_settings ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  g_signal_connect_object (self->context, "notify::staff-id", G_CALLBACK (on_staff_changed), self, 0);
  follow_staff (self);

  /* Any key, click or pointer motion counts as activity for the idle lock. */
  {
    GtkEventController *input = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
    g_signal_connect (input, "event", G_CALLBACK (on_any_input), self);
    gtk_widget_add_controller (GTK_WIDGET (self), input);
    self->last_input = g_get_monotonic_time ();
    self->idle_source = g_timeout_add_seconds (15, check_idle, self);
  }
}

static void
till_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TillWindow *self = TILL_WINDOW (object);

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
till_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TillWindow *self = TILL_WINDOW (object);

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
till_window_dispose (GObject *object)
{
  TillWindow *self = TILL_WINDOW (object);

  if (self->settings != NULL)
    {
      g_settings_unbind (self, "default-width");
      g_settings_unbind (self, "default-height");
      g_settings_unbind (self, "maximized");
    }
  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_WINDOW);
  self->sign_in_page = NULL;
  self->sell_page = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_window_parent_class)->dispose (object);
}

static void
till_window_class_init (TillWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_window_constructed;
  object_class->dispose = till_window_dispose;
  object_class->get_property = till_window_get_property;
  object_class->set_property = till_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TILL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, action_lock);
  gtk_widget_class_install_action (widget_class, "win.staff", NULL, action_staff);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, action_audit);
  gtk_widget_class_install_action (widget_class, "win.privacy", NULL, action_privacy);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);

  g_type_ensure (TILL_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TILL_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (TILL_TYPE_ORDERS_PAGE);
  g_type_ensure (TILL_TYPE_PRODUCTS_PAGE);
  g_type_ensure (TILL_TYPE_SETTINGS_PAGE);
  g_type_ensure (TILL_TYPE_SELL_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TillWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, sign_in_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, customers_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, loyalty_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, orders_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, products_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, settings_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, sell_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, service_bin);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, service_stack_page);
  gtk_widget_class_install_action (widget_class, "win.record-request", NULL, action_record_request);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, title);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, staff_label);
}

static void
till_window_init (TillWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TillWindow *
till_window_new (GtkApplication *application,
                 TillContext    *context)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return g_object_new (TILL_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

TillContext *
till_window_get_context (TillWindow *self)
{
  g_return_val_if_fail (TILL_IS_WINDOW (self), NULL);
  return self->context;
}

void
till_window_toast (TillWindow *self,
                   const char *message)
{
  g_return_if_fail (TILL_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
