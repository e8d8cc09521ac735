/* till-demo-history.h: months of sales for the demo shop, made through the checkout services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint orders;
  guint refunds;
  guint customers_with_points;
} TillDemoHistory;

/* Adds the demo's loyalty tiers, then @days days of paid orders ending at
 * @until (cash, card and split, some with customers, discounts and weighed
 * items), and refunds of a few of them, each through the same services as
 * the window. */
gboolean till_demo_add_history (TillStore        *store,
                                guint             days,
                                GDateTime        *until,
                                TillDemoHistory  *out_history,
                                GError          **error);

G_END_DECLS
