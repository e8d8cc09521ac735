/* till-customer-list.h: customers as a GListModel, paged from the store
 *
 * Browsing walks the (name, id) index a page at a time (keyset paging, never
 * skipping rows) and keeps a few pages in memory, so a million customers cost a few
 * pages, not a million objects.  Searching shows the first matches of the
 * FTS5 prefix search, sorted by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "till-store.h"

G_BEGIN_DECLS

#define TILL_TYPE_CUSTOMER_ITEM (till_customer_item_get_type ())
G_DECLARE_FINAL_TYPE (TillCustomerItem, till_customer_item, TILL, CUSTOMER_ITEM, GObject)

gint64      till_customer_item_get_id     (TillCustomerItem *self);
const char *till_customer_item_get_name   (TillCustomerItem *self);
/* The card, phone or e-mail that tells this customer apart, or "" */
const char *till_customer_item_get_detail (TillCustomerItem *self);

#define TILL_TYPE_CUSTOMER_LIST (till_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (TillCustomerList, till_customer_list, TILL, CUSTOMER_LIST, GObject)

#define TILL_CUSTOMER_LIST_PAGE_SIZE     100
#define TILL_CUSTOMER_LIST_SEARCH_LIMIT  200

TillCustomerList *till_customer_list_new          (TillStore        *store);
/* Empty text browses everybody; anything else searches. */
void              till_customer_list_set_search   (TillCustomerList *self,
                                                   const char       *text);
const char       *till_customer_list_get_search   (TillCustomerList *self);
/* Reads the store again (after a customer was added or changed). */
void              till_customer_list_refresh      (TillCustomerList *self);
/* How many pages of customers the list holds in memory now (for tests). */
guint             till_customer_list_get_n_cached (TillCustomerList *self);
/* The last error met while reading, or NULL */
const GError     *till_customer_list_get_error    (TillCustomerList *self);

G_END_DECLS
