/* till-catalog.h: tax rates, categories, products and their barcodes
 *
 * Rows in and out, nothing more: the rules (what a valid product is, what
 * may be deleted) are the catalog service's.
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
  gint64    rate_bp;        /* basis points: 1900 = 19 % */
  gboolean  retired;        /* offered for no product any more */
} TillTaxRate;

typedef struct
{
  gint64    id;
  char     *name;
  char     *colour;         /* "#rrggbb" */
  gint64    position;       /* order of the Sell page's quick keys */
  gboolean  earns_points;   /* lines of this category earn loyalty points */
} TillCategory;

typedef struct
{
  gint64      id;
  char       *sku;
  char       *name;
  gint64      category_id;
  gint64      price;           /* minor units; per kg when sold by weight */
  gint64      tax_rate_id;
  gboolean    sold_by_weight;
  gboolean    active;
  gboolean    discountable;
  GPtrArray  *barcodes;        /* char *, in the order they were added */

  /* read along, ignored when writing */
  char       *category_name;
  char       *category_colour;
  gboolean    earns_points;
  gint64      tax_rate_bp;
} TillProductRecord;

/* Which products a page or a count covers */
typedef enum
{
  TILL_PRODUCT_FILTER_ALL,
  TILL_PRODUCT_FILTER_ACTIVE,
  TILL_PRODUCT_FILTER_RETIRED,
} TillProductFilter;

void               till_tax_rate_free            (TillTaxRate        *rate);
TillTaxRate       *till_tax_rate_copy            (const TillTaxRate  *rate);
void               till_category_free            (TillCategory       *category);
TillCategory      *till_category_copy            (const TillCategory *category);
TillProductRecord *till_product_record_new       (void);
TillProductRecord *till_product_record_copy      (const TillProductRecord *record);
void               till_product_record_free      (TillProductRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillTaxRate, till_tax_rate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillCategory, till_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillProductRecord, till_product_record_free)

/* Tax rates.  A name already used gives TILL_STORE_ERROR_CONSTRAINT. */
gboolean     till_catalog_insert_tax_rate     (TillStore          *store,
                                               const char         *name,
                                               gint64              rate_bp,
                                               gint64             *out_id,
                                               GError            **error);
gboolean     till_catalog_update_tax_rate     (TillStore          *store,
                                               const TillTaxRate  *rate,
                                               GError            **error);
