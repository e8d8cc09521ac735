/* till-loyalty-card.h: a customer's loyalty card in their detail: balance,
 * tier, progress to the next tier, rewards redeemed and the ledger history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "till-context.h"

G_BEGIN_DECLS

GtkWidget *till_loyalty_card_new  (void);
/* Shows @customer_id's card (0 or less hides it) */
void       till_loyalty_card_show (GtkWidget   *card,
                                   TillContext *context,
                                   gint64       customer_id);

G_END_DECLS
