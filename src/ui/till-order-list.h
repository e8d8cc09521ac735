/* till-order-list.h: the order history as a GListModel, paged from the store
 *
 * Newest first by (paid_at, or opened_at for open and voided orders, id),
 * walked a page at a time with keyset queries (never skipping rows); a few pages
 * stay in memory.  One text box searches: digits are a receipt number of
 * this register ("123"), or of another one ("2-123", or "2-000123" as the
 * receipt prints it), which finds the sale or the sale a refund with that
 * number paid back; anything else finds
 * customers through their FTS prefix search (name, phone, card) and lists
 * their orders.  A day, in the shop's time zone, narrows the history and
 * a customer's orders; a receipt number is exact and found on any day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-store.h"

G_BEGIN_DECLS

typedef enum
{
  TILL_ORDER_STATE_PAID,
  TILL_ORDER_STATE_PARTLY_REFUNDED,
  TILL_ORDER_STATE_REFUNDED,
  TILL_ORDER_STATE_OPEN,
  TILL_ORDER_STATE_PARKED,
  TILL_ORDER_STATE_VOIDED,
} TillOrderState;

#define TILL_TYPE_ORDER_ITEM (till_order_item_get_type ())
G_DECLARE_FINAL_TYPE (TillOrderItem, till_order_item, TILL, ORDER_ITEM, GObject)

gint64          till_order_item_get_id        (TillOrderItem *self);
TillOrderState  till_order_item_get_state     (TillOrderItem *self);
/* "Paid", "Partly refunded", "Refunded", "Open", "Parked", "Voided" */
const char     *till_order_item_get_status    (TillOrderItem *self);
/* "1-000123" as the receipt prints it, "" until paid */
const char     *till_order_item_get_receipt   (TillOrderItem *self);
const char     *till_order_item_get_time      (TillOrderItem *self);
const char     *till_order_item_get_staff     (TillOrderItem *self);
/* The customer's name and masked card ("••••4821"), or "" */
const char     *till_order_item_get_customer  (TillOrderItem *self);
const char     *till_order_item_get_total     (TillOrderItem *self);
/* "2,40 € refunded", or "" */
const char     *till_order_item_get_refunded  (TillOrderItem *self);

#define TILL_TYPE_ORDER_LIST (till_order_list_get_type ())
G_DECLARE_FINAL_TYPE (TillOrderList, till_order_list, TILL, ORDER_LIST, GObject)

#define TILL_ORDER_LIST_PAGE_SIZE        100
#define TILL_ORDER_LIST_CUSTOMER_LIMIT    50

typedef enum
{
  TILL_ORDER_SEARCH_NONE,
  TILL_ORDER_SEARCH_RECEIPT,
  TILL_ORDER_SEARCH_CUSTOMER,
} TillOrderSearch;

/* @register_id: this register, for receipt numbers typed without one;
 * @time_zone: the shop's, for days and the times shown. */
TillOrderList  *till_order_list_new           (TillStore     *store,
                                               gint64         register_id,
                                               GTimeZone     *time_zone);
/* This register's number, for receipt numbers typed without one; takes
 * effect at the next query */
void            till_order_list_set_register_id (TillOrderList *self,
                                                 gint64         register_id);
/* The shop's time zone changed: days and times follow it */
void            till_order_list_set_time_zone (TillOrderList *self,
                                               GTimeZone     *time_zone);
/* What "today" is, for the times shown ("Today 14:02") */
void            till_order_list_set_now       (TillOrderList *self,
                                               GDateTime     *now);
/* @text: empty for every order; @day: NULL for every day.  Reads the store
 * again when either changed. */
void            till_order_list_set_query     (TillOrderList *self,
                                               const char    *text,
                                               const GDate   *day);
TillOrderSearch till_order_list_get_search    (TillOrderList *self);
/* How many customers the text matched (customer search) */
guint           till_order_list_get_n_customers (TillOrderList *self);
/* Reads the store again (after a sale, refund or void). */
void            till_order_list_refresh       (TillOrderList *self);
/* The position of @order_id among the pages read so far, or
 * GTK_INVALID_LIST_POSITION (G_MAXUINT) */
guint           till_order_list_find          (TillOrderList *self,
                                               gint64         order_id);
/* The order as a row of the list would show it, read afresh; NULL and
 * @error when it cannot be read */
TillOrderItem  *till_order_list_describe      (TillOrderList *self,
                                               gint64         order_id,
                                               GError       **error);
/* How many pages the list holds in memory now (for tests) */
guint           till_order_list_get_n_cached  (TillOrderList *self);
/* The last error met while reading, or NULL */
const GError   *till_order_list_get_error     (TillOrderList *self);

/* Shared with the order's detail: a receipt number as the list writes it
 * (and the search reads it), and a stored UTC time in the shop's zone. */
char           *till_order_list_format_receipt (TillOrderList *self,
                                                gint64         register_id,
                                                gint64         number);
char           *till_order_list_format_time    (TillOrderList *self,
                                                const char    *iso_utc,
                                                gboolean       long_form);

G_END_DECLS
