/* till-demo.h: the demo café-bakery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-clock.h"
#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *role;
  const char *pin;
} TillDemoStaff;

/* The demo staff and their PINs (the README lists them too). */
const TillDemoStaff *till_demo_get_staff (gsize       *n_staff);

/* Fills an empty database with the demo shop: settings, tax rates,
 * categories, products with barcodes and scale-label templates, customers and
 * staff, in one transaction.  Refuses (TILL_ERROR_REFUSED) a database that
 * already holds products, customers or staff. */
gboolean             till_demo_fill      (TillStore   *store,
                                          TillClock   *clock,
                                          const char  *actor,
                                          GError     **error);

G_END_DECLS
