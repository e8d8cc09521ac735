/* till-catalog-service.h: products, categories and tax rates with every rule checked; scanning
 *
 * The Products page, the Settings page, CSV imports and `till-admin` all go
 * through these functions, so a rule holds the same everywhere.  Refusals of
 * a form come back as per-field problems (TillFieldProblem, as for
 * customers); @error is set only when the request as a whole is refused or
 * the database fails.  Changing the catalog needs a manager or an admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-barcode.h"
#include "till-catalog.h"
#include "till-context.h"
#include "till-customer-service.h"
#include "till-money.h"

G_BEGIN_DECLS

#define TILL_PRODUCT_SKU_MAX          64
#define TILL_PRODUCT_NAME_MAX         200
#define TILL_CATEGORY_NAME_MAX        100
#define TILL_CATEGORY_POSITION_MAX    9999
#define TILL_TAX_RATE_NAME_MAX        100
#define TILL_CATEGORY_DEFAULT_COLOUR  "#9a9996"

/* A product as a person or a file gives it: the price is text as typed. */
typedef struct
{
  gint64      id;              /* 0: a new product */
  char       *sku;
  char       *name;
  gint64      category_id;     /* 0: none chosen */
  char       *price;           /* "2,40" in the window, "2.40" in files; per kg when weighed */
  gint64      tax_rate_id;     /* 0: none chosen */
  gboolean    sold_by_weight;
  gboolean    active;
  gboolean    discountable;
  GPtrArray  *barcodes;        /* char *, in the order they were added */
} TillProductForm;

TillProductForm *till_product_form_new              (void);
/* The form a stored product fills, its price written in @notation */
TillProductForm *till_product_form_new_from_record  (const TillProductRecord *record,
                                                     const TillCurrency      *currency,
                                                     TillNotation             notation);
void             till_product_form_free             (TillProductForm         *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillProductForm, till_product_form_free)

/* Checks @form (trimming its text in place) against the rules and the
 * database, without saving: an empty or too long name or SKU, a SKU or a
 * barcode another product has, a price that is malformed, negative, too
 * precise for the currency or above 10^9 minor units, a category or tax rate
 * that does not exist (or a retired rate newly chosen), and each barcode as
 * till_barcode_check_for_product says.  Fields: "sku", "name", "category",
 * "price", "tax_rate", "barcodes".  Returns the problems (never NULL) and,
 * when there are none and @out_record is given, the record to store. */
GPtrArray  *till_catalog_service_validate_product   (TillContext        *context,
                                                     TillProductForm    *form,
                                                     TillNotation        notation,
                                                     TillProductRecord **out_record);
/* Validates, then adds (id 0: form->id is set) or updates the product in one
 * transaction, audited with the names of the fields that changed.  Problems
 * come back in @out_problems and nothing is saved.  *out_changed (optional)
 * tells whether anything was written. */
gboolean    till_catalog_service_save_product       (TillContext        *context,
                                                     TillProductForm    *form,
                                                     TillNotation        notation,
                                                     gboolean           *out_changed,
                                                     GPtrArray         **out_problems,
                                                     GError            **error);
/* Retires (active FALSE) or brings back a product; audited. */
gboolean    till_catalog_service_set_product_active (TillContext        *context,
                                                     gint64              product_id,
                                                     gboolean            active,
                                                     GError            **error);
/* Deletes a product that was never sold; one that order lines or rewards
 * refer to is refused (TILL_ERROR_REFUSED): retire it instead. */
gboolean    till_catalog_service_delete_product     (TillContext        *context,
                                                     gint64              product_id,
                                                     GError            **error);

/* Categories: a name (unique, one line), a colour "#rrggbb" (stored in lower
 * case), a position 0–9999.  Fields: "name", "colour", "position".  A new
 * category (id 0) gets its id in draft->id. */
GPtrArray  *till_catalog_service_validate_category  (TillContext        *context,
                                                     TillCategory       *draft);
gboolean    till_catalog_service_save_category      (TillContext        *context,
                                                     TillCategory       *draft,
                                                     gboolean           *out_changed,
                                                     GPtrArray         **out_problems,
                                                     GError            **error);
/* Refused while products are in the category. */
gboolean    till_catalog_service_delete_category    (TillContext        *context,
                                                     gint64              category_id,
                                                     GError            **error);

/* Tax rates: a name (unique, one line) and a rate typed as a percent in
 * @notation ("19,5" or "19.5"), at most 100 %.  Fields: "name", "rate".  A
 * changed rate applies to future sales only: orders keep the rate they were
 * sold at. */
gboolean    till_catalog_service_save_tax_rate      (TillContext        *context,
                                                     gint64              id,
                                                     const char         *name,
                                                     const char         *rate,
                                                     TillNotation        notation,
                                                     gint64             *out_id,
                                                     GPtrArray         **out_problems,
                                                     GError            **error);
/* Retiring a rate that active products use is refused; retired rates are
 * offered for no product. */
gboolean    till_catalog_service_set_tax_rate_retired (TillContext      *context,
                                                     gint64              id,
                                                     gboolean            retired,
                                                     GError            **error);
/* A rate that any product uses cannot be deleted, only retired. */
gboolean    till_catalog_service_delete_tax_rate    (TillContext        *context,
                                                     gint64              id,
                                                     GError            **error);

/* Scanning (DESIGN.md, "Scanning") */
typedef enum
{
  TILL_SCAN_PRODUCT,       /* a product's barcode or its exact SKU */
  TILL_SCAN_SCALE_LABEL,   /* a scale label: the product, and grams or a price */
  TILL_SCAN_CUSTOMER,      /* a loyalty card */
  TILL_SCAN_SEARCH,        /* none of these: search products and customers for the text */
} TillScanKind;

typedef struct
{
  TillScanKind        kind;
  char               *code;          /* what was scanned, blanks trimmed */
  TillProductRecord  *product;       /* PRODUCT and SCALE_LABEL (it may be retired: callers
                                      * that sell check product->active) */
  gboolean            by_sku;        /* PRODUCT: found by its SKU, not a barcode */
  TillScaleKind       scale_kind;    /* SCALE_LABEL */
  gint64              grams;         /* SCALE_LABEL of kind weight */
  gint64              label_price;   /* SCALE_LABEL of kind price: minor units */
  gint64              customer_id;   /* CUSTOMER */
} TillScanResult;

void        till_scan_result_free                   (TillScanResult     *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillScanResult, till_scan_result_free)

/* Resolves a scanned or typed code in DESIGN.md's order: a product barcode
 * (a UPC-A also as the EAN-13 a scanner may send for it, and back); an exact
 * SKU; a scale label of `scale.rules`; a loyalty card of `card.prefix`; else
 * TILL_SCAN_SEARCH.  Refuses (TILL_ERROR_INVALID) an EAN-13, EAN-8, UPC-A,
 * scale label or card whose check digit is wrong, and (TILL_ERROR_NOT_FOUND)
 * a scale label no product carries the template of, or a card no customer
 * has; the messages say what to do. */
gboolean    till_catalog_resolve_code               (TillContext        *context,
                                                     const char         *code,
                                                     TillScanResult    **out_result,
                                                     GError            **error);

/* Products for a search box: what @text resolves to as a code (barcode, SKU,
 * scale label) first, then barcodes starting with it and names or SKUs with
 * words starting with its words.  At most @limit ids. */
GArray     *till_catalog_service_search_products    (TillContext        *context,
                                                     const char         *text,
                                                     guint               limit,
                                                     GError            **error);

G_END_DECLS
