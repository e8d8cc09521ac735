/* test-access.c: the permission table through the services, sign-in
 * lockouts and staff management
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-access.h"
#include "till-audit.h"
#include "till-audit-service.h"
#include "till-catalog-service.h"
#include "till-checkout.h"
#include "till-customer-csv.h"
#include "till-error.h"
#include "till-loyalty-service.h"
#include "till-privacy-service.h"
#include "till-service-requests.h"
#include "till-settings-service.h"
#include "till-staff.h"
#include "till-staff-service.h"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *admin;       /* till-admin */
  gint64        ids[4];      /* by TillRole */
  char         *dir;
} Fixture;

static const char *names[4] = { NULL, "Lena Vogel", "Marc Petit", "Ada Sommer" };
static const char *pins[4] = { NULL, "1111", "2222", "3333" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 8, 30, 0);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("till-access-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "till.db", NULL);
  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (when);
  f->notifier = till_recording_notifier_new ();
  f->admin = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_ADMIN);
  for (TillRole role = TILL_ROLE_CASHIER; role <= TILL_ROLE_ADMIN; role++)
    {
      g_assert_true (till_staff_service_add (f->admin, names[role], till_role_to_string (role),
                                             pins[role], &f->ids[role], &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->notifier);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, g_free);
}

static TillContext *
context_as (Fixture  *f,
            TillRole  role)
{
  TillContext *context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);

  if (role != TILL_ROLE_NONE)
    till_context_set_staff (context, f->ids[role], names[role], till_role_to_string (role));
  return context;
}

