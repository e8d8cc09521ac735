/* till-receipt-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "till-receipt-preview.h"

/* Physical size on a 96 dpi screen */
#define PX_PER_PT (96.0 / 72.0)
#define MARGIN 12.0
#define PAGE_GAP 16.0

struct _TillReceiptPreview
{
  GtkDrawingArea     parent_instance;

  /* owned */
  TillReceipt       *receipt;
  TillReceiptLayout *layout;
  TillPaper          paper;
};

G_DEFINE_FINAL_TYPE (TillReceiptPreview, till_receipt_preview, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_RECEIPT,
  PROP_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  TillReceiptPreview *self = TILL_RECEIPT_PREVIEW (area);
  double page_width, page_height, x;
  guint pages;

  if (self->layout == NULL)
    return;

  page_width = till_receipt_layout_get_page_width (self->layout) * PX_PER_PT;
  page_height = till_receipt_layout_get_page_height (self->layout) * PX_PER_PT;
  pages = till_receipt_layout_get_n_pages (self->layout);
  x = floor (MAX (MARGIN, (width - page_width) / 2));

  for (guint page = 0; page < pages; page++)
    {
      double y = MARGIN + page * (page_height + PAGE_GAP);

      /* The paper, lifted a little off the window */
      cairo_save (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
      cairo_rectangle (cr, x + 1, y + 2, page_width, page_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x, y, page_width, page_height);
      cairo_fill (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, PX_PER_PT, PX_PER_PT);
      till_receipt_layout_draw_page (self->layout, cr, page);
      cairo_restore (cr);
    }
}

static void
update (TillReceiptPreview *self)
{
  g_autofree char *text = NULL;
  double width = 0, height = 0;

  g_clear_pointer (&self->layout, till_receipt_layout_unref);
  if (self->receipt != NULL)
    {
      guint pages;

      self->layout = till_receipt_layout_new (self->receipt, self->paper);
      pages = till_receipt_layout_get_n_pages (self->layout);
      width = till_receipt_layout_get_page_width (self->layout) * PX_PER_PT + 2 * MARGIN;
      height = till_receipt_layout_get_page_height (self->layout) * PX_PER_PT * pages + PAGE_GAP * (pages - 1)
               + 2 * MARGIN;
      text = till_receipt_layout_get_text (self->layout);
    }
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), (int)ceil (width));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), (int)ceil (height));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
till_receipt_preview_finalize (GObject *object)
{
  TillReceiptPreview *self = TILL_RECEIPT_PREVIEW (object);

  g_clear_pointer (&self->layout, till_receipt_layout_unref);
  g_clear_pointer (&self->receipt, till_receipt_unref);

  G_OBJECT_CLASS (till_receipt_preview_parent_class)->finalize (object);
}

static void
till_receipt_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TillReceiptPreview *self = TILL_RECEIPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_RECEIPT:
      g_value_set_boxed (value, self->receipt);
      break;
    case PROP_PAPER:
      g_value_set_string (value, till_paper_to_string (self->paper));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_receipt_preview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TillReceiptPreview *self = TILL_RECEIPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_RECEIPT:
      till_receipt_preview_set_receipt (self, g_value_get_boxed (value));
      break;
    case PROP_PAPER:
      {
        TillPaper paper;

        if (till_paper_parse (g_value_get_string (value), &paper))
          till_receipt_preview_set_paper (self, paper);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_receipt_preview_class_init (TillReceiptPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = till_receipt_preview_finalize;
  object_class->get_property = till_receipt_preview_get_property;
  object_class->set_property = till_receipt_preview_set_property;

  properties[PROP_RECEIPT] =
    g_param_spec_boxed ("receipt", NULL, NULL, TILL_TYPE_RECEIPT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "58", "80" or "a4", as the GSettings key paper */
  properties[PROP_PAPER] =
    g_param_spec_string ("paper", NULL, NULL, "80",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "receipt-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
till_receipt_preview_init (TillReceiptPreview *self)
{
  self->paper = TILL_PAPER_80;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Receipt preview"), -1);
}

GtkWidget *
till_receipt_preview_new (void)
{
  return g_object_new (TILL_TYPE_RECEIPT_PREVIEW, NULL);
}

void
till_receipt_preview_set_receipt (TillReceiptPreview *self,
                                  TillReceipt        *receipt)
{
  g_return_if_fail (TILL_IS_RECEIPT_PREVIEW (self));

  if (self->receipt == receipt)
    return;
  g_clear_pointer (&self->receipt, till_receipt_unref);
  self->receipt = receipt != NULL ? till_receipt_ref (receipt) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIPT]);
}

TillReceipt *
till_receipt_preview_get_receipt (TillReceiptPreview *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_PREVIEW (self), NULL);
  return self->receipt;
}

void
till_receipt_preview_set_paper (TillReceiptPreview *self,
                                TillPaper           paper)
{
  g_return_if_fail (TILL_IS_RECEIPT_PREVIEW (self));
  g_return_if_fail (paper <= TILL_PAPER_A4);

  if (self->paper == paper)
    return;
  self->paper = paper;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

TillPaper
till_receipt_preview_get_paper (TillReceiptPreview *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_PREVIEW (self), TILL_PAPER_80);
  return self->paper;
}

TillReceiptLayout *
till_receipt_preview_get_layout (TillReceiptPreview *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_PREVIEW (self), NULL);
  return self->layout;
}
