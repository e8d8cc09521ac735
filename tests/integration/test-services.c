/* test-services.c: the demo shop, the checks, PINs and the ports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "till-audit.h"
#include "till-catalog.h"
#include "till-check.h"
#include "till-clock.h"
#include "till-customers.h"
#include "till-database-path.h"
#include "till-demo.h"
#include "till-error.h"
#include "till-notifier.h"
#include "till-pin.h"
#include "till-staff.h"

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-services-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static TillStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("till.db");
  TillStore *store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  /* Tests keep argon2id cheap; the app's default stays interactive. */
  till_store_set_setting (store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  return store;
}

static TillClock *
fixed_clock (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 25, 8, 30, 0);
  return till_fixed_clock_new (when);
}

static void
test_demo_fills_shop (void)
{
  g_autoptr(TillStore) store = new_store ();
  g_autoptr(TillClock) clock = fixed_clock ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GArray) found = NULL;
  gsize n_staff;
  const TillDemoStaff *staff = till_demo_get_staff (&n_staff);
  gboolean roles[3] = { FALSE, FALSE, FALSE };

  g_assert_true (till_demo_fill (store, clock, TILL_AUDIT_ACTOR_ADMIN, &error));
  g_assert_no_error (error);

  g_assert_cmpint (till_catalog_count_products (store, NULL), >=, 60);
  g_assert_cmpint (till_customers_count (store, NULL), >=, 200);
  g_assert_cmpint (till_staff_count (store, TRUE, NULL), ==, (gint64)n_staff);

  for (gsize i = 0; i < n_staff; i++)
    {
      g_autoptr(TillStaffRecord) member = till_staff_get_by_name (store, staff[i].name, &error);
      g_assert_no_error (error);
      g_assert_true (till_pin_verify (member->pin_hash, staff[i].pin));
      g_assert_false (till_pin_verify (member->pin_hash, "0000"));
      roles[0] |= g_str_equal (member->role, "cashier");
      roles[1] |= g_str_equal (member->role, "manager");
      roles[2] |= g_str_equal (member->role, "admin");
    }
  g_assert_true (roles[0] && roles[1] && roles[2]);

  /* Non-Latin names are there and found by their first characters. */
  found = till_customers_search (store, "王", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);

  g_assert_true (till_check_run (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (till_audit_count (store, NULL), >, 200);
}

static void
test_demo_refuses_filled_database (void)
{
  g_autoptr(TillStore) store = new_store ();
  g_autoptr(TillClock) clock = fixed_clock ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (till_demo_fill (store, clock, TILL_AUDIT_ACTOR_ADMIN, &error));
  before = till_customers_count (store, NULL);

  g_assert_false (till_demo_fill (store, clock, TILL_AUDIT_ACTOR_ADMIN, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_REFUSED);
  g_assert_cmpint (till_customers_count (store, NULL), ==, before);
}

static void
test_pin_rules (void)
{
  static const struct { const char *pin; gboolean valid; } cases[] = {
    { "1234", TRUE }, { "12345678", TRUE }, { "0000", TRUE },
    { "123", FALSE }, { "123456789", FALSE }, { "12a4", FALSE }, { "", FALSE },
    { " 1234", FALSE }, { "１２３４", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = till_pin_validate (cases[i].pin, &error);

      g_test_message ("PIN “%s”", cases[i].pin);
      g_assert_cmpint (ok, ==, cases[i].valid);
      if (!ok)
        g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
    }
}

static void
test_pin_hash_is_salted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = till_pin_hash ("2468", TILL_PIN_COST_MIN, &error);
  g_autofree char *b = till_pin_hash ("2468", TILL_PIN_COST_MIN, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (a, "$argon2id$"));
  g_assert_cmpstr (a, !=, b);
  g_assert_true (till_pin_verify (a, "2468"));
  g_assert_true (till_pin_verify (b, "2468"));
  g_assert_false (till_pin_verify (a, "2469"));
  g_assert_null (till_pin_hash ("24", TILL_PIN_COST_MIN, &error));
  g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
}

static void
test_fixed_clock (void)
{
  g_autoptr(TillClock) clock = fixed_clock ();
  g_autoptr(GDateTime) a = till_clock_now (clock);
  g_autoptr(GDateTime) b = NULL;

  till_fixed_clock_advance (TILL_FIXED_CLOCK (clock), G_TIME_SPAN_HOUR);
  b = till_clock_now (clock);
  g_assert_cmpint (g_date_time_difference (b, a), ==, G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_hour (a), ==, 8);
}

static void
test_recording_notifier (void)
{
  g_autoptr(TillNotifier) notifier = till_recording_notifier_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *shown;

  g_assert_true (till_notifier_notify (notifier, "points-updated", "Hélène Dubois", "+12 points", &error));
  g_assert_no_error (error);
  shown = till_recording_notifier_get_shown (TILL_RECORDING_NOTIFIER (notifier));
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (((TillNotification *)shown->pdata[0])->summary, ==, "Hélène Dubois");

  till_recording_notifier_set_failing (TILL_RECORDING_NOTIFIER (notifier), TRUE);
  g_assert_false (till_notifier_notify (notifier, "points-updated", "x", NULL, &error));
  g_assert_error (error, TILL_NOTIFIER_ERROR, TILL_NOTIFIER_ERROR_NO_SERVICE);
  g_assert_cmpuint (shown->len, ==, 1);
}

static void
test_database_path (void)
{
  g_autofree char *given = till_database_path_resolve ("/srv/shop/till.db");
  g_autofree char *relative = till_database_path_resolve ("shop.db");
  g_autofree char *fallback = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpstr (given, ==, "/srv/shop/till.db");
  g_assert_true (g_path_is_absolute (relative));
  g_assert_true (g_str_has_suffix (relative, "/shop.db"));

  /* GSETTINGS_BACKEND=memory: the key is empty, so the XDG default applies. */
  fallback = till_database_path_resolve (NULL);
  expected = g_build_filename (g_get_user_data_dir (), "till", "till.db", NULL);
  g_assert_cmpstr (fallback, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/fills-a-realistic-shop-that-passes-check", test_demo_fills_shop);
  g_test_add_func ("/demo/refuses-a-database-with-data", test_demo_refuses_filled_database);
  g_test_add_func ("/pin/four-to-eight-digits", test_pin_rules);
  g_test_add_func ("/pin/argon2id-hash-is-salted-and-verifies", test_pin_hash_is_salted);
  g_test_add_func ("/clock/fixed-clock-advances-exactly", test_fixed_clock);
  g_test_add_func ("/notifier/recording-notifier-keeps-or-fails", test_recording_notifier);
  g_test_add_func ("/database-path/option-then-settings-then-xdg", test_database_path);

  return g_test_run ();
}
