/* test-window.c: the real main window on a temporary database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-window.h"

static TillStore *
temp_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  TillStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "till.db", NULL);
  store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  till_store_set_setting (store, "shop.name", "Boulangerie Lumière", &error);
  g_assert_no_error (error);
  return store;
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

static void
test_pages_say_honestly_what_is_missing (void)
{
  static const char *pages[] = {
    "sell", "orders", "customers", "products", "loyalty", "service", "reports", "settings",
  };
  g_autoptr(TillStore) store = temp_store ();
  TillWindow *window = till_window_new (NULL, store);
  AdwViewStack *stack;
  AdwWindowTitle *title;

  gtk_window_present (GTK_WINDOW (window));

  stack = ADW_VIEW_STACK (find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, pages[i]);
      const char *status_title;

      g_assert_nonnull (child);
      adw_view_stack_set_visible_child_name (stack, pages[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i]);
      if (ADW_IS_STATUS_PAGE (child))
        {
          status_title = adw_status_page_get_title (ADW_STATUS_PAGE (child));
          g_assert_nonnull (strstr (status_title, "not built yet"));
        }
    }

  title = ADW_WINDOW_TITLE (find_by_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Boulangerie Lumière");
  g_assert_true (till_window_get_store (window) == store);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (store);
  store = NULL;
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

  g_test_add_func ("/window/pages-say-honestly-what-is-missing", test_pages_say_honestly_what_is_missing);

  return g_test_run ();
}
