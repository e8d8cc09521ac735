/* till-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-store.h"

G_BEGIN_DECLS

#define TILL_TYPE_APPLICATION (till_application_get_type ())
G_DECLARE_FINAL_TYPE (TillApplication, till_application, TILL, APPLICATION, AdwApplication)

TillApplication *till_application_new       (void);
/* The open database, or NULL before activation or when it could not be opened */
TillStore       *till_application_get_store (TillApplication *self);

G_END_DECLS
