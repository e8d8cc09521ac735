/* till-service-requests.h: customer service, requests tracked to resolution
 *
 * Requests, complaints, special orders and assistance notes: created from
 * anywhere, moved along the status table below, assigned, given due dates
 * and a timeline of notes.  New requests and complaints raise the request
 * alert; an overdue request raises one notification.  A notification that
 * fails is logged and changes nothing.
 *
 * Status table (every kind; HACKING.md repeats it):
 *
 *   from \ to     open  in_progress  waiting  resolved  closed
 *   open           -        yes        yes      yes      yes
 *   in_progress   yes        -         yes      yes      yes
 *   waiting       yes       yes         -       yes      yes
 *   resolved       -        yes         -        -       yes
 *   closed         -         -          -        -        -
 *
 * and, on top of it, a complaint is resolved or closed only with an outcome,
 * and a special order only once it was collected or cancelled, never while
 * its deposit is held.  Special orders move ordered → arrived → collected,
 * or to cancelled from ordered or arrived.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-checkout.h"
#include "till-context.h"
#include "till-requests.h"

G_BEGIN_DECLS

#define TILL_REQUEST_TITLE_MAX     200   /* characters, one line */
#define TILL_REQUEST_TEXT_MAX     4000   /* characters: a description or a note */
#define TILL_REQUEST_CATEGORY_MAX  100

/* NULL-terminated lists of the stored names, in workflow order */
extern const char * const till_request_kinds[];
extern const char * const till_request_statuses[];
extern const char * const till_request_priorities[];
extern const char * const till_complaint_outcomes[];
extern const char * const till_special_order_statuses[];

/* What a new request says; NULL / 0 for what it does not have. */
typedef struct
{
  const char *kind;                /* request, complaint, special_order, assistance */
  const char *priority;            /* NULL: normal */
  const char *title;
  const char *description;
  gint64      customer_id;
  gint64      order_id;
  gint64      owner_id;
  GDateTime  *due_at;
  const char *complaint_category;
  /* special orders: a catalog product, or a free-text item with its price
   * and tax rate */
  gint64      product_id;
  const char *item_name;
  gint64      unit_price;
  gint64      tax_rate_id;
  gint64      qty;                 /* units, at least 1 */
  GDateTime  *expected_at;
} TillRequestDraft;

/* The bare table: may a request go from @from to @to? */
gboolean           till_request_status_allowed       (const char   *from,
                                                      const char   *to);
/* The table and the kind's rules together: FALSE with the reason in
 * words (TILL_ERROR_REFUSED) when the move is refused. */
gboolean           till_service_requests_check_move  (TillContext             *context,
                                                      const TillRequestRecord *request,
                                                      const char              *to,
                                                      GError                 **error);
gboolean           till_special_order_status_allowed (const char   *from,
                                                      const char   *to);

/* A note's text: valid UTF-8, not blank, at most TILL_REQUEST_TEXT_MAX characters */
gboolean           till_service_requests_validate_note (const char  *body,
                                                        GError     **error);

TillRequestRecord *till_service_requests_create      (TillContext             *context,
                                                      const TillRequestDraft  *draft,
                                                      GError                 **error);
TillRequestRecord *till_service_requests_get         (TillContext             *context,
                                                      gint64                   id,
                                                      GError                 **error);
/* Newest first, keyset-paged (see till_requests_list) */
GPtrArray         *till_service_requests_list        (TillContext             *context,
                                                      const TillRequestFilter *filter,
                                                      gint64                   before_id,
                                                      guint                    limit,
                                                      GError                 **error);
/* Open requests due before now */
gboolean           till_service_requests_is_overdue  (TillContext             *context,
                                                      const TillRequestRecord *request);
/* What the Service page's badge shows: requests still open (not yet taken
 * up) plus overdue ones in progress or waiting. */
gint64             till_service_requests_count_attention (TillContext  *context,
                                                          GError      **error);

