/* till-customer-merge.h: merging a duplicate customer into another
 *
 * One transaction: the duplicate's orders and requests move to the
 * survivor (history kept), its points move with `transfer` rows (RULES.md
 * "Ledger rows": one − row and one + row per live lot, each carrying the
 * lot's original date), the survivor takes the card, phone and e-mail it
 * lacked, and the duplicate is marked merged.  Managers and admins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 points;   /* moved */
  guint  lots;     /* transfer pairs written */
  gint64 orders;   /* orders moved */
} TillMergeOutcome;

/* The live lots of a ledger (TillLedgerRow, oldest first), FIFO: credits by
 * lot date less every debit.  Returns pairs (lot_date, points) in a GPtrArray
 * of char * and a GArray of gint64, oldest first.  Exposed for tests. */
void     till_customer_merge_live_lots (GPtrArray        *rows,
                                        GPtrArray       **out_dates,
                                        GArray          **out_points);

gboolean till_customer_merge           (TillContext      *context,
                                        gint64            source_id,
                                        gint64            target_id,
                                        TillMergeOutcome *out_outcome,
                                        GError          **error);

G_END_DECLS
