/* till-privacy.h: one customer's data, exported or erased
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

/* The customer's data as JSON (DESIGN.md's field names): "customer", then
 * "orders" with their "lines", "payments" and "refunds", "ledger" and
 * "requests" with their "notes" and "special_order".  Amounts are integers
 * in minor units, times ISO 8601 UTC as stored. */
char     *till_privacy_export_json  (TillStore  *store,
                                     gint64      customer_id,
                                     GError    **error);

/* Inside the caller's transaction: blanks the customer's personal fields
 * (name, card, phone, e-mail, address, birthday, preferences, notes) and the
 * free texts about them (their orders' and lines' notes, their ledger rows'
 * reasons, their requests' texts), sets erased_at.  Amounts, points, dates
 * and ids stay, so every total and the audit chain hold.  The list of the
 * changed field names goes to @out_fields for the audit row. */
gboolean  till_privacy_erase        (TillStore  *store,
                                     gint64      customer_id,
                                     GDateTime  *erased_at,
                                     char      **out_fields,
                                     GError    **error);

/* After the erasing transaction: merges the search index so no segment keeps
 * the old tokens, then checkpoints and truncates the WAL.  With
 * secure_delete on, freed pages are zeroed, so the erased values are left
 * nowhere in the file or its WAL. */
gboolean  till_privacy_scrub        (TillStore  *store,
                                     GError    **error);

G_END_DECLS
