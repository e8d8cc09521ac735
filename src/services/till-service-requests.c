/* till-service-requests.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-access.h"
#include "till-audit.h"
#include "till-catalog.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-orders.h"
#include "till-service-requests.h"

const char * const till_request_kinds[] = { "request", "complaint", "special_order", "assistance", NULL };
const char * const till_request_statuses[] = { "open", "in_progress", "waiting", "resolved", "closed", NULL };
const char * const till_request_priorities[] = { "low", "normal", "high", "urgent", NULL };
const char * const till_complaint_outcomes[] = { "refund", "replacement", "apology", "none", NULL };
const char * const till_special_order_statuses[] = { "ordered", "arrived", "collected", "cancelled", NULL };

/* The status table of the header, row by row: from, then the allowed tos */
static const struct
{
  const char *from;
  const char *to[5];
} status_table[] = {
  { "open",        { "in_progress", "waiting", "resolved", "closed", NULL } },
  { "in_progress", { "open", "waiting", "resolved", "closed", NULL } },
  { "waiting",     { "open", "in_progress", "resolved", "closed", NULL } },
  { "resolved",    { "in_progress", "closed", NULL } },
  { "closed",      { NULL } },
};

static const struct
{
  const char *from;
  const char *to[3];
} special_table[] = {
  { "ordered",   { "arrived", "cancelled", NULL } },
  { "arrived",   { "collected", "cancelled", NULL } },
  { "collected", { NULL } },
  { "cancelled", { NULL } },
};

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  return name != NULL && g_strv_contains ((const char * const *)list, name);
}

static gboolean
is_open_status (const char *status)
{
  return g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "in_progress") == 0
         || g_strcmp0 (status, "waiting") == 0;
}

gboolean
till_request_status_allowed (const char *from,
                             const char *to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (g_strcmp0 (status_table[i].from, from) == 0)
      return in_list (status_table[i].to, to);
  return FALSE;
}

gboolean
till_special_order_status_allowed (const char *from,
                                   const char *to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (special_table); i++)
    if (g_strcmp0 (special_table[i].from, from) == 0)
      return in_list (special_table[i].to, to);
  return FALSE;
}

static const char *
status_words (const char *status)
{
  if (g_strcmp0 (status, "in_progress") == 0)
    return "in progress";
  if (g_strcmp0 (status, "waiting") == 0)
    return "waiting for the customer";
  return status;
}

gboolean
till_service_requests_check_move (TillContext              *context,
                                  const TillRequestRecord  *request,
                                  const char               *to,
                                  GError                  **error)
{
  gboolean finishing;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (!in_list (till_request_statuses, to))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "“%s” is not a request status.", to != NULL ? to : "");
      return FALSE;
    }
  if (g_str_equal (request->status, to))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "The request is already %s.", status_words (to));
      return FALSE;
    }
  if (!till_request_status_allowed (request->status, to))
    {
      if (g_str_equal (request->status, "closed"))
        g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                             "The request is closed: record a new one instead.");
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "A %s request cannot become %s: take it up again (in progress) first.",
                     status_words (request->status), status_words (to));
      return FALSE;
    }
  finishing = g_str_equal (to, "resolved") || g_str_equal (to, "closed");
  if (finishing && g_str_equal (request->kind, "complaint") && request->complaint_outcome == NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "Record the complaint's outcome (refund, replacement, apology or none) first.");
      return FALSE;
    }
  if (finishing && g_str_equal (request->kind, "special_order"))
    {
      g_autoptr(TillSpecialOrderRecord) special =
        till_special_orders_get (till_context_get_store (context), request->id, error);

      if (special == NULL)
        return FALSE;
      if (g_str_equal (special->deposit_state, "held"))
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                               "Its deposit was neither refunded nor collected: collect the special order,"
                               " or cancel it to refund the deposit.");
          return FALSE;
        }
      if (!g_str_equal (special->status, "collected") && !g_str_equal (special->status, "cancelled"))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "The special order is still %s: it is finished once collected or cancelled.",
                       special->status);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_text (const char  *text,
               const char  *what,
               glong        max,
               gboolean     required,
               gboolean     one_line,
               GError     **error)
{
  gboolean blank = TRUE;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "The %s is not valid text (UTF-8).", what);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      {
        blank = FALSE;
        break;
      }
  if (required && blank)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "Enter the %s.", what);
      return FALSE;
    }
  if (one_line && strpbrk (text, "\r\n") != NULL)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "The %s is one line: remove the line break.", what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > max)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                   "The %s has at most %ld characters.", what, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
