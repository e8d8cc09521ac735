/* test-window.c: the real window on a temporary database, driven through its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-audit.h"
#include "till-customers.h"
#include "till-customers-page.h"
#include "till-demo.h"
#include "till-staff.h"
#include "till-window.h"

typedef struct
{
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  TillContext  *context;
  TillWindow   *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "till.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  gboolean with_demo = GPOINTER_TO_INT (data);

  f->store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (f->store, "security.pin_cost", "min", &error);
  g_assert_no_error (error);
  f->clock = till_fixed_clock_new (now);
  f->notifier = till_recording_notifier_new ();
  if (with_demo)
    {
      till_demo_fill (f->store, f->clock, TILL_AUDIT_ACTOR_ADMIN, &error);
      g_assert_no_error (error);
    }
  f->context = till_context_new (f->store, f->clock, f->notifier, TILL_AUDIT_ACTOR_STAFF);
  f->window = till_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->context);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_object_unref (f->notifier);
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, or fails after 5 s. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
find_by_description (GtkWidget  *widget,
                     const char *description)
{
  g_autofree char *desc = NULL;

  /* GTK 4.8 has no getter for accessible properties: the tests read the
   * same stable ids the end-to-end tests use, through the widget name the
   * builder gave (the id), so map a few by hand. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), description) == 0)
        return child;
      found = find_by_description (child, description);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
child_of (Fixture    *f,
          const char *id)
{
  GtkWidget *widget = find_by_description (GTK_WIDGET (f->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
visible_main_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child_of (f, "main_stack")));
}

static gboolean
is_signed_in (gpointer data)
{
  return till_context_is_signed_in (((Fixture *)data)->context);
}

static gboolean
error_shown (gpointer data)
{
  GtkWidget *label = child_of (data, "error_label");
  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

static void
select_staff (Fixture    *f,
              const char *name)
{
  GtkListBox *list = GTK_LIST_BOX (child_of (f, "staff_list"));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        {
          gtk_list_box_select_row (list, row);
          return;
        }
    }
}

static void
sign_in (Fixture    *f,
         const char *name,
         const char *pin)
{
  select_staff (f, name);
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "pin_entry")), pin);
  g_signal_emit_by_name (child_of (f, "sign_in_button"), "clicked");
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpstr (visible_main_page (f), ==, "sign-in");

  /* A wrong PIN says so, and nobody is signed in. */
  sign_in (f, "Marc Lefèvre", "9999");
  wait_until (error_shown, f, "the wrong PIN is reported");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "error_label"))), "Wrong PIN"));
  g_assert_false (till_context_is_signed_in (f->context));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (f, "pin_entry"))), ==, "");

  sign_in (f, "Marc Lefèvre", "2468");
  wait_until (is_signed_in, f, "the manager is signed in");
  g_assert_cmpstr (visible_main_page (f), ==, "work");
  g_assert_cmpstr (till_context_get_role (f->context), ==, "manager");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "staff_label"))), "Marc Lefèvre"));

  /* Locking returns to the sign-in page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_false (till_context_is_signed_in (f->context));
  g_assert_cmpstr (visible_main_page (f), ==, "sign-in");
}

static void
test_first_admin (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TillStaffRecord) admin = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (f, "mode_stack"))), ==, "first-admin");

  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "admin_name_row")), "Ingrid Hoffmann");
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "admin_pin_row")), "4711");
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "admin_pin_again_row")), "4712");
  g_signal_emit_by_name (child_of (f, "create_admin_button"), "clicked");
  g_assert_true (error_shown (f));
  g_assert_false (till_context_is_signed_in (f->context));
  g_assert_cmpint (till_staff_count (f->store, FALSE, NULL), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "admin_pin_again_row")), "4711");
  g_signal_emit_by_name (child_of (f, "create_admin_button"), "clicked");
  g_assert_true (till_context_is_signed_in (f->context));
  g_assert_cmpstr (visible_main_page (f), ==, "work");

  admin = till_staff_get_by_name (f->store, "Ingrid Hoffmann", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (admin->role, ==, "admin");
}

static TillCustomersPage *
customers_page (Fixture *f)
{
  return TILL_CUSTOMERS_PAGE (find_by_type (GTK_WIDGET (f->window), TILL_TYPE_CUSTOMERS_PAGE));
}

typedef struct
{
  Fixture    *f;
  const char *search;
} SearchWait;

static gboolean
search_applied (gpointer data)
{
  SearchWait *wait = data;
  TillCustomerList *list = till_customers_page_get_list (customers_page (wait->f));
  return g_strcmp0 (till_customer_list_get_search (list), wait->search) == 0;
}

static void
type_search (Fixture    *f,
             const char *text)
{
  SearchWait wait = { f, text };

  /* The entry waits a moment after the last key before it searches, as it does for a person. */
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "search_entry")), text);
  wait_until (search_applied, &wait, "the search runs");
}

