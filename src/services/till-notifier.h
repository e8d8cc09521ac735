/* till-notifier.h: the notifier port, for local desktop notifications
 *
 * The services raise notifications through this interface only; the app hands
 * in the libnotify implementation (src/platform), tests a recording one.
 * A failed notification is reported to the caller and never stops the work
 * that raised it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TILL_NOTIFIER_ERROR (till_notifier_error_quark ())

typedef enum
{
  TILL_NOTIFIER_ERROR_NO_SERVICE,   /* no notification server on the session bus */
  TILL_NOTIFIER_ERROR_FAILED,
} TillNotifierErrorCode;

#define TILL_TYPE_NOTIFIER (till_notifier_get_type ())
G_DECLARE_INTERFACE (TillNotifier, till_notifier, TILL, NOTIFIER, GObject)

struct _TillNotifierInterface
{
  GTypeInterface parent_iface;

  gboolean (*notify) (TillNotifier  *self,
                      const char    *kind,
                      const char    *summary,
                      const char    *body,
                      GError       **error);
};

GQuark   till_notifier_error_quark (void);

/* @kind names what happened ("points-updated", "tier-reached", "request-new",
 * "request-overdue", "print-failed") so a notification of the same kind
 * replaces the previous one. */
gboolean till_notifier_notify      (TillNotifier  *self,
                                    const char    *kind,
                                    const char    *summary,
                                    const char    *body,
                                    GError       **error);

/* A notifier that keeps what it was asked to show: for tests and for a
 * session without a notification server. */
#define TILL_TYPE_RECORDING_NOTIFIER (till_recording_notifier_get_type ())
G_DECLARE_FINAL_TYPE (TillRecordingNotifier, till_recording_notifier, TILL, RECORDING_NOTIFIER, GObject)

typedef struct
{
  char *kind;
  char *summary;
  char *body;
} TillNotification;

TillNotifier *till_recording_notifier_new        (void);
/* When set, every notify fails with TILL_NOTIFIER_ERROR_NO_SERVICE */
void          till_recording_notifier_set_failing (TillRecordingNotifier *self,
                                                   gboolean               failing);
/* The notifications shown so far, oldest first (TillNotification *) */
GPtrArray    *till_recording_notifier_get_shown   (TillRecordingNotifier *self);

G_END_DECLS