till_service_requests_validate_note (const char  *body,
                                     GError     **error)
{
  return validate_text (body, "note", TILL_REQUEST_TEXT_MAX, TRUE, FALSE, error);
}

static char *
author_name (TillContext *context)
{
  const char *name = till_context_get_staff_name (context);

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);
  return g_strdup (till_context_get_actor (context));
}

static gboolean
append_timeline (TillContext  *context,
                 gint64        request_id,
                 const char   *kind,
                 const char   *body,
                 const char   *at,
                 GError      **error)
{
  TillRequestNote note = { 0 };
  g_autofree char *author = author_name (context);

  note.request_id = request_id;
  note.at = (char *)at;
  note.staff_id = till_context_get_staff_id (context);
  note.author = author;
  note.kind = (char *)kind;
  note.body = (char *)body;
  return till_requests_add_note (till_context_get_store (context), &note, error);
}

static char *
now_text (TillContext *context)
{
  g_autoptr(GDateTime) now = till_context_now (context);

  return till_store_format_time (now);
}

static void
notify_quietly (TillContext *context,
                const char  *kind,
                const char  *summary,
                const char  *body)
{
  g_autoptr(GError) error = NULL;
  TillNotifier *notifier = till_context_get_notifier (context);

  if (notifier == NULL)
    return;
  if (!till_notifier_notify (notifier, kind, summary, body, &error))
    g_debug ("A %s notification was not shown: %s", kind, error->message);
}

/* Creating ------------------------------------------------------------------ */

typedef struct
{
  TillContext             *context;
  const TillRequestDraft  *draft;
  TillRequestRecord       *record;
  TillSpecialOrderRecord  *special;
} CreateData;

static gboolean
create_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  CreateData *data = user_data;
  g_autofree char *at = now_text (data->context);

  if (!till_requests_insert (store, data->record, at, error))
    return FALSE;
  if (data->special != NULL)
    {
      data->special->request_id = data->record->id;
      if (!till_special_orders_insert (store, data->special, error))
        return FALSE;
    }
  if (!append_timeline (data->context, data->record->id, "created", data->record->title, at, error))
    return FALSE;
  return till_context_audit (data->context, "request.create", "request", data->record->id, "kind,status", error);
}

static TillSpecialOrderRecord *
build_special (TillContext             *context,
               const TillRequestDraft  *draft,
               GError                 **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillSpecialOrderRecord) special = g_new0 (TillSpecialOrderRecord, 1);

  if (draft->qty < 1 || draft->qty > 1000000)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                           "Order between 1 and 1,000,000 units.");
      return NULL;
    }
  special->qty = draft->qty;
  special->status = g_strdup ("ordered");
  special->deposit_state = g_strdup ("none");
  if (draft->expected_at != NULL)
    special->expected_at = till_store_format_time (draft->expected_at);
  if (draft->product_id > 0)
    {
      g_autoptr(TillProductRecord) product = till_catalog_get_product (store, draft->product_id, error);

      if (product == NULL)
        return NULL;
      if (product->sold_by_weight)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                               "A special order is counted in units: weigh the product when it is collected.");
          return NULL;
        }
      special->product_id = product->id;
      special->item_name = g_strdup (product->name);
      special->unit_price = product->price;
      return g_steal_pointer (&special);
    }
  if (!validate_text (draft->item_name, "item", TILL_REQUEST_TITLE_MAX, TRUE, TRUE, error))
    return NULL;
  if (draft->unit_price < 0 || draft->unit_price > 1000000000)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE, "Give the item a price.");
      return NULL;
    }
  if (draft->tax_rate_id <= 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Give the item a tax rate.");
      return NULL;
    }
  {
    g_autoptr(TillTaxRate) rate = till_catalog_get_tax_rate (store, draft->tax_rate_id, error);

    if (rate == NULL)
      return NULL;
  }
  special->item_name = g_strdup (draft->item_name);
  special->unit_price = draft->unit_price;
  special->tax_rate_id = draft->tax_rate_id;
  return g_steal_pointer (&special);
}

