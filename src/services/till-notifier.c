/* till-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-notifier.h"

G_DEFINE_QUARK (till-notifier-error-quark, till_notifier_error)
G_DEFINE_INTERFACE (TillNotifier, till_notifier, G_TYPE_OBJECT)

static void
till_notifier_default_init (TillNotifierInterface *iface)
{
}

gboolean
till_notifier_notify (TillNotifier  *self,
                      const char    *kind,
                      const char    *summary,
                      const char    *body,
                      GError       **error)
{
  g_return_val_if_fail (TILL_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (kind != NULL && summary != NULL, FALSE);

  return TILL_NOTIFIER_GET_IFACE (self)->notify (self, kind, summary, body != NULL ? body : "", error);
}

struct _TillRecordingNotifier
{
  GObject    parent_instance;
  GPtrArray *shown;
  gboolean   failing;
};

static void
notification_free (gpointer data)
{
  TillNotification *notification = data;

  g_free (notification->kind);
  g_free (notification->summary);
  g_free (notification->body);
  g_free (notification);
}

static gboolean
recording_notify (TillNotifier  *notifier,
                  const char    *kind,
                  const char    *summary,
                  const char    *body,
                  GError       **error)
{
  TillRecordingNotifier *self = TILL_RECORDING_NOTIFIER (notifier);
  TillNotification *notification;

  if (self->failing)
    {
      g_set_error_literal (error, TILL_NOTIFIER_ERROR, TILL_NOTIFIER_ERROR_NO_SERVICE,
                           "No notification service is running.");
      return FALSE;
    }

  notification = g_new0 (TillNotification, 1);
  notification->kind = g_strdup (kind);
  notification->summary = g_strdup (summary);
  notification->body = g_strdup (body);
  g_ptr_array_add (self->shown, notification);
  return TRUE;
}

static void
recording_iface_init (TillNotifierInterface *iface)
{
  iface->notify = recording_notify;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TillRecordingNotifier, till_recording_notifier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_NOTIFIER, recording_iface_init))

static void
till_recording_notifier_finalize (GObject *object)
{
  g_clear_pointer (&TILL_RECORDING_NOTIFIER (object)->shown, g_ptr_array_unref);
  G_OBJECT_CLASS (till_recording_notifier_parent_class)->finalize (object);
}

static void
till_recording_notifier_class_init (TillRecordingNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_recording_notifier_finalize;
}

static void
till_recording_notifier_init (TillRecordingNotifier *self)
{
  self->shown = g_ptr_array_new_with_free_func (notification_free);
}

TillNotifier *
till_recording_notifier_new (void)
{
  return g_object_new (TILL_TYPE_RECORDING_NOTIFIER, NULL);
}

void
till_recording_notifier_set_failing (TillRecordingNotifier *self,
                                     gboolean               failing)
{
  g_return_if_fail (TILL_IS_RECORDING_NOTIFIER (self));
  self->failing = !!failing;
}

GPtrArray *
till_recording_notifier_get_shown (TillRecordingNotifier *self)
{
  g_return_val_if_fail (TILL_IS_RECORDING_NOTIFIER (self), NULL);
  return self->shown;
}
