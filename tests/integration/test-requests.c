/* test-requests.c: customer-service requests, their status table, notes,
 * overdue notifications and special orders with a deposit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "till-audit.h"
#include "till-check.h"
#include "till-customer-service.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-service-requests.h"
#include "till-staff.h"

#define INJECTION "'); DROP TABLE customers;--"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  char         *path;
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sign_in_as (Fixture    *f,
            const char *name)
{
  g_autoptr(TillStaffRecord) member = till_staff_get_by_name (f->store, name, NULL);

  g_assert_nonnull (member);
  till_context_set_staff (f->context, member->id, member->name, member->role);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-requests-XXXXXX", &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);

  f->path = g_build_filename (dir, "till.db", NULL);
  f->store = till_store_open (f->path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  sign_in_as (f, "Lena Vogel");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_object (&f->notifier);
  g_free (f->path);
}

static GPtrArray *
shown (Fixture *f)
{
  return till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (f->notifier));
}

static void
assert_check_passes (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (till_check_run (f->store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("check: %s\n", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gint64
create (Fixture    *f,
        const char *kind,
        const char *title,
        gint64      customer_id)
{
  TillRequestDraft draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRequestRecord) record = NULL;

  draft.kind = kind;
  draft.title = title;
  draft.customer_id = customer_id;
  record = till_service_requests_create (f->context, &draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record->id;
}

/* The table of the header, written out again: every pair of statuses */
static void
test_status_table (void)
{
  static const char *expected[5][5] = {
    /*               open   in_progress waiting resolved closed */
    /* open */     { "-",   "y",        "y",    "y",     "y" },
    /* progress */ { "y",   "-",        "y",    "y",     "y" },
    /* waiting */  { "y",   "y",        "-",    "y",     "y" },
    /* resolved */ { "n",   "y",        "n",    "-",     "y" },
    /* closed */   { "n",   "n",        "n",    "n",     "-" },
  };
  static const char *special[4][4] = {
    /*              ordered arrived collected cancelled */
    /* ordered */  { "-",   "y",    "n",      "y" },
    /* arrived */  { "n",   "-",    "y",      "y" },
    /* collected */{ "n",   "n",    "-",      "n" },
    /* cancelled */{ "n",   "n",    "n",      "-" },
  };

  g_assert_cmpuint (g_strv_length ((GStrv)till_request_statuses), ==, 5);
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++)
      g_assert_cmpint (till_request_status_allowed (till_request_statuses[i], till_request_statuses[j]), ==,
                       g_str_equal (expected[i][j], "y"));
  g_assert_cmpuint (g_strv_length ((GStrv)till_special_order_statuses), ==, 4);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      g_assert_cmpint (till_special_order_status_allowed (till_special_order_statuses[i],
                                                          till_special_order_statuses[j]), ==,
                       g_str_equal (special[i][j], "y"));
  g_assert_false (till_request_status_allowed ("open", "reopened"));
  g_assert_false (till_request_status_allowed (NULL, "open"));
}