/* The issue's table, written out independently of till-access.c: C M A */
static const struct
{
  TillOperation operation;
  gboolean      allowed[4];   /* none, cashier, manager, admin */
} expected[] = {
  { TILL_OPERATION_SELL,                     { FALSE, TRUE,  TRUE,  TRUE } },
  { TILL_OPERATION_DISCOUNT_ABOVE_THRESHOLD, { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_REFUND,                   { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_VOID,                     { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_ADJUST_POINTS,            { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_EDIT_LOYALTY,             { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_VIEW_REPORTS,             { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_REVEAL_CONTACT,           { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_EDIT_CATALOG,             { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_MOVE_CUSTOMERS,           { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_CUSTOMER_DATA,            { FALSE, FALSE, FALSE, TRUE } },
  { TILL_OPERATION_CANCEL_SPECIAL_ORDER,     { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_MANAGE_STAFF,             { FALSE, FALSE, FALSE, TRUE } },
  { TILL_OPERATION_CHANGE_SETTINGS,          { FALSE, FALSE, TRUE,  TRUE } },
  { TILL_OPERATION_VIEW_AUDIT,               { FALSE, FALSE, FALSE, TRUE } },
};

static void
test_table_matches_issue (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_cmpint (G_N_ELEMENTS (expected), ==, TILL_N_OPERATIONS);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    for (TillRole role = TILL_ROLE_NONE; role <= TILL_ROLE_ADMIN; role++)
      {
        g_autoptr(TillContext) context = context_as (f, role);
        g_autoptr(GError) error = NULL;
        gboolean allowed = till_access_check (context, expected[i].operation, &error);

        if (allowed != expected[i].allowed[role])
          g_error ("%s as %s: expected %s", till_operation_to_string (expected[i].operation),
                   role == TILL_ROLE_NONE ? "nobody" : till_role_to_string (role),
                   expected[i].allowed[role] ? "allowed" : "refused");
        if (!allowed)
          {
            g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
            g_assert_cmpstr (error->message, !=, "");
          }
      }
  /* till-admin acts as an admin */
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (till_access_may (f->admin, expected[i].operation));
}

/* One guarded service call per operation the services implement.  A call
 * that is allowed may still fail for its own reasons (an unknown id), but
 * never with TILL_ERROR_PERMISSION. */
typedef gboolean (*GuardedCall) (TillContext *context, GError **error);

static gboolean
call_approval (TillContext  *context,
               GError      **error)
{
  gint64 manager = 0;

  /* Refunds, voids and discounts above the threshold all pass here. */
  return till_checkout_check_approval (context, NULL, &manager, error);
}

static gboolean
call_edit_catalog (TillContext  *context,
                   GError      **error)
{
  return till_catalog_service_delete_category (context, 987654, error);
}

static gboolean
call_edit_loyalty (TillContext  *context,
                   GError      **error)
{
  return till_loyalty_service_remove_tier (context, "No such tier", error);
}

static gboolean
call_adjust_points (TillContext  *context,
                    GError      **error)
{
  return till_loyalty_service_adjust (context, 987654, 10, "goodwill", error);
}

static gboolean
call_export_customer (TillContext  *context,
                      GError      **error)
{
  g_autofree char *json = till_privacy_service_export (context, 987654, error);
  return json != NULL;
}

static gboolean
call_erase_customer (TillContext  *context,
                     GError      **error)
{
  return till_privacy_service_erase (context, 987654, error);
}

static gboolean
call_reveal_contact (TillContext  *context,
                     GError      **error)
{
  return till_privacy_service_reveal_contact (context, 987654, error);
}

static gboolean
call_read_audit (TillContext  *context,
                 GError      **error)
{
  g_autoptr(GPtrArray) rows = till_audit_service_list (context, NULL, 0, 10, error);
  return rows != NULL;
}

static gboolean
call_cancel_special_order (TillContext  *context,
                           GError      **error)
{
  return till_service_requests_cancel_special (context, 987654, 1, error);
}

static gboolean
call_export_customers (TillContext  *context,
                       GError      **error)
{
  g_autofree char *csv = till_customer_export (context, error);
  return csv != NULL;
}

static gboolean
call_change_settings (TillContext  *context,
                      GError      **error)
{
  return till_settings_service_set (context, "shop.name", "Boulangerie", NULL, error);
}

static gboolean
call_manage_staff (TillContext  *context,
                   GError      **error)
{
  g_autoptr(GPtrArray) list = till_staff_service_list (context, error);
  return list != NULL;
}

static gboolean
call_manage_staff_pin (TillContext  *context,
                       GError      **error)
{
  return till_staff_service_set_pin (context, 987654, "123456", error);
}

static const struct
{
  const char    *name;
  TillOperation  operation;
  GuardedCall    call;
} guarded_calls[] = {
  { "refund approval", TILL_OPERATION_REFUND, call_approval },
  { "void approval", TILL_OPERATION_VOID, call_approval },
  { "discount approval", TILL_OPERATION_DISCOUNT_ABOVE_THRESHOLD, call_approval },
  { "delete category", TILL_OPERATION_EDIT_CATALOG, call_edit_catalog },
  { "remove tier", TILL_OPERATION_EDIT_LOYALTY, call_edit_loyalty },
  { "adjust points", TILL_OPERATION_ADJUST_POINTS, call_adjust_points },
  { "export a customer", TILL_OPERATION_CUSTOMER_DATA, call_export_customer },
  { "erase a customer", TILL_OPERATION_CUSTOMER_DATA, call_erase_customer },
  { "reveal contact details", TILL_OPERATION_REVEAL_CONTACT, call_reveal_contact },
  { "read the audit log", TILL_OPERATION_VIEW_AUDIT, call_read_audit },
  { "cancel a special order", TILL_OPERATION_CANCEL_SPECIAL_ORDER, call_cancel_special_order },
  { "export customers", TILL_OPERATION_MOVE_CUSTOMERS, call_export_customers },
  { "set shop.name", TILL_OPERATION_CHANGE_SETTINGS, call_change_settings },
  { "list staff", TILL_OPERATION_MANAGE_STAFF, call_manage_staff },
  { "reset a PIN", TILL_OPERATION_MANAGE_STAFF, call_manage_staff_pin },
};

static void
test_services_refuse_by_role (Fixture       *f,
                              gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (guarded_calls); i++)
    for (TillRole role = TILL_ROLE_CASHIER; role <= TILL_ROLE_ADMIN; role++)
      {
        g_autoptr(TillContext) context = context_as (f, role);
        g_autoptr(GError) error = NULL;
        gboolean allowed = till_access_role_may (role, guarded_calls[i].operation);

        guarded_calls[i].call (context, &error);
        if (allowed && g_error_matches (error, TILL_ERROR, TILL_ERROR_PERMISSION))
          g_error ("%s as %s refused: %s", guarded_calls[i].name, till_role_to_string (role), error->message);
        if (!allowed && !g_error_matches (error, TILL_ERROR, TILL_ERROR_PERMISSION))
          g_error ("%s as %s not refused", guarded_calls[i].name, till_role_to_string (role));
      }
}

static gint64
count_action (Fixture    *f,
              const char *action)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  rows = till_audit_list (f->store, &(TillAuditFilter){ .action = action }, 0, 10000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    n += g_str_equal (((TillAuditRow *)rows->pdata[i])->action, action);
  return n;
}

static void
test_lockout_after_five_wrong_pins (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(TillContext) context = context_as (f, TILL_ROLE_NONE);
  g_autoptr(TillStaffRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= TILL_STAFF_MAX_FAILURES; i++)
    {
      g_assert_false (till_staff_service_sign_in (context, f->ids[TILL_ROLE_CASHIER], "9999", &error));
      g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
      if (i == TILL_STAFF_MAX_FAILURES)
        g_assert_nonnull (strstr (error->message, "locked out"));
      g_clear_error (&error);
    }
  record = till_staff_get_by_id (f->store, f->ids[TILL_ROLE_CASHIER], &error);
  g_assert_cmpint (record->failed_attempts, ==, 5);
  g_assert_nonnull (record->locked_until);

  /* Even the right PIN is refused while locked out */
  g_assert_false (till_staff_service_sign_in (context, f->ids[TILL_ROLE_CASHIER], pins[TILL_ROLE_CASHIER], &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "locked out"));
  g_clear_error (&error);
  g_assert_false (till_context_is_signed_in (context));

  /* After a minute the lockout ends; one more wrong PIN locks for two */
  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 61 * G_TIME_SPAN_SECOND);
  g_assert_false (till_staff_service_sign_in (context, f->ids[TILL_ROLE_CASHIER], "9999", &error));
  g_assert_nonnull (strstr (error->message, "2 minutes"));
  g_clear_error (&error);
  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 61 * G_TIME_SPAN_SECOND);
  g_assert_false (till_staff_service_sign_in (context, f->ids[TILL_ROLE_CASHIER], pins[TILL_ROLE_CASHIER], &error));
  g_clear_error (&error);
  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 60 * G_TIME_SPAN_SECOND);
  g_assert_true (till_staff_service_sign_in (context, f->ids[TILL_ROLE_CASHIER], pins[TILL_ROLE_CASHIER], &error));
  g_assert_no_error (error);
  g_clear_pointer (&record, till_staff_record_free);
  record = till_staff_get_by_id (f->store, f->ids[TILL_ROLE_CASHIER], &error);
  g_assert_cmpint (record->failed_attempts, ==, 0);
  g_assert_null (record->locked_until);

  /* Every failure, lockout, refusal while locked, sign-in and lock is audited */
  till_staff_service_lock (context, "request");
  g_assert_false (till_context_is_signed_in (context));
  g_assert_cmpint (count_action (f, "staff.sign-in-failed"), ==, 6);
  g_assert_cmpint (count_action (f, "staff.lockout"), ==, 2);
  g_assert_cmpint (count_action (f, "staff.sign-in-locked"), ==, 2);
  g_assert_cmpint (count_action (f, "staff.sign-in"), ==, 1);
  g_assert_cmpint (count_action (f, "staff.lock"), ==, 1);

  g_assert_cmpint (till_staff_lockout_seconds (4), ==, 0);
  g_assert_cmpint (till_staff_lockout_seconds (5), ==, 60);
  g_assert_cmpint (till_staff_lockout_seconds (7), ==, 240);
  g_assert_cmpint (till_staff_lockout_seconds (60), ==, TILL_STAFF_LOCKOUT_MAX_SECONDS);
}

static void
test_wrong_approval_pins_lock_out (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(TillContext) cashier = context_as (f, TILL_ROLE_CASHIER);
  g_autoptr(TillContext) nobody = context_as (f, TILL_ROLE_NONE);
  TillApproval wrong = { f->ids[TILL_ROLE_MANAGER], "0000" };
  TillApproval right = { f->ids[TILL_ROLE_MANAGER], "2222" };
  g_autoptr(GError) error = NULL;
  gint64 approver = 0;

  /* The approval dialog cannot be used to guess a manager's PIN */
  for (int i = 0; i < TILL_STAFF_MAX_FAILURES; i++)
    {
      g_assert_false (till_checkout_check_approval (cashier, &wrong, &approver, &error));
      g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  g_assert_false (till_checkout_check_approval (cashier, &right, &approver, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "locked out"));
  g_clear_error (&error);
  g_assert_false (till_staff_service_sign_in (nobody, f->ids[TILL_ROLE_MANAGER], "2222", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  till_fixed_clock_advance (TILL_FIXED_CLOCK (f->clock), 61 * G_TIME_SPAN_SECOND);
  g_assert_true (till_checkout_check_approval (cashier, &right, &approver, &error));
  g_assert_no_error (error);
  g_assert_cmpint (approver, ==, f->ids[TILL_ROLE_MANAGER]);
  g_assert_cmpint (count_action (f, "approval.failed"), ==, 6);
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TillContext) context = context_as (f, TILL_ROLE_CASHIER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  /* The default: 5 minutes */
  g_assert_false (till_staff_service_lock_if_idle (context, 299));
  g_assert_true (till_context_is_signed_in (context));
  g_assert_true (till_staff_service_lock_if_idle (context, 300));
  g_assert_false (till_context_is_signed_in (context));
  rows = till_audit_list (f->store, &(TillAuditFilter){ .action = "staff.lock" }, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((TillAuditRow *)rows->pdata[0])->fields, ==, "idle");
  g_assert_cmpint (((TillAuditRow *)rows->pdata[0])->staff_id, ==, f->ids[TILL_ROLE_CASHIER]);

  /* Nobody signed in: nothing to lock */
  g_assert_false (till_staff_service_lock_if_idle (context, 100000));

  /* 0 is never; another value is minutes */
  g_assert_true (till_settings_service_set (f->admin, "staff.idle_lock_minutes", "0", NULL, &error));
  g_assert_no_error (error);
  till_context_set_staff (context, f->ids[TILL_ROLE_CASHIER], names[TILL_ROLE_CASHIER], "cashier");
  g_assert_false (till_staff_service_lock_if_idle (context, 100000));
  g_assert_true (till_settings_service_set (f->admin, "staff.idle_lock_minutes", "1", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (till_staff_service_lock_if_idle (context, 59));
  g_assert_true (till_staff_service_lock_if_idle (context, 60));
}

static void
test_staff_management (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TillContext) context = context_as (f, TILL_ROLE_NONE);
  g_autoptr(TillStaffRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* PINs are 4 to 8 digits; names and roles are checked */
  g_assert_false (till_staff_service_add (f->admin, "Noah", "cashier", "123", &id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (till_staff_service_add (f->admin, "Noah", "cashier", "123456789", &id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (till_staff_service_add (f->admin, "Noah", "owner", "1234", &id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (till_staff_service_add (f->admin, names[TILL_ROLE_CASHIER], "cashier", "1234", &id, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (till_staff_service_add (f->admin, "  Noah  ", "cashier", "12345678", &id, &error));
  g_assert_no_error (error);

  /* A reset PIN works and the old one does not */
  g_assert_true (till_staff_service_set_pin (f->admin, id, "4321", &error));
  g_assert_no_error (error);
  g_assert_false (till_staff_service_sign_in (context, id, "12345678", NULL));
  g_assert_true (till_staff_service_sign_in (context, id, "4321", &error));
  g_assert_no_error (error);
  till_staff_service_sign_out (context);

  /* Disabled members cannot sign in */
  g_assert_true (till_staff_service_set_active (f->admin, id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (till_staff_service_sign_in (context, id, "4321", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  /* The last admin can be neither disabled nor demoted */
  g_assert_false (till_staff_service_set_active (f->admin, f->ids[TILL_ROLE_ADMIN], FALSE, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (till_staff_service_set_role (f->admin, f->ids[TILL_ROLE_ADMIN], "manager", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);
  /* With a second admin, the first may step down */
  g_assert_true (till_staff_service_set_role (f->admin, f->ids[TILL_ROLE_MANAGER], "admin", &error));
  g_assert_no_error (error);
  g_assert_true (till_staff_service_set_role (f->admin, f->ids[TILL_ROLE_ADMIN], "cashier", &error));
  g_assert_no_error (error);
  record = till_staff_get_by_id (f->store, f->ids[TILL_ROLE_ADMIN], &error);
  g_assert_cmpstr (record->role, ==, "cashier");
  g_assert_false (till_staff_service_set_active (f->admin, f->ids[TILL_ROLE_MANAGER], FALSE, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_clear_error (&error);

  /* A cashier cannot change staff at all */
  till_context_set_staff (context, f->ids[TILL_ROLE_CASHIER], names[TILL_ROLE_CASHIER], "cashier");
  g_assert_false (till_staff_service_set_role (context, f->ids[TILL_ROLE_CASHIER], "admin", &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_cmpint (count_action (f, "staff.set-role"), ==, 2);
  g_assert_cmpint (count_action (f, "staff.disable"), ==, 1);
  g_assert_cmpint (count_action (f, "staff.set-pin"), ==, 1);
  g_assert_cmpint (count_action (f, "staff.add"), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/access/table-matches-issue", test_table_matches_issue);
  ADD ("/access/services-refuse-by-role", test_services_refuse_by_role);
  ADD ("/access/lockout-after-five-wrong-pins", test_lockout_after_five_wrong_pins);
  ADD ("/access/wrong-approval-pins-lock-out", test_wrong_approval_pins_lock_out);
  ADD ("/access/idle-lock", test_idle_lock);
  ADD ("/access/staff-management", test_staff_management);
#undef ADD

  return g_test_run ();
}
