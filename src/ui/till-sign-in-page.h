/* till-sign-in-page.h: who is at the till
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_SIGN_IN_PAGE (till_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (TillSignInPage, till_sign_in_page, TILL, SIGN_IN_PAGE, GtkWidget)

/* Reads the staff again, clears the PIN and takes the focus. */
void till_sign_in_page_reset (TillSignInPage *self);

G_END_DECLS
