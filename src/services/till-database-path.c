/* till-database-path.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "till-database-path.h"

static char *
path_from_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Looked up first: g_settings_new() aborts when the schema is missing, and
   * till-admin must work where only the binary is installed. */
  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "database-path"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "database-path");
}

static char *
make_absolute (const char *path)
{
  g_autofree char *cwd = NULL;

  if (g_path_is_absolute (path))
    return g_strdup (path);
  cwd = g_get_current_dir ();
  return g_build_filename (cwd, path, NULL);
}

char *
till_database_path_resolve (const char *command_line_path)
{
  g_autofree char *from_settings = NULL;

  if (command_line_path != NULL && command_line_path[0] != '\0')
    return make_absolute (command_line_path);

  from_settings = path_from_settings ();
  if (from_settings != NULL && from_settings[0] != '\0')
    return make_absolute (from_settings);

  return g_build_filename (g_get_user_data_dir (), "till", "till.db", NULL);
}
