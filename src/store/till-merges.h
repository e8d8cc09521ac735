/* till-merges.h: rows that merging two customers moves or writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

/* The customer @id was merged into, 0 when none */
gint64   till_merges_get_merged_into (TillStore   *store,
                                      gint64       id,
                                      GError     **error);
/* Moves @source_id's orders and requests to @target_id; *out_orders: how many orders */
gboolean till_merges_move_history    (TillStore   *store,
                                      gint64       source_id,
                                      gint64       target_id,
                                      gint64      *out_orders,
                                      GError     **error);
/* Marks @source_id merged into @target_id and frees its card, phone and e-mail */
gboolean till_merges_mark            (TillStore   *store,
                                      gint64       source_id,
                                      gint64       target_id,
                                      const char  *at,
                                      GError     **error);
gboolean till_merges_record          (TillStore   *store,
                                      gint64       source_id,
                                      gint64       target_id,
                                      gint64       points,
                                      gint64       orders,
                                      const char  *at,
                                      gint64       staff_id,
                                      GError     **error);

G_END_DECLS
