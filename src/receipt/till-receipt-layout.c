/* till-receipt-layout.c
 *
 * The receipt is first described as rows (what to say, in which style, and
 * which figure goes in the money column), then laid out: every figure of the
 * money column is measured, so the column is as wide as the widest figure and
 * every row's text wraps in what is left.  Cairo geometry is in points and
 * doubles: this is layout, never money.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <pango/pangocairo.h>

#include "till-money.h"
#include "till-receipt-layout.h"

#define MM (72.0 / 25.4)
#define FONT_FAMILY "DejaVu Sans"
#define NBSP "\xc2\xa0"

G_DEFINE_BOXED_TYPE (TillReceiptLayout, till_receipt_layout, till_receipt_layout_ref, till_receipt_layout_unref)

/* Papers ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  double      width;          /* mm */
  double      height;         /* mm; 0 for a roll */
  double      margin_x;       /* mm */
  double      margin_top;     /* mm */
  double      margin_bottom;  /* mm: a roll's tear-off */
  double      font_size;      /* pt */
} PaperSpec;

/* 58 mm rolls print 48 mm wide, 80 mm rolls 72 mm. */
static const PaperSpec papers[] = {
  [TILL_PAPER_58] = { "58", 58.0, 0.0, 5.0, 3.0, 8.0, 8.0 },
  [TILL_PAPER_80] = { "80", 80.0, 0.0, 4.0, 3.0, 10.0, 9.0 },
  [TILL_PAPER_A4] = { "a4", 210.0, 297.0, 25.0, 20.0, 20.0, 10.0 },
};

gboolean
till_paper_parse (const char *text,
                  TillPaper  *out_paper)
{
  g_return_val_if_fail (out_paper != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (text, papers[i].name) == 0)
      {
        *out_paper = (TillPaper)i;
        return TRUE;
      }
  return FALSE;
}

const char *
till_paper_to_string (TillPaper paper)
{
  g_return_val_if_fail (paper <= TILL_PAPER_A4, NULL);
  return papers[paper].name;
}

double
till_paper_get_width (TillPaper paper)
{
  g_return_val_if_fail (paper <= TILL_PAPER_A4, 0);
  return papers[paper].width * MM;
}

/* Rows: what the receipt says ------------------------------------------- */

typedef enum
{
  STYLE_NORMAL,
  STYLE_BOLD,
  STYLE_SMALL,
  STYLE_SHOP,
  STYLE_TOTAL,
  STYLE_BANNER,
  N_STYLES
} Style;

typedef enum
{
  ROW_TEXT,      /* full width, left or centred */
  ROW_LINE,      /* text, a figure on the right, a tax code */
  ROW_RULE,
  ROW_SPACE,
  ROW_LOGO,
  ROW_BANNER,
  ROW_TABLE,     /* one row of the tax breakdown */
} RowKind;

#define TABLE_COLUMNS 4

typedef struct
{
  RowKind             kind;
  Style               style;
  Style               right_style;
  gboolean            centre;
  double              indent;        /* ems */
  TillReceiptBoxRole  role;
  char               *text;
  char               *right;         /* NULL: none */
  gboolean            in_column;     /* @right is a figure of the money column */
  char               *code;          /* tax code, NULL: none */
  gboolean            keep_with_next;
  double              space;         /* ROW_SPACE: ems */
  char               *cells[TABLE_COLUMNS];
  gboolean            header;
} Row;

