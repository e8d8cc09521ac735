/* test-receipt.c: the receipt layout at 58 mm, 80 mm and A4, and what its PDF says
 *
 * Receipts here are built by hand (the receipt model is plain data); the
 * integration tests build them from orders in a database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "till-receipt-layout.h"

#define EPSILON 0.01

static const TillPaper all_papers[] = { TILL_PAPER_58, TILL_PAPER_80, TILL_PAPER_A4 };

static const char long_name[] =
  "Tarte aux pommes caramélisées de la maison, grande, avec crème fraîche d’Isigny";
static const char long_word[] = "Schwarzwälderkirschtortenstückchenmitsahneundkirschwasser";
static const char long_note[] =
  "bitte in zwei Hälften schneiden, ohne Nüsse (Allergie!), separat verpacken und warm halten";

/* Helpers ------------------------------------------------------------------ */

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static GDateTime *
berlin (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static void
shop (TillReceipt *r)
{
  set_text (&r->shop_name, "Boulangerie Lumière");
  set_text (&r->shop_address, "Kastanienallee 12\n10435 Berlin");
  set_text (&r->shop_tax_id, "DE123456789");
  set_text (&r->header, "Fresh from our oven since 1987");
  set_text (&r->footer, "Merci et à bientôt!");
  set_text (&r->cashier, "Lena Vogel");
  r->register_id = 1;
}

/* Two croissants, a weighed cheese with a 10 % discount, a coffee with a
 * request, paid by card and cash, with a loyalty card. */
static TillReceipt *
sale_receipt (void)
{
  TillReceipt *r = till_receipt_new (TILL_RECEIPT_SALE, "EUR");
  TillReceiptLine *line;

  shop (r);
  r->number = 42;
  r->time = berlin (2026, 11, 25, 10, 5);
  till_receipt_add_line (r, "Croissant", "", 2000, FALSE, 120, 240, 700);
  line = till_receipt_add_line (r, "Comté AOP 18 mois", "", 350, TRUE, 3490, 1222, 700);
  till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_LINE, 1000, 122);
  line = till_receipt_add_line (r, "Café crème", "oat milk", 1000, FALSE, 310, 310, 1900);
  till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_TIER, 500, 16);
  r->subtotal = 1772;
  r->savings = 138;
  r->total = 1634;
  till_receipt_add_tax (r, 700, 1246, 88, 1334);
  till_receipt_add_tax (r, 1900, 252, 48, 300);
  r->tax = 136;
  till_receipt_add_tender (r, "card", 1000, "SIM-000123");
  till_receipt_add_tender (r, "cash", 1000, "");
  r->change = 366;
  r->card = g_strdup ("••••4821");
  r->has_loyalty = TRUE;
  r->points_earned = 16;
  r->points_balance = 1256;
  set_text (&r->tier, "Silver");
  set_text (&r->next_tier, "Gold");
  r->to_next_tier = 12030;
  return r;
}

static TillReceipt *
duplicate_receipt (void)
{
  TillReceipt *r = sale_receipt ();
  r->duplicate = TRUE;
  return r;
}

/* One croissant of the sale above paid back in cash */
static TillReceipt *
refund_receipt (void)
{
  TillReceipt *r = till_receipt_new (TILL_RECEIPT_REFUND, "EUR");

  shop (r);
  set_text (&r->cashier, "Marc Lefèvre");
  r->number = 43;
  r->time = berlin (2026, 11, 26, 9, 30);
  r->original_number = 42;
  r->original_time = berlin (2026, 11, 25, 10, 5);
  till_receipt_add_line (r, "Croissant", "", 1000, FALSE, 120, 120, 700);
  r->total = 120;
  till_receipt_add_tax (r, 700, 112, 8, 120);
  r->tax = 8;
  till_receipt_add_tender (r, "cash", 120, "");
  r->payout = 120;
  r->card = g_strdup ("••••4821");
  r->points_reversed = 1;
  return r;
}