/* Every refused move through the service says why, and changes nothing. */
static void
test_refused_moves (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRequestRecord) after = NULL;
  gint64 request = create (f, "request", "Stock oat milk", 1);
  gint64 complaint = create (f, "complaint", "Stale croissant", 1);
  gint64 notes_before;

  g_assert_true (till_service_requests_set_status (f->context, request, "resolved", "Ordered a crate.", &error));
  g_assert_no_error (error);
  notes_before = query_int (f, "SELECT count(*) FROM request_notes");
  g_assert_false (till_service_requests_set_status (f->context, request, "waiting", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "in progress"));
  g_clear_error (&error);
  g_assert_false (till_service_requests_set_status (f->context, request, "resolved", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (till_service_requests_set_status (f->context, request, "closed", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (till_service_requests_set_status (f->context, request, "open", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "closed"));
  g_clear_error (&error);
  g_assert_false (till_service_requests_add_note (f->context, request, "late", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (till_service_requests_set_status (f->context, request, "bogus", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  /* two rows for the close (status) only */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM request_notes"), ==, notes_before + 1);

  /* A complaint needs its outcome before it is resolved. */
  g_assert_false (till_service_requests_set_status (f->context, complaint, "resolved", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "outcome"));
  g_clear_error (&error);
  g_assert_false (till_service_requests_set_outcome (f->context, complaint, NULL, "shrug", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (till_service_requests_set_outcome (f->context, complaint, "quality", "replacement", &error));
  g_assert_no_error (error);
  g_assert_true (till_service_requests_set_status (f->context, complaint, "resolved", NULL, &error));
  g_assert_no_error (error);
  after = till_service_requests_get (f->context, complaint, &error);
  g_assert_cmpstr (after->status, ==, "resolved");
  g_assert_cmpstr (after->complaint_category, ==, "quality");
  g_assert_cmpstr (after->complaint_outcome, ==, "replacement");
  g_assert_nonnull (after->resolved_at);
  assert_check_passes (f);
}

/* Notes of any Unicode, stored exactly as given, within their limit */
static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  static const char *bodies[] = {
    INJECTION,
    "  Allergic to 🥜 — «pas de noix», ﻻ مكسرات, 无坚果\n\tsecond line  ",
    "Robert'); DELETE FROM request_notes WHERE ('1'='1",
    "%s %n %%",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GString) longest = g_string_new ("");
  gint64 id = create (f, "request", "Sliced rye on Saturdays", 2);
  gint64 staff_id = till_context_get_staff_id (f->context);
  gint64 customers = query_int (f, "SELECT count(*) FROM customers");

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_assert_true (till_service_requests_add_note (f->context, id, bodies[i], &error));
      g_assert_no_error (error);
    }
  /* TILL_REQUEST_TEXT_MAX characters of four bytes each fit; one more does not. */
  for (int i = 0; i < TILL_REQUEST_TEXT_MAX; i++)
    g_string_append (longest, "🍞");
  g_assert_true (till_service_requests_add_note (f->context, id, longest->str, &error));
  g_assert_no_error (error);
  g_string_append (longest, "x");
  g_assert_false (till_service_requests_add_note (f->context, id, longest->str, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (till_service_requests_add_note (f->context, id, " \n\t ", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (till_service_requests_add_note (f->context, id, "bad \xff\xfe bytes", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);

  timeline = till_service_requests_timeline (f->context, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1 + G_N_ELEMENTS (bodies) + 1);
  g_assert_cmpstr (((TillRequestNote *)timeline->pdata[0])->kind, ==, "created");
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      TillRequestNote *note = timeline->pdata[1 + i];

      g_assert_cmpstr (note->body, ==, bodies[i]);
      g_assert_cmpstr (note->kind, ==, "note");
      g_assert_cmpstr (note->author, ==, "Lena Vogel");
      g_assert_cmpint (note->staff_id, ==, staff_id);
      g_assert_cmpstr (note->at, ==, "2026-11-25T09:00:00.000000Z");
    }
  {
    g_autofree char *expected = g_strndup (longest->str, longest->len - 1);
    g_assert_cmpstr (((TillRequestNote *)timeline->pdata[timeline->len - 1])->body, ==, expected);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM request_notes"), ==, timeline->len);

  /* Titles are one line and have their own limit. */
  {
    TillRequestDraft draft = { .kind = "request", .title = "two\nlines" };
    g_autoptr(TillRequestRecord) none = till_service_requests_create (f->context, &draft, &error);

    g_assert_null (none);
    g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
    g_clear_error (&error);
    draft.title = INJECTION;
    none = till_service_requests_create (f->context, &draft, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (none->title, ==, INJECTION);
  }
}

/* New requests and complaints raise the request alert; a failing notifier
 * changes nothing. */
static void
test_new_request_alert (Fixture       *f,
                        gconstpointer  data)
{
  TillNotification *n;
  g_autoptr(GError) error = NULL;
  gint64 id;

  create (f, "complaint", "Bread was stale", 1);
  g_assert_cmpuint (shown (f)->len, ==, 1);
  n = shown (f)->pdata[0];
  g_assert_cmpstr (n->kind, ==, "request-new");
  g_assert_cmpstr (n->summary, ==, "New complaint");
  g_assert_cmpstr (n->body, ==, "Bread was stale");
  create (f, "request", "Gluten-free rolls", 0);
  g_assert_cmpuint (shown (f)->len, ==, 2);
  create (f, "assistance", "Needs help carrying bags", 1);
  g_assert_cmpuint (shown (f)->len, ==, 2);

  till_recording_notifier_set_failing (TILL_RECORDING_NOTIFIER (f->notifier), TRUE);
  id = create (f, "request", "Notifier is down", 1);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (shown (f)->len, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM requests"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action = 'request.create'"), ==, 4);

  /* An assistance note or a special order needs a customer. */
  {
    TillRequestDraft draft = { .kind = "assistance", .title = "Wheelchair ramp" };
    g_autoptr(TillRequestRecord) none = till_service_requests_create (f->context, &draft, &error);

    g_assert_null (none);
    g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  }
  g_assert_cmpint (till_service_requests_count_attention (f->context, NULL), ==, 4);
  assert_check_passes (f);
}

static gint64
create_due (Fixture    *f,
            const char *title,
            int         hours)
{
  g_autoptr(GDateTime) now = till_context_now (f->context);
  g_autoptr(GDateTime) due = g_date_time_add_hours (now, hours);
  TillRequestDraft draft = { .kind = "request", .title = title, .due_at = due, .priority = "high" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRequestRecord) record = till_service_requests_create (f->context, &draft, &error);

  g_assert_no_error (error);
  return record->id;
}

/* Overdue requests raise one notification each, once; a failure marks nothing. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(TillRequestRecord) first = NULL;
  g_autofree char *now = NULL;
  TillRequestFilter overdue = { 0 };
  guint notified = 99;
  gint64 a = create_due (f, "Call back Mrs Weber", 1);
  gint64 b = create_due (f, "Order more oat milk", 2);
  gint64 c = create_due (f, "Next week", 24 * 7);
  guint base = shown (f)->len;

  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_cmpuint (notified, ==, 0);

  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 3 * G_TIME_SPAN_HOUR);
  first = till_service_requests_get (f->context, a, NULL);
  g_assert_true (till_service_requests_is_overdue (f->context, first));

  /* Notifier down: nothing marked, nothing shown. */
  till_recording_notifier_set_failing (TILL_RECORDING_NOTIFIER (f->notifier), TRUE);
  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM requests WHERE overdue_notified_at IS NOT NULL"), ==, 0);

  till_recording_notifier_set_failing (TILL_RECORDING_NOTIFIER (f->notifier), FALSE);
  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (shown (f)->len, ==, base + 2);
  g_assert_cmpstr (((TillNotification *)shown (f)->pdata[base])->kind, ==, "request-overdue");
  g_assert_cmpstr (((TillNotification *)shown (f)->pdata[base])->body, ==, "Call back Mrs Weber");
  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_cmpuint (notified, ==, 0);

  /* The overdue filter, and a resolved request is overdue no more. */
  {
    g_autoptr(GDateTime) at = till_context_now (f->context);
    now = till_store_format_time (at);
  }
  overdue.overdue_at = now;
  list = till_service_requests_list (f->context, &overdue, 0, 10, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((TillRequestRecord *)list->pdata[0])->id, ==, b);
  g_assert_true (till_service_requests_set_status (f->context, b, "resolved", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = till_service_requests_list (f->context, &overdue, 0, 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((TillRequestRecord *)list->pdata[0])->id, ==, a);

  /* A new due date can be notified again. */
  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 8 * 24 * G_TIME_SPAN_HOUR);
  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_cmpuint (notified, ==, 1);   /* c */
  {
    g_autoptr(GDateTime) at = till_context_now (f->context);
    g_autoptr(GDateTime) later = g_date_time_add_hours (at, 1);

    g_assert_true (till_service_requests_set_due (f->context, c, later, &error));
    g_assert_no_error (error);
  }
  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 2 * G_TIME_SPAN_HOUR);
  g_assert_true (till_service_requests_notify_overdue (f->context, &notified, &error));
  g_assert_cmpuint (notified, ==, 1);
}

/* Filters and keyset paging */
static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillStaffRecord) marc = till_staff_get_by_name (f->store, "Marc Lefèvre", NULL);
  g_autoptr(GPtrArray) page = NULL;
  TillRequestFilter by_kind = { .kind = "complaint" };
  TillRequestFilter by_owner = { .owner_id = marc->id };
  TillRequestFilter by_priority = { .priority = "urgent" };
  TillRequestFilter by_customer = { .customer_id = 2, .open_only = TRUE };
  gint64 ids[7];

  for (int i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("Request %d", i);
      ids[i] = create (f, i % 3 == 0 ? "complaint" : "request", title, i % 2 == 0 ? 2 : 1);
    }
  g_assert_true (till_service_requests_assign (f->context, ids[4], marc->id, &error));
  g_assert_true (till_service_requests_set_priority (f->context, ids[5], "urgent", &error));
  g_assert_no_error (error);
  g_assert_false (till_service_requests_set_priority (f->context, ids[5], "whenever", &error));
  g_clear_error (&error);

  g_assert_cmpint (till_requests_count (f->store, &by_kind, NULL), ==, 3);
  page = till_service_requests_list (f->context, &by_owner, 0, 10, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (((TillRequestRecord *)page->pdata[0])->id, ==, ids[4]);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = till_service_requests_list (f->context, &by_priority, 0, 10, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_assert_cmpint (till_requests_count (f->store, &by_customer, NULL), ==, 4);

  /* Pages of three, newest first, without OFFSET */
  page = till_service_requests_list (f->context, NULL, 0, 3, &error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpint (((TillRequestRecord *)page->pdata[0])->id, ==, ids[6]);
  {
    gint64 last = ((TillRequestRecord *)page->pdata[2])->id;
    g_autoptr(GPtrArray) next = till_service_requests_list (f->context, NULL, last, 3, &error);

    g_assert_cmpuint (next->len, ==, 3);
    g_assert_cmpint (((TillRequestRecord *)next->pdata[0])->id, ==, ids[3]);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM request_notes WHERE kind = 'assign'"), ==, 1);
}

static gint64
create_special (Fixture *f)
{
  TillRequestDraft draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRequestRecord) record = NULL;

  draft.kind = "special_order";
  draft.title = "Three-tier wedding cake";
  draft.customer_id = 1;
  draft.item_name = "Wedding cake, three tiers";
  draft.unit_price = 12000;
  draft.tax_rate_id = 1;
  draft.qty = 1;
  record = till_service_requests_create (f->context, &draft, &error);
  g_assert_no_error (error);
  return record->id;
}

/* A special order's own statuses, its deposit and the close it guards */
static void
test_special_order_deposit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillSpecialOrderRecord) special = NULL;
  g_autoptr(TillRequestRecord) record = NULL;
  gint64 id = create_special (f);
  gint64 number = 0;
  guint base = shown (f)->len;

  /* A special order raises no request alert of its own. */
  g_assert_cmpuint (base, ==, 0);
  g_assert_false (till_service_requests_take_deposit (f->context, id, 1, 12001, "cash", &number, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (till_service_requests_take_deposit (f->context, id, 1, 100, "cheque", &number, &error));
  g_clear_error (&error);
  g_assert_true (till_service_requests_take_deposit (f->context, id, 1, 3000, "cash", &number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT last_number FROM receipt_series WHERE register_id = 1"), ==, 1);
  g_assert_false (till_service_requests_take_deposit (f->context, id, 1, 3000, "cash", &number, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  /* Held deposit: closing is refused, saying why. */
  g_assert_false (till_service_requests_set_status (f->context, id, "closed", NULL, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "deposit was neither refunded nor collected"));
  g_clear_error (&error);
  g_assert_false (till_service_requests_mark_collected (f->context, id, 1, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (till_service_requests_mark_arrived (f->context, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shown (f)->len, ==, 1);
  g_assert_cmpstr (((TillNotification *)shown (f)->pdata[0])->kind, ==, "special-order-arrived");
  g_assert_false (till_service_requests_mark_arrived (f->context, id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  /* A cashier may not cancel; a manager may, and the deposit goes back
   * with the next number of the series. */
  g_assert_false (till_service_requests_cancel_special (f->context, id, 1, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);
  sign_in_as (f, "Marc Lefèvre");
  g_assert_true (till_service_requests_cancel_special (f->context, id, 1, &error));
  g_assert_no_error (error);
  special = till_service_requests_get_special_order (f->context, id, &error);
  g_assert_cmpstr (special->status, ==, "cancelled");
  g_assert_cmpstr (special->deposit_state, ==, "refunded");
  g_assert_cmpint (special->deposit, ==, 3000);
  g_assert_cmpint (special->deposit_receipt_number, ==, 1);
  g_assert_cmpint (special->refund_receipt_number, ==, 2);

  g_assert_true (till_service_requests_set_status (f->context, id, "closed", "Customer changed their mind.", &error));
  g_assert_no_error (error);
  record = till_service_requests_get (f->context, id, &error);
  g_assert_cmpstr (record->status, ==, "closed");
  assert_check_passes (f);
}

/* A free-text item needs a price and a tax rate; a product brings its own. */
static void
test_special_order_items (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TillRequestDraft draft = { .kind = "special_order", .title = "Mystery", .customer_id = 1, .qty = 1,
                             .item_name = "Mystery loaf", .unit_price = 500 };
  g_autoptr(TillRequestRecord) none = till_service_requests_create (f->context, &draft, &error);
  g_autoptr(TillSpecialOrderRecord) special = NULL;
  gint64 product_id = query_int (f, "SELECT id FROM products WHERE sold_by = 'unit' ORDER BY id LIMIT 1");

  g_assert_null (none);
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  draft.tax_rate_id = 1;
  draft.qty = 0;
  none = till_service_requests_create (f->context, &draft, &error);
  g_assert_error (error, TILL_ERROR, TILL_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  draft.qty = 2;
  draft.item_name = NULL;
  draft.unit_price = 0;
  draft.tax_rate_id = 0;
  draft.product_id = product_id;
  none = till_service_requests_create (f->context, &draft, &error);
  g_assert_no_error (error);
  special = till_service_requests_get_special_order (f->context, none->id, &error);
  g_assert_cmpint (special->product_id, ==, product_id);
  g_assert_cmpint (special->unit_price, ==, query_int (f, "SELECT price FROM products WHERE id = (SELECT product_id"
                                                          " FROM special_orders ORDER BY request_id DESC LIMIT 1)"));
  g_assert_cmpint (special->qty, ==, 2);
  g_assert_cmpstr (special->status, ==, "ordered");
}

/* ordered → arrived (notification) → collected as a sale, the deposit
 * counted once: its cash on the day it was taken, a `deposit` tender on the
 * sale, no points and no tax on it. */
static void
test_special_order_collected (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = NULL;
  g_autoptr(TillSpecialOrderRecord) special = NULL;
  g_autoptr(TillRequestRecord) record = NULL;
  g_autofree char *sql = NULL;
  TillCashOutcome outcome;
  gint64 product_id = query_int (f, "SELECT id FROM products WHERE sold_by = 'unit' AND active = 1"
                                    " AND price >= 200 ORDER BY id LIMIT 1");
  TillRequestDraft draft = { .kind = "special_order", .title = "Two for the party", .customer_id = 1,
                             .product_id = product_id, .qty = 2 };
  g_autoptr(TillRequestRecord) created = till_service_requests_create (f->context, &draft, &error);
  gint64 id, deposit_number, order_id, total, points_before;

  g_assert_no_error (error);
  id = created->id;
  points_before = query_int (f, "SELECT balance FROM customers WHERE id = 1");

  /* Not before it has arrived */
  order = till_service_requests_start_collection (f->context, id, 1, &error);
  g_assert_null (order);
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (till_service_requests_take_deposit (f->context, id, 1, 100, "cash", &deposit_number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deposit_number, ==, 1);
  /* A deposit earns nothing and carries no tax: no ledger row, no order. */
  g_assert_cmpint (query_int (f, "SELECT balance FROM customers WHERE id = 1"), ==, points_before);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 0);

  g_assert_true (till_service_requests_mark_arrived (f->context, id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((TillNotification *)shown (f)->pdata[shown (f)->len - 1])->kind, ==, "special-order-arrived");

  order = till_service_requests_start_collection (f->context, id, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  order_id = till_order_get_record (order)->id;
  total = till_order_get_total (order);
  g_assert_cmpint (till_order_get_record (order)->customer_id, ==, 1);
  g_assert_cmpint (total, >=, 400);
  g_assert_cmpint (till_order_get_due (order), ==, total - 100);

  /* Not collected before the sale is paid */
  g_assert_false (till_service_requests_mark_collected (f->context, id, order_id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (till_checkout_pay_cash (f->context, order, total, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (till_order_is_paid (order));
  g_assert_true (till_service_requests_mark_collected (f->context, id, order_id, &error));
  g_assert_no_error (error);
  g_assert_true (till_service_requests_set_status (f->context, id, "resolved", "Collected by the customer.", &error));
  g_assert_no_error (error);
  g_assert_true (till_service_requests_set_status (f->context, id, "closed", NULL, &error));
  g_assert_no_error (error);

  special = till_service_requests_get_special_order (f->context, id, &error);
  g_assert_cmpstr (special->status, ==, "collected");
  g_assert_cmpstr (special->deposit_state, ==, "applied");
  g_assert_cmpint (special->collected_order_id, ==, order_id);
  record = till_service_requests_get (f->context, id, &error);
  g_assert_cmpint (record->order_id, ==, order_id);

  /* Counted once: one deposit tender of 100 on the sale, the rest in cash */
  sql = g_strdup_printf ("SELECT amount FROM payments WHERE order_id = %" G_GINT64_FORMAT " AND kind = 'deposit'",
                         order_id);
  g_assert_cmpint (query_int (f, sql), ==, 100);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM payments WHERE order_id = %" G_GINT64_FORMAT, order_id);
  g_assert_cmpint (query_int (f, sql), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT sum(tendered - change) FROM payments WHERE order_id = %" G_GINT64_FORMAT
                         " AND kind = 'cash'", order_id);
  g_assert_cmpint (query_int (f, sql) + 100, ==, total + till_order_get_record (order)->rounding);
  /* The sale took the next number after the deposit's */
  g_assert_cmpint (till_order_get_record (order)->receipt_number, ==, 2);
  assert_check_passes (f);
}

/* A deposit that covers the whole order completes the sale at once. */
static void
test_special_order_deposit_covers (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillOrder) order = NULL;
  gint64 product_id = query_int (f, "SELECT id FROM products WHERE sold_by = 'unit' AND active = 1"
                                    " ORDER BY id LIMIT 1");
  gint64 price = query_int (f, "SELECT price FROM products WHERE sold_by = 'unit' AND active = 1 ORDER BY id LIMIT 1");
  TillRequestDraft draft = { .kind = "special_order", .title = "Prepaid", .customer_id = 2,
                             .product_id = product_id, .qty = 1 };
  g_autoptr(TillRequestRecord) created = till_service_requests_create (f->context, &draft, &error);

  g_assert_true (till_service_requests_take_deposit (f->context, created->id, 1, price, "card", NULL, &error));
  g_assert_true (till_service_requests_mark_arrived (f->context, created->id, &error));
  g_assert_no_error (error);
  order = till_service_requests_start_collection (f->context, created->id, 1, &error);
  g_assert_no_error (error);
  g_assert_true (till_order_is_paid (order));
  g_assert_cmpint (till_order_get_due (order), ==, 0);
  g_assert_true (till_service_requests_mark_collected (f->context, created->id, till_order_get_record (order)->id,
                                                       &error));
  g_assert_no_error (error);
  assert_check_passes (f);
}

/* Preferences are checked by the customer service: where to contact and
 * where to send receipts need the contact, consent carries its date. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TillCustomerRecord) draft = till_customer_record_new ();
  g_autoptr(TillCustomerRecord) stored = NULL;

  draft->name = g_strdup ("Ada Preferences");
  g_free (draft->contact_channel);
  draft->contact_channel = g_strdup ("email");
  g_free (draft->receipt_preference);
  draft->receipt_preference = g_strdup ("email");
  draft->marketing_consent = TRUE;
  problems = till_customer_service_validate (f->context, draft);
  g_assert_nonnull (till_field_problems_lookup (problems, "contact_channel"));
  g_assert_nonnull (till_field_problems_lookup (problems, "receipt_preference"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  draft->email = g_strdup ("ada.preferences@example.org");
  g_free (draft->contact_channel);
  draft->contact_channel = g_strdup ("pigeon");
  problems = till_customer_service_validate (f->context, draft);
  g_assert_nonnull (till_field_problems_lookup (problems, "contact_channel"));
  g_assert_null (till_field_problems_lookup (problems, "receipt_preference"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_free (draft->contact_channel);
  draft->contact_channel = g_strdup ("email");
  draft->dietary_notes = g_strdup ("vegan");
  draft->allergies = g_strdup ("🥜 peanuts, sesame");
  g_assert_true (till_customer_service_save (f->context, draft, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  stored = till_customers_get (f->store, draft->id, &error);
  g_assert_cmpstr (stored->marketing_consent_date, ==, "2026-11-25");
  g_assert_cmpstr (stored->allergies, ==, "🥜 peanuts, sesame");
  g_assert_cmpstr (stored->receipt_preference, ==, "email");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Consent withdrawn: its date goes too; a bad date is refused. */
  stored->marketing_consent = FALSE;
  problems = till_customer_service_validate (f->context, stored);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_null (stored->marketing_consent_date);
  g_clear_pointer (&problems, g_ptr_array_unref);
  stored->marketing_consent = TRUE;
  stored->marketing_consent_date = g_strdup ("2026-02-30");
  problems = till_customer_service_validate (f->context, stored);
  g_assert_nonnull (till_field_problems_lookup (problems, "marketing_consent_date"));
}

/* Favourites come from paid history: most orders first, refunded lines out */
static void
test_favourites (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) favourites = NULL;
  gint64 a = query_int (f, "SELECT id FROM products WHERE sold_by = 'unit' AND active = 1 ORDER BY id LIMIT 1");
  g_autofree char *next = g_strdup_printf ("SELECT id FROM products WHERE sold_by = 'unit' AND active = 1"
                                           " AND id > %" G_GINT64_FORMAT " ORDER BY id LIMIT 1", a);
  gint64 b = query_int (f, next);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TillOrder) order = till_checkout_open (f->context, 1, &error);
      TillCashOutcome outcome;

      g_assert_no_error (error);
      g_assert_true (till_checkout_add_product (f->context, order, b, NULL, 1000, FALSE, 0, FALSE, &error));
      if (i == 0)
        g_assert_true (till_checkout_add_product (f->context, order, a, NULL, 5000, FALSE, 0, FALSE, &error));
      g_assert_true (till_checkout_set_customer (f->context, order, 3, &error));
      g_assert_true (till_checkout_pay_cash (f->context, order, till_order_get_total (order) + 1000, &outcome, &error));
      g_assert_no_error (error);
    }
  favourites = till_service_requests_favourites (f->context, 3, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (favourites->len, ==, 2);
  g_assert_cmpint (((TillFavouriteProduct *)favourites->pdata[0])->product_id, ==, b);
  g_assert_cmpint (((TillFavouriteProduct *)favourites->pdata[0])->orders, ==, 3);
  g_assert_cmpint (((TillFavouriteProduct *)favourites->pdata[1])->product_id, ==, a);
  g_assert_cmpint (((TillFavouriteProduct *)favourites->pdata[1])->qty, ==, 5000);
  g_assert_nonnull (((TillFavouriteProduct *)favourites->pdata[0])->name);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/requests/status-table", test_status_table);
#define ADD(path, func) g_test_add ("/requests/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("refused-moves", test_refused_moves);
  ADD ("notes", test_notes);
  ADD ("new-request-alert", test_new_request_alert);
  ADD ("overdue", test_overdue);
  ADD ("list-filters", test_list_filters);
  ADD ("special-order-deposit", test_special_order_deposit);
  ADD ("special-order-items", test_special_order_items);
  ADD ("preferences", test_preferences);
  ADD ("favourites", test_favourites);
  ADD ("special-order-collected", test_special_order_collected);
  ADD ("special-order-deposit-covers", test_special_order_deposit_covers);
#undef ADD
  return g_test_run ();
}
