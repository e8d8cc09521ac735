/* till-privacy-service.h: a customer's data exported or erased, contact details revealed
 *
 * Each call checks the permission table (till-access.h) and writes an audit
 * row naming the customer's id and the fields, never their values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"

G_BEGIN_DECLS

/* The customer's data as JSON (till-privacy.h); admins only. */
char     *till_privacy_service_export          (TillContext  *context,
                                                gint64        customer_id,
                                                GError      **error);
/* Anonymises the customer and the free texts about them, keeps every amount,
 * then leaves the erased values nowhere in the database file or its WAL;
 * admins only.  An erased customer is refused a second time. */
gboolean  till_privacy_service_erase           (TillContext  *context,
                                                gint64        customer_id,
                                                GError      **error);
/* Permission to see the customer's phone, e-mail, address and birthday
 * unmasked; audited as customer.reveal when granted. */
gboolean  till_privacy_service_reveal_contact  (TillContext  *context,
                                                gint64        customer_id,
                                                GError      **error);

G_END_DECLS