/* A kept quote in a shop whose prices exclude tax */
static TillReceipt *
quote_receipt (void)
{
  TillReceipt *r = till_receipt_new (TILL_RECEIPT_QUOTE, "EUR");

  shop (r);
  r->prices_include_tax = FALSE;
  r->time = berlin (2026, 11, 25, 16, 0);
  till_receipt_add_line (r, "Hochzeitstorte, drei Etagen", "Marzipanrosen, kein Alkohol", 1000, FALSE, 18000, 18000, 700);
  till_receipt_add_line (r, "Macarons", "", 24000, FALSE, 150, 3600, 700);
  r->subtotal = 21600;
  r->tax = 1512;
  r->total = 23112;
  till_receipt_add_tax (r, 700, 21600, 1512, 23112);
  return r;
}

/* Thirty lines of everything, with long names and requests */
static TillReceipt *
long_receipt (void)
{
  TillReceipt *r = sale_receipt ();

  for (int i = 0; i < 30; i++)
    {
      const char *name = i % 3 == 0 ? long_name : i % 3 == 1 ? long_word : "Pain de campagne";
      TillReceiptLine *line = till_receipt_add_line (r, name, i % 2 == 0 ? long_note : "", 1000 * (i % 4 + 1),
                                                     FALSE, 99999, 99999 * (i % 4 + 1), i % 2 ? 700 : 1900);
      if (i % 5 == 0)
        till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_ORDER, 0, 1234);
    }
  return r;
}

typedef TillReceipt *(*ReceiptFactory) (void);

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-receipt-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static char *
pdftotext (const char *pdf,
           const char *mode)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", mode, "-enc", "UTF-8", pdf, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Lines without their blanks, empty ones left out: pdftotext guesses spaces
 * from glyph gaps, so only the words and their lines are compared. */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new ("");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GString *line = g_string_new ("");

      for (const char *p = lines[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (!g_unichar_isspace (c) && c != 0x00A0 && c != '\f')
            g_string_append_unichar (line, c);
        }
      if (line->len > 0)
        g_string_append_printf (out, "%s\n", line->str);
      g_string_free (line, TRUE);
    }
  return g_string_free (out, FALSE);
}

static GArray *
boxes_for (TillReceipt *receipt,
           TillPaper    paper,
           TillReceiptLayout **out_layout)
{
  TillReceiptLayout *layout = till_receipt_layout_new (receipt, paper);
  GArray *boxes = till_receipt_layout_get_boxes (layout);

  if (out_layout != NULL)
    *out_layout = layout;
  else
    till_receipt_layout_unref (layout);
  return boxes;
}

/* Papers ------------------------------------------------------------------- */

static void
test_paper_names (void)
{
  TillPaper paper;

  g_assert_true (till_paper_parse ("58", &paper));
  g_assert_cmpint (paper, ==, TILL_PAPER_58);
  g_assert_true (till_paper_parse ("80", &paper));
  g_assert_cmpint (paper, ==, TILL_PAPER_80);
  g_assert_true (till_paper_parse ("A4", &paper));
  g_assert_cmpint (paper, ==, TILL_PAPER_A4);
  g_assert_false (till_paper_parse ("57", &paper));
  g_assert_false (till_paper_parse ("", &paper));
  g_assert_false (till_paper_parse (NULL, &paper));
  g_assert_cmpstr (till_paper_to_string (TILL_PAPER_A4), ==, "a4");
  g_assert_cmpfloat_with_epsilon (till_paper_get_width (TILL_PAPER_80), 80 * 72 / 25.4, EPSILON);
}

/* Line breaking ------------------------------------------------------------ */

