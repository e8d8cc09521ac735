/* till-receipt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-receipt.h"

G_DEFINE_BOXED_TYPE (TillReceipt, till_receipt, till_receipt_ref, till_receipt_unref)

static void
line_free (TillReceiptLine *line)
{
  g_free (line->name);
  g_free (line->note);
  g_free (line);
}

static void
tender_free (TillReceiptTender *tender)
{
  g_free (tender->kind);
  g_free (tender->reference);
  g_free (tender);
}

TillReceipt *
till_receipt_new (TillReceiptKind  kind,
                  const char      *currency)
{
  TillReceipt *receipt;

  g_return_val_if_fail (currency != NULL, NULL);

  receipt = g_atomic_rc_box_new0 (TillReceipt);
  receipt->kind = kind;
  receipt->currency = g_strdup (currency);
  receipt->prices_include_tax = TRUE;
  receipt->shop_name = g_strdup ("");
  receipt->shop_address = g_strdup ("");
  receipt->shop_tax_id = g_strdup ("");
  receipt->header = g_strdup ("");
  receipt->footer = g_strdup ("");
  receipt->cashier = g_strdup ("");
  receipt->tier = g_strdup ("");
  receipt->next_tier = g_strdup ("");
  receipt->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)line_free);
  receipt->taxes = g_ptr_array_new_with_free_func (g_free);
  receipt->tenders = g_ptr_array_new_with_free_func ((GDestroyNotify)tender_free);
  return receipt;
}

TillReceipt *
till_receipt_ref (TillReceipt *receipt)
{
  g_return_val_if_fail (receipt != NULL, NULL);
  return g_atomic_rc_box_acquire (receipt);
}

static void
receipt_clear (TillReceipt *receipt)
{
  g_free (receipt->currency);
  g_free (receipt->shop_name);
  g_free (receipt->shop_address);
  g_free (receipt->shop_tax_id);
  g_free (receipt->header);
  g_free (receipt->footer);
  g_free (receipt->logo_path);
  g_free (receipt->cashier);
  g_clear_pointer (&receipt->time, g_date_time_unref);
  g_clear_pointer (&receipt->original_time, g_date_time_unref);
  g_ptr_array_unref (receipt->lines);
  g_ptr_array_unref (receipt->taxes);
  g_ptr_array_unref (receipt->tenders);
  g_free (receipt->card);
  g_free (receipt->tier);
  g_free (receipt->next_tier);
}

void
till_receipt_unref (TillReceipt *receipt)
{
  g_return_if_fail (receipt != NULL);
  g_atomic_rc_box_release_full (receipt, (GDestroyNotify)receipt_clear);
}

TillReceiptLine *
till_receipt_add_line (TillReceipt *receipt,
                       const char  *name,
                       const char  *note,
                       gint64       qty,
                       gboolean     by_weight,
                       gint64       unit_price,
                       gint64       amount,
                       gint64       tax_rate_bp)
{
  TillReceiptLine *line;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  line = g_new0 (TillReceiptLine, 1);
  line->name = g_strdup (name);
  line->note = g_strdup (note != NULL ? note : "");
  line->qty = qty;
  line->by_weight = by_weight;
  line->unit_price = unit_price;
  line->amount = amount;
  line->tax_rate_bp = tax_rate_bp;
  g_ptr_array_add (receipt->lines, line);
  return line;
}

void
till_receipt_line_add_discount (TillReceiptLine         *line,
                                TillReceiptDiscountKind  kind,
                                gint64                   percent_bp,
                                gint64                   amount)
{
  g_return_if_fail (line != NULL);
  g_return_if_fail (line->n_discounts < TILL_RECEIPT_MAX_DISCOUNTS);

  if (amount == 0)
    return;
  line->discounts[line->n_discounts].kind = kind;
  line->discounts[line->n_discounts].percent_bp = percent_bp;
  line->discounts[line->n_discounts].amount = amount;
  line->n_discounts++;
}

void
till_receipt_add_tax (TillReceipt *receipt,
                      gint64       rate_bp,
                      gint64       net,
                      gint64       tax,
                      gint64       gross)
{
  TillReceiptTax *row;

  g_return_if_fail (receipt != NULL);

  row = g_new0 (TillReceiptTax, 1);
  row->rate_bp = rate_bp;
  row->net = net;
  row->tax = tax;
  row->gross = gross;
  g_ptr_array_add (receipt->taxes, row);
}

void
till_receipt_add_tender (TillReceipt *receipt,
                         const char  *kind,
                         gint64       amount,
                         const char  *reference)
{
  TillReceiptTender *tender;

  g_return_if_fail (receipt != NULL);
  g_return_if_fail (kind != NULL);

  tender = g_new0 (TillReceiptTender, 1);
  tender->kind = g_strdup (kind);
  tender->amount = amount;
  tender->reference = g_strdup (reference != NULL ? reference : "");
  g_ptr_array_add (receipt->tenders, tender);
}

char *
till_receipt_format_number (gint64 register_id,
                            gint64 number)
{
  if (number <= 0)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%06" G_GINT64_FORMAT, register_id, number);
}
