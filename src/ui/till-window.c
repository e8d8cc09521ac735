/* till-window.c: the main window, its page switcher and pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-window.h"

struct _TillWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwViewStack         *stack;
  AdwWindowTitle       *title;

  /* owned */
  TillStore            *store;
};

G_DEFINE_FINAL_TYPE (TillWindow, till_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
till_window_constructed (GObject *object)
{
  TillWindow *self = TILL_WINDOW (object);
  g_autofree char *shop = NULL;
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (till_window_parent_class)->constructed (object);

  shop = till_store_get_setting (self->store, "shop.name");
  basename = g_path_get_basename (till_store_get_path (self->store));
  adw_window_title_set_subtitle (self->title, shop != NULL && shop[0] != '\0' ? shop : basename);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_window_dispose (GObject *object)
{
  TillWindow *self = TILL_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_WINDOW);
  g_clear_object (&self->store);

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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TILL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TillWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TillWindow, title);
}

static void
till_window_init (TillWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TillWindow *
till_window_new (TillApplication *application,
                 TillStore       *store)
{
  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  return g_object_new (TILL_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

TillStore *
till_window_get_store (TillWindow *self)
{
  g_return_val_if_fail (TILL_IS_WINDOW (self), NULL);
  return self->store;
}