static char *
joined_rows (GArray             *boxes,
             TillReceiptBoxRole  role,
             const char         *starting_with,
             guint              *out_lines)
{
  GString *text = g_string_new ("");
  guint row = G_MAXUINT;

  *out_lines = 0;
  for (guint i = 0; i < boxes->len; i++)
    {
      const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);

      if (b->role != role)
        continue;
      if (row == G_MAXUINT && !g_str_has_prefix (b->text, starting_with))
        continue;
      if (row != G_MAXUINT && b->row != row)
        break;
      row = b->row;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, b->text);
      (*out_lines)++;
    }
  return g_string_free (text, FALSE);
}

/* Word-broken text loses the breaking blank, char-broken text nothing. */
static gboolean
same_words (const char *laid_out,
            const char *original)
{
  g_autofree char *a = squeeze (laid_out);
  g_autofree char *b = squeeze (original);
  return g_str_equal (a, b);
}

static void
assert_boxes_on_paper (TillReceiptLayout *layout,
                       GArray            *boxes)
{
  double width = till_receipt_layout_get_page_width (layout);
  double height = till_receipt_layout_get_page_height (layout);
  double margin = till_receipt_layout_get_paper (layout) == TILL_PAPER_58 ? 5 * 72 / 25.4
                  : till_receipt_layout_get_paper (layout) == TILL_PAPER_80 ? 4 * 72 / 25.4 : 25 * 72 / 25.4;

  for (guint i = 0; i < boxes->len; i++)
    {
      const TillReceiptBox *a = &g_array_index (boxes, TillReceiptBox, i);

      if (a->x < margin - EPSILON || a->x + a->width > width - margin + EPSILON || a->y < 0 || a->y + a->height > height)
        g_error ("“%s” (%.2f, %.2f, %.2f × %.2f) leaves the printable area of %.2f × %.2f",
                 a->text, a->x, a->y, a->width, a->height, width, height);
      /* No two lines of text overlap. */
      for (guint j = i + 1; j < boxes->len; j++)
        {
          const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, j);
          double ox = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
          double oy = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

          if (a->page == b->page && ox > 0.5 && oy > 0.5 && a->text[0] != '\0' && b->text[0] != '\0')
            g_error ("“%s” and “%s” overlap by %.2f × %.2f pt", a->text, b->text, ox, oy);
        }
    }
}

static void
test_long_names_and_requests_wrap (void)
{
  guint name_lines[G_N_ELEMENTS (all_papers)], word_lines[G_N_ELEMENTS (all_papers)];
  guint note_lines[G_N_ELEMENTS (all_papers)];

  for (guint p = 0; p < G_N_ELEMENTS (all_papers); p++)
    {
      g_autoptr(TillReceipt) receipt = till_receipt_new (TILL_RECEIPT_SALE, "EUR");
      g_autoptr(TillReceiptLayout) layout = NULL;
      g_autoptr(GArray) boxes = NULL;
      g_autofree char *name = NULL, *word = NULL, *note = NULL;

      shop (receipt);
      receipt->number = 7;
      receipt->time = berlin (2026, 11, 25, 10, 0);
      till_receipt_add_line (receipt, long_name, long_note, 1000, FALSE, 1234567, 1234567, 700);
      till_receipt_add_line (receipt, long_word, "", 1000, FALSE, 450, 450, 700);
      receipt->total = 1235017;
      boxes = boxes_for (receipt, all_papers[p], &layout);
      assert_boxes_on_paper (layout, boxes);

      name = joined_rows (boxes, TILL_RECEIPT_BOX_TEXT, "Tarte", &name_lines[p]);
      word = joined_rows (boxes, TILL_RECEIPT_BOX_TEXT, "Schwarz", &word_lines[p]);
      note = joined_rows (boxes, TILL_RECEIPT_BOX_NOTE, "»", &note_lines[p]);
      /* Nothing lost or doubled by the breaking. */
      g_assert_true (same_words (name, long_name));
      g_assert_true (same_words (word, long_word));
      g_assert_true (g_str_has_prefix (note, "» "));
      g_assert_true (same_words (note + strlen ("» "), long_note));

      /* Names stay clear of their figure. */
      for (guint i = 0; i < boxes->len; i++)
        {
          const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);

          if (b->role != TILL_RECEIPT_BOX_TEXT || !(g_str_has_prefix (long_name, b->text) || strstr (long_word, b->text)))
            continue;
          for (guint j = 0; j < boxes->len; j++)
            {
              const TillReceiptBox *figure = &g_array_index (boxes, TillReceiptBox, j);
              if (figure->row == b->row && figure->role == TILL_RECEIPT_BOX_AMOUNT)
                g_assert_cmpfloat (b->x + b->width, <, figure->x);
            }
        }
    }

  /* Narrower paper, more lines; the long word breaks inside itself on rolls. */
  g_assert_cmpuint (name_lines[0], >=, name_lines[1]);
  g_assert_cmpuint (name_lines[1], >=, name_lines[2]);
  g_assert_cmpuint (name_lines[0], >=, 3);
  g_assert_cmpuint (name_lines[2], <=, 2);
  g_assert_cmpuint (word_lines[0], >=, 2);
  g_assert_cmpuint (word_lines[2], ==, 1);
  g_assert_cmpuint (note_lines[0], >, note_lines[2]);
  g_assert_cmpuint (note_lines[2], <=, 2);
}