TillRequestRecord *
till_service_requests_create (TillContext             *context,
                              const TillRequestDraft  *draft,
                              GError                 **error)
{
  g_autoptr(TillRequestRecord) record = NULL;
  g_autoptr(TillSpecialOrderRecord) special = NULL;
  CreateData data = { 0 };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!till_access_check (context, TILL_OPERATION_SELL, error))
    return NULL;
  if (!in_list (till_request_kinds, draft->kind))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Choose a kind: request, complaint, special order or assistance.");
      return NULL;
    }
  if (draft->priority != NULL && !in_list (till_request_priorities, draft->priority))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Choose a priority: low, normal, high or urgent.");
      return NULL;
    }
  if (!validate_text (draft->title, "title", TILL_REQUEST_TITLE_MAX, TRUE, TRUE, error)
      || !validate_text (draft->description, "description", TILL_REQUEST_TEXT_MAX, FALSE, FALSE, error)
      || !validate_text (draft->complaint_category, "category", TILL_REQUEST_CATEGORY_MAX, FALSE, TRUE, error))
    return NULL;
  if (g_str_equal (draft->kind, "assistance") && draft->customer_id <= 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Assistance is for a customer: attach one first.");
      return NULL;
    }
  if (g_str_equal (draft->kind, "special_order") && draft->customer_id <= 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "A special order is for a customer: attach one first.");
      return NULL;
    }
  if (draft->customer_id > 0)
    {
      g_autoptr(TillCustomerRecord) customer =
        till_customers_get (till_context_get_store (context), draft->customer_id, error);

      if (customer == NULL)
        return NULL;
    }
  if (g_str_equal (draft->kind, "special_order"))
    {
      special = build_special (context, draft, error);
      if (special == NULL)
        return NULL;
    }

  record = g_new0 (TillRequestRecord, 1);
  record->kind = g_strdup (draft->kind);
  record->status = g_strdup ("open");
  record->priority = g_strdup (draft->priority != NULL ? draft->priority : "normal");
  record->title = g_strdup (draft->title);
  record->description = g_strdup (draft->description != NULL ? draft->description : "");
  record->customer_id = MAX (draft->customer_id, 0);
  record->order_id = MAX (draft->order_id, 0);
  record->owner_id = MAX (draft->owner_id, 0);
  record->created_by = till_context_get_staff_id (context);
  record->due_at = draft->due_at != NULL ? till_store_format_time (draft->due_at) : NULL;
  record->complaint_category = g_strdup (g_str_equal (draft->kind, "complaint") && draft->complaint_category != NULL
                                         ? draft->complaint_category : "");

  data.context = context;
  data.draft = draft;
  data.record = record;
  data.special = special;
  if (!till_store_transaction (till_context_get_store (context), create_in_transaction, &data, error))
    return NULL;

  /* After the commit: a failed notification changes nothing. */
  if (g_str_equal (record->kind, "request") || g_str_equal (record->kind, "complaint"))
    notify_quietly (context, "request-new",
                    g_str_equal (record->kind, "complaint") ? "New complaint" : "New request",
                    record->title);
  return till_requests_get (till_context_get_store (context), record->id, error);
}

TillRequestRecord *
till_service_requests_get (TillContext  *context,
                           gint64        id,
                           GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return till_requests_get (till_context_get_store (context), id, error);
}

GPtrArray *
till_service_requests_list (TillContext              *context,
                            const TillRequestFilter  *filter,
                            gint64                    before_id,
                            guint                     limit,
                            GError                  **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return till_requests_list (till_context_get_store (context), filter, before_id, limit, error);
}

gboolean
till_service_requests_is_overdue (TillContext             *context,
                                  const TillRequestRecord *request)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (request == NULL || request->due_at == NULL || !is_open_status (request->status))
    return FALSE;
  now = now_text (context);
  return strcmp (request->due_at, now) < 0;
}

