/* till-settings-page.h: the shop's settings, tax rates and categories, and this register's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_SETTINGS_PAGE (till_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TillSettingsPage, till_settings_page, TILL, SETTINGS_PAGE, GtkWidget)

/* The row that edits @key (a shop setting, or "register-id" and
 * "database-path" of GSettings), or NULL */
GtkWidget  *till_settings_page_get_row    (TillSettingsPage *self,
                                           const char       *key);
/* The refusal shown under @key's row, or NULL when there is none */
const char *till_settings_page_get_error  (TillSettingsPage *self,
                                           const char       *key);
/* Shows the section holding @key */
void        till_settings_page_show_key   (TillSettingsPage *self,
                                           const char       *key);

G_END_DECLS