/* Aligned money columns ---------------------------------------------------- */

static void
test_money_column_aligned (void)
{
  static const ReceiptFactory factories[] = { sale_receipt, refund_receipt, quote_receipt, long_receipt };

  for (guint f = 0; f < G_N_ELEMENTS (factories); f++)
    for (guint p = 0; p < G_N_ELEMENTS (all_papers); p++)
      {
        g_autoptr(TillReceipt) receipt = factories[f] ();
        g_autoptr(TillReceiptLayout) layout = NULL;
        g_autoptr(GArray) boxes = boxes_for (receipt, all_papers[p], &layout);
        double right = -1, code_left = -1;
        guint amounts = 0;

        assert_boxes_on_paper (layout, boxes);
        for (guint i = 0; i < boxes->len; i++)
          {
            const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);

            if (b->role == TILL_RECEIPT_BOX_AMOUNT)
              {
                if (right < 0)
                  right = b->x + b->width;
                if (fabs (b->x + b->width - right) > EPSILON)
                  g_error ("factory %u, paper %s: “%s” ends at %.3f, the column at %.3f", f,
                           till_paper_to_string (all_papers[p]), b->text, b->x + b->width, right);
                amounts++;
              }
            else if (b->role == TILL_RECEIPT_BOX_TAX_CODE)
              {
                /* Tax codes in their own column, right of the figures */
                if (code_left < 0)
                  code_left = b->x + b->width;
                g_assert_cmpfloat (b->x, >, right);
                g_assert_cmpfloat_with_epsilon (b->x + b->width, code_left, EPSILON);
              }
          }
        g_assert_cmpuint (amounts, >=, 2);
      }
}

/* A4 pages ------------------------------------------------------------------ */

