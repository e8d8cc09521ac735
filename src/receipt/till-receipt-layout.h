/* till-receipt-layout.h: one Pango/Cairo layout of a receipt, for every surface
 *
 * A receipt is laid out once for a paper (a 58 mm or 80 mm roll, or A4) and
 * then drawn on whatever cairo_t is asked: the on-screen preview, a PDF
 * file, a PNG image or a printer's surface.  All of them show the same lines
 * broken in the same places: the layout uses its own Pango context at 72 dpi
 * (one unit is one point) with unhinted metrics, never the target's.
 *
 * A roll is one page as long as the receipt; A4 has as many pages as the
 * receipt needs, broken between rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "till-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  TILL_PAPER_58,
  TILL_PAPER_80,
  TILL_PAPER_A4,
} TillPaper;

/* "58", "80" or "a4" (DESIGN.md's GSettings key `paper`) */
gboolean            till_paper_parse                  (const char         *text,
                                                       TillPaper          *out_paper);
const char         *till_paper_to_string              (TillPaper           paper);
/* The paper's width in points (1/72 inch) */
double              till_paper_get_width              (TillPaper           paper);

/* What a box of text on the receipt is, for tests and accessibility */
typedef enum
{
  TILL_RECEIPT_BOX_TEXT,       /* the shop, titles, labels, product names */
  TILL_RECEIPT_BOX_DETAIL,     /* quantity × unit price */
  TILL_RECEIPT_BOX_NOTE,       /* a special request */
  TILL_RECEIPT_BOX_AMOUNT,     /* a figure in the money column */
  TILL_RECEIPT_BOX_TAX_CODE,   /* the letter that ties a line to its tax rate */
  TILL_RECEIPT_BOX_TABLE,      /* a cell of the tax breakdown */
  TILL_RECEIPT_BOX_BANNER,     /* DUPLICATE */
} TillReceiptBoxRole;

/* One line of text as laid out: its page, its logical rectangle in points
 * from the page's top left corner, and its text. */
typedef struct
{
  guint               page;
  double              x;
  double              y;
  double              width;
  double              height;
  TillReceiptBoxRole  role;
  guint               row;         /* rows number the receipt's rows from 0 */
  char               *text;
} TillReceiptBox;

#define TILL_TYPE_RECEIPT_LAYOUT (till_receipt_layout_get_type ())

typedef struct _TillReceiptLayout TillReceiptLayout;

GType               till_receipt_layout_get_type      (void) G_GNUC_CONST;
TillReceiptLayout  *till_receipt_layout_new           (const TillReceipt  *receipt,
                                                       TillPaper           paper);
TillReceiptLayout  *till_receipt_layout_ref           (TillReceiptLayout  *layout);
void                till_receipt_layout_unref         (TillReceiptLayout  *layout);

TillPaper           till_receipt_layout_get_paper     (TillReceiptLayout  *layout);
/* Points.  A roll's page height is the receipt's length. */
double              till_receipt_layout_get_page_width  (TillReceiptLayout *layout);
double              till_receipt_layout_get_page_height (TillReceiptLayout *layout);
guint               till_receipt_layout_get_n_pages   (TillReceiptLayout  *layout);

/* Draws @page with its top left corner at the current origin of @cr, one
 * unit a point; scale @cr first for pixels.  The background is left alone. */
void                till_receipt_layout_draw_page     (TillReceiptLayout  *layout,
                                                       cairo_t            *cr,
                                                       guint               page);

/* Every line of text, page by page, top to bottom (TillReceiptBox) */
GArray             *till_receipt_layout_get_boxes     (TillReceiptLayout  *layout);
/* The receipt as plain text, one laid-out row a line: for screen readers
 * and for comparing with what a printer printed. */
char               *till_receipt_layout_get_text      (TillReceiptLayout  *layout);

/* A PDF with one page per page of the layout, pages as large as the paper */
gboolean            till_receipt_layout_render_pdf    (TillReceiptLayout  *layout,
                                                       const char         *path,
                                                       GError            **error);
/* A PNG at @dpi (a thermal printer has 203); A4 pages stacked, white background */
gboolean            till_receipt_layout_render_png    (TillReceiptLayout  *layout,
                                                       const char         *path,
                                                       double              dpi,
                                                       GError            **error);
/* Draws every page on a surface the caller made: a PDF or PostScript surface
 * (a printer's) gets one page each, sized to the layout's page; any other
 * surface gets the pages stacked, scaled to its width when it is an image.
 * The surface is flushed, not finished. */
gboolean            till_receipt_layout_render_surface (TillReceiptLayout *layout,
                                                        cairo_surface_t   *surface,
                                                        GError           **error);

/* Shortcuts that lay out and render in one call */
gboolean            till_receipt_render_pdf           (const TillReceipt  *receipt,
                                                       TillPaper           paper,
                                                       const char         *path,
                                                       GError            **error);
gboolean            till_receipt_render_png           (const TillReceipt  *receipt,
                                                       TillPaper           paper,
                                                       const char         *path,
                                                       GError            **error);

#define TILL_RECEIPT_PNG_DPI 203.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillReceiptLayout, till_receipt_layout_unref)

G_END_DECLS
