/* test-admin-pages.c: the Staff and Audit pages, for admins only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "till-audit.h"
#include "till-audit-page.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-privacy-page.h"
#include "till-staff.h"
#include "till-staff-page.h"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  GtkWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "till.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);

  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  f->window = GTK_WINDOW (gtk_window_new ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->context);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_object_unref (f->notifier);
}

static void
sign_in_as (Fixture    *f,
            const char *role)
{
  g_autoptr(GPtrArray) staff = till_staff_list (f->store, NULL);

  for (guint i = 0; i < staff->len; i++)
    {
      const TillStaffRecord *member = staff->pdata[i];
      if (g_str_equal (member->role, role))
        {
          till_context_set_staff (f->context, member->id, member->name, member->role);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_audit_page_pages_and_filters (Fixture       *f,
                                   gconstpointer  data)
{
  TillAuditPage *page;
  gint64 total = till_audit_count (f->store, NULL);
  guint seen;

  /* Enough rows for more than one page */
  for (int i = 0; i < 60; i++)
    g_assert_true (till_audit_append (f->store, till_clock_now (f->clock), TILL_AUDIT_ACTOR_SYSTEM, 0,
                                      "test.tick", "test", NULL, "", NULL));
  total += 60;
  sign_in_as (f, "admin");
  page = TILL_AUDIT_PAGE (till_audit_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (page));

  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);
  seen = 50;
  while (till_audit_page_get_n_rows (page) == 50)
    {
      till_audit_page_older (page);
      seen += till_audit_page_get_n_rows (page);
    }
  g_assert_cmpint (seen, ==, total);
  till_audit_page_newer (page);
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);

  till_audit_page_set_filter (page, 0, "test.tick", "");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);
  till_audit_page_older (page);
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 10);
  till_audit_page_set_filter (page, 0, "test.tick", "2026-11-24");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 0);
  till_audit_page_set_filter (page, 0, "test.tick", "2026-11-25");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);
  /* A day is the shop's: 09:00 UTC on the 25th is still the 25th in New York */
  g_assert_true (till_store_set_setting (f->store, "time_zone", "America/New_York", NULL));
  till_audit_page_set_filter (page, 0, "test.tick", "2026-11-25");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);
  /* and the 24th in Honolulu (UTC−10) */
  g_assert_true (till_store_set_setting (f->store, "time_zone", "Pacific/Honolulu", NULL));
  till_audit_page_set_filter (page, 0, "test.tick", "2026-11-25");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 0);
  till_audit_page_set_filter (page, 0, "test.tick", "2026-11-24");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 50);
  till_audit_page_set_filter (page, 0, "", "25.11.2026");
  g_assert_nonnull (strstr (till_audit_page_get_status (page), "YYYY-MM-DD"));
  till_audit_page_set_filter (page, 987654, "", "");
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 0);
}

static void
test_audit_page_refuses_manager (Fixture       *f,
                                 gconstpointer  data)
{
  TillAuditPage *page;

  sign_in_as (f, "manager");
  page = TILL_AUDIT_PAGE (till_audit_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  g_assert_cmpuint (till_audit_page_get_n_rows (page), ==, 0);
  g_assert_nonnull (strstr (till_audit_page_get_status (page), "admin"));
}

static void
test_staff_page_adds_and_refuses (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(TillStaffRecord) added = NULL;
  TillStaffPage *page;
  guint before;

  sign_in_as (f, "admin");
  page = TILL_STAFF_PAGE (till_staff_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  before = till_staff_page_get_n_members (page);
  g_assert_cmpuint (before, ==, (guint)till_staff_count (f->store, FALSE, NULL));

  till_staff_page_submit_new (page, "Noah Berger", "manager", "12");
  g_assert_nonnull (strstr (till_staff_page_get_status (page), "digits"));
  g_assert_cmpuint (till_staff_page_get_n_members (page), ==, before);

  till_staff_page_submit_new (page, "Noah Berger", "manager", "123456");
  g_assert_cmpuint (till_staff_page_get_n_members (page), ==, before + 1);
  added = till_staff_get_by_name (f->store, "Noah Berger", NULL);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->role, ==, "manager");
}

static void
test_staff_page_refuses_cashier (Fixture       *f,
                                 gconstpointer  data)
{
  TillStaffPage *page;

  sign_in_as (f, "cashier");
  page = TILL_STAFF_PAGE (till_staff_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  g_assert_cmpuint (till_staff_page_get_n_members (page), ==, 0);
  g_assert_nonnull (strstr (till_staff_page_get_status (page), "admin"));
}

static void
test_privacy_page_exports_and_erases (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = till_customers_page (f->store, NULL, 0, 1, NULL);
  g_autoptr(TillCustomerRecord) after = NULL;
  TillCustomerRecord *first = customers->pdata[0];
  g_autofree char *spec = g_strdup_printf ("id:%" G_GINT64_FORMAT, first->id);
  g_autofree char *dir = g_dir_make_tmp ("till-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "customer.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *json = NULL;
  TillPrivacyPage *page;

  /* A manager is refused */
  sign_in_as (f, "manager");
  page = TILL_PRIVACY_PAGE (till_privacy_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  g_assert_false (till_privacy_page_export_to (page, spec, file));
  g_assert_nonnull (strstr (till_privacy_page_get_status (page), "admin"));
  g_assert_false (g_file_query_exists (file, NULL));

  sign_in_as (f, "admin");
  g_assert_false (till_privacy_page_export_to (page, "id:987654", file));
  g_assert_true (till_privacy_page_export_to (page, spec, file));
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (json, "{\"customer\":{"));
  g_assert_nonnull (strstr (json, first->name));

  g_assert_true (till_privacy_page_erase (page, spec));
  after = till_customers_get (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after->erased_at);
  g_assert_false (till_privacy_page_erase (page, spec));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under Xvfb (build-aux/test does)\n");
      return 77;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-pages/audit-pages-and-filters", test_audit_page_pages_and_filters);
  ADD ("/admin-pages/audit-refuses-manager", test_audit_page_refuses_manager);
  ADD ("/admin-pages/staff-adds-and-refuses", test_staff_page_adds_and_refuses);
  ADD ("/admin-pages/staff-refuses-cashier", test_staff_page_refuses_cashier);
  ADD ("/admin-pages/privacy-exports-and-erases", test_privacy_page_exports_and_erases);
#undef ADD

  return g_test_run ();
}