static void
test_a4_breaks_between_rows (void)
{
  g_autoptr(TillReceipt) receipt = sale_receipt ();
  g_autoptr(TillReceiptLayout) layout = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_autofree char *pdf = temp_path ("long.pdf");
  g_autoptr(GError) error = NULL;
  guint last_page = 0;

  for (int i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("Brötchen %d", i + 1);
      till_receipt_add_line (receipt, name, i % 7 == 0 ? long_note : "", 3000, FALSE, 45, 135, 700);
    }
  boxes = boxes_for (receipt, TILL_PAPER_A4, &layout);
  g_assert_cmpuint (till_receipt_layout_get_n_pages (layout), >=, 3);
  assert_boxes_on_paper (layout, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);

      g_assert_cmpuint (b->page, >=, last_page);
      last_page = b->page;
      /* Within the bottom margin */
      g_assert_cmpfloat (b->y + b->height, <=, till_receipt_layout_get_page_height (layout) - 20 * 72 / 25.4 + EPSILON);
    }
  g_assert_cmpuint (last_page + 1, ==, till_receipt_layout_get_n_pages (layout));

  /* A line and its request never part. */
  for (guint i = 1; i < boxes->len; i++)
    {
      const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);
      const TillReceiptBox *before = &g_array_index (boxes, TillReceiptBox, i - 1);

      if (b->role == TILL_RECEIPT_BOX_NOTE && g_str_has_prefix (b->text, "»"))
        g_assert_cmpuint (b->page, ==, before->page);
    }

  g_assert_true (till_receipt_layout_render_pdf (layout, pdf, &error));
  g_assert_no_error (error);
  if (have_program ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", pdf, NULL };
      g_autofree char *info = NULL;
      const char *pages;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL, &error);
      g_assert_no_error (error);
      pages = strstr (info, "Pages:");
      g_assert_nonnull (pages);
      g_assert_cmpuint (strtoul (pages + strlen ("Pages:"), NULL, 10), ==, till_receipt_layout_get_n_pages (layout));
      g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
    }
  remove_temp (pdf);
}

/* What the PDF says --------------------------------------------------------- */

typedef struct
{
  const char      *name;
  ReceiptFactory   factory;
  const char      *expected;   /* 80 mm, blanks as the layout puts them */
} TextCase;

static const TextCase text_cases[] = {
  { "sale", sale_receipt,
    "Boulangerie Lumière\n"
    "Kastanienallee 12\n"
    "10435 Berlin\n"
    "Tax ID: DE123456789\n"
    "Fresh from our oven since 1987\n"
    "Receipt No. 1-000042\n"
    "2026-11-25 10:05 Register 1\n"
    "Cashier: Lena Vogel\n"
    "Croissant 2.40 A\n"
    "2 × 1.20\n"
    "Comté AOP 18 mois 12.22 A\n"
    "0.350 kg × 34.90/kg\n"
    "Discount 10 % -1.22\n"
    "Café crème 3.10 B\n"
    "» oat milk\n"
    "Member discount 5 % -0.16\n"
    "Subtotal 17.72\n"
    "Discounts -1.38\n"
    "TOTAL €16.34\n"
    "Card 10.00\n"
    "Ref. SIM-000123\n"
    "Cash 10.00\n"
    "Change 3.66\n"
    "Rate Net Tax Gross\n"
    "A 7 % 12.46 0.88 13.34\n"
    "B 19 % 2.52 0.48 3.00\n"
    "Prices include tax.\n"
    "Loyalty card ••••4821\n"
    "Points earned 16\n"
    "Points balance 1256\n"
    "Tier Silver\n"
    "Still to spend for Gold 120.30\n"
    "Merci et à bientôt!\n" },
  { "duplicate", duplicate_receipt, NULL },
  { "refund", refund_receipt,
    "Boulangerie Lumière\n"
    "Kastanienallee 12\n"
    "10435 Berlin\n"
    "Tax ID: DE123456789\n"
    "Fresh from our oven since 1987\n"
    "Refund No. 1-000043\n"
    "For receipt 1-000042 of 2026-11-25\n"
    "2026-11-26 09:30 Register 1\n"
    "Cashier: Marc Lefèvre\n"
    "Croissant -1.20 A\n"
    "1 × 1.20\n"
    "Refunded -€1.20\n"
    "Cash paid out -1.20\n"
    "Rate Net Tax Gross\n"
    "A 7 % -1.12 -0.08 -1.20\n"
    "Prices include tax.\n"
    "Loyalty card ••••4821\n"
    "Points reversed -1\n"
    "Merci et à bientôt!\n" },
  { "quote", quote_receipt,
    "Boulangerie Lumière\n"
    "Kastanienallee 12\n"
    "10435 Berlin\n"
    "Tax ID: DE123456789\n"
    "Fresh from our oven since 1987\n"
    "Quote\n"
    "2026-11-25 16:00 Register 1\n"
    "Cashier: Lena Vogel\n"
    "Hochzeitstorte, drei Etagen 180.00 A\n"
    "» Marzipanrosen, kein Alkohol\n"
    "Macarons 36.00 A\n"
    "24 × 1.50\n"
    "Subtotal 216.00\n"
    "Tax 15.12\n"
    "TOTAL €231.12\n"
    "Rate Net Tax Gross\n"
    "A 7 % 216.00 15.12 231.12\n"
    "Prices exclude tax.\n"
    "This is a quote, not a receipt.\n"
    "Merci et à bientôt!\n" },
};