static void
row_free (Row *row)
{
  g_free (row->text);
  g_free (row->right);
  g_free (row->code);
  for (guint i = 0; i < TABLE_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

/* Laid out ---------------------------------------------------------------- */

#define MAX_CELLS 4

typedef struct
{
  PangoLayout        *layout;
  double              x;        /* from the content's left edge */
  double              y;        /* from the item's top */
  TillReceiptBoxRole  role;
} Cell;

typedef struct
{
  RowKind          kind;
  Cell             cells[MAX_CELLS];
  guint            n_cells;
  double           height;
  double           y;           /* from the page's top */
  guint            page;
  gboolean         keep_with_next;
  cairo_surface_t *logo;
  double           logo_scale;
  double           logo_x;
} Item;

struct _TillReceiptLayout
{
  TillPaper              paper;
  const PaperSpec       *spec;
  double                 page_width;
  double                 page_height;
  double                 margin_x;
  double                 content_width;
  double                 em;
  guint                  n_pages;

  PangoContext          *context;
  PangoFontDescription  *fonts[N_STYLES];
  GArray                *items;      /* Item */
  GHashTable            *shaped;     /* while laying out: the same text, style and width shaped once */
};

static void
item_clear (Item *item)
{
  for (guint i = 0; i < item->n_cells; i++)
    g_clear_object (&item->cells[i].layout);
  g_clear_pointer (&item->logo, cairo_surface_destroy);
}

/* Describing the receipt --------------------------------------------------- */

typedef struct
{
  const TillReceipt   *receipt;
  const TillCurrency  *currency;
  TillCurrency         fallback;
  GPtrArray           *rows;
  gint64               rates[26];   /* the tax code letters, by ascending rate */
  guint                n_rates;
  TillPaper            paper;
} Describer;

static Row *
add_row (Describer *d,
         RowKind    kind)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->role = TILL_RECEIPT_BOX_TEXT;
  g_ptr_array_add (d->rows, row);
  return row;
}

static void
add_text (Describer  *d,
          const char *text,
          Style       style,
          gboolean    centre)
{
  Row *row;

  if (text == NULL || text[0] == '\0')
    return;
  row = add_row (d, ROW_TEXT);
  row->text = g_strdup (text);
  row->style = style;
  row->centre = centre;
}

static Row *
add_line (Describer  *d,
          const char *text,
          Style       style,
          double      indent,
          char       *figure,      /* taken */
          gboolean    in_column)
{
  Row *row = add_row (d, ROW_LINE);

  row->text = g_strdup (text);
  row->style = style;
  row->right_style = style == STYLE_SMALL ? STYLE_NORMAL : style;
  row->indent = indent;
  row->right = figure;
  row->in_column = in_column;
  return row;
}

static void
add_rule (Describer *d)
{
  add_row (d, ROW_RULE);
}

static void
add_space (Describer *d,
           double     ems)
{
  Row *row = add_row (d, ROW_SPACE);
  row->space = ems;
}

static char *
money (Describer *d,
       gint64     amount)
{
  return till_money_format (amount, d->currency, TILL_NOTATION_PERSON);
}

static char *
money_symbol (Describer *d,
              gint64     amount)
{
  return till_money_format_symbol (amount, d->currency);
}

static char *
points (gint64 value)
{
  return till_decimal_format (value, 0, TILL_NOTATION_PERSON);
}

static char *
percent (gint64 bp)
{
  g_autofree char *number = till_percent_format (bp, TILL_NOTATION_PERSON);
  return g_strconcat (number, NBSP "%", NULL);
}

/* Dates as the locale writes them; the C locale's "11/25/26" is ambiguous,
 * so it gets ISO 8601 instead. */
static char *
format_time (GDateTime *time,
             gboolean   with_time)
{
  const char *date_format = nl_langinfo (D_FMT);
  const char *format;

  if (date_format == NULL || g_str_equal (date_format, "%m/%d/%y"))
    format = with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d";
  else
    format = with_time ? "%x %H:%M" : "%x";
  return g_date_time_format (time, format);
}

static char
tax_code (Describer *d,
          gint64     rate_bp)
{
  for (guint i = 0; i < d->n_rates; i++)
    if (d->rates[i] == rate_bp)
      return (char)('A' + i);
  return '\0';
}

static void
collect_rates (Describer *d)
{
  const TillReceipt *r = d->receipt;

  /* The breakdown's rates; a refund without one takes its lines' rates. */
  for (guint i = 0; i < r->taxes->len && d->n_rates < G_N_ELEMENTS (d->rates); i++)
    d->rates[d->n_rates++] = ((TillReceiptTax *)r->taxes->pdata[i])->rate_bp;
  if (d->n_rates > 0)
    return;
  for (guint i = 0; i < r->lines->len; i++)
    {
      gint64 rate = ((TillReceiptLine *)r->lines->pdata[i])->tax_rate_bp;
      guint j;

      for (j = 0; j < d->n_rates && d->rates[j] != rate; j++)
        ;
      if (j == d->n_rates && d->n_rates < G_N_ELEMENTS (d->rates))
        d->rates[d->n_rates++] = rate;
    }
  for (guint i = 1; i < d->n_rates; i++)
    for (guint j = i; j > 0 && d->rates[j - 1] > d->rates[j]; j--)
      {
        gint64 t = d->rates[j];
        d->rates[j] = d->rates[j - 1];
        d->rates[j - 1] = t;
      }
}

static void
describe_header (Describer *d)
{
  const TillReceipt *r = d->receipt;
  g_autofree char *number = till_receipt_format_number (r->register_id, r->number);
  g_autofree char *when = r->time != NULL ? format_time (r->time, TRUE) : g_strdup ("");
  g_autofree char *register_text = g_strdup_printf ("%" G_GINT64_FORMAT, r->register_id);
  const char *title;
  Row *row;

  if (r->logo_path != NULL && r->logo_path[0] != '\0')
    {
      row = add_row (d, ROW_LOGO);
      row->text = g_strdup (r->logo_path);
    }
  add_text (d, r->shop_name, STYLE_SHOP, TRUE);
  add_text (d, r->shop_address, STYLE_NORMAL, TRUE);
  if (r->shop_tax_id[0] != '\0')
    {
      g_autofree char *tax_id = g_strdup_printf (_("Tax ID: %s"), r->shop_tax_id);
      add_text (d, tax_id, STYLE_NORMAL, TRUE);
    }
  if (r->header[0] != '\0')
    {
      add_space (d, 0.3);
      add_text (d, r->header, STYLE_NORMAL, TRUE);
    }
  add_space (d, 0.5);
  if (r->duplicate)
    {
      row = add_row (d, ROW_BANNER);
      row->text = g_strdup (_("DUPLICATE"));
      row->style = STYLE_BANNER;
      row->role = TILL_RECEIPT_BOX_BANNER;
      add_space (d, 0.3);
    }
  add_rule (d);

  switch (r->kind)
    {
    case TILL_RECEIPT_REFUND:
      title = _("Refund");
      break;
    case TILL_RECEIPT_QUOTE:
      title = _("Quote");
      break;
    case TILL_RECEIPT_DEPOSIT:
      title = _("Deposit receipt");
      break;
    case TILL_RECEIPT_SALE:
    default:
      title = _("Receipt");
      break;
    }
  add_line (d, title, STYLE_BOLD, 0,
            number != NULL ? g_strdup_printf (_("No. %s"), number) : NULL, FALSE);
  if (r->kind == TILL_RECEIPT_REFUND && r->original_number > 0)
    {
      g_autofree char *original = till_receipt_format_number (r->register_id, r->original_number);
      g_autofree char *original_when = r->original_time != NULL ? format_time (r->original_time, FALSE)
                                                                 : g_strdup ("");
      g_autofree char *text = g_strdup_printf (_("For receipt %s of %s"), original, original_when);
      add_text (d, text, STYLE_NORMAL, FALSE);
    }
  add_line (d, when, STYLE_NORMAL, 0, g_strdup_printf (_("Register %s"), register_text), FALSE);
  if (r->cashier[0] != '\0')
    {
      g_autofree char *cashier = g_strdup_printf (_("Cashier: %s"), r->cashier);
      add_text (d, cashier, STYLE_NORMAL, FALSE);
    }
  add_rule (d);
}

static const char *
discount_label (const TillReceiptDiscount *discount,
                char                     **out_owned)
{
  g_autofree char *pct = discount->percent_bp > 0 ? percent (discount->percent_bp) : NULL;

  *out_owned = NULL;
  switch (discount->kind)
    {
    case TILL_RECEIPT_DISCOUNT_TIER:
      if (pct != NULL)
        return *out_owned = g_strdup_printf (_("Member discount %s"), pct);
      return _("Member discount");
    case TILL_RECEIPT_DISCOUNT_REWARD:
      return _("Reward");
    case TILL_RECEIPT_DISCOUNT_ORDER:
      if (pct != NULL)
        return *out_owned = g_strdup_printf (_("Order discount %s"), pct);
      return _("Order discount");
    case TILL_RECEIPT_DISCOUNT_LINE:
    default:
      if (pct != NULL)
        return *out_owned = g_strdup_printf (_("Discount %s"), pct);
      return _("Discount");
    }
}

static void
describe_lines (Describer *d)
{
  const TillReceipt *r = d->receipt;
  gboolean refund = r->kind == TILL_RECEIPT_REFUND;

  for (guint i = 0; i < r->lines->len; i++)
    {
      const TillReceiptLine *line = r->lines->pdata[i];
      g_autofree char *unit_price = money (d, line->unit_price);
      g_autofree char *detail = NULL;
      char code = tax_code (d, line->tax_rate_bp);
      Row *row;

      row = add_line (d, line->name, STYLE_NORMAL, 0, money (d, refund ? -line->amount : line->amount), TRUE);
      if (code != '\0')
        row->code = g_strdup_printf ("%c", code);

      if (line->by_weight)
        {
          g_autofree char *weight = till_quantity_format (line->qty, TILL_NOTATION_PERSON);
          detail = g_strdup_printf (_("%s kg × %s/kg"), weight, unit_price);
        }
      else if (line->qty != 1000 || refund)
        {
          g_autofree char *qty = till_decimal_format_short (line->qty, 3, TILL_NOTATION_PERSON);
          detail = g_strdup_printf (_("%s × %s"), qty, unit_price);
        }
      if (detail != NULL)
        {
          row->keep_with_next = TRUE;
          row = add_line (d, detail, STYLE_SMALL, 1, NULL, FALSE);
          row->role = TILL_RECEIPT_BOX_DETAIL;
        }
      if (line->note != NULL && line->note[0] != '\0')
        {
          /* » and not an arrow: it survives every PDF path, CUPS-PDF's included */
          g_autofree char *note = g_strconcat ("» ", line->note, NULL);

          row->keep_with_next = TRUE;
          row = add_line (d, note, STYLE_NORMAL, 1, NULL, FALSE);
          row->role = TILL_RECEIPT_BOX_NOTE;
        }
      for (guint j = 0; j < line->n_discounts; j++)
        {
          g_autofree char *owned = NULL;
          const char *label = discount_label (&line->discounts[j], &owned);

          row->keep_with_next = TRUE;
          row = add_line (d, label, STYLE_SMALL, 1, money (d, -line->discounts[j].amount), TRUE);
        }
    }
  add_rule (d);
}

static void
describe_totals (Describer *d)
{
  const TillReceipt *r = d->receipt;

  if (r->kind == TILL_RECEIPT_REFUND)
    {
      add_line (d, _("Refunded"), STYLE_TOTAL, 0, money_symbol (d, -r->total), TRUE);
      for (guint i = 0; i < r->tenders->len; i++)
        {
          const TillReceiptTender *t = r->tenders->pdata[i];
          const char *label = g_str_equal (t->kind, "cash") ? _("Cash paid out") : _("Paid back to card");

          add_line (d, label, STYLE_NORMAL, 0, money (d, -t->amount), TRUE);
        }
      if (r->rounding != 0)
        add_line (d, _("Cash rounding"), STYLE_NORMAL, 0, money (d, r->rounding), TRUE);
      add_rule (d);
      return;
    }

  if (r->savings != 0 || !r->prices_include_tax)
    add_line (d, _("Subtotal"), STYLE_NORMAL, 0, money (d, r->subtotal), TRUE);
  if (r->savings != 0)
    add_line (d, _("Discounts"), STYLE_NORMAL, 0, money (d, -r->savings), TRUE);
  if (!r->prices_include_tax)
    add_line (d, _("Tax"), STYLE_NORMAL, 0, money (d, r->tax), TRUE);
  add_line (d, _("TOTAL"), STYLE_TOTAL, 0, money_symbol (d, r->total), TRUE);

  if (r->tenders->len > 0)
    {
      add_space (d, 0.3);
      for (guint i = 0; i < r->tenders->len; i++)
        {
          const TillReceiptTender *t = r->tenders->pdata[i];
          const char *label = g_str_equal (t->kind, "cash") ? _("Cash")
                              : g_str_equal (t->kind, "card") ? _("Card") : _("Deposit");
          Row *row = add_line (d, label, STYLE_NORMAL, 0, money (d, t->amount), TRUE);

          if (t->reference != NULL && t->reference[0] != '\0')
            {
              g_autofree char *reference = g_strdup_printf (_("Ref. %s"), t->reference);

              row->keep_with_next = TRUE;
              row = add_line (d, reference, STYLE_SMALL, 1, NULL, FALSE);
              row->role = TILL_RECEIPT_BOX_DETAIL;
            }
        }
      if (r->rounding != 0)
        add_line (d, _("Cash rounding"), STYLE_NORMAL, 0, money (d, r->rounding), TRUE);
      if (r->change != 0)
        add_line (d, _("Change"), STYLE_BOLD, 0, money (d, r->change), TRUE);
    }
  add_rule (d);
}

static void
describe_taxes (Describer *d)
{
  const TillReceipt *r = d->receipt;
  Row *row;

  if (r->taxes->len == 0)
    return;

  row = add_row (d, ROW_TABLE);
  row->header = TRUE;
  row->cells[0] = g_strdup (_("Rate"));
  row->cells[1] = g_strdup (_("Net"));
  row->cells[2] = g_strdup (_("Tax"));
  row->cells[3] = g_strdup (_("Gross"));
  row->keep_with_next = TRUE;
  for (guint i = 0; i < r->taxes->len; i++)
    {
      const TillReceiptTax *t = r->taxes->pdata[i];
      g_autofree char *pct = till_percent_format (t->rate_bp, TILL_NOTATION_PERSON);
      gint64 sign = r->kind == TILL_RECEIPT_REFUND ? -1 : 1;

      row = add_row (d, ROW_TABLE);
      row->cells[0] = g_strdup_printf ("%c %s %%", tax_code (d, t->rate_bp), pct);
      row->cells[1] = money (d, sign * t->net);
      row->cells[2] = money (d, sign * t->tax);
      row->cells[3] = money (d, sign * t->gross);
      row->keep_with_next = i + 1 < r->taxes->len;
    }
  add_text (d, r->prices_include_tax ? _("Prices include tax.") : _("Prices exclude tax."), STYLE_SMALL, FALSE);
  add_rule (d);
}

static void
describe_loyalty (Describer *d)
{
  const TillReceipt *r = d->receipt;

  if (r->card == NULL && !r->has_loyalty && r->points_reversed == 0 && r->points_restored == 0)
    return;

  if (r->card != NULL)
    {
      g_autofree char *card = g_strdup_printf (_("Loyalty card %s"), r->card);
      add_text (d, card, STYLE_NORMAL, FALSE);
    }
  if (r->kind == TILL_RECEIPT_REFUND)
    {
      if (r->points_reversed != 0)
        add_line (d, _("Points reversed"), STYLE_NORMAL, 0, points (-r->points_reversed), TRUE);
      if (r->points_restored != 0)
        add_line (d, _("Reward points given back"), STYLE_NORMAL, 0, points (r->points_restored), TRUE);
      add_rule (d);
      return;
    }
  if (r->has_loyalty)
    {
      add_line (d, _("Points earned"), STYLE_NORMAL, 0, points (r->points_earned), TRUE);
      if (r->points_redeemed != 0)
        add_line (d, _("Points redeemed"), STYLE_NORMAL, 0, points (-r->points_redeemed), TRUE);
      add_line (d, _("Points balance"), STYLE_BOLD, 0, points (r->points_balance), TRUE);
      if (r->tier[0] != '\0')
        add_line (d, _("Tier"), STYLE_NORMAL, 0, g_strdup (r->tier), TRUE);
      if (r->next_tier[0] != '\0')
        {
          g_autofree char *label = g_strdup_printf (_("Still to spend for %s"), r->next_tier);
          add_line (d, label, STYLE_NORMAL, 0, money (d, r->to_next_tier), TRUE);
        }
    }
  add_rule (d);
}

static void
describe_footer (Describer *d)
{
  const TillReceipt *r = d->receipt;

  if (r->kind == TILL_RECEIPT_QUOTE)
    add_text (d, _("This is a quote, not a receipt."), STYLE_NORMAL, TRUE);
  add_text (d, r->footer, STYLE_NORMAL, TRUE);
  if (r->duplicate)
    {
      Row *row;

      add_space (d, 0.5);
      row = add_row (d, ROW_BANNER);
      row->text = g_strdup (_("DUPLICATE"));
      row->style = STYLE_BANNER;
      row->role = TILL_RECEIPT_BOX_BANNER;
    }
}

static GPtrArray *
describe (const TillReceipt *receipt,
          TillPaper          paper)
{
  Describer d = { 0 };

  d.receipt = receipt;
  d.paper = paper;
  d.currency = till_currency_lookup (receipt->currency);
  if (d.currency == NULL)
    {
      /* An unknown code still prints, with two decimals and the code. */
      d.fallback.code = receipt->currency;
      d.fallback.exponent = 2;
      d.fallback.symbol = receipt->currency;
      d.currency = &d.fallback;
    }
  d.rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  collect_rates (&d);

  describe_header (&d);
  describe_lines (&d);
  describe_totals (&d);
  describe_taxes (&d);
  describe_loyalty (&d);
  describe_footer (&d);
  return d.rows;
}

/* Laying out -------------------------------------------------------------- */

static PangoLayout *
new_text (TillReceiptLayout *self,
          const char        *text,
          Style              style)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double)width / PANGO_SCALE;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double)height / PANGO_SCALE;
}