gint64
till_service_requests_count_attention (TillContext  *context,
                                       GError      **error)
{
  TillStore *store;
  g_autofree char *now = NULL;
  TillRequestFilter fresh = { .status = "open" };
  TillRequestFilter overdue = { 0 };
  TillRequestFilter overdue_fresh = { .status = "open" };
  gint64 a, b, c;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), -1);

  store = till_context_get_store (context);
  now = now_text (context);
  overdue.overdue_at = now;
  overdue_fresh.overdue_at = now;
  if ((a = till_requests_count (store, &fresh, error)) < 0
      || (b = till_requests_count (store, &overdue, error)) < 0
      || (c = till_requests_count (store, &overdue_fresh, error)) < 0)
    return -1;
  return a + b - c;
}

/* Changing ------------------------------------------------------------------ */

typedef gboolean (*ChangeFunc) (TillContext        *context,
                                TillRequestRecord  *record,
                                gpointer            user_data,
                                const char         *at,
                                GError            **error);

typedef struct
{
  TillContext *context;
  gint64       id;
  ChangeFunc   func;
  gpointer     user_data;
  const char  *action;
  const char  *fields;
} ChangeData;

static gboolean
change_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  ChangeData *data = user_data;
  g_autoptr(TillRequestRecord) record = till_requests_get (store, data->id, error);
  g_autofree char *at = now_text (data->context);

  if (record == NULL)
    return FALSE;
  if (!data->func (data->context, record, data->user_data, at, error))
    return FALSE;
  if (!till_requests_update (store, record, at, error))
    return FALSE;
  return till_context_audit (data->context, data->action, "request", record->id, data->fields, error);
}

/* Reads the request, lets @func change it and its timeline, writes it back
 * and audits, all in one transaction. */
static gboolean
change_request (TillContext  *context,
                gint64        id,
                ChangeFunc    func,
                gpointer      user_data,
                const char   *action,
                const char   *fields,
                GError      **error)
{
  ChangeData data = { context, id, func, user_data, action, fields };

  if (!till_access_check (context, TILL_OPERATION_SELL, error))
    return FALSE;
  return till_store_transaction (till_context_get_store (context), change_in_transaction, &data, error);
}

typedef struct
{
  const char *status;
  const char *note;
} StatusData;

static gboolean
apply_status (TillContext        *context,
              TillRequestRecord  *record,
              gpointer            user_data,
              const char         *at,
              GError            **error)
{
  StatusData *data = user_data;
  g_autofree char *line = NULL;

  if (!till_service_requests_check_move (context, record, data->status, error))
    return FALSE;
  line = g_strdup_printf ("%s → %s", record->status, data->status);
  g_free (record->status);
  record->status = g_strdup (data->status);
  g_clear_pointer (&record->resolved_at, g_free);
  if (g_str_equal (data->status, "resolved") || g_str_equal (data->status, "closed"))
    record->resolved_at = g_strdup (at);
  if (!append_timeline (context, record->id, "status", line, at, error))
    return FALSE;
  if (data->note != NULL && !append_timeline (context, record->id, "note", data->note, at, error))
    return FALSE;
  return TRUE;
}

gboolean
till_service_requests_set_status (TillContext  *context,
                                  gint64        id,
                                  const char   *status,
                                  const char   *note,
                                  GError      **error)
{
  StatusData data = { status, note };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (note != NULL && !till_service_requests_validate_note (note, error))
    return FALSE;
  return change_request (context, id, apply_status, &data, "request.status", "status", error);
}

static gboolean
apply_note (TillContext        *context,
            TillRequestRecord  *record,
            gpointer            user_data,
            const char         *at,
            GError            **error)
{
  if (g_str_equal (record->status, "closed"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "The request is closed: record a new one instead.");
      return FALSE;
    }
  return append_timeline (context, record->id, "note", user_data, at, error);
}

gboolean
till_service_requests_add_note (TillContext  *context,
                                gint64        id,
                                const char   *body,
                                GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_service_requests_validate_note (body, error))
    return FALSE;
  return change_request (context, id, apply_note, (gpointer)body, "request.note", "note", error);
}

GPtrArray *
till_service_requests_timeline (TillContext  *context,
                                gint64        id,
                                GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return till_requests_list_notes (till_context_get_store (context), id, error);
}