static gboolean
word_starts_with (const char *name,
                  const char *prefix)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  g_autofree char *folded_prefix = g_utf8_casefold (prefix, -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *normal = g_utf8_normalize (words[i], -1, G_NORMALIZE_NFD);
      g_autoptr(GString) bare = g_string_new (NULL);
      g_autofree char *folded = NULL;

      /* Drop combining accents: "Hélène" reads as "Helene". */
      for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_ismark (g_utf8_get_char (p)))
          g_string_append_unichar (bare, g_utf8_get_char (p));
      folded = g_utf8_casefold (bare->str, -1);
      if (g_str_has_prefix (folded, folded_prefix))
        return TRUE;
    }
  return FALSE;
}

static void
test_customer_search (Fixture       *f,
                      gconstpointer  data)
{
  TillCustomersPage *page;
  GListModel *list;
  guint n;

  sign_in (f, "Lena Vogel", "1111");
  wait_until (is_signed_in, f, "the cashier is signed in");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)), "customers");
  page = customers_page (f);
  list = G_LIST_MODEL (till_customers_page_get_list (page));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 240);

  type_search (f, "hel");
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 240);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TillCustomerItem) item = g_list_model_get_item (list, i);
      g_assert_true (word_starts_with (till_customer_item_get_name (item), "hel"));
    }
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "count_label"))), "match"));

  type_search (f, "王");
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 1);
  {
    g_autoptr(TillCustomerItem) item = g_list_model_get_item (list, 0);
    g_assert_cmpstr (till_customer_item_get_name (item), ==, "王小明");
  }

  type_search (f, "zzqx");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (f, "list_stack"))), ==, "empty");
}

static void
open_first_match (Fixture    *f,
                  const char *text)
{
  type_search (f, text);
  g_signal_emit_by_name (child_of (f, "search_entry"), "activate");
  g_assert_cmpint (till_customers_page_get_shown_id (customers_page (f)), >, 0);
}

