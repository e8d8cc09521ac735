/* till-loyalty-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-loyalty-card.h"
#include "till-loyalty-service.h"
#include "till-loyalty.h"
#include "till-money.h"
#include "till-settings-service.h"

#define HISTORY_ROWS 20

GtkWidget *
till_loyalty_card_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (_("Loyalty"));
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *history = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (history), 0);
  gtk_label_set_selectable (GTK_LABEL (history), TRUE);
  gtk_widget_add_css_class (history, "caption");
  gtk_widget_add_css_class (history, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (summary), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "customer-loyalty", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (history), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "customer-ledger", -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_box_append (GTK_BOX (box), history);
  g_object_set_data (G_OBJECT (box), "till-summary", summary);
  g_object_set_data (G_OBJECT (box), "till-history", history);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

void
till_loyalty_card_show (GtkWidget   *card,
                        TillContext *context,
                        gint64       customer_id)
{
  TillStore *store;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) tiers = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) history = g_string_new (NULL);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *next = NULL;
  gint64 balance = 0, tier_id = 0, to_go = 0, redeemed = 0;
  const char *tier = _("no tier");

  g_return_if_fail (GTK_IS_WIDGET (card));

  if (customer_id <= 0 || context == NULL)
    {
      gtk_widget_set_visible (card, FALSE);
      return;
    }
  store = till_context_get_store (context);
  if (!till_loyalty_get_balance (store, customer_id, &balance, &tier_id, NULL))
    {
      gtk_widget_set_visible (card, FALSE);
      return;
    }
  tiers = till_loyalty_list_tiers (store, NULL);
  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    if (((TillTierRecord *)tiers->pdata[i])->id == tier_id)
      tier = ((TillTierRecord *)tiers->pdata[i])->name;
  rows = till_loyalty_list_ledger (store, customer_id, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (g_str_equal (((TillLedgerRow *)rows->pdata[i])->kind, "redeem"))
      redeemed++;

  g_string_append_printf (summary, _("%" G_GINT64_FORMAT " points · %s · %" G_GINT64_FORMAT " rewards redeemed"),
                          balance, tier, redeemed);
  if (till_loyalty_service_next_tier (context, customer_id, &next, &to_go, NULL) && next != NULL)
    {
      g_autofree char *amount = till_money_format (to_go, till_settings_service_get_currency (context),
                                                   TILL_NOTATION_PERSON);
      g_string_append_printf (summary, _(" · %s more to %s"), amount, next);
    }

  zone = till_loyalty_service_time_zone (context);
  for (guint n = 0; rows != NULL && n < rows->len && n < HISTORY_ROWS; n++)
    {
      TillLedgerRow *row = rows->pdata[rows->len - 1 - n];
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (row->at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (row->at);

      g_string_append_printf (history, "%s%s  %-8s %+" G_GINT64_FORMAT "%s%s", n > 0 ? "\n" : "", when, row->kind,
                              row->points, row->reason[0] != '\0' ? "  " : "", row->reason);
    }
  if (rows != NULL && rows->len > HISTORY_ROWS)
    g_string_append_printf (history, _("\n… and %u earlier rows"), rows->len - HISTORY_ROWS);

  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (card), "till-summary")), summary->str);
  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (card), "till-history")), history->str);
  gtk_widget_set_visible (card, TRUE);
}
