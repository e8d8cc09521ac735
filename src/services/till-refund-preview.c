/* till-refund-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-error.h"
#include "till-refund-preview.h"

void
till_refund_preview_free (TillRefundPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->lines, g_array_unref);
  g_free (preview);
}

TillRefundPreview *
till_refund_preview (TillContext              *context,
                     gint64                    order_id,
                     const TillRefundRequest  *requests,
                     gsize                     n_requests,
                     GError                  **error)
{
  TillStore *store;
  g_autoptr(TillOrderRecord) order = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(TillRefundPreview) preview = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (requests != NULL || n_requests == 0, NULL);

  store = till_context_get_store (context);
  order = till_orders_get (store, order_id, error);
  if (order == NULL)
    return NULL;
  if (g_strcmp0 (order->status, "paid") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Only a paid order can be refunded: this one is not paid.");
      return NULL;
    }
  if (n_requests == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Choose at least one line to refund.");
      return NULL;
    }
  lines = till_orders_get_lines (store, order_id, error);
  if (lines == NULL)
    return NULL;

  preview = g_new0 (TillRefundPreview, 1);
  preview->lines = g_array_sized_new (FALSE, TRUE, sizeof (TillLineRefund), n_requests);
  for (gsize i = 0; i < n_requests; i++)
    {
      const TillRefundRequest *request = &requests[i];
      TillOrderLineRecord *line;
      TillRefundableLine refundable;
      TillLineRefund line_refund;

      if (request->position < 1 || request->position > lines->len)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "Line %u: the order has no such line.",
                       request->position);
          return NULL;
        }
      for (gsize j = 0; j < i; j++)
        if (requests[j].position == request->position)
          {
            g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "Line %u is named twice.", request->position);
            return NULL;
          }
      line = lines->pdata[request->position - 1];
      refundable.qty = line->qty;
      refundable.refunded_qty = line->refunded_qty;
      refundable.sold_by_weight = line->sold_by_weight;
      refundable.paid = line->paid;
      refundable.tax = line->tax;
      refundable.points = line->points;
      if (!till_refund_line (&refundable, request->position, request->qty, &line_refund, error))
        return NULL;
      g_array_append_val (preview->lines, line_refund);
      preview->amount += line_refund.paid;
      preview->tax += line_refund.tax;
      preview->points += line_refund.points;
    }
  return g_steal_pointer (&preview);
}
