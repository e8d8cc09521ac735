/* test-templates.c: every .ui file in the resource bundle builds, after adw_init()
 *
 * On GTK 4.8 gtk4-builder-tool needs a display and does not know libadwaita's
 * types, so the templates are built here instead: plain builder files through
 * GtkBuilder, composite templates by creating their class.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "till-audit.h"
#include "till-customers-page.h"
#include "till-loyalty-page.h"
#include "till-orders-page.h"
#include "till-settings-page.h"
#include "till-sell-page.h"
#include "till-products-page.h"
#include "till-sign-in-page.h"
#include "till-window.h"

#define RESOURCE_DIR "/io/github/tillpos/Till"

static TillContext *
temp_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("till-templates-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "till.db", NULL);
  g_autoptr(TillStore) store = till_store_open (path, TILL_STORE_OPEN_CREATE, &error);
  g_autoptr(TillClock) clock = till_system_clock_new ();
  g_autoptr(TillNotifier) notifier = till_recording_notifier_new ();

  g_assert_no_error (error);
  return till_context_new (store, clock, notifier, TILL_AUDIT_ACTOR_STAFF);
}

static void
collect_ui_files (const char *dir,
                  GPtrArray  *found)
{
  g_auto(GStrv) children = g_resources_enumerate_children (dir, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", dir, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (path, found);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
}

static char *
template_class (const char *xml)
{
  const char *start = strstr (xml, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  return g_strndup (start, end - start);
}

static void
test_every_ui_file_builds (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TillContext) context = temp_context ();
  guint templates = 0, builders = 0;

  /* Class types register on first use: make sure every controller exists. */
  g_type_ensure (TILL_TYPE_WINDOW);
  g_type_ensure (TILL_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TILL_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (TILL_TYPE_LOYALTY_PAGE);
  g_type_ensure (TILL_TYPE_ORDERS_PAGE);
  g_type_ensure (TILL_TYPE_REFUND_DIALOG);
  g_type_ensure (TILL_TYPE_SETTINGS_PAGE);
  g_type_ensure (TILL_TYPE_SELL_PAGE);
  g_type_ensure (TILL_TYPE_PRODUCTS_PAGE);

  collect_ui_files (RESOURCE_DIR, files);
  g_assert_cmpuint (files->len, >=, 4);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autofree char *xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autofree char *klass = template_class (xml);

      g_test_message ("building %s", path);
      if (klass != NULL)
        {
          GType type = g_type_from_name (klass);
          GObject *object;

          g_assert_true (type != G_TYPE_INVALID);
          object = g_object_new (type, "context", context, NULL);
          g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (object, type));
          if (GTK_IS_WINDOW (object))
            gtk_window_destroy (GTK_WINDOW (object));
          else
            g_object_unref (g_object_ref_sink (object));
          templates++;
        }
      else
        {
          g_autoptr(GtkBuilder) builder = gtk_builder_new ();
          g_autoptr(GError) error = NULL;

          gtk_builder_add_from_resource (builder, path, &error);
          g_assert_no_error (error);
          builders++;
        }
    }
  g_assert_cmpuint (templates, >=, 3);
  g_assert_cmpuint (builders, >=, 1);
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

  g_test_add_func ("/templates/every-ui-file-builds", test_every_ui_file_builds);

  return g_test_run ();
}
