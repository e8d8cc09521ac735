/* till-printer-picker.h: rows for the Settings page's "Receipts" group
 *
 * Each returns a row bound to a key of the io.github.tillpos.Till GSettings:
 *
 *   till_printer_picker_new   an AdwComboRow "Receipt printer": "None" and
 *                             the print server's queues (listed in the
 *                             background); key `printer`.  A chosen queue
 *                             that no longer exists stays listed, marked.
 *   till_paper_picker_new     an AdwComboRow "Receipt paper": 58 mm roll,
 *                             80 mm roll, A4; key `paper`.
 *   till_auto_print_row_new   an AdwActionRow with a switch "Print after
 *                             payment"; key `auto-print`.
 *
 * For example:
 *   AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
 *   adw_preferences_group_set_title (group, _("Receipts"));
 *   adw_preferences_group_add (group, till_printer_picker_new (settings));
 *   adw_preferences_group_add (group, till_paper_picker_new (settings));
 *   adw_preferences_group_add (group, till_auto_print_row_new (settings));
 * and an action row showing till_store_dup_archive_dir() for the archive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *till_printer_picker_new  (GSettings *settings);
GtkWidget *till_paper_picker_new    (GSettings *settings);
GtkWidget *till_auto_print_row_new  (GSettings *settings);

/* The queue a printer picker shows as chosen ("" for none): for tests */
const char *till_printer_picker_get_queue (GtkWidget *picker);

G_END_DECLS
