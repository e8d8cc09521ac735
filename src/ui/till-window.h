/* till-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_WINDOW (till_window_get_type ())
G_DECLARE_FINAL_TYPE (TillWindow, till_window, TILL, WINDOW, AdwApplicationWindow)

TillWindow  *till_window_new         (GtkApplication *application,
                                      TillContext    *context);
TillContext *till_window_get_context (TillWindow     *self);
/* Shows a short message over the page, without taking the focus */
void         till_window_toast       (TillWindow     *self,
                                      const char     *message);

G_END_DECLS
