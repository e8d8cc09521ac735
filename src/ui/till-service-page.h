/* till-service-page.h: customer service, requests by status with filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_SERVICE_PAGE_SIZE 50

#define TILL_TYPE_SERVICE_PAGE (till_service_page_get_type ())
G_DECLARE_FINAL_TYPE (TillServicePage, till_service_page, TILL, SERVICE_PAGE, GtkBox)

GtkWidget *till_service_page_new           (TillContext     *context);
/* Opens the form for a new request about @customer_id and @order_id (0:
 * none), as the Sell page does for the customer at the counter. */
void       till_service_page_start_request (TillServicePage *self,
                                            gint64           customer_id,
                                            gint64           order_id);
/* Shows request @id's timeline in the detail pane */
void       till_service_page_show_request  (TillServicePage *self,
                                            gint64           id);
/* Reloads the list, the open request and the count */
void       till_service_page_refresh       (TillServicePage *self);
/* Open requests plus overdue ones, as the badge shows */
gint64     till_service_page_get_attention (TillServicePage *self);
/* The request shown in the detail pane, 0 for none */
gint64     till_service_page_get_shown_id  (TillServicePage *self);
guint      till_service_page_get_n_rows    (TillServicePage *self);
const char *till_service_page_get_status   (TillServicePage *self);

G_END_DECLS
