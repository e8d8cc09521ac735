/* till-product-list.h: products as a GListModel, paged from the store
 *
 * Browsing walks the (name, id) index a page at a time (keyset paging, never
 * skipping rows), filtered by category and by active or retired, and keeps a few
 * pages in memory.  Searching shows the first matches of the catalog
 * service's search (a code that resolves first, then barcodes, names and
 * SKUs), sorted by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-catalog.h"
#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_PRODUCT_ITEM (till_product_item_get_type ())
G_DECLARE_FINAL_TYPE (TillProductItem, till_product_item, TILL, PRODUCT_ITEM, GObject)

gint64      till_product_item_get_id       (TillProductItem *self);
const char *till_product_item_get_name     (TillProductItem *self);
const char *till_product_item_get_sku      (TillProductItem *self);
/* "VIE-001 · Viennoiserie" */
const char *till_product_item_get_detail   (TillProductItem *self);
/* "1,20 €" or "34,90 € / kg" */
const char *till_product_item_get_price    (TillProductItem *self);
const char *till_product_item_get_colour   (TillProductItem *self);
gboolean    till_product_item_get_active   (TillProductItem *self);

#define TILL_TYPE_PRODUCT_LIST (till_product_list_get_type ())
G_DECLARE_FINAL_TYPE (TillProductList, till_product_list, TILL, PRODUCT_LIST, GObject)

#define TILL_PRODUCT_LIST_PAGE_SIZE     100
#define TILL_PRODUCT_LIST_SEARCH_LIMIT  200

TillProductList   *till_product_list_new          (TillContext       *context);
/* Empty text browses; anything else searches. */
void               till_product_list_set_search   (TillProductList   *self,
                                                   const char        *text);
const char        *till_product_list_get_search   (TillProductList   *self);
/* 0: every category */
void               till_product_list_set_filter   (TillProductList   *self,
                                                   gint64             category_id,
                                                   TillProductFilter  filter);
/* Reads the store again (after a product was added or changed). */
void               till_product_list_refresh      (TillProductList   *self);
/* The position of the product, or -1 when the list does not show it */
int                till_product_list_find         (TillProductList   *self,
                                                   gint64             product_id);
guint              till_product_list_get_n_cached (TillProductList   *self);
const GError      *till_product_list_get_error    (TillProductList   *self);

G_END_DECLS