static void
wrap (PangoLayout    *layout,
      double          width,
      PangoAlignment  alignment)
{
  pango_layout_set_width (layout, (int)floor (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
}

/* A laid-out text, shared by every cell that shows the same text in the
 * same style and width (receipts repeat names and figures); a new reference. */
static PangoLayout *
shaped_text (TillReceiptLayout *self,
             const char        *text,
             Style              style,
             double             width,       /* < 0: no wrapping */
             PangoAlignment     alignment)
{
  g_autofree char *key = g_strdup_printf ("%d %.3f %d %s", style, width, alignment, text);
  PangoLayout *layout = g_hash_table_lookup (self->shaped, key);

  if (layout == NULL)
    {
      layout = new_text (self, text, style);
      if (width >= 0)
        wrap (layout, width, alignment);
      g_hash_table_insert (self->shaped, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

static Item *
append_item (TillReceiptLayout *self,
             RowKind            kind)
{
  Item item = { 0 };

  item.kind = kind;
  g_array_append_val (self->items, item);
  return &g_array_index (self->items, Item, self->items->len - 1);
}

static Cell *
add_cell (Item               *item,
          PangoLayout        *layout,   /* taken */
          double              x,
          double              y,
          TillReceiptBoxRole  role)
{
  Cell *cell;

  g_assert (item->n_cells < MAX_CELLS);
  cell = &item->cells[item->n_cells++];
  cell->layout = layout;
  cell->x = x;
  cell->y = y;
  cell->role = role;
  return cell;
}

static void
lay_out_logo (TillReceiptLayout *self,
              const Row         *row)
{
  cairo_surface_t *logo = cairo_image_surface_create_from_png (row->text);
  double w, h, scale;
  Item *item;

  /* A missing or broken logo leaves the receipt without one, never without
   * a receipt. */
  if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("receipt logo %s: %s", row->text, cairo_status_to_string (cairo_surface_status (logo)));
      cairo_surface_destroy (logo);
      return;
    }
  w = cairo_image_surface_get_width (logo);
  h = cairo_image_surface_get_height (logo);
  if (w < 1 || h < 1)
    {
      cairo_surface_destroy (logo);
      return;
    }
  scale = MIN (self->content_width * 0.6 / w, 22.0 * MM / h);
  item = append_item (self, ROW_LOGO);
  item->logo = logo;
  item->logo_scale = scale;
  item->logo_x = (self->content_width - w * scale) / 2;
  item->height = h * scale + self->em * 0.4;
}

static void
lay_out_table (TillReceiptLayout *self,
               GPtrArray         *rows,
               guint              first,
               guint              n)
{
  double widths[TABLE_COLUMNS] = { 0 };
  double gap = self->em * 0.8, total = 0;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      const Row *row = rows->pdata[first + i];

      for (guint c = 0; c < TABLE_COLUMNS; c++)
        {
          PangoLayout *layout = new_text (self, row->cells[c], row->header ? STYLE_BOLD : STYLE_NORMAL);

          widths[c] = MAX (widths[c], layout_width (layout));
          g_ptr_array_add (layouts, layout);
        }
    }
  for (guint c = 0; c < TABLE_COLUMNS; c++)
    total += widths[c];
  total += gap * (TABLE_COLUMNS - 1);

  if (total <= self->content_width)
    {
      /* The rate on the left, the figures right-aligned in columns that end
       * at the receipt's right edge. */
      for (guint i = 0; i < n; i++)
        {
          const Row *row = rows->pdata[first + i];
          Item *item = append_item (self, ROW_TABLE);
          double right = self->content_width;

          item->keep_with_next = row->keep_with_next;
          for (guint c = TABLE_COLUMNS; c-- > 1;)
            {
              PangoLayout *layout = g_object_ref (layouts->pdata[i * TABLE_COLUMNS + c]);
              double w = layout_width (layout);

              add_cell (item, layout, right - w, 0, TILL_RECEIPT_BOX_TABLE);
              item->height = MAX (item->height, layout_height (layout));
              right -= widths[c] + gap;
            }
          add_cell (item, g_object_ref (layouts->pdata[i * TABLE_COLUMNS]), 0, 0, TILL_RECEIPT_BOX_TABLE);
        }
      return;
    }

  /* Too narrow for four columns (a 58 mm roll, or huge amounts): each rate
   * takes two rows, its tax on the first. */
  for (guint i = 1; i < n; i++)
    {
      const Row *row = rows->pdata[first + i];
      g_autofree char *label = g_strdup_printf (_("Tax %s"), row->cells[0]);
      g_autofree char *detail = g_strdup_printf (_("net %s · gross %s"), row->cells[1], row->cells[3]);
      PangoLayout *left = new_text (self, label, STYLE_NORMAL);
      PangoLayout *right = new_text (self, row->cells[2], STYLE_NORMAL);
      PangoLayout *below = new_text (self, detail, STYLE_SMALL);
      double rw = layout_width (right);
      Item *item = append_item (self, ROW_TABLE);

      wrap (left, self->content_width - rw - self->em, PANGO_ALIGN_LEFT);
      wrap (below, self->content_width - self->em, PANGO_ALIGN_LEFT);
      add_cell (item, left, 0, 0, TILL_RECEIPT_BOX_TABLE);
      add_cell (item, right, self->content_width - rw, 0, TILL_RECEIPT_BOX_TABLE);
      add_cell (item, below, self->em, layout_height (left), TILL_RECEIPT_BOX_TABLE);
      item->height = layout_height (left) + layout_height (below);
      item->keep_with_next = row->keep_with_next;
    }
}

static void
unref_unless_null (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
lay_out (TillReceiptLayout *self,
         GPtrArray         *rows)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_full (rows->len, unref_unless_null);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  double column = 0, code_width = 0, right_edge, gap = self->em * 0.6;
  gboolean any_code = FALSE;

  /* The money column: as wide as its widest figure. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      PangoLayout *figure = NULL;

      if (row->kind == ROW_LINE && row->right != NULL)
        {
          figure = shaped_text (self, row->right, row->right_style, -1, PANGO_ALIGN_LEFT);
          if (row->in_column && row->right_style != STYLE_TOTAL)
            column = MAX (column, layout_width (figure));
        }
      any_code |= row->code != NULL;
      g_ptr_array_add (figures, figure);
    }
  if (any_code)
    {
      g_autoptr(PangoLayout) m = new_text (self, "M", STYLE_NORMAL);
      code_width = layout_width (m) + self->em * 0.4;
    }
  right_edge = self->content_width - code_width;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      PangoLayout *figure = figures->pdata[i];
      Item *item;

      switch (row->kind)
        {
        case ROW_TEXT:
          {
            double indent = row->indent * self->em;
            PangoLayout *text = shaped_text (self, row->text, row->style, self->content_width - indent,
                                             row->centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);

            item = append_item (self, ROW_TEXT);
            add_cell (item, text, indent, 0, row->role);
            item->height = layout_height (text);
            item->keep_with_next = row->keep_with_next;
          }
          break;

        case ROW_LINE:
          {
            double indent = row->indent * self->em;
            double figure_width = figure != NULL ? layout_width (figure) : 0;
            double right = row->in_column ? right_edge : self->content_width;
            double reserved = figure == NULL ? 0 : (row->in_column ? MAX (column, figure_width) : figure_width) + gap;
            /* The text wraps in what its figure leaves; a row without one
             * (details, requests) has the whole width. */
            PangoLayout *text = shaped_text (self, row->text, row->style, right - reserved - indent,
                                             PANGO_ALIGN_LEFT);
            double baseline = (double)pango_layout_get_baseline (text) / PANGO_SCALE;
            double text_y = 0;

            /* Text, figure and tax code share the first line's baseline. */
            if (figure != NULL)
              text_y = MAX (0, (double)pango_layout_get_baseline (figure) / PANGO_SCALE - baseline);
            baseline += text_y;
            item = append_item (self, ROW_LINE);
            add_cell (item, text, indent, text_y, row->role);
            item->height = text_y + layout_height (text);
            if (figure != NULL)
              {
                double y = baseline - (double)pango_layout_get_baseline (figure) / PANGO_SCALE;

                add_cell (item, g_object_ref (figure), right - figure_width, y,
                          row->in_column ? TILL_RECEIPT_BOX_AMOUNT : TILL_RECEIPT_BOX_TEXT);
                item->height = MAX (item->height, y + layout_height (figure));
              }
            if (row->code != NULL)
              {
                /* A handful of letters: each laid out once, drawn many times */
                PangoLayout *code = g_hash_table_lookup (codes, row->code);
                double y;

                if (code == NULL)
                  {
                    code = new_text (self, row->code, STYLE_NORMAL);
                    g_hash_table_insert (codes, row->code, code);
                  }
                y = baseline - (double)pango_layout_get_baseline (code) / PANGO_SCALE;
                add_cell (item, g_object_ref (code), self->content_width - layout_width (code), y,
                          TILL_RECEIPT_BOX_TAX_CODE);
              }
            item->keep_with_next = row->keep_with_next;
          }
          break;

        case ROW_RULE:
          item = append_item (self, ROW_RULE);
          item->height = self->em * 0.9;
          break;

        case ROW_SPACE:
          item = append_item (self, ROW_SPACE);
          item->height = self->em * row->space;
          break;

        case ROW_LOGO:
          lay_out_logo (self, row);
          break;

        case ROW_BANNER:
          {
            PangoLayout *text = new_text (self, row->text, STYLE_BANNER);
            double pad = self->em * 0.35;

            wrap (text, self->content_width - 2 * pad, PANGO_ALIGN_CENTER);
            item = append_item (self, ROW_BANNER);
            add_cell (item, text, pad, pad, TILL_RECEIPT_BOX_BANNER);
            item->height = layout_height (text) + 2 * pad;
          }
          break;

        case ROW_TABLE:
          {
            guint n = 1;

            while (i + n < rows->len && ((Row *)rows->pdata[i + n])->kind == ROW_TABLE
                   && !((Row *)rows->pdata[i + n])->header)
              n++;
            lay_out_table (self, rows, i, n);
            i += n - 1;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

}

/* Places the items on pages: a roll is one page as long as they are; on A4 a
 * run of rows that keep together moves to the next page whole when it fits
 * on one. */
static void
paginate (TillReceiptLayout *self)
{
  double top = self->spec->margin_top * MM;
  double bottom = self->spec->margin_bottom * MM;
  double y = top;
  guint page = 0;

  if (self->spec->height == 0)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          Item *item = &g_array_index (self->items, Item, i);
          item->y = y;
          item->page = 0;
          y += item->height;
        }
      self->page_height = ceil (y + bottom);
      self->n_pages = 1;
      return;
    }

  self->page_height = self->spec->height * MM;
  for (guint i = 0; i < self->items->len;)
    {
      double block = 0;
      guint end = i;

      /* The block: this item and those it keeps with. */
      do
        block += g_array_index (self->items, Item, end).height;
      while (g_array_index (self->items, Item, end++).keep_with_next && end < self->items->len);

      if (y + block > self->page_height - bottom && y > top && block <= self->page_height - top - bottom)
        {
          page++;
          y = top;
        }
      for (; i < end; i++)
        {
          Item *item = &g_array_index (self->items, Item, i);

          if (y + item->height > self->page_height - bottom && y > top)
            {
              page++;
              y = top;
            }
          item->y = y;
          item->page = page;
          y += item->height;
        }
    }
  self->n_pages = page + 1;
}

/* Points, and no hinting: the same breaks on screen, paper and PDF. */
static PangoContext *
receipt_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

TillReceiptLayout *
till_receipt_layout_new (const TillReceipt *receipt,
                         TillPaper          paper)
{
  TillReceiptLayout *self;
  g_autoptr(GPtrArray) rows = NULL;
  /* Two faces only (regular and bold): fewer fonts embedded in every PDF */
  static const struct { Style style; double scale; PangoWeight weight; } styles[] = {
    { STYLE_NORMAL, 1.0, PANGO_WEIGHT_NORMAL },
    { STYLE_BOLD, 1.0, PANGO_WEIGHT_BOLD },
    { STYLE_SMALL, 0.88, PANGO_WEIGHT_NORMAL },
    { STYLE_SHOP, 1.45, PANGO_WEIGHT_BOLD },
    { STYLE_TOTAL, 1.3, PANGO_WEIGHT_BOLD },
    { STYLE_BANNER, 1.15, PANGO_WEIGHT_BOLD },
  };

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (paper <= TILL_PAPER_A4, NULL);

  self = g_atomic_rc_box_new0 (TillReceiptLayout);
  self->paper = paper;
  self->spec = &papers[paper];
  self->page_width = self->spec->width * MM;
  self->margin_x = self->spec->margin_x * MM;
  self->content_width = self->page_width - 2 * self->margin_x;
  self->em = self->spec->font_size;
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify)item_clear);

  self->context = receipt_context ();

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      PangoFontDescription *font = pango_font_description_new ();

      pango_font_description_set_family_static (font, FONT_FAMILY);
      pango_font_description_set_size (font, (int)(self->em * styles[i].scale * PANGO_SCALE));
      pango_font_description_set_weight (font, styles[i].weight);
      self->fonts[styles[i].style] = font;
    }

  rows = describe (receipt, paper);
  self->shaped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lay_out (self, rows);
  g_clear_pointer (&self->shaped, g_hash_table_unref);
  paginate (self);
  return self;
}

