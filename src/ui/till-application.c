/* till-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-application.h"
#include "till-audit.h"
#include "till-clock.h"
#include "till-context.h"
#include "till-database-path.h"
#include "till-libnotify-notifier.h"
#include "till-loyalty-service.h"
#include "till-window.h"

struct _TillApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *database_option;
  TillStore      *store;
  TillClock      *clock;
  TillNotifier   *notifier;
  TillContext    *context;
};

G_DEFINE_FINAL_TYPE (TillApplication, till_application, ADW_TYPE_APPLICATION)

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TillApplication  *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
show_open_error (TillApplication *self,
                 const GError    *error)
{
  GtkWidget *dialog;

  /* There is no main window yet: the dialog stands alone and quitting is the
   * only way on, since Till cannot work without its database. */
  dialog = adw_message_dialog_new (NULL, _("Till cannot open its database"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "database-error", -1);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
till_application_activate (GApplication *app)
{
  TillApplication *self = TILL_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      path = till_database_path_resolve (self->database_option);
      self->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
      if (self->store == NULL)
        {
          g_printerr ("till: %s\n", error->message);
          show_open_error (self, error);
          return;
        }
    }

  if (self->context == NULL)
    {
      g_autoptr(GError) maintenance_error = NULL;

      self->context = till_context_new (self->store, self->clock, self->notifier, TILL_AUDIT_ACTOR_STAFF);
      /* The loyalty program's daily job (expiry, tier downgrades) at start-up */
      if (!till_loyalty_service_maintain (self->context, NULL, &maintenance_error))
        g_warning ("The loyalty maintenance did not run: %s", maintenance_error->message);
    }
  window = GTK_WINDOW (till_window_new (GTK_APPLICATION (self), self->context));
  gtk_window_present (window);
}

static int
till_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  TillApplication *self = TILL_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("till %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_free (self->database_option);
      self->database_option = g_strdup (database);
    }
  return -1;
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  TillApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Till developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Till"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Till developers"),
                        "developers", developers,
                        "comments", _("Point of sale for the shop counter: orders, loyalty, customer service and customer data protection, offline on one machine."),
                        "website", "https://github.com/tillpos/till",
                        "issue-url", "https://github.com/tillpos/till/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Till developers",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
till_application_startup (GApplication *app)
{
  TillApplication *self = TILL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  const GActionEntry entries[] = {
    { "about", on_about, NULL, NULL, NULL, { 0 } },
    { "quit", on_quit, NULL, NULL, NULL, { 0 } },
  };

  G_APPLICATION_CLASS (till_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  self->clock = till_system_clock_new ();
  self->notifier = till_libnotify_notifier_new ("Till");
  gtk_window_set_default_icon_name (APP_ID);
}

static void
till_application_dispose (GObject *object)
{
  TillApplication *self = TILL_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (till_application_parent_class)->dispose (object);
}

static void
till_application_finalize (GObject *object)
{
  TillApplication *self = TILL_APPLICATION (object);

  g_clear_pointer (&self->database_option, g_free);

  G_OBJECT_CLASS (till_application_parent_class)->finalize (object);
}

static void
till_application_class_init (TillApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = till_application_dispose;
  object_class->finalize = till_application_finalize;
  app_class->activate = till_application_activate;
  app_class->startup = till_application_startup;
  app_class->handle_local_options = till_application_handle_local_options;
}

static void
till_application_init (TillApplication *self)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The database file (default: the database-path setting, else $XDG_DATA_HOME/till/till.db)"),
      N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Till, the point of sale for the shop counter."));
}

TillApplication *
till_application_new (void)
{
  /* NON_UNIQUE: each launch owns the database it was given; two windows on
   * two databases must not be merged into one process. */
  return g_object_new (TILL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/tillpos/Till",
                       NULL);
}

TillStore *
till_application_get_store (TillApplication *self)
{
  g_return_val_if_fail (TILL_IS_APPLICATION (self), NULL);
  return self->store;
}
