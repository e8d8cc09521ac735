/* bench-receipt.c: laying out and rendering a 30-line receipt
 *
 * Fonts are loaded by a first, unmeasured receipt: what is measured is the
 * cost per receipt in a running till.  PDF is written to memory (the
 * archive's disk write is not the layout's cost); the image is drawn on an
 * 80 mm wide surface at 203 dpi, a thermal printer's, and then also encoded
 * as PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <math.h>

#include "till-bench.h"
#include "till-receipt-layout.h"

static TillReceipt *
thirty_lines (void)
{
  static const char *names[] = {
    "Croissant", "Pain au chocolat", "Comté AOP 18 mois", "Jambon de Bayonne", "Café crème",
    "Tarte aux pommes caramélisées de la maison, grande part", "Baguette tradition", "Éclair au café",
  };
  TillReceipt *r = till_receipt_new (TILL_RECEIPT_SALE, "EUR");
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  gint64 total = 0;

  g_free (r->shop_name);
  r->shop_name = g_strdup ("Boulangerie Lumière");
  g_free (r->shop_address);
  r->shop_address = g_strdup ("Kastanienallee 12\n10435 Berlin");
  g_free (r->footer);
  r->footer = g_strdup ("Merci et à bientôt! Collect points with your Lumière card.");
  g_free (r->cashier);
  r->cashier = g_strdup ("Lena Vogel");
  r->register_id = 1;
  r->number = 4242;
  r->time = g_date_time_new (zone, 2026, 11, 25, 10, 5, 0);
  for (guint i = 0; i < 30; i++)
    {
      gboolean weighed = i % 4 == 2;
      gint64 qty = weighed ? 350 : 1000 * (i % 3 + 1);
      gint64 price = 120 + 37 * i;
      gint64 base = weighed ? price * qty / 1000 : price * (qty / 1000);
      TillReceiptLine *line = till_receipt_add_line (r, names[i % G_N_ELEMENTS (names)],
                                                     i % 5 == 0 ? "oat milk, no sugar" : "", qty, weighed, price,
                                                     base, i % 2 ? 700 : 1900);
      if (i % 6 == 0)
        till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_LINE, 1000, base / 10);
      total += base;
    }
  r->subtotal = r->total = total;
  till_receipt_add_tax (r, 700, total / 2 - 100, 100, total / 2);
  till_receipt_add_tax (r, 1900, total - total / 2 - 200, 200, total - total / 2);
  till_receipt_add_tender (r, "cash", total + 500, "");
  r->change = 500;
  r->card = g_strdup ("••••4821");
  r->has_loyalty = TRUE;
  r->points_earned = total / 100;
  r->points_balance = 1234;
  return r;
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  *(gsize *)closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
discard_png (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  return discard (closure, data, length);
}

void
till_bench_receipt (guint rounds)
{
  g_autoptr(TillReceipt) receipt = thirty_lines ();
  g_autoptr(GArray) layout_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pdf_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) image_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) png_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize bytes = 0;
  char note[64];

  /* Warm-up: fonts found and loaded once, as in a till that has printed. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TillReceiptLayout) layout = till_receipt_layout_new (receipt, TILL_PAPER_80);
      cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (discard, &bytes, 100, 100);

      till_receipt_layout_render_surface (layout, pdf, NULL);
      cairo_surface_finish (pdf);
      cairo_surface_destroy (pdf);
    }

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(TillReceiptLayout) layout = NULL;
      cairo_surface_t *surface;
      gint64 t0, t1, t2;
      gsize pdf_bytes = 0, png_bytes = 0;
      int width, height;

      /* Layout alone */
      t0 = till_bench_now_ns ();
      layout = till_receipt_layout_new (receipt, TILL_PAPER_80);
      t1 = till_bench_now_ns () - t0;
      g_array_append_val (layout_samples, t1);
      g_clear_pointer (&layout, till_receipt_layout_unref);

      /* Layout and PDF */
      t0 = till_bench_now_ns ();
      layout = till_receipt_layout_new (receipt, TILL_PAPER_80);
      surface = cairo_pdf_surface_create_for_stream (discard, &pdf_bytes, till_receipt_layout_get_page_width (layout),
                                                     till_receipt_layout_get_page_height (layout));
      till_receipt_layout_render_surface (layout, surface, NULL);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      t1 = till_bench_now_ns () - t0;
      g_array_append_val (pdf_samples, t1);
      bytes = pdf_bytes;
      g_clear_pointer (&layout, till_receipt_layout_unref);

      /* Layout and image, then the image as PNG */
      t0 = till_bench_now_ns ();
      layout = till_receipt_layout_new (receipt, TILL_PAPER_80);
      width = (int)ceil (till_receipt_layout_get_page_width (layout) * TILL_RECEIPT_PNG_DPI / 72);
      height = (int)ceil (till_receipt_layout_get_page_height (layout) * TILL_RECEIPT_PNG_DPI / 72);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      till_receipt_layout_render_surface (layout, surface, NULL);
      t1 = till_bench_now_ns () - t0;
      cairo_surface_write_to_png_stream (surface, discard_png, &png_bytes);
      t2 = till_bench_now_ns () - t0;
      cairo_surface_destroy (surface);
      g_array_append_val (image_samples, t1);
      g_array_append_val (png_samples, t2);
    }

  till_bench_report ("receipt/layout-30-lines", layout_samples, "");
  g_snprintf (note, sizeof note, "(%" G_GSIZE_FORMAT " bytes)", bytes);
  till_bench_report ("receipt/layout+pdf-30-lines", pdf_samples, note);
  till_bench_report ("receipt/layout+image-30-lines", image_samples, "(80 mm at 203 dpi)");
  till_bench_report ("receipt/layout+image+png-30-lines", png_samples, "");
}