TillReceiptLayout *
till_receipt_layout_ref (TillReceiptLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
layout_clear (TillReceiptLayout *self)
{
  g_array_unref (self->items);
  for (guint i = 0; i < N_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->context);
}

void
till_receipt_layout_unref (TillReceiptLayout *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify)layout_clear);
}

TillPaper
till_receipt_layout_get_paper (TillReceiptLayout *self)
{
  g_return_val_if_fail (self != NULL, TILL_PAPER_80);
  return self->paper;
}

double
till_receipt_layout_get_page_width (TillReceiptLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->page_width;
}

double
till_receipt_layout_get_page_height (TillReceiptLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->page_height;
}

guint
till_receipt_layout_get_n_pages (TillReceiptLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

/* Drawing ----------------------------------------------------------------- */

void
till_receipt_layout_draw_page (TillReceiptLayout *self,
                               cairo_t           *cr,
                               guint              page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double left = self->margin_x;

      if (item->page != page)
        continue;

      switch (item->kind)
        {
        case ROW_RULE:
          {
            double y = round (item->y + item->height / 2) + 0.25;
            const double dash[] = { 1.5, 1.5 };

            cairo_save (cr);
            cairo_set_line_width (cr, 0.5);
            cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
            cairo_move_to (cr, left, y);
            cairo_line_to (cr, left + self->content_width, y);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
          break;

        case ROW_LOGO:
          cairo_save (cr);
          cairo_translate (cr, left + item->logo_x, item->y);
          cairo_scale (cr, item->logo_scale, item->logo_scale);
          cairo_set_source_surface (cr, item->logo, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_paint (cr);
          cairo_restore (cr);
          break;

        case ROW_BANNER:
          cairo_save (cr);
          cairo_set_line_width (cr, 1.2);
          cairo_rectangle (cr, left + 0.6, item->y + 0.6, self->content_width - 1.2, item->height - 1.2);
          cairo_stroke (cr);
          cairo_restore (cr);
          break;

        case ROW_TEXT:
        case ROW_LINE:
        case ROW_SPACE:
        case ROW_TABLE:
        default:
          break;
        }

      /* Right to left: figures first, so that no long text before them on
       * the line can shift them (PDF text positions are rounded). */
      for (guint c = item->n_cells; c-- > 0;)
        {
          const Cell *cell = &item->cells[c];

          cairo_move_to (cr, left + cell->x, item->y + cell->y);
          pango_cairo_show_layout (cr, cell->layout);
        }
    }
  cairo_restore (cr);
}

/* Reading back ------------------------------------------------------------ */

static void
box_clear (TillReceiptBox *box)
{
  g_free (box->text);
}

GArray *
till_receipt_layout_get_boxes (TillReceiptLayout *self)
{
  GArray *boxes;

  g_return_val_if_fail (self != NULL, NULL);

  boxes = g_array_new (FALSE, TRUE, sizeof (TillReceiptBox));
  g_array_set_clear_func (boxes, (GDestroyNotify)box_clear);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      for (guint c = 0; c < item->n_cells; c++)
        {
          const Cell *cell = &item->cells[c];
          const char *text = pango_layout_get_text (cell->layout);
          PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);

          do
            {
              PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
              PangoRectangle logical;
              TillReceiptBox box = { 0 };
              int length = line->length;

              /* A wrapped line ends in the blank it broke at: leave it out. */
              while (length > 0 && g_ascii_isspace (text[line->start_index + length - 1]))
                length--;
              pango_layout_iter_get_line_extents (iter, NULL, &logical);
              if (length < line->length && line->resolved_dir == PANGO_DIRECTION_LTR)
                {
                  int x_pos;

                  pango_layout_line_index_to_x (line, line->start_index + length, FALSE, &x_pos);
                  logical.width = MIN (logical.width, x_pos);
                }
              box.page = item->page;
              box.x = self->margin_x + cell->x + (double)logical.x / PANGO_SCALE;
              box.y = item->y + cell->y + (double)logical.y / PANGO_SCALE;
              box.width = (double)logical.width / PANGO_SCALE;
              box.height = (double)logical.height / PANGO_SCALE;
              box.role = cell->role;
              box.row = i;
              box.text = g_strndup (text + line->start_index, length);
              g_array_append_val (boxes, box);
            }
          while (pango_layout_iter_next_line (iter));
          pango_layout_iter_free (iter);
        }
    }
  return boxes;
}

