/* till-loyalty-page.h: the loyalty program's settings and its usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_LOYALTY_PAGE (till_loyalty_page_get_type ())
G_DECLARE_FINAL_TYPE (TillLoyaltyPage, till_loyalty_page, TILL, LOYALTY_PAGE, GtkWidget)

/* Reads the program and its usage again */
void till_loyalty_page_reload (TillLoyaltyPage *self);

G_END_DECLS