static gboolean
apply_owner (TillContext        *context,
             TillRequestRecord  *record,
             gpointer            user_data,
             const char         *at,
             GError            **error)
{
  gint64 owner_id = *(gint64 *)user_data;
  g_autofree char *line = NULL;

  if (g_str_equal (record->status, "closed"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "The request is closed.");
      return FALSE;
    }
  record->owner_id = owner_id;
  line = owner_id > 0 ? g_strdup_printf ("staff %" G_GINT64_FORMAT, owner_id) : g_strdup ("nobody");
  return append_timeline (context, record->id, "assign", line, at, error);
}

gboolean
till_service_requests_assign (TillContext  *context,
                              gint64        id,
                              gint64        owner_id,
                              GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return change_request (context, id, apply_owner, &owner_id, "request.assign", "owner_id", error);
}

static gboolean
apply_due (TillContext        *context,
           TillRequestRecord  *record,
           gpointer            user_data,
           const char         *at,
           GError            **error)
{
  GDateTime *due = user_data;

  g_free (record->due_at);
  record->due_at = due != NULL ? till_store_format_time (due) : NULL;
  /* A new due date may become overdue again. */
  return till_requests_mark_overdue_notified (till_context_get_store (context), record->id, NULL, error);
}

gboolean
till_service_requests_set_due (TillContext  *context,
                               gint64        id,
                               GDateTime    *due_at,
                               GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return change_request (context, id, apply_due, due_at, "request.due", "due_at", error);
}

static gboolean
apply_priority (TillContext        *context,
                TillRequestRecord  *record,
                gpointer            user_data,
                const char         *at,
                GError            **error)
{
  g_free (record->priority);
  record->priority = g_strdup (user_data);
  return TRUE;
}

gboolean
till_service_requests_set_priority (TillContext  *context,
                                    gint64        id,
                                    const char   *priority,
                                    GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!in_list (till_request_priorities, priority))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Choose a priority: low, normal, high or urgent.");
      return FALSE;
    }
  return change_request (context, id, apply_priority, (gpointer)priority, "request.priority", "priority", error);
}

typedef struct
{
  const char *category;
  const char *outcome;
} OutcomeData;

static gboolean
apply_outcome (TillContext        *context,
               TillRequestRecord  *record,
               gpointer            user_data,
               const char         *at,
               GError            **error)
{
  OutcomeData *data = user_data;
  g_autofree char *line = NULL;

  if (!g_str_equal (record->kind, "complaint"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "Only a complaint has an outcome.");
      return FALSE;
    }
  if (data->category != NULL)
    {
      g_free (record->complaint_category);
      record->complaint_category = g_strdup (data->category);
    }
  g_free (record->complaint_outcome);
  record->complaint_outcome = g_strdup (data->outcome);
  line = g_strdup_printf ("outcome: %s", data->outcome);
  return append_timeline (context, record->id, "note", line, at, error);
}

gboolean
till_service_requests_set_outcome (TillContext  *context,
                                   gint64        id,
                                   const char   *category,
                                   const char   *outcome,
                                   GError      **error)
{
  OutcomeData data = { category, outcome };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!in_list (till_complaint_outcomes, outcome))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "Choose an outcome: refund, replacement, apology or none.");
      return FALSE;
    }
  if (!validate_text (category, "category", TILL_REQUEST_CATEGORY_MAX, FALSE, TRUE, error))
    return FALSE;
  return change_request (context, id, apply_outcome, &data, "request.outcome", "complaint_outcome", error);
}

gboolean
till_service_requests_notify_overdue (TillContext  *context,
                                      guint        *out_notified,
                                      GError      **error)
{
  TillStore *store;
  TillNotifier *notifier;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autofree char *now = NULL;
  guint notified = 0;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  store = till_context_get_store (context);
  notifier = till_context_get_notifier (context);
  now = now_text (context);
  overdue = till_requests_list_overdue_unnotified (store, now, error);
  if (overdue == NULL)
    return FALSE;
  for (guint i = 0; notifier != NULL && i < overdue->len; i++)
    {
      TillRequestRecord *request = overdue->pdata[i];
      g_autoptr(GError) notify_error = NULL;

      if (!till_notifier_notify (notifier, "request-overdue", "Overdue request", request->title, &notify_error))
        {
          /* Nothing is marked: the next check tries again. */
          g_debug ("An overdue notification was not shown: %s", notify_error->message);
          break;
        }
      if (!till_requests_mark_overdue_notified (store, request->id, now, error))
        return FALSE;
      notified++;
    }
  if (out_notified != NULL)
    *out_notified = notified;
  return TRUE;
}

