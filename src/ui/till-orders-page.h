/* till-orders-page.h: the order history, an order's detail, refunds and voids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"
#include "till-order-list.h"
#include "till-receipt-service.h"
#include "till-refund-dialog.h"

G_BEGIN_DECLS

#define TILL_TYPE_ORDERS_PAGE (till_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (TillOrdersPage, till_orders_page, TILL, ORDERS_PAGE, GtkWidget)

TillOrderList    *till_orders_page_get_list     (TillOrdersPage *self);
GtkSelectionModel *till_orders_page_get_selection (TillOrdersPage *self);
/* The order in the detail, or 0 */
gint64            till_orders_page_get_shown_id (TillOrdersPage *self);
/* The refund or void dialog while it is open, or NULL */
TillRefundDialog *till_orders_page_get_dialog   (TillOrdersPage *self);
/* What prints receipts in this window (the app's); NULL, the default,
 * leaves Reprint off */
void              till_orders_page_set_receipt_service (TillOrdersPage     *self,
                                                        TillReceiptService *service);
/* Reads the list and the order shown again (after a sale elsewhere) */
void              till_orders_page_refresh      (TillOrdersPage *self);

G_END_DECLS
