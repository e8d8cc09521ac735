/* till-loyalty.h: the points ledger, cached balances and tiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  gint64  threshold;   /* qualifying spend, minor units */
  gint64  tier_bp;     /* discount */
  gint64  mult_bp;     /* points multiplier, 10000 = ×1 */
} TillTierRecord;

typedef struct
{
  gint64      customer_id;
  const char *kind;              /* earn, redeem, reverse, restore, adjust, expire, transfer */
  gint64      points;            /* signed */
  const char *at;
  const char *lot_date;          /* the date a credit counts from for expiry */
  gint64      order_id;
  gint64      refund_id;
  gint64      staff_id;
  gint64      other_customer_id;
  const char *reason;
} TillLedgerEntry;

void        till_tier_record_free        (TillTierRecord   *tier);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillTierRecord, till_tier_record_free)

/* Appends a ledger row and moves the customer's cached balance by its points,
 * in the caller's transaction. */
gboolean    till_loyalty_append          (TillStore              *store,
                                          const TillLedgerEntry  *entry,
                                          GError                **error);
gboolean    till_loyalty_get_balance     (TillStore              *store,
                                          gint64                  customer_id,
                                          gint64                 *out_balance,
                                          gint64                 *out_tier_id,
                                          GError                **error);
/* Customers whose cached balance differs from Σ ledger: "id cached sum" lines */
GPtrArray  *till_loyalty_check_balances  (TillStore              *store,
                                          GError                **error);

/* Tiers, by ascending threshold */
GPtrArray  *till_loyalty_list_tiers      (TillStore              *store,
                                          GError                **error);
gboolean    till_loyalty_insert_tier     (TillStore              *store,
                                          TillTierRecord         *tier,
                                          GError                **error);
/* Refused (constraint) while customers or orders refer to it */
gboolean    till_loyalty_delete_tier     (TillStore              *store,
                                          const char             *name,
                                          GError                **error);
gboolean    till_loyalty_set_tier        (TillStore              *store,
                                          gint64                  customer_id,
                                          gint64                  from_tier_id,
                                          gint64                  to_tier_id,
                                          const char             *cause,
                                          gint64                  order_id,
                                          const char             *at,
                                          GError                **error);

/* A reward of the catalogue (RULES.md step 4) */
typedef struct
{
  gint64    id;
  char     *name;
  gint64    cost;          /* points */
  char     *kind;          /* amount_off, percent_off, free_product */
  gint64    value;         /* minor units or bp */
  gint64    product_id;    /* free_product */
  char     *valid_from;    /* YYYY-MM-DD in the shop's time zone, or NULL */
  char     *valid_until;   /* likewise, inclusive */
  gboolean  retired;
} TillRewardRecord;

void        till_reward_record_free      (TillRewardRecord *reward);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillRewardRecord, till_reward_record_free)

/* Rewards by name; retired ones too when @with_retired */
GPtrArray  *till_loyalty_list_rewards    (TillStore              *store,
                                          gboolean                with_retired,
                                          GError                **error);
/* NULL with TILL_STORE_ERROR_NOT_FOUND when missing */
TillRewardRecord *till_loyalty_get_reward (TillStore             *store,
                                          gint64                  id,
                                          GError                **error);
/* The id of the reward of that name, 0 when none (-1 on error) */
gint64      till_loyalty_find_reward     (TillStore              *store,
                                          const char             *name,
                                          GError                **error);
gboolean    till_loyalty_insert_reward   (TillStore              *store,
                                          TillRewardRecord       *reward,
                                          GError                **error);
gboolean    till_loyalty_retire_reward   (TillStore              *store,
                                          gint64                  id,
                                          GError                **error);

/* One ledger row as read back */
typedef struct
{
  gint64  id;
  gint64  customer_id;
  char   *kind;
  gint64  points;
  char   *at;
  char   *lot_date;
  gint64  order_id;
  gint64  refund_id;
  gint64  staff_id;
  char   *reason;
} TillLedgerRow;

void        till_ledger_row_free         (TillLedgerRow    *row);
/* A customer's rows, oldest first */
GPtrArray  *till_loyalty_list_ledger     (TillStore              *store,
                                          gint64                  customer_id,
                                          GError                **error);
/* Customers (not erased) who have ledger rows or a tier, by id */
GArray     *till_loyalty_list_members    (TillStore              *store,
                                          GError                **error);
/* Ledger rows of the new kinds that do not match their orders: "…" lines */
GPtrArray  *till_loyalty_check_rows      (TillStore              *store,
                                          GError                **error);

/* Rows of every customer with @since <= at < @until, by time: each is
 * called with (at, kind, points) */
typedef void (*TillLedgerVisit) (const char *at,
                                 const char *kind,
                                 gint64      points,
                                 gpointer    user_data);
gboolean    till_loyalty_visit_ledger    (TillStore              *store,
                                          const char             *since,
                                          const char             *until,
                                          TillLedgerVisit         visit,
                                          gpointer                user_data,
                                          GError                **error);
/* Members, active members (a paid order at or after @active_since), members
 * per tier (name or "" for none, count) and redemptions per reward name
 * between @since and @until (most first). */
gboolean    till_loyalty_usage_counts    (TillStore              *store,
                                          const char             *active_since,
                                          const char             *since,
                                          const char             *until,
                                          gint64                 *out_members,
                                          gint64                 *out_active,
                                          GPtrArray              *tier_names,
                                          GArray                 *tier_counts,
                                          GPtrArray              *reward_names,
                                          GArray                 *reward_counts,
                                          GError                **error);

G_END_DECLS
