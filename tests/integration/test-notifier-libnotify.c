/* test-notifier-libnotify.c: the libnotify notifier against a real D-Bus
 * notification server (python3-dbusmock), and with none at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "till-libnotify-notifier.h"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

static GDBusConnection *
session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return NULL;
  return g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
}

static gboolean
name_has_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", NOTIFICATIONS_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_shows_through_server (void)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(TillNotifier) notifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *log = NULL;
  g_autofree char *logged = NULL;

  if (bus == NULL)
    {
      g_test_skip ("no D-Bus session bus: run under dbus-run-session");
      return;
    }
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) || name_has_owner (bus))
    {
      g_test_skip ("python3-dbusmock cannot stand in here (no /usr/bin/python3, or a server runs)");
      return;
    }

  dir = g_dir_make_tmp ("till-notify-XXXXXX", &error);
  g_assert_no_error (error);
  log = g_build_filename (dir, "notify.log", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "/usr/bin/python3", "-m", "dbusmock", "--session", "--template",
                             "notification_daemon", "-l", log, NULL);
  g_assert_no_error (error);

  for (int i = 0; i < 200 && !name_has_owner (bus); i++)
    g_usleep (50 * 1000);
  if (!name_has_owner (bus))
    {
      g_subprocess_force_exit (server);
      g_test_skip ("python3-dbusmock did not start (is python3-dbusmock installed?)");
      return;
    }

  notifier = till_libnotify_notifier_new ("Till tests");
  g_assert_true (till_notifier_notify (notifier, "points-updated", "Hélène Dubois earned 12 points",
                                       "Balance 1 252 · Gold", &error));
  g_assert_no_error (error);

  for (int i = 0; i < 100; i++)
    {
      g_clear_pointer (&logged, g_free);
      if (g_file_get_contents (log, &logged, NULL, NULL) && strstr (logged, "Notify") != NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_nonnull (logged);
  g_assert_nonnull (strstr (logged, "Notify"));
  g_assert_nonnull (strstr (logged, "Hélène Dubois earned 12 points"));

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_unlink (log);
  g_rmdir (dir);
}

static void
test_reports_missing_server (void)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(TillNotifier) notifier = NULL;
  g_autoptr(GError) error = NULL;

  if (bus == NULL)
    {
      g_test_skip ("no D-Bus session bus: run under dbus-run-session");
      return;
    }
  for (int i = 0; i < 100 && name_has_owner (bus); i++)
    g_usleep (50 * 1000);
  if (name_has_owner (bus))
    {
      g_test_skip ("a notification server runs on this session bus");
      return;
    }

  notifier = till_libnotify_notifier_new ("Till tests");
  g_assert_false (till_notifier_notify (notifier, "request-new", "New complaint", "Order 1-000123", &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == TILL_NOTIFIER_ERROR);
  g_assert_nonnull (strstr (error->message, "notification"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifier/libnotify/shows-through-a-real-server", test_shows_through_server);
  g_test_add_func ("/notifier/libnotify/missing-server-is-an-error-not-a-crash", test_reports_missing_server);

  return g_test_run ();
}
