/* till-sell-page.h: where the cashier spends the day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-checkout.h"
#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_SELL_PAGE (till_sell_page_get_type ())
G_DECLARE_FINAL_TYPE (TillSellPage, till_sell_page, TILL, SELL_PAGE, GtkWidget)

/* The order on the counter now */
TillOrder *till_sell_page_get_order       (TillSellPage *self);
/* Gives the scan entry the keyboard, as after every action */
void       till_sell_page_focus_scan      (TillSellPage *self);
/* The simulated terminal's answer, overriding the card-terminal setting (tests) */
void       till_sell_page_set_terminal    (TillSellPage        *self,
                                           TillPaymentTerminal *terminal);

G_END_DECLS
