/* till-libnotify-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libnotify/notify.h>

#include "till-libnotify-notifier.h"

struct _TillLibnotifyNotifier
{
  GObject     parent_instance;

  /* owned */
  GHashTable *by_kind;   /* kind → NotifyNotification, so a new one replaces the last */
};

static gboolean
libnotify_notify (TillNotifier  *notifier,
                  const char    *kind,
                  const char    *summary,
                  const char    *body,
                  GError       **error)
{
  TillLibnotifyNotifier *self = TILL_LIBNOTIFY_NOTIFIER (notifier);
  NotifyNotification *notification;
  g_autoptr(GError) local_error = NULL;

  if (!notify_is_initted () && !notify_init ("Till"))
    {
      g_set_error_literal (error, TILL_NOTIFIER_ERROR, TILL_NOTIFIER_ERROR_FAILED,
                           "Desktop notifications could not be started.");
      return FALSE;
    }

  notification = g_hash_table_lookup (self->by_kind, kind);
  if (notification == NULL)
    {
      notification = notify_notification_new (summary, body, APP_ID);
      notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
      g_hash_table_insert (self->by_kind, g_strdup (kind), notification);
    }
  else
    notify_notification_update (notification, summary, body, APP_ID);

  if (!notify_notification_show (notification, &local_error))
    {
      gboolean no_service = local_error != NULL &&
                            (g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
                             g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
                             g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER));

      g_set_error (error, TILL_NOTIFIER_ERROR,
                   no_service ? TILL_NOTIFIER_ERROR_NO_SERVICE : TILL_NOTIFIER_ERROR_FAILED,
                   no_service ? "No desktop notification service is running (%s)."
                              : "The desktop notification could not be shown (%s).",
                   local_error != NULL ? local_error->message : "unknown error");
      return FALSE;
    }
  return TRUE;
}

static void
notifier_iface_init (TillNotifierInterface *iface)
{
  iface->notify = libnotify_notify;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TillLibnotifyNotifier, till_libnotify_notifier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_NOTIFIER, notifier_iface_init))

static void
till_libnotify_notifier_finalize (GObject *object)
{
  g_clear_pointer (&TILL_LIBNOTIFY_NOTIFIER (object)->by_kind, g_hash_table_unref);
  G_OBJECT_CLASS (till_libnotify_notifier_parent_class)->finalize (object);
}

static void
till_libnotify_notifier_class_init (TillLibnotifyNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_libnotify_notifier_finalize;
}

static void
till_libnotify_notifier_init (TillLibnotifyNotifier *self)
{
  self->by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

TillNotifier *
till_libnotify_notifier_new (const char *app_name)
{
  if (!notify_is_initted ())
    notify_init (app_name != NULL ? app_name : "Till");
  return g_object_new (TILL_TYPE_LIBNOTIFY_NOTIFIER, NULL);
}
