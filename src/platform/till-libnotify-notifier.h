/* till-libnotify-notifier.h: the notifier port over libnotify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-notifier.h"

G_BEGIN_DECLS

#define TILL_TYPE_LIBNOTIFY_NOTIFIER (till_libnotify_notifier_get_type ())
G_DECLARE_FINAL_TYPE (TillLibnotifyNotifier, till_libnotify_notifier, TILL, LIBNOTIFY_NOTIFIER, GObject)

TillNotifier *till_libnotify_notifier_new (const char *app_name);

G_END_DECLS