static char *
expected_text (const TextCase *c)
{
  if (c->expected != NULL)
    return g_strdup (c->expected);

  /* The duplicate: the sale's text with DUPLICATE under the header and at
   * the very end. */
  {
    GString *text = g_string_new (text_cases[0].expected);
    const char *at = strstr (text->str, "Receipt No.");

    g_string_insert (text, at - text->str, "DUPLICATE\n");
    g_string_append (text, "DUPLICATE\n");
    return g_string_free (text, FALSE);
  }
}

static void
test_pdf_text_matches (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *expected = expected_text (c);
  g_autofree char *expected_squeezed = squeeze (expected);

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  for (guint p = 0; p < G_N_ELEMENTS (all_papers); p++)
    {
      g_autoptr(TillReceipt) receipt = c->factory ();
      g_autoptr(TillReceiptLayout) layout = till_receipt_layout_new (receipt, all_papers[p]);
      g_autofree char *pdf = temp_path ("receipt.pdf");
      g_autofree char *laid_out = till_receipt_layout_get_text (layout);
      g_autofree char *read_back = NULL;
      g_autofree char *read_squeezed = NULL;
      g_autofree char *laid_squeezed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (till_receipt_layout_render_pdf (layout, pdf, &error));
      g_assert_no_error (error);
      read_back = pdftotext (pdf, "-layout");
      read_squeezed = squeeze (read_back);
      laid_squeezed = squeeze (laid_out);
      if (g_test_verbose ())
        g_printerr ("%s at %s:\n%s\n", c->name, till_paper_to_string (all_papers[p]), read_back);

      /* The PDF says what the layout says, line for line, at every width. */
      g_assert_cmpstr (read_squeezed, ==, laid_squeezed);
      /* At 80 mm, what the receipt is expected to say. */
      if (all_papers[p] == TILL_PAPER_80)
        g_assert_cmpstr (read_squeezed, ==, expected_squeezed);
      remove_temp (pdf);
    }
}

/* The money column, as pdftotext sees the PDF: every figure of the layout's
 * column ends where the layout put it. */
