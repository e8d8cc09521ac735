/* till-barcode.h: product barcodes, scale labels and loyalty cards as the till reads them
 *
 * DESIGN.md, "Scanning": EAN-13, EAN-8 and UPC-A carry a GS1 check digit,
 * which is verified; any other code (letters, or another length) is an
 * internal code of the shop.  A scale label is an EAN-13 "PP IIIII VVVVV C"
 * whose two-digit prefix PP is one of the shop's `scale.rules`: VVVVV is a
 * weight in grams or a price in minor units, and the product is the one
 * carrying the label's template (VVVVV zeroed, check digit recomputed) among
 * its barcodes.  A loyalty card is an EAN-13 starting with `card.prefix`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TILL_BARCODE_MAX_CHARS  64

typedef enum
{
  TILL_BARCODE_INTERNAL,   /* the shop's own code: letters, or not 8, 12 or 13 digits */
  TILL_BARCODE_EAN8,
  TILL_BARCODE_UPCA,
  TILL_BARCODE_EAN13,
} TillBarcodeKind;

typedef enum
{
  TILL_SCALE_WEIGHT,       /* VVVVV is grams */
  TILL_SCALE_PRICE,        /* VVVVV is the price in minor units */
} TillScaleKind;

typedef struct
{
  char          prefix[3];   /* two digits, "21" */
  TillScaleKind kind;
} TillScaleRule;

typedef struct
{
  TillScaleKind kind;
  char          prefix[3];
  char          template_code[14];  /* PP IIIII 00000 C': what the product carries */
  gint64        value;              /* grams or minor units */
} TillScaleLabel;

/* What a code is.  Refuses (TILL_ERROR_INVALID): an empty code, more than
 * TILL_BARCODE_MAX_CHARS characters, anything but printable ASCII without
 * spaces (scanners send nothing else), a "|" (it separates barcodes in CSV
 * files), and 8, 12 or 13 digits whose check digit is wrong (the message
 * gives the right one). */
gboolean     till_barcode_classify          (const char           *code,
                                             TillBarcodeKind      *out_kind,
                                             GError              **error);
const char  *till_barcode_kind_to_string    (TillBarcodeKind       kind);

/* `scale.rules`: comma-separated "PREFIX:KIND", KIND "weight" or "price",
 * two-digit prefixes from 20 to 28, each prefix once; blanks around items
 * are ignored; "" means no scale labels.  Returns the rules sorted by
 * prefix, or NULL (TILL_ERROR_INVALID, the message says what is allowed). */
GArray      *till_scale_rules_parse         (const char           *text,
                                             GError              **error);
/* The canonical text of @rules: "21:weight,23:price" */
char        *till_scale_rules_format        (GArray               *rules);
/* The rule whose prefix starts @code, or NULL */
const TillScaleRule *till_scale_rules_match (GArray               *rules,
                                             const char           *code);

/* Reads @code as a scale label of @rules.  Returns FALSE without an error
 * when it is not one (not 13 digits, or no rule's prefix); FALSE with
 * TILL_ERROR_INVALID when it is one but its check digit is wrong. */
gboolean     till_scale_label_parse         (const char           *code,
                                             GArray               *rules,
                                             TillScaleLabel       *out_label,
                                             GError              **error);
/* TRUE when @code is a scale template of @rules: 13 digits, a rule's prefix,
 * the value digits zero and a right check digit. */
gboolean     till_scale_template_is_valid   (const char           *code,
                                             GArray               *rules);

/* Whether @code may be one of a product's barcodes (DESIGN.md): a valid
 * code (till_barcode_classify) that does not begin with @card_prefix, and,
 * when it begins with a scale prefix of @rules, a scale template on a
 * product sold by weight.  Refusals are TILL_ERROR_INVALID with a message
 * that names the code. */
gboolean     till_barcode_check_for_product (const char           *code,
                                             const char           *card_prefix,
                                             GArray               *rules,
                                             gboolean              sold_by_weight,
                                             GError              **error);

/* TRUE when @code reads as a loyalty card of @card_prefix: 13 digits that
 * start with the prefix.  *out_check_ok tells whether its check digit is right. */
gboolean     till_loyalty_card_parse        (const char           *code,
                                             const char           *card_prefix,
                                             gboolean             *out_check_ok);

G_END_DECLS
