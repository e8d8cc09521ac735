/* till-loyalty-service.h: tiers (and, with the loyalty program, rewards and adjustments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"
#include "till-loyalty.h"

G_BEGIN_DECLS

#define TILL_TIER_NAME_MAX 50

/* Tiers by ascending threshold (TillTierRecord) */
GPtrArray *till_loyalty_service_list_tiers  (TillContext  *context,
                                             GError      **error);
/* Values as a person writes them with a dot: threshold "500.00", discount
 * "5" (percent), multiplier "1.5".  Refused with a message naming the
 * argument: an empty or duplicate name, a threshold another tier has, bounds
 * of RULES.md. */
gboolean   till_loyalty_service_add_tier    (TillContext  *context,
                                             const char   *name,
                                             const char   *threshold,
                                             const char   *discount,
                                             const char   *multiplier,
                                             GError      **error);
/* Refused while a customer holds the tier */
gboolean   till_loyalty_service_remove_tier (TillContext  *context,
                                             const char   *name,
                                             GError      **error);

G_END_DECLS
