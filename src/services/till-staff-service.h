/* till-staff-service.h: signing in, and the first admin of a new shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-context.h"

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

G_END_DECLS