char *
till_receipt_layout_get_text (TillReceiptLayout *self)
{
  GString *text;
  g_autoptr(GArray) boxes = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* Boxes sharing a baseline row make one line of text, left to right. */
  text = g_string_new ("");
  boxes = till_receipt_layout_get_boxes (self);
  for (guint i = 0; i < boxes->len;)
    {
      const TillReceiptBox *first = &g_array_index (boxes, TillReceiptBox, i);
      g_autoptr(GPtrArray) line = g_ptr_array_new ();
      guint j;

      for (j = i; j < boxes->len; j++)
        {
          const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, j);
          if (b->row != first->row)
            break;
        }
      /* Within a row, group by vertical position. */
      while (i < j)
        {
          double y = G_MAXDOUBLE;

          for (guint k = i; k < j; k++)
            {
              const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, k);
              if (b->text != NULL)
                y = MIN (y, b->y);
            }
          g_ptr_array_set_size (line, 0);
          for (guint k = i; k < j; k++)
            {
              TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, k);
              if (b->text != NULL && fabs (b->y - y) < b->height / 2)
                g_ptr_array_add (line, b);
            }
          if (line->len == 0)
            break;
          for (guint a = 1; a < line->len; a++)
            for (guint b = a; b > 0 && ((TillReceiptBox *)line->pdata[b - 1])->x > ((TillReceiptBox *)line->pdata[b])->x; b--)
              {
                gpointer t = line->pdata[b];
                line->pdata[b] = line->pdata[b - 1];
                line->pdata[b - 1] = t;
              }
          for (guint a = 0; a < line->len; a++)
            {
              TillReceiptBox *b = line->pdata[a];

              if (a > 0)
                g_string_append (text, "  ");
              g_string_append (text, b->text);
              g_clear_pointer (&b->text, g_free);
            }
          g_string_append_c (text, '\n');
        }
      i = j;
    }
  return g_string_free (text, FALSE);
}