GPtrArray *
till_service_requests_favourites (TillContext  *context,
                                  gint64        customer_id,
                                  guint         limit,
                                  GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return till_requests_list_favourites (till_context_get_store (context), customer_id, limit, error);
}

/* Special orders ------------------------------------------------------------ */

TillSpecialOrderRecord *
till_service_requests_get_special_order (TillContext  *context,
                                         gint64        id,
                                         GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return till_special_orders_get (till_context_get_store (context), id, error);
}

typedef gboolean (*SpecialFunc) (TillContext             *context,
                                 TillRequestRecord       *record,
                                 TillSpecialOrderRecord  *special,
                                 gpointer                 user_data,
                                 const char              *at,
                                 GError                 **error);

typedef struct
{
  SpecialFunc  func;
  gpointer     user_data;
} SpecialData;

static gboolean
apply_special (TillContext        *context,
               TillRequestRecord  *record,
               gpointer            user_data,
               const char         *at,
               GError            **error)
{
  SpecialData *data = user_data;
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillSpecialOrderRecord) special = NULL;

  if (!g_str_equal (record->kind, "special_order"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "The request is not a special order.");
      return FALSE;
    }
  special = till_special_orders_get (store, record->id, error);
  if (special == NULL)
    return FALSE;
  if (!data->func (context, record, special, data->user_data, at, error))
    return FALSE;
  return till_special_orders_update (store, special, error);
}

static gboolean
move_special (TillContext             *context,
              TillRequestRecord       *record,
              TillSpecialOrderRecord  *special,
              const char              *to,
              const char              *at,
              GError                 **error)
{
  g_autofree char *line = NULL;

  if (!till_special_order_status_allowed (special->status, to))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "A special order that is %s cannot become %s.", special->status, to);
      return FALSE;
    }
  line = g_strdup_printf ("%s → %s", special->status, to);
  g_free (special->status);
  special->status = g_strdup (to);
  return append_timeline (context, record->id, "special", line, at, error);
}

static gboolean
change_special (TillContext  *context,
                gint64        id,
                SpecialFunc   func,
                gpointer      user_data,
                const char   *action,
                GError      **error)
{
  SpecialData data = { func, user_data };

  return change_request (context, id, apply_special, &data, action, "special_order", error);
}

typedef struct
{
  gint64      register_id;
  gint64      amount;
  const char *kind;
  gint64      number;
} DepositData;

static gboolean
apply_deposit (TillContext             *context,
               TillRequestRecord       *record,
               TillSpecialOrderRecord  *special,
               gpointer                 user_data,
               const char              *at,
               GError                 **error)
{
  DepositData *data = user_data;
  g_autofree char *line = NULL;
  gint64 price;

  if (!g_str_equal (special->status, "ordered") && !g_str_equal (special->status, "arrived"))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "The special order is %s: no deposit now.", special->status);
      return FALSE;
    }
  if (!g_str_equal (special->deposit_state, "none"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "This special order has its deposit already.");
      return FALSE;
    }
  /* unit_price ≤ 10⁹ and qty ≤ 10⁶: the product fits in 63 bits. */
  price = special->unit_price * special->qty;
  if (data->amount <= 0 || data->amount > price)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE,
                           "A deposit is more than nothing and at most the price of the order.");
      return FALSE;
    }
  if (!till_orders_next_receipt (till_context_get_store (context), data->register_id, &data->number, error))
    return FALSE;
  special->deposit = data->amount;
  g_free (special->deposit_kind);
  special->deposit_kind = g_strdup (data->kind);
  g_free (special->deposit_state);
  special->deposit_state = g_strdup ("held");
  special->deposit_register_id = data->register_id;
  special->deposit_receipt_number = data->number;
  g_free (special->deposit_at);
  special->deposit_at = g_strdup (at);
  line = g_strdup_printf ("deposit %" G_GINT64_FORMAT " (%s), receipt %" G_GINT64_FORMAT,
                          data->amount, data->kind, data->number);
  return append_timeline (context, record->id, "special", line, at, error);
}

