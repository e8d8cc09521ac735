/* till-staff-service.h: signing in, and the first admin of a new shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-context.h"
#include "till-staff.h"

G_BEGIN_DECLS

#define TILL_STAFF_NAME_MAX 100

/* Active staff, by name: an array of TillStaffRecord (see till-staff.h) */
GPtrArray *till_staff_service_list_active       (TillContext          *context,
                                                 GError              **error);
/* TRUE when the shop has no staff yet, and the first start must ask for an admin */
gboolean   till_staff_service_needs_first_admin (TillContext          *context,
                                                 gboolean             *out_needed,
                                                 GError              **error);
/* Creates the first admin and signs them in; refused once any staff exists. */
gboolean   till_staff_service_create_first_admin (TillContext         *context,
                                                  const char          *name,
                                                  const char          *pin,
                                                  GError             **error);

/* Checks the PIN (argon2id, in a worker thread) and signs the member in.
 * A wrong PIN, or a disabled member, is refused (TILL_ERROR_REFUSED) and
 * audited; nobody is signed in then. */
void       till_staff_service_sign_in_async     (TillContext          *context,
                                                 gint64                staff_id,
                                                 const char           *pin,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   till_staff_service_sign_in_finish    (TillContext          *context,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The same, blocking: for the admin tool and tests */
gboolean   till_staff_service_sign_in           (TillContext          *context,
                                                 gint64                staff_id,
                                                 const char           *pin,
                                                 GError              **error);
void       till_staff_service_sign_out          (TillContext          *context);
/* Locks the window: audited as staff.lock with the reason ("request" or
 * "idle"), then nobody is signed in. */
void       till_staff_service_lock              (TillContext          *context,
                                                 const char           *reason);

/* Locks (as till_staff_service_lock with "idle") when @idle_seconds without
 * input reach the shop's staff.idle_lock_minutes (0: never).  TRUE when it
 * locked. */
gboolean   till_staff_service_lock_if_idle      (TillContext          *context,
                                                 gint64                idle_seconds);

/* Wrong PINs in a row before a lockout, and the first lockout's length;
 * every further wrong PIN doubles it, up to the maximum. */
#define TILL_STAFF_MAX_FAILURES        5
#define TILL_STAFF_LOCKOUT_SECONDS     60
#define TILL_STAFF_LOCKOUT_MAX_SECONDS 3600

/* Seconds of lockout after @failed_attempts wrong PINs in a row (0: none) */
gint64     till_staff_lockout_seconds           (int                   failed_attempts);

/* A PIN typed for another purpose than signing in (a manager approving at a
 * cashier's till): refused while @member is locked out (*out_locked TRUE), and
 * a wrong one counts towards the lockout like a wrong sign-in. */
gboolean   till_staff_service_check_pin         (TillContext            *context,
                                                 const TillStaffRecord  *member,
                                                 const char             *pin,
                                                 gboolean               *out_locked,
                                                 GError                **error);

/* Staff management: admins only (TILL_OPERATION_MANAGE_STAFF), each audited
 * with field names only.  The last active admin can be neither disabled nor
 * given another role. */
TillStaffRecord *till_staff_service_find        (TillContext          *context,
                                                 const char           *name,
                                                 GError              **error);
/* Every member, active first, then by name (TillStaffRecord) */
GPtrArray *till_staff_service_list              (TillContext          *context,
                                                 GError              **error);
gboolean   till_staff_service_add               (TillContext          *context,
                                                 const char           *name,
                                                 const char           *role,
                                                 const char           *pin,
                                                 gint64               *out_id,
                                                 GError              **error);
gboolean   till_staff_service_set_active        (TillContext          *context,
                                                 gint64                staff_id,
                                                 gboolean              active,
                                                 GError              **error);
gboolean   till_staff_service_set_pin           (TillContext          *context,
                                                 gint64                staff_id,
                                                 const char           *pin,
                                                 GError              **error);
gboolean   till_staff_service_set_role          (TillContext          *context,
                                                 gint64                staff_id,
                                                 const char           *role,
                                                 GError              **error);

G_END_DECLS