gboolean     till_catalog_delete_tax_rate     (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
/* NULL with TILL_STORE_ERROR_NOT_FOUND when there is none */
TillTaxRate *till_catalog_get_tax_rate        (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
TillTaxRate *till_catalog_find_tax_rate_by_name (TillStore        *store,
                                               const char         *name,
                                               GError            **error);
/* The first rate of @rate_bp by id, a rate in use before a retired one */
TillTaxRate *till_catalog_find_tax_rate_by_bp (TillStore          *store,
                                               gint64              rate_bp,
                                               GError            **error);
/* Every rate, by rate then name: TillTaxRate */
GPtrArray   *till_catalog_list_tax_rates      (TillStore          *store,
                                               GError            **error);
/* How many products use the rate (@active_only: active ones); -1 on error */
gint64       till_catalog_count_tax_rate_products (TillStore      *store,
                                               gint64              id,
                                               gboolean            active_only,
                                               GError            **error);

/* Categories.  A name already used gives TILL_STORE_ERROR_CONSTRAINT. */
gboolean      till_catalog_insert_category    (TillStore          *store,
                                               const char         *name,
                                               const char         *colour,
                                               gint64              position,
                                               gboolean            earns_points,
                                               gint64             *out_id,
                                               GError            **error);
gboolean      till_catalog_update_category    (TillStore          *store,
                                               const TillCategory *category,
                                               GError            **error);
gboolean      till_catalog_delete_category    (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
TillCategory *till_catalog_get_category       (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
TillCategory *till_catalog_find_category      (TillStore          *store,
                                               const char         *name,
                                               GError            **error);
/* Every category: by position then name, or by name (byte order) for exports */
GPtrArray    *till_catalog_list_categories    (TillStore          *store,
                                               gboolean            by_name,
                                               GError            **error);
gint64        till_catalog_count_category_products (TillStore     *store,
                                               gint64              id,
                                               GError            **error);
/* The highest position in use, -1 when there is no category, G_MININT64 on error */
gint64        till_catalog_max_category_position (TillStore       *store,
                                               GError            **error);

/* Products.  Inserting and updating write the product's barcodes too, in the
 * order of record->barcodes (an update replaces them all).  A SKU or a
 * barcode already used gives TILL_STORE_ERROR_CONSTRAINT. */
gboolean     till_catalog_insert_product      (TillStore          *store,
                                               TillProductRecord  *record,
                                               GError            **error);
gboolean     till_catalog_update_product      (TillStore          *store,
                                               const TillProductRecord *record,
                                               GError            **error);
gboolean     till_catalog_set_product_active  (TillStore          *store,
                                               gint64              id,
                                               gboolean            active,
                                               GError            **error);
gboolean     till_catalog_delete_product      (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
/* With its barcodes; NULL with TILL_STORE_ERROR_NOT_FOUND when missing */
TillProductRecord *till_catalog_get_product   (TillStore          *store,
                                               gint64              id,
                                               GError            **error);
/* Exact lookups: the product id, or 0 when nothing matches (-1 on error) */
gint64       till_catalog_find_product_by_sku (TillStore          *store,
                                               const char         *sku,
                                               GError            **error);
gint64       till_catalog_find_product_by_barcode (TillStore      *store,
                                               const char         *code,
                                               GError            **error);
gint64       till_catalog_count_products      (TillStore          *store,
                                               GError            **error);
/* Counts products of @category_id (0: every category) that pass @filter */
gint64       till_catalog_count_products_filtered (TillStore      *store,
                                               gint64              category_id,
                                               TillProductFilter   filter,
                                               GError            **error);
/* How many products of @category_id (0: all) passing @filter come before
 * (name, id) in name order: a product's position in a list of pages */
gint64       till_catalog_count_products_before (TillStore        *store,
                                               const char         *name,
                                               gint64              id,
                                               gint64              category_id,
                                               TillProductFilter   filter,
                                               GError            **error);
/* One page ordered by (name, id), after the given key (NULL after_name: from
 * the start), of @category_id (0: all) and @filter; without barcodes. */
GPtrArray   *till_catalog_products_page       (TillStore          *store,
                                               const char         *after_name,
                                               gint64              after_id,
                                               gint64              category_id,
                                               TillProductFilter   filter,
                                               guint               limit,
                                               GError            **error);
/* One page ordered by SKU (byte order) after @after_sku (NULL: from the
 * start), with barcodes: for exports. */
GPtrArray   *till_catalog_products_by_sku     (TillStore          *store,
                                               const char         *after_sku,
                                               guint               limit,
                                               GError            **error);
/* Products whose name or SKU has a word starting with each word of @text
 * (accents ignored), or a barcode starting with @text: at most @limit ids,
 * barcodes first, in no particular order. */
GArray      *till_catalog_search_products     (TillStore          *store,
                                               const char         *text,
                                               guint               limit,
                                               GError            **error);

/* Whether order lines or rewards refer to the product: it was sold, or
 * could be, and is retired rather than deleted.  Works before the orders'
 * schema exists. */
gboolean     till_catalog_product_is_referenced (TillStore        *store,
                                               gint64              id,
                                               gboolean           *out_referenced,
                                               GError            **error);
/* Whether any order has been paid (has a receipt number) */
gboolean     till_catalog_sales_exist         (TillStore          *store,
                                               gboolean           *out_exist,
                                               GError            **error);

G_END_DECLS