/* Moves the request, adding a status row to the timeline and @note (may
 * be NULL) as a note. */
gboolean           till_service_requests_set_status  (TillContext  *context,
                                                      gint64        id,
                                                      const char   *status,
                                                      const char   *note,
                                                      GError      **error);
gboolean           till_service_requests_add_note    (TillContext  *context,
                                                      gint64        id,
                                                      const char   *body,
                                                      GError      **error);
/* The timeline, oldest first (TillRequestNote *) */
GPtrArray         *till_service_requests_timeline    (TillContext  *context,
                                                      gint64        id,
                                                      GError      **error);
/* @owner_id 0: nobody */
gboolean           till_service_requests_assign      (TillContext  *context,
                                                      gint64        id,
                                                      gint64        owner_id,
                                                      GError      **error);
/* @due_at NULL: no due date (a new due date may be notified again) */
gboolean           till_service_requests_set_due     (TillContext  *context,
                                                      gint64        id,
                                                      GDateTime    *due_at,
                                                      GError      **error);
gboolean           till_service_requests_set_priority (TillContext *context,
                                                       gint64       id,
                                                       const char  *priority,
                                                       GError     **error);
gboolean           till_service_requests_set_outcome (TillContext  *context,
                                                      gint64        id,
                                                      const char   *category,
                                                      const char   *outcome,
                                                      GError      **error);

/* Raises one "request-overdue" notification for every open request that
 * became overdue since the last call, and marks it; a failed notification
 * marks nothing (the next call tries again).  @out_notified: how many were
 * shown. */
gboolean           till_service_requests_notify_overdue (TillContext *context,
                                                         guint       *out_notified,
                                                         GError     **error);

/* The customer's favourite products (TillFavouriteProduct), most bought first */
GPtrArray         *till_service_requests_favourites  (TillContext  *context,
                                                      gint64        customer_id,
                                                      guint         limit,
                                                      GError      **error);

/* Special orders ---------------------------------------------------------- */

TillSpecialOrderRecord *till_service_requests_get_special_order (TillContext  *context,
                                                                 gint64        id,
                                                                 GError      **error);
/* Takes a deposit of @amount (minor units, at most the item's price × qty)
 * paid in @kind (cash or card) with its own receipt number from
 * @register_id's series; no points, no tax.  One deposit per order. */
gboolean           till_service_requests_take_deposit (TillContext  *context,
                                                       gint64        id,
                                                       gint64        register_id,
                                                       gint64        amount,
                                                       const char   *kind,
                                                       gint64       *out_receipt_number,
                                                       GError      **error);
/* ordered → arrived; raises a "special-order-arrived" notification */
gboolean           till_service_requests_mark_arrived (TillContext  *context,
                                                       gint64        id,
                                                       GError      **error);
/* ordered or arrived → cancelled (managers and admins): the deposit is
 * refunded with a refund receipt number from @register_id's series. */
gboolean           till_service_requests_cancel_special (TillContext *context,
                                                         gint64       id,
                                                         gint64       register_id,
                                                         GError     **error);
/* Collecting an arrived special order of a catalog product: a new open
 * order (on @register_id) with the item and the customer, to which a held
 * deposit is applied as a tender of kind `deposit` (at most the total; the
 * excess is change).  The cashier takes the rest as for any sale; a deposit
 * that covers everything completes the sale at once.  Then
 * till_service_requests_mark_collected(). */
TillOrder         *till_service_requests_start_collection (TillContext *context,
                                                           gint64       id,
                                                           gint64       register_id,
                                                           GError     **error);
/* arrived → collected: @order_id is the paid sale that sold the item; a
 * held deposit becomes applied.  The request itself is resolved apart. */
gboolean           till_service_requests_mark_collected (TillContext *context,
                                                         gint64       id,
                                                         gint64       order_id,
                                                         GError     **error);

G_END_DECLS
