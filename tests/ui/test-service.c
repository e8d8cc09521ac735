/* test-service.c: the Service page, requests by status with filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-audit.h"
#include "till-demo.h"
#include "till-service-page.h"
#include "till-service-requests.h"
#include "till-staff.h"

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
  g_autoptr(TillStaffRecord) lena = NULL;

  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
  g_assert_no_error (error);
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  lena = till_staff_get_by_name (f->store, "Lena Vogel", NULL);
  till_context_set_staff (f->context, lena->id, lena->name, lena->role);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 640);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_object_unref (f->context);
  g_object_unref (f->store);
  g_object_unref (f->clock);
  g_object_unref (f->notifier);
}

static gint64
create (Fixture    *f,
        const char *kind,
        const char *title,
        gint64      customer_id,
        int         due_hours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) due = due_hours != 0 ? g_date_time_add_hours (till_context_now (f->context), due_hours) : NULL;
  TillRequestDraft draft = { .kind = kind, .title = title, .customer_id = customer_id, .due_at = due };
  g_autoptr(TillRequestRecord) record = till_service_requests_create (f->context, &draft, &error);

  g_assert_no_error (error);
  return record->id;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *keep = g_getenv ("TILL_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *png = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (keep == NULL || width <= 0 || height <= 0)
    return;
  file = g_strdup_printf ("%s.png", name);
  png = g_build_filename (keep, file, NULL);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, png));
}

static void
on_attention (guint *count)
{
  (*count)++;
}

static void
test_lists_and_badge (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TillServicePage *page;
  guint signalled = 0;
  gint64 complaint;

  create (f, "request", "Oat milk every Saturday", 1, 0);
  complaint = create (f, "complaint", "Stale croissants on Tuesday", 2, 0);
  create (f, "assistance", "Needs a chair while waiting", 3, 0);
  create (f, "request", "Call back about the birthday cake", 4, -2);
  g_assert_true (till_service_requests_set_status (f->context, complaint, "in_progress", "Looking into it", &error));
  g_assert_true (till_service_requests_add_note (f->context, complaint, "Baker says the batch was late; "
                                                 "offered a replacement 🥐", &error));
  g_assert_no_error (error);

  page = TILL_SERVICE_PAGE (till_service_page_new (f->context));
  g_signal_connect_swapped (page, "attention-changed", G_CALLBACK (on_attention), &signalled);
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  g_assert_cmpuint (till_service_page_get_n_rows (page), ==, 4);
  /* three still open; the complaint in progress is not overdue */
  g_assert_cmpint (till_service_page_get_attention (page), ==, 3);

  create (f, "complaint", "Wrong change given", 1, 0);
  till_service_page_refresh (page);
  g_assert_cmpuint (till_service_page_get_n_rows (page), ==, 5);
  g_assert_cmpint (till_service_page_get_attention (page), ==, 4);
  g_assert_cmpuint (signalled, ==, 1);

  {
    g_autoptr(TillRequestRecord) special = NULL;
    TillRequestDraft draft = { .kind = "special_order", .title = "Wedding cake", .customer_id = 1,
                               .item_name = "Wedding cake, three tiers", .unit_price = 12000, .tax_rate_id = 1,
                               .qty = 1 };

    special = till_service_requests_create (f->context, &draft, &error);
    g_assert_no_error (error);
    till_service_page_refresh (page);
    till_service_page_show_request (page, special->id);
    g_assert_cmpint (till_service_page_get_shown_id (page), ==, special->id);
  }
  till_service_page_show_request (page, complaint);
  g_assert_cmpint (till_service_page_get_shown_id (page), ==, complaint);
  till_service_page_start_request (page, 1, 0);
  gtk_window_present (f->window);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  screenshot (GTK_WIDGET (f->window), "service-page");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/service-page/lists-and-badge", Fixture, NULL, fixture_set_up, test_lists_and_badge, fixture_tear_down);
  return g_test_run ();
}