/* Rendering --------------------------------------------------------------- */

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (path != NULL)
    g_set_error (error, G_IO_ERROR, status == CAIRO_STATUS_WRITE_ERROR ? G_IO_ERROR_FAILED : G_IO_ERROR_INVALID_DATA,
                 "Cannot write the receipt to %s: %s", path, cairo_status_to_string (status));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot draw the receipt: %s",
                 cairo_status_to_string (status));
  return FALSE;
}

gboolean
till_receipt_layout_render_surface (TillReceiptLayout  *self,
                                    cairo_surface_t    *surface,
                                    GError            **error)
{
  cairo_surface_type_t type;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (surface != NULL, FALSE);

  if (!check_status (cairo_surface_status (surface), NULL, error))
    return FALSE;

  type = cairo_surface_get_type (surface);
  cr = cairo_create (surface);
  if (type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS)
    {
      for (guint page = 0; page < self->n_pages; page++)
        {
          if (type == CAIRO_SURFACE_TYPE_PDF)
            cairo_pdf_surface_set_size (surface, self->page_width, self->page_height);
          else
            cairo_ps_surface_set_size (surface, self->page_width, self->page_height);
          till_receipt_layout_draw_page (self, cr, page);
          cairo_show_page (cr);
        }
    }
  else
    {
      double scale = 1.0;

      if (type == CAIRO_SURFACE_TYPE_IMAGE)
        scale = cairo_image_surface_get_width (surface) / self->page_width;
      cairo_scale (cr, scale, scale);
      for (guint page = 0; page < self->n_pages; page++)
        {
          till_receipt_layout_draw_page (self, cr, page);
          cairo_translate (cr, 0, self->page_height);
        }
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return check_status (status, NULL, error);
}

gboolean
till_receipt_layout_render_pdf (TillReceiptLayout  *self,
                                const char         *path,
                                GError            **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, self->page_width, self->page_height);
  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Till");
  ok = till_receipt_layout_render_surface (self, surface, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;
  return check_status (status, path, error);
}

gboolean
till_receipt_layout_render_png (TillReceiptLayout  *self,
                                const char         *path,
                                double              dpi,
                                GError            **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double scale;
  int width, height;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dpi > 0, FALSE);

  scale = dpi / 72.0;
  width = (int)ceil (self->page_width * scale);
  height = (int)ceil (self->page_height * self->n_pages * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  ok = till_receipt_layout_render_surface (self, surface, error);
  status = ok ? cairo_surface_write_to_png (surface, path) : CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;
  return check_status (status, path, error);
}

gboolean
till_receipt_render_pdf (const TillReceipt  *receipt,
                         TillPaper           paper,
                         const char         *path,
                         GError            **error)
{
  g_autoptr(TillReceiptLayout) layout = till_receipt_layout_new (receipt, paper);
  return till_receipt_layout_render_pdf (layout, path, error);
}

gboolean
till_receipt_render_png (const TillReceipt  *receipt,
                         TillPaper           paper,
                         const char         *path,
                         GError            **error)
{
  g_autoptr(TillReceiptLayout) layout = till_receipt_layout_new (receipt, paper);
  return till_receipt_layout_render_png (layout, path, TILL_RECEIPT_PNG_DPI, error);
}
