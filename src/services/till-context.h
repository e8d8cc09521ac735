/* till-context.h: what every service works with
 *
 * The store, the ports (clock, notifier) and who is acting: the signed-in
 * staff member in the app, or the admin tool.  The app builds one at start-up
 * with the real ports; tests build theirs with fakes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-clock.h"
#include "till-notifier.h"
#include "till-store.h"

G_BEGIN_DECLS

#define TILL_TYPE_CONTEXT (till_context_get_type ())
G_DECLARE_FINAL_TYPE (TillContext, till_context, TILL, CONTEXT, GObject)

/* @actor is TILL_AUDIT_ACTOR_STAFF for the app (its audit rows carry the
 * signed-in staff member) or TILL_AUDIT_ACTOR_ADMIN for till-admin, which
 * acts as an admin. */
TillContext  *till_context_new             (TillStore     *store,
                                            TillClock     *clock,
                                            TillNotifier  *notifier,
                                            const char    *actor);
TillStore    *till_context_get_store       (TillContext   *self);
TillClock    *till_context_get_clock       (TillContext   *self);
TillNotifier *till_context_get_notifier    (TillContext   *self);
GDateTime    *till_context_now             (TillContext   *self);
const char   *till_context_get_actor       (TillContext   *self);

/* The signed-in staff member: 0 / NULL when nobody is signed in.  The
 * admin tool is signed in as no one and has the admin role. */
gint64        till_context_get_staff_id    (TillContext   *self);
const char   *till_context_get_staff_name  (TillContext   *self);
const char   *till_context_get_role        (TillContext   *self);
gboolean      till_context_is_signed_in    (TillContext   *self);
void          till_context_set_staff       (TillContext   *self,
                                            gint64         staff_id,
                                            const char    *name,
                                            const char    *role);
void          till_context_clear_staff     (TillContext   *self);

/* A shop setting, or @fallback when it is unset */
char         *till_context_dup_setting     (TillContext   *self,
                                            const char    *key,
                                            const char    *fallback);

/* Appends an audit row by whoever acts now, at the clock's time. */
gboolean      till_context_audit           (TillContext   *self,
                                            const char    *action,
                                            const char    *entity,
                                            gint64         entity_id,
                                            const char    *fields,
                                            GError       **error);

G_END_DECLS