gboolean
till_service_requests_take_deposit (TillContext  *context,
                                    gint64        id,
                                    gint64        register_id,
                                    gint64        amount,
                                    const char   *kind,
                                    gint64       *out_receipt_number,
                                    GError      **error)
{
  DepositData data = { register_id, amount, kind, 0 };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (g_strcmp0 (kind, "cash") != 0 && g_strcmp0 (kind, "card") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "A deposit is paid in cash or by card.");
      return FALSE;
    }
  if (!change_special (context, id, apply_deposit, &data, "special-order.deposit", error))
    return FALSE;
  if (out_receipt_number != NULL)
    *out_receipt_number = data.number;
  return TRUE;
}

static gboolean
apply_arrived (TillContext             *context,
               TillRequestRecord       *record,
               TillSpecialOrderRecord  *special,
               gpointer                 user_data,
               const char              *at,
               GError                 **error)
{
  return move_special (context, record, special, "arrived", at, error);
}

gboolean
till_service_requests_mark_arrived (TillContext  *context,
                                    gint64        id,
                                    GError      **error)
{
  g_autoptr(TillRequestRecord) record = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!change_special (context, id, apply_arrived, NULL, "special-order.arrived", error))
    return FALSE;
  record = till_requests_get (till_context_get_store (context), id, NULL);
  body = g_strdup_printf ("%s is ready to be collected.", record != NULL ? record->title : "A special order");
  notify_quietly (context, "special-order-arrived", "Special order arrived", body);
  return TRUE;
}

