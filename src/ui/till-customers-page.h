/* till-customers-page.h: finding, viewing and editing customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"
#include "till-customer-list.h"

G_BEGIN_DECLS

#define TILL_TYPE_CUSTOMERS_PAGE (till_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (TillCustomersPage, till_customers_page, TILL, CUSTOMERS_PAGE, GtkWidget)

TillCustomerList *till_customers_page_get_list     (TillCustomersPage *self);
/* The customer in the form: 0 for a new one, -1 when the form is closed */
gint64            till_customers_page_get_shown_id (TillCustomersPage *self);
/* TRUE when the form holds changes not saved yet */
gboolean          till_customers_page_is_dirty     (TillCustomersPage *self);

G_END_DECLS
