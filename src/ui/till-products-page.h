/* till-products-page.h: finding, creating, editing and retiring products; CSV import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-catalog-csv.h"
#include "till-context.h"
#include "till-product-list.h"

G_BEGIN_DECLS

#define TILL_TYPE_PRODUCTS_PAGE (till_products_page_get_type ())
G_DECLARE_FINAL_TYPE (TillProductsPage, till_products_page, TILL, PRODUCTS_PAGE, GtkWidget)

TillProductList *till_products_page_get_list       (TillProductsPage    *self);
/* The product in the form: 0 for a new one, -1 when the form is closed */
gint64           till_products_page_get_shown_id   (TillProductsPage    *self);
/* TRUE when the form holds changes not saved yet */
gboolean         till_products_page_is_dirty       (TillProductsPage    *self);
/* Opens a product in the form, as picking it in the list does */
void             till_products_page_show_product   (TillProductsPage    *self,
                                                    gint64               product_id);

/* What the Import and Export menus do once a file is chosen.  The import
 * runs in a worker thread; its report shows at the top of the page. */
void             till_products_page_import_file    (TillProductsPage    *self,
                                                    GFile               *file,
                                                    TillCatalogCsvKind   kind,
                                                    gboolean             skip_invalid);
gboolean         till_products_page_is_importing   (TillProductsPage    *self);
gboolean         till_products_page_export_file    (TillProductsPage    *self,
                                                    GFile               *file,
                                                    TillCatalogCsvKind   kind,
                                                    GError             **error);

G_END_DECLS