static gboolean
apply_cancel (TillContext             *context,
              TillRequestRecord       *record,
              TillSpecialOrderRecord  *special,
              gpointer                 user_data,
              const char              *at,
              GError                 **error)
{
  gint64 register_id = *(gint64 *)user_data;

  if (!move_special (context, record, special, "cancelled", at, error))
    return FALSE;
  if (g_str_equal (special->deposit_state, "held"))
    {
      g_autofree char *line = NULL;
      gint64 number;

      /* The deposit goes back with a refund number from the same series. */
      if (!till_orders_next_receipt (till_context_get_store (context), register_id, &number, error))
        return FALSE;
      g_free (special->deposit_state);
      special->deposit_state = g_strdup ("refunded");
      special->refund_register_id = register_id;
      special->refund_receipt_number = number;
      g_free (special->refunded_at);
      special->refunded_at = g_strdup (at);
      line = g_strdup_printf ("deposit %" G_GINT64_FORMAT " refunded (%s), receipt %" G_GINT64_FORMAT,
                              special->deposit, special->deposit_kind, number);
      if (!append_timeline (context, record->id, "special", line, at, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
till_service_requests_cancel_special (TillContext  *context,
                                      gint64        id,
                                      gint64        register_id,
                                      GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_CANCEL_SPECIAL_ORDER, error))
    return FALSE;
  return change_special (context, id, apply_cancel, &register_id, "special-order.cancel", error);
}

static gboolean
apply_collected (TillContext             *context,
                 TillRequestRecord       *record,
                 TillSpecialOrderRecord  *special,
                 gpointer                 user_data,
                 const char              *at,
                 GError                 **error)
{
  gint64 order_id = *(gint64 *)user_data;
  g_autoptr(TillOrderRecord) order = NULL;

  /* The whole change rolls back when the sale is not paid, or does not
   * carry the held deposit. */
  if (!move_special (context, record, special, "collected", at, error))
    return FALSE;
  order = till_orders_get (till_context_get_store (context), order_id, error);
  if (order == NULL)
    return FALSE;
  if (!g_str_equal (order->status, "paid"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "The special order is collected with a paid sale: finish the sale first.");
      return FALSE;
    }
  special->collected_order_id = order_id;
  if (g_str_equal (special->deposit_state, "held"))
    {
      g_free (special->deposit_state);
      special->deposit_state = g_strdup ("applied");
    }
  if (g_str_equal (special->deposit_state, "applied"))
    {
      g_autoptr(GPtrArray) payments = till_orders_get_payments (till_context_get_store (context), order_id, error);
      gboolean carried = FALSE;

      if (payments == NULL)
        return FALSE;
      for (guint i = 0; i < payments->len; i++)
        {
          TillPaymentRecord *payment = payments->pdata[i];

          carried |= g_str_equal (payment->kind, "deposit") && g_str_equal (payment->status, "approved");
        }
      if (!carried)
        {
          g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                               "That sale does not carry the special order's deposit: collect it from the Service page.");
          return FALSE;
        }
    }
  record->order_id = order_id;
  return TRUE;
}

typedef struct
{
  TillContext             *context;
  TillRequestRecord       *record;
  TillSpecialOrderRecord  *special;
  gint64                   order_id;
  gint64                   total;
} DepositTenderData;

static gboolean
apply_deposit_tender (TillStore  *store,
                      gpointer    user_data,
                      GError    **error)
{
  DepositTenderData *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *at = till_store_format_time (now);
  TillPaymentRecord payment = { 0 };
  g_autofree char *reference = g_strdup_printf ("deposit %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                                data->special->deposit_register_id,
                                                data->special->deposit_receipt_number);
  g_autofree char *line = NULL;

  /* Never more than the total; the excess goes back as change.  The cash
   * itself was counted on the day the deposit was taken. */
  payment.kind = (char *)"deposit";
  payment.status = (char *)"approved";
  payment.tendered = data->special->deposit;
  payment.amount = MIN (data->special->deposit, data->total);
  payment.change = payment.tendered - payment.amount;
  payment.reference = reference;
  payment.message = (char *)"";
  payment.at = at;
  if (!till_orders_add_payment (store, data->order_id, &payment, error))
    return FALSE;
  line = g_strdup_printf ("deposit applied to order %" G_GINT64_FORMAT, data->order_id);
  if (!append_timeline (data->context, data->record->id, "special", line, at, error))
    return FALSE;
  return till_context_audit (data->context, "special-order.deposit-applied", "request", data->record->id,
                             "order_id", error);
}

TillOrder *
till_service_requests_start_collection (TillContext  *context,
                                        gint64        id,
                                        gint64        register_id,
                                        GError      **error)
{
  TillStore *store;
  g_autoptr(TillRequestRecord) record = NULL;
  g_autoptr(TillSpecialOrderRecord) special = NULL;
  g_autoptr(TillProductRecord) product = NULL;
  g_autoptr(TillOrder) order = NULL;
  gint64 order_id;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_access_check (context, TILL_OPERATION_SELL, error))
    return NULL;
  store = till_context_get_store (context);
  record = till_requests_get (store, id, error);
  if (record == NULL)
    return NULL;
  if (!g_str_equal (record->kind, "special_order"))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "The request is not a special order.");
      return NULL;
    }
  special = till_special_orders_get (store, id, error);
  if (special == NULL)
    return NULL;
  if (!g_str_equal (special->status, "arrived"))
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "The special order is %s: it is collected once it has arrived.", special->status);
      return NULL;
    }
  if (special->product_id <= 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "A free-text item cannot be rung up yet: add it to the catalog first.");
      return NULL;
    }
  product = till_catalog_get_product (store, special->product_id, error);
  if (product == NULL)
    return NULL;

  order = till_checkout_open (context, register_id, error);
  if (order == NULL)
    return NULL;
  if (!till_checkout_add_product (context, order, product->id, product->sku, special->qty * 1000,
                                  FALSE, 0, FALSE, error))
    return NULL;
  if (record->customer_id > 0 && !till_checkout_set_customer (context, order, record->customer_id, error))
    return NULL;
  order_id = till_order_get_record (order)->id;

  if (g_str_equal (special->deposit_state, "held"))
    {
      DepositTenderData data = { context, record, special, order_id, till_order_get_total (order) };

      if (!till_store_transaction (store, apply_deposit_tender, &data, error))
        return NULL;
      /* The order as stored, with the deposit among its tenders */
      g_clear_object (&order);
      order = till_checkout_load (context, order_id, error);
      if (order == NULL)
        return NULL;
      if (till_order_get_due (order) == 0 && !till_checkout_complete (context, order, error))
        return NULL;
    }
  return g_steal_pointer (&order);
}

gboolean
till_service_requests_mark_collected (TillContext  *context,
                                      gint64        id,
                                      gint64        order_id,
                                      GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return change_special (context, id, apply_collected, &order_id, "special-order.collected", error);
}