static void
test_customer_edit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TillCustomerRecord) before = NULL;
  g_autoptr(TillCustomerRecord) after = NULL;
  g_autoptr(TillCustomerRecord) other = NULL;
  g_autoptr(GError) error = NULL;
  TillCustomersPage *page;
  gint64 id, audit_rows;
  GtkWidget *phone, *email, *name;

  sign_in (f, "Marc Lefèvre", "2468");
  wait_until (is_signed_in, f, "the manager is signed in");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)), "customers");
  page = customers_page (f);

  open_first_match (f, "王");
  id = till_customers_page_get_shown_id (page);
  before = till_customers_get (f->store, id, &error);
  g_assert_no_error (error);
  phone = child_of (f, "phone_entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, before->phone != NULL ? before->phone : "");

  /* Typed as a person does, in national form: stored in E.164. */
  audit_rows = till_audit_count (f->store, NULL);
  gtk_editable_set_text (GTK_EDITABLE (phone), "0151 9876 5432");
  g_assert_true (till_customers_page_is_dirty (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customers.save", NULL));
  after = till_customers_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->phone, ==, "+4915198765432");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "+4915198765432");
  g_assert_false (till_customers_page_is_dirty (page));
  g_assert_cmpint (till_audit_count (f->store, NULL), ==, audit_rows + 1);

  /* An e-mail another customer uses is refused next to the field; nothing is saved. */
  other = till_customers_find_by (f->store, "email", "helene.dubois0@example.org", NULL);
  if (other == NULL)
    {
      g_autoptr(GPtrArray) page0 = till_customers_page (f->store, NULL, 0, 50, NULL);
      for (guint i = 0; i < page0->len && other == NULL; i++)
        {
          TillCustomerRecord *r = page0->pdata[i];
          if (r->email != NULL && r->id != id)
            other = till_customer_record_copy (r);
        }
    }
  g_assert_nonnull (other);
  email = child_of (f, "email_entry");
  gtk_editable_set_text (GTK_EDITABLE (email), other->email);
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.save", NULL);
  g_assert_true (gtk_widget_get_visible (child_of (f, "email_error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child_of (f, "email_error"))), "Another customer"));
  g_clear_pointer (&after, till_customer_record_free);
  after = till_customers_get (f->store, id, NULL);
  g_assert_cmpstr (after->email, ==, before->email);

  /* An empty name and a malformed e-mail: both told, nothing saved. */
  name = child_of (f, "name_entry");
  gtk_editable_set_text (GTK_EDITABLE (name), "   ");
  gtk_editable_set_text (GTK_EDITABLE (email), "wang@@example");
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.save", NULL);
  g_assert_true (gtk_widget_get_visible (child_of (f, "name_error")));
  g_assert_true (gtk_widget_get_visible (child_of (f, "email_error")));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_clear_pointer (&after, till_customer_record_free);
  after = till_customers_get (f->store, id, NULL);
  g_assert_cmpstr (after->name, ==, before->name);

  /* Revert brings back what is stored. */
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.revert", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, before->name);
  g_assert_false (gtk_widget_get_visible (child_of (f, "name_error")));
}

static void
test_customer_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TillCustomerRecord) created = NULL;
  g_autoptr(GError) error = NULL;
  TillCustomersPage *page;
  gint64 before;

  sign_in (f, "Lena Vogel", "1111");
  wait_until (is_signed_in, f, "the cashier is signed in");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)), "customers");
  page = customers_page (f);
  before = till_customers_count (f->store, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customers.new", NULL));
  g_assert_cmpint (till_customers_page_get_shown_id (page), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "name_entry")), "Zoë Quintanilla-Ångström");
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "email_entry")), "zoe.quintanilla@example.org");
  gtk_editable_set_text (GTK_EDITABLE (child_of (f, "phone_entry")), "+33 6 12 34 56 78");
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.save", NULL);

  g_assert_cmpint (till_customers_count (f->store, NULL), ==, before + 1);
  created = till_customers_find_by (f->store, "email", "zoe.quintanilla@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->name, ==, "Zoë Quintanilla-Ångström");
  g_assert_cmpstr (created->phone, ==, "+33612345678");
  g_assert_cmpint (till_customers_page_get_shown_id (page), ==, created->id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (till_customers_page_get_list (page))), ==,
                    (guint)(before + 1));

  /* And the new customer is found by the start of her surname, accent ignored. */
  type_search (f, "quinta");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (till_customers_page_get_list (page))), ==, 1);
}

static void
test_window_size_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tillpos.Till");
  TillWindow *second;
  int width, height;

  /* The size a person leaves the window at is the size it opens at next time. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);

  second = till_window_new (NULL, f->context);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 720);
  gtk_window_destroy (GTK_WINDOW (second));
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

#define ADD(path, data, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (data), fixture_set_up, func, fixture_tear_down)
  ADD ("/window/sign-in/wrong-pin-refused-then-signed-in-and-locked", TRUE, test_sign_in);
  ADD ("/window/sign-in/first-start-creates-the-first-admin", FALSE, test_first_admin);
  ADD ("/window/customers/search-as-you-type-by-word-start", TRUE, test_customer_search);
  ADD ("/window/customers/edit-saves-normalised-and-refuses-bad-fields", TRUE, test_customer_edit);
  ADD ("/window/customers/create-and-find", TRUE, test_customer_create);
  ADD ("/window/size-is-remembered", FALSE, test_window_size_remembered);
#undef ADD

  return g_test_run ();
}
