/* till-staff.h: staff members and their hashed PINs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;
  char     *role;            /* "cashier", "manager" or "admin" */
  char     *pin_hash;        /* libsodium crypto_pwhash_str output */
  gboolean  active;
  int       failed_attempts;
  char     *locked_until;    /* ISO 8601 UTC, or NULL */
} TillStaffRecord;

void             till_staff_record_free  (TillStaffRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillStaffRecord, till_staff_record_free)

gboolean         till_staff_insert       (TillStore        *store,
                                          const char       *name,
                                          const char       *role,
                                          const char       *pin_hash,
                                          GDateTime        *created_at,
                                          gint64           *out_id,
                                          GError          **error);
/* NULL with TILL_STORE_ERROR_NOT_FOUND when there is no such member */
TillStaffRecord *till_staff_get_by_id    (TillStore        *store,
                                          gint64            id,
                                          GError          **error);
TillStaffRecord *till_staff_get_by_name  (TillStore        *store,
                                          const char       *name,
                                          GError          **error);
/* Every member, active first, then by name: an array of TillStaffRecord */
GPtrArray       *till_staff_list         (TillStore        *store,
                                          GError          **error);
gint64           till_staff_count        (TillStore        *store,
                                          gboolean          active_only,
                                          GError          **error);

/* Wrong PINs in a row, and until when the member is locked out (NULL: not) */
gboolean         till_staff_set_failures (TillStore        *store,
                                          gint64            id,
                                          int               failed_attempts,
                                          GDateTime        *locked_until,
                                          GError          **error);
gboolean         till_staff_set_active   (TillStore        *store,
                                          gint64            id,
                                          gboolean          active,
                                          GError          **error);
gboolean         till_staff_set_role     (TillStore        *store,
                                          gint64            id,
                                          const char       *role,
                                          GError          **error);
/* A new PIN also clears the wrong-PIN count and any lockout */
gboolean         till_staff_set_pin_hash (TillStore        *store,
                                          gint64            id,
                                          const char       *pin_hash,
                                          GError          **error);

G_END_DECLS