static void
test_pdf_money_column_aligned (void)
{
  g_autoptr(TillReceipt) receipt = long_receipt ();

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  for (guint p = 0; p < G_N_ELEMENTS (all_papers); p++)
    {
      g_autoptr(TillReceiptLayout) layout = NULL;
      g_autoptr(GArray) boxes = boxes_for (receipt, all_papers[p], &layout);
      g_autofree char *pdf = temp_path ("column.pdf");
      g_autofree char *html = NULL;
      g_autoptr(GError) error = NULL;
      double right = -1;
      guint checked = 0;

      g_assert_true (till_receipt_layout_render_pdf (layout, pdf, &error));
      g_assert_no_error (error);
      html = pdftotext (pdf, "-bbox");

      for (guint i = 0; i < boxes->len; i++)
        {
          const TillReceiptBox *b = &g_array_index (boxes, TillReceiptBox, i);
          g_autofree char *needle = NULL;
          const char *word;
          double x_max = 0;

          if (b->role != TILL_RECEIPT_BOX_AMOUNT || b->page != 0 || strchr (b->text, ' ') != NULL)
            continue;
          /* <word xMin="…" yMin="…" xMax="…" yMax="…">TEXT</word>: of the
           * words with this text on the box's line, the rightmost */
          needle = g_strdup_printf (">%s</word>", b->text);
          for (word = strstr (html, needle); word != NULL; word = strstr (word + 1, needle))
            {
              const char *tag = g_strrstr_len (html, word - html, "<word ");
              double x = g_ascii_strtod (strstr (tag, "xMax=\"") + 6, NULL);
              double y = g_ascii_strtod (strstr (tag, "yMin=\"") + 6, NULL);

              if (fabs (y - b->y) < b->height / 2 && x > x_max)
                x_max = x;
            }
          g_assert_cmpfloat (x_max, >, 0);
          if (g_test_verbose ())
            g_printerr ("%s: %s pdf %.3f layout %.3f\n", till_paper_to_string (all_papers[p]), b->text, x_max, b->x + b->width);
          if (right < 0)
            right = x_max;
          /* pdftotext reads positions to about 0.01 pt */
          g_assert_cmpfloat_with_epsilon (x_max, right, 0.05);
          g_assert_cmpfloat_with_epsilon (x_max, b->x + b->width, 0.5);
          checked++;
        }
      g_assert_cmpuint (checked, >=, 10);
      remove_temp (pdf);
    }
}

/* Images, logos, locales ------------------------------------------------------ */

static void
test_png_size_follows_paper (void)
{
  g_autoptr(TillReceipt) receipt = sale_receipt ();

  for (guint p = 0; p < G_N_ELEMENTS (all_papers); p++)
    {
      g_autoptr(TillReceiptLayout) layout = till_receipt_layout_new (receipt, all_papers[p]);
      g_autofree char *png = temp_path ("receipt.png");
      g_autoptr(GError) error = NULL;
      cairo_surface_t *image;

      g_assert_true (till_receipt_layout_render_png (layout, png, TILL_RECEIPT_PNG_DPI, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                       (int)ceil (till_paper_get_width (all_papers[p]) * TILL_RECEIPT_PNG_DPI / 72));
      g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                       (int)ceil (till_receipt_layout_get_page_height (layout) * TILL_RECEIPT_PNG_DPI / 72));
      cairo_surface_destroy (image);
      remove_temp (png);
    }
}

static void
test_logo_on_top_and_missing_logo_ignored (void)
{
  g_autoptr(TillReceipt) plain = sale_receipt ();
  g_autoptr(TillReceipt) with_logo = sale_receipt ();
  g_autoptr(TillReceipt) broken = sale_receipt ();
  g_autofree char *png = temp_path ("logo.png");
  cairo_surface_t *logo = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 100);
  cairo_t *cr = cairo_create (logo);
  g_autoptr(TillReceiptLayout) a = NULL, b = NULL, c = NULL;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 10, 10, 280, 80);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (logo, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (logo);

  with_logo->logo_path = g_strdup (png);
  broken->logo_path = g_strdup ("/nonexistent/logo.png");
  a = till_receipt_layout_new (plain, TILL_PAPER_80);
  b = till_receipt_layout_new (with_logo, TILL_PAPER_80);
  c = till_receipt_layout_new (broken, TILL_PAPER_80);
  g_assert_cmpfloat (till_receipt_layout_get_page_height (b), >, till_receipt_layout_get_page_height (a) + 20);
  g_assert_cmpfloat_with_epsilon (till_receipt_layout_get_page_height (c), till_receipt_layout_get_page_height (a),
                                  EPSILON);
  remove_temp (png);
}

