/* till-requests.h: customer-service requests, their timeline and special orders
 *
 * Rows only: which status may follow which, the limits of a note and who
 * may cancel a special order are the service's (till-service-requests.c).
 * Times are ISO 8601 UTC text as till_store_format_time() writes them, so
 * they compare as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *kind;                /* request, complaint, special_order, assistance */
  char   *status;              /* open, in_progress, waiting, resolved, closed */
  char   *priority;            /* low, normal, high, urgent */
  char   *title;
  char   *description;
  gint64  customer_id;         /* 0: none */
  gint64  order_id;            /* 0: none */
  gint64  owner_id;            /* 0: nobody yet */
  gint64  created_by;          /* 0: till-admin */
  char   *due_at;              /* NULL: no due date */
  char   *complaint_category;  /* "" unless a complaint */
  char   *complaint_outcome;   /* NULL, refund, replacement, apology, none */
  char   *overdue_notified_at; /* NULL until the overdue notification was shown */
  char   *created_at;
  char   *updated_at;
  char   *resolved_at;
} TillRequestRecord;

void               till_request_record_free      (TillRequestRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRequestRecord, till_request_record_free)

typedef struct
{
  gint64  id;
  gint64  request_id;
  char   *at;
  gint64  staff_id;            /* 0: till-admin */
  char   *author;              /* the staff member's name then, or "till-admin" */
  char   *kind;                /* created, note, status, assign, special */
  char   *body;                /* exactly as given */
} TillRequestNote;

void               till_request_note_free        (TillRequestNote *note);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRequestNote, till_request_note_free)

typedef struct
{
  gint64  request_id;
  gint64  product_id;          /* 0: a free-text item */
  char   *item_name;
  gint64  unit_price;          /* minor units, per unit */
  gint64  tax_rate_id;         /* the free-text item's rate; 0 for a product */
  gint64  qty;                 /* units */
  char   *expected_at;
  char   *status;              /* ordered, arrived, collected, cancelled */
  gint64  deposit;             /* minor units */
  char   *deposit_kind;        /* NULL, cash, card */
  char   *deposit_state;       /* none, held, applied, refunded */
  gint64  deposit_register_id;
  gint64  deposit_receipt_number;
  char   *deposit_at;
  gint64  refund_register_id;
  gint64  refund_receipt_number;
  char   *refunded_at;
  gint64  collected_order_id;
} TillSpecialOrderRecord;

void               till_special_order_record_free (TillSpecialOrderRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillSpecialOrderRecord, till_special_order_record_free)

/* What a list is narrowed to; NULL / 0 / FALSE: any. */
typedef struct
{
  const char *status;
  const char *kind;
  const char *priority;
  gint64      owner_id;
  gint64      customer_id;
  gboolean    open_only;       /* open, in_progress or waiting */
  const char *overdue_at;      /* open ones due before this time */
} TillRequestFilter;

/* Inserts @record (id, times and overdue mark ignored) at @at; sets record->id. */
gboolean           till_requests_insert          (TillStore          *store,
                                                  TillRequestRecord  *record,
                                                  const char         *at,
                                                  GError            **error);
TillRequestRecord *till_requests_get             (TillStore          *store,
                                                  gint64              id,
                                                  GError            **error);
/* Writes every editable column of @record (status, priority, title,
 * description, owner, due date, complaint fields, resolved_at) at @at. */
gboolean           till_requests_update          (TillStore          *store,
                                                  TillRequestRecord  *record,
                                                  const char         *at,
                                                  GError            **error);
/* Newest first, keyset-paged: ids below @before_id (0: from the newest),
 * at most @limit rows (TillRequestRecord *). */
GPtrArray         *till_requests_list            (TillStore               *store,
                                                  const TillRequestFilter *filter,
                                                  gint64                   before_id,
                                                  guint                    limit,
                                                  GError                 **error);
gint64             till_requests_count           (TillStore               *store,
                                                  const TillRequestFilter *filter,
                                                  GError                 **error);
/* Open requests due before @now whose overdue notification was not shown yet */
GPtrArray         *till_requests_list_overdue_unnotified (TillStore   *store,
                                                          const char  *now,
                                                          GError     **error);
gboolean           till_requests_mark_overdue_notified   (TillStore   *store,
                                                          gint64       id,
                                                          const char  *at,
                                                          GError     **error);

gboolean           till_requests_add_note        (TillStore          *store,
                                                  TillRequestNote    *note,
                                                  GError            **error);
/* Oldest first (TillRequestNote *) */
GPtrArray         *till_requests_list_notes      (TillStore          *store,
                                                  gint64              request_id,
                                                  GError            **error);

gboolean           till_special_orders_insert    (TillStore              *store,
                                                  TillSpecialOrderRecord  *record,
                                                  GError                 **error);
TillSpecialOrderRecord *till_special_orders_get  (TillStore              *store,
                                                  gint64                  request_id,
                                                  GError                **error);
/* Writes status, deposit columns and the collected order */
gboolean           till_special_orders_update    (TillStore              *store,
                                                  TillSpecialOrderRecord  *record,
                                                  GError                 **error);

/* Favourite products, derived from history ------------------------------ */

typedef struct
{
  gint64  product_id;
  char   *name;         /* as last sold */
  gint64  orders;       /* paid orders that had it */
  gint64  qty;          /* thousandths kept (sold less refunded) */
} TillFavouriteProduct;

void               till_favourite_product_free   (TillFavouriteProduct *favourite);

/* The products in most of the customer's paid orders, then by quantity
 * kept; lines refunded in full do not count.  At most @limit. */
GPtrArray         *till_requests_list_favourites (TillStore          *store,
                                                  gint64              customer_id,
                                                  guint               limit,
                                                  GError            **error);

G_END_DECLS
