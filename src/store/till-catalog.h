/* till-catalog.h: tax rates, categories, products and their barcodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64       id;
  const char  *sku;
  const char  *name;
  gint64       category_id;
  gint64       price;          /* minor units; per kg when sold by weight */
  gint64       tax_rate_id;
  gboolean     sold_by_weight;
  gboolean     active;
  gboolean     discountable;
} TillProductDraft;

gboolean till_catalog_insert_tax_rate  (TillStore               *store,
                                        const char              *name,
                                        gint64                   rate_bp,
                                        gint64                  *out_id,
                                        GError                 **error);
gboolean till_catalog_insert_category  (TillStore               *store,
                                        const char              *name,
                                        const char              *colour,
                                        int                      position,
                                        gboolean                 earns_points,
                                        gint64                  *out_id,
                                        GError                 **error);
/* Inserts the product and its barcodes, in the order given. */
gboolean till_catalog_insert_product   (TillStore               *store,
                                        const TillProductDraft  *draft,
                                        const char * const      *barcodes,
                                        gint64                  *out_id,
                                        GError                 **error);
gint64   till_catalog_count_products   (TillStore               *store,
                                        GError                 **error);

G_END_DECLS
