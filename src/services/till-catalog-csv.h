/* till-catalog-csv.h: products and categories to and from CSV files
 *
 * Columns and values as DESIGN.md and the catalog issue fix them:
 *   products:   sku,name,category,price,tax_rate,sold_by,barcodes,active,discountable
 *   categories: name,colour,position,earns_points
 * `price` in major units with a dot and the currency's decimals ("2.40"),
 * `tax_rate` a percent without trailing zeros ("7", "19.5"), `category` a
 * name, `sold_by` unit or weight, `barcodes` separated by "|" in the order
 * they were added, booleans true or false, `colour` "#rrggbb".
 *
 * An import is one transaction: all of it or, when a row is bad, none of it
 * (unless @skip_invalid, which keeps the good rows).  Products are matched by
 * SKU and categories by name, so importing a file twice updates and never
 * duplicates; a product's unknown category is created (earning points), and
 * so is an unknown tax rate.  Every row goes through the catalog service, so
 * the rules are the form's.  Exports are sorted by the byte order of SKU and
 * of category name, so exporting what was imported gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-context.h"

G_BEGIN_DECLS

typedef enum
{
  TILL_CATALOG_CSV_PRODUCTS,
  TILL_CATALOG_CSV_CATEGORIES,
} TillCatalogCsvKind;

/* One bad row and field, as the report names them */
typedef struct
{
  guint  row;       /* the CSV row: the header is row 1 */
  char  *field;     /* a column name, or "" for the whole row */
  char  *reason;
} TillImportProblem;

typedef struct
{
  TillCatalogCsvKind  kind;
  guint               n_rows;        /* data rows read */
  guint               n_added;
  guint               n_updated;
  guint               n_unchanged;
  guint               n_invalid;     /* rows with problems */
  gboolean            committed;     /* the good rows are saved */
  GPtrArray          *problems;      /* TillImportProblem, by row */
} TillImportReport;

void                 till_import_report_free       (TillImportReport    *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillImportReport, till_import_report_free)

/* The header of a kind's file, NULL-terminated */
const char * const  *till_catalog_csv_columns      (TillCatalogCsvKind   kind);
/* "products" or "categories" */
gboolean             till_catalog_csv_kind_parse   (const char          *text,
                                                    TillCatalogCsvKind  *out_kind);

/* Imports @data (a whole file).  Returns TRUE when the rows were saved: all
 * of them, or with @skip_invalid the good ones.  Otherwise FALSE with @error:
 * TILL_ERROR_INVALID when the file or a row is bad (nothing was saved; the
 * message names the first problem and how many there are), a permission or
 * database error as it came.  *out_report is set whenever the file was read,
 * with every problem found. */
gboolean             till_catalog_import           (TillContext         *context,
                                                    TillCatalogCsvKind   kind,
                                                    const char          *data,
                                                    gsize                len,
                                                    gboolean             skip_invalid,
                                                    TillImportReport   **out_report,
                                                    GError             **error);
/* The same in a worker thread with its own connection to the database (the
 * window stays responsive); @data is read there. */
void                 till_catalog_import_async     (TillContext         *context,
                                                    TillCatalogCsvKind   kind,
                                                    GBytes              *data,
                                                    gboolean             skip_invalid,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean             till_catalog_import_finish    (TillContext         *context,
                                                    GAsyncResult        *result,
                                                    TillImportReport   **out_report,
                                                    GError             **error);

/* The report as CSV: "row,field,reason" and a row per problem */
char                *till_import_report_to_csv     (const TillImportReport *report);

/* The whole catalog of @kind as a CSV file */
char                *till_catalog_export           (TillContext         *context,
                                                    TillCatalogCsvKind   kind,
                                                    GError             **error);

G_END_DECLS
