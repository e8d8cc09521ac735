/* test-customers.c: contact details masked for a cashier, revealed (and
 * audited) for a manager, on the real Customers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-audit.h"
#include "till-contact.h"
#include "till-customers-page.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-staff.h"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_object_unref (f->notifier);
}

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0))
        return child;
      found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Collects the text of every entry under @root */
static void
collect_entries (GtkWidget *root,
                 GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ENTRY (child))
        g_string_append_printf (out, "[%s]", gtk_editable_get_text (GTK_EDITABLE (child)));
      collect_entries (child, out);
    }
}

static gint64
staff_id_with_role (Fixture    *f,
                    const char *role)
{
  g_autoptr(GPtrArray) staff = till_staff_list (f->store, NULL);

  for (guint i = 0; i < staff->len; i++)
    if (g_str_equal (((TillStaffRecord *)staff->pdata[i])->role, role))
      return ((TillStaffRecord *)staff->pdata[i])->id;
  g_assert_not_reached ();
}

/* Opens the page as @role on the first customer with a phone and an e-mail */
static TillCustomerRecord *
open_customer (Fixture     *f,
               TillContext *context,
               GtkWindow  **out_window,
               GtkWidget  **out_page)
{
  GtkWidget *page = g_object_new (TILL_TYPE_CUSTOMERS_PAGE, "context", context, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkListView *list;
  GtkSingleSelection *selection;

  gtk_window_set_child (window, page);
  gtk_window_present (window);
  spin ();
  list = GTK_LIST_VIEW (find_widget (page, GTK_TYPE_LIST_VIEW, NULL));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(TillCustomerRecord) record = NULL;

      gtk_single_selection_set_selected (selection, i);
      spin ();
      record = till_customers_get (f->store, till_customers_page_get_shown_id (TILL_CUSTOMERS_PAGE (page)), NULL);
      if (record != NULL && record->phone != NULL && record->email != NULL)
        {
          *out_window = window;
          *out_page = page;
          return g_steal_pointer (&record);
        }
    }
  g_assert_not_reached ();
}

static void
test_cashier_sees_masked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TillContext) context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  g_autoptr(TillCustomerRecord) record = NULL;
  g_autoptr(GString) texts = g_string_new ("");
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *window;
  GtkWidget *page;

  till_context_set_staff (context, staff_id_with_role (f, "cashier"), "Cashier", "cashier");
  record = open_customer (f, context, &window, &page);
  collect_entries (page, texts);
  phone = till_phone_mask (record->phone);
  email = till_email_mask (record->email);
  expected = g_strdup_printf ("[%s][%s]", phone, email);
  g_assert_nonnull (strstr (texts->str, expected));
  g_assert_null (strstr (texts->str, record->phone));
  g_assert_null (strstr (texts->str, record->email));
  /* The masked forms are read-only and not taken for changes */
  g_assert_false (till_customers_page_is_dirty (TILL_CUSTOMERS_PAGE (page)));
  {
    g_autoptr(GPtrArray) rows = till_audit_list (f->store, &(TillAuditFilter){ .action = "customer.reveal" }, 0, 10, NULL);
    g_assert_cmpuint (rows->len, ==, 0);
  }
  gtk_window_destroy (window);
  spin ();
}

static void
test_manager_sees_revealed_audited (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TillContext) context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  g_autoptr(TillCustomerRecord) record = NULL;
  g_autoptr(GString) after = g_string_new ("");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *id = NULL;
  GtkWindow *window;
  GtkWidget *page;

  /* A manager opening a customer sees the details, and that is recorded */
  till_context_set_staff (context, staff_id_with_role (f, "manager"), "Manager", "manager");
  record = open_customer (f, context, &window, &page);
  collect_entries (page, after);
  g_assert_nonnull (strstr (after->str, record->phone));
  g_assert_nonnull (strstr (after->str, record->email));
  g_assert_false (till_customers_page_is_dirty (TILL_CUSTOMERS_PAGE (page)));

  rows = till_audit_list (f->store, &(TillAuditFilter){ .action = "customer.reveal" }, 0, 10, NULL);
  g_assert_cmpuint (rows->len, >=, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  g_assert_cmpstr (((TillAuditRow *)rows->pdata[0])->entity_id, ==, id);
  g_assert_cmpstr (((TillAuditRow *)rows->pdata[0])->fields, ==, "phone,email,address,birthday");
  gtk_window_destroy (window);
  spin ();
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

  g_test_add ("/customers/cashier-sees-masked-contact", Fixture, NULL, fixture_set_up,
              test_cashier_sees_masked, fixture_tear_down);
  g_test_add ("/customers/manager-sees-contact-reveal-audited", Fixture, NULL, fixture_set_up,
              test_manager_sees_revealed_audited, fixture_tear_down);

  return g_test_run ();
}