static void
test_duplicate_marked_twice (void)
{
  g_autoptr(TillReceipt) original = sale_receipt ();
  g_autoptr(TillReceipt) duplicate = duplicate_receipt ();
  g_autoptr(TillReceiptLayout) a = till_receipt_layout_new (original, TILL_PAPER_58);
  g_autoptr(TillReceiptLayout) b = till_receipt_layout_new (duplicate, TILL_PAPER_58);
  g_autoptr(GArray) boxes = till_receipt_layout_get_boxes (b);
  g_autofree char *text = till_receipt_layout_get_text (a);
  guint banners = 0;

  g_assert_null (strstr (text, "DUPLICATE"));
  for (guint i = 0; i < boxes->len; i++)
    if (g_array_index (boxes, TillReceiptBox, i).role == TILL_RECEIPT_BOX_BANNER)
      {
        g_assert_cmpstr (g_array_index (boxes, TillReceiptBox, i).text, ==, "DUPLICATE");
        banners++;
      }
  g_assert_cmpuint (banners, ==, 2);
}

static void
test_locale_formats_money_and_dates (void)
{
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(TillReceiptLayout) layout = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (locales-all)");
      return;
    }
  receipt = sale_receipt ();
  layout = till_receipt_layout_new (receipt, TILL_PAPER_80);
  text = till_receipt_layout_get_text (layout);
  setlocale (LC_ALL, saved);

  g_assert_nonnull (strstr (text, "25.11.2026 10:05"));
  g_assert_nonnull (strstr (text, "16,34" "\xc2\xa0" "€"));
  g_assert_nonnull (strstr (text, "0,350 kg × 34,90/kg"));
  g_assert_nonnull (strstr (text, "1.256"));
}

static void
test_non_latin_names_render (void)
{
  g_autoptr(TillReceipt) receipt = sale_receipt ();
  g_autoptr(TillReceiptLayout) layout = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_autofree char *pdf = temp_path ("names.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  static const char *names[] = { "王老吉 凉茶", "抹茶ロールケーキ", "Ψωμί χωριάτικο", "Бородинский хлеб", "빵" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    till_receipt_add_line (receipt, names[i], "", 1000, FALSE, 250, 250, 700);
  layout = till_receipt_layout_new (receipt, TILL_PAPER_58);
  boxes = till_receipt_layout_get_boxes (layout);
  assert_boxes_on_paper (layout, boxes);
  g_assert_true (till_receipt_layout_render_pdf (layout, pdf, &error));
  g_assert_no_error (error);
  if (have_program ("pdftotext"))
    {
      text = pdftotext (pdf, "-layout");
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *a = squeeze (names[i]);
          g_autofree char *b = squeeze (text);
          g_auto(GStrv) parts = g_strsplit (b, "\n", -1);
          g_autofree char *joined = g_strjoinv ("", parts);

          /* A name may wrap onto a second line at 58 mm. */
          g_assert_nonnull (strstr (joined, g_strchomp (a)));
        }
    }
  remove_temp (pdf);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/receipt/paper/names", test_paper_names);
  g_test_add_func ("/receipt/layout/long-names-and-requests-wrap-at-each-width", test_long_names_and_requests_wrap);
  g_test_add_func ("/receipt/layout/money-column-aligned", test_money_column_aligned);
  g_test_add_func ("/receipt/layout/a4-breaks-between-rows", test_a4_breaks_between_rows);
  g_test_add_func ("/receipt/layout/duplicate-marked-top-and-bottom", test_duplicate_marked_twice);
  g_test_add_func ("/receipt/layout/logo-on-top-missing-logo-ignored", test_logo_on_top_and_missing_logo_ignored);
  g_test_add_func ("/receipt/layout/locale-formats-money-and-dates", test_locale_formats_money_and_dates);
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/receipt/pdf/text-matches/%s", text_cases[i].name);
      g_test_add_data_func (path, &text_cases[i], test_pdf_text_matches);
    }
  g_test_add_func ("/receipt/pdf/money-column-aligned", test_pdf_money_column_aligned);
  g_test_add_func ("/receipt/pdf/non-latin-names-render", test_non_latin_names_render);
  g_test_add_func ("/receipt/png/size-follows-paper", test_png_size_follows_paper);

  return g_test_run ();
}
