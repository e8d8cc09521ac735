/* till-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-application.h"
#include "till-store.h"

G_BEGIN_DECLS

#define TILL_TYPE_WINDOW (till_window_get_type ())
G_DECLARE_FINAL_TYPE (TillWindow, till_window, TILL, WINDOW, AdwApplicationWindow)

TillWindow *till_window_new       (TillApplication *application,
                                   TillStore       *store);
TillStore  *till_window_get_store (TillWindow      *self);

G_END_DECLS
