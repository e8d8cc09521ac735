/* till-loyalty-service.h: tiers (and, with the loyalty program, rewards and adjustments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"
#include "till-loyalty.h"

G_BEGIN_DECLS

#define TILL_TIER_NAME_MAX 50

/* Tiers by ascending threshold (TillTierRecord) */
GPtrArray *till_loyalty_service_list_tiers  (TillContext  *context,
                                             GError      **error);
/* Values as a person writes them with a dot: threshold "500.00", discount
 * "5" (percent), multiplier "1.5".  Refused with a message naming the
 * argument: an empty or duplicate name, a threshold another tier has, bounds
 * of RULES.md. */
gboolean   till_loyalty_service_add_tier    (TillContext  *context,
                                             const char   *name,
                                             const char   *threshold,
                                             const char   *discount,
                                             const char   *multiplier,
                                             GError      **error);
/* Refused while a customer holds the tier */
gboolean   till_loyalty_service_remove_tier (TillContext  *context,
                                             const char   *name,
                                             GError      **error);

#define TILL_REWARD_NAME_MAX 50
#define TILL_ADJUST_MAX      G_GINT64_CONSTANT (1000000000)

/* Rewards ---------------------------------------------------------------- */

/* TillRewardRecord by name, retired ones too when @with_retired */
GPtrArray *till_loyalty_service_list_rewards  (TillContext  *context,
                                               gboolean      with_retired,
                                               GError      **error);
/* @kind is "amount-off" (@value "2.50"), "percent-off" (@value "10") or
 * "free-product" (@value a SKU: a discountable product sold by unit).
 * @from and @until are YYYY-MM-DD in the shop's time zone or NULL; both
 * inclusive.  Refused with the argument's name: a duplicate or empty name,
 * a cost outside 1–10^9, a bad value or date. */
gboolean   till_loyalty_service_add_reward    (TillContext  *context,
                                               const char   *name,
                                               const char   *cost,
                                               const char   *kind,
                                               const char   *value,
                                               const char   *from,
                                               const char   *until,
                                               GError      **error);
gboolean   till_loyalty_service_retire_reward (TillContext  *context,
                                               const char   *name,
                                               GError      **error);
/* The active reward named @name (id), or 0 with the reason in @error */
gint64     till_loyalty_service_find_reward   (TillContext  *context,
                                               const char   *name,
                                               GError      **error);
/* Whether @reward may be redeemed at @now (not retired, within its dates in
 * the shop's time zone); FALSE with the reason in @error. */
gboolean   till_loyalty_service_reward_active (TillContext            *context,
                                               const TillRewardRecord *reward,
                                               GDateTime              *now,
                                               GError                **error);

/* Ledger ----------------------------------------------------------------- */

/* A manager's adjustment of ±@points (not 0, |points| ≤ 10^9) with a
 * reason; a debit never takes the balance below zero.  Notifies the new
 * balance after the commit (a failed notification changes nothing). */
gboolean   till_loyalty_service_adjust        (TillContext  *context,
                                               gint64        customer_id,
                                               gint64        points,
                                               const char   *reason,
                                               GError      **error);

/* The start of the day, in @zone, on which a lot dated @lot_date (ISO 8601
 * UTC) expires after @months (RULES.md "Expiry"). */
GDateTime *till_loyalty_lot_expiry            (const char   *lot_date,
                                               gint64        months,
                                               GTimeZone    *zone);
/* The points an `expire` row takes at @now from @rows (TillLedgerRow, in
 * ledger order): max(0, Σ credits expired by now − Σ debits). */
gint64     till_loyalty_points_to_expire      (GPtrArray    *rows,
                                               gint64        months,
                                               GTimeZone    *zone,
                                               GDateTime    *now);

typedef struct
{
  guint  customers;     /* looked at */
  guint  expired_rows;  /* expire rows written */
  gint64 expired;       /* points they took */
  guint  raised;        /* tier changes up */
  guint  lowered;       /* tier changes down */
} TillMaintenanceReport;

/* The daily job: FIFO expiry and every tier set to the one the spend reaches
 * now, in one transaction; every tier change is a tier event and, after the
 * commit, a notification.  Running it twice changes nothing. */
gboolean   till_loyalty_service_maintain      (TillContext           *context,
                                               TillMaintenanceReport *out_report,
                                               GError               **error);

/* A "points-updated" notification for a customer after a sale (@earned,
 * @redeemed) or an adjustment; errors are ignored (and logged). */
void       till_loyalty_service_notify_points (TillContext  *context,
                                               gint64        customer_id,
                                               gint64        earned,
                                               gint64        redeemed);
/* The active rewards the customer can afford now (TillRewardRecord), by cost */
GPtrArray *till_loyalty_service_affordable    (TillContext  *context,
                                               gint64        customer_id,
                                               GError      **error);
/* The next tier above the customer's (name, NULL at the top) and the
 * qualifying spend still missing, in minor units. */
gboolean   till_loyalty_service_next_tier     (TillContext  *context,
                                               gint64        customer_id,
                                               char        **out_name,
                                               gint64       *out_to_go,
                                               GError      **error);

/* Program usage ---------------------------------------------------------- */

typedef struct
{
  char   *label;      /* "2026-W47" or "2026-11": the bucket's start in the shop's time zone */
  gint64  issued;     /* earn, restore and positive adjust */
  gint64  redeemed;   /* redeem, as a positive number */
  gint64  expired;    /* expire, as a positive number */
  gint64  reversed;   /* reverse and negative adjust, as a positive number */
} TillLoyaltyBucket;

typedef struct
{
  gint64     members;          /* customers with a card, a tier or ledger rows */
  gint64     active;           /* members who bought in the 90 days before the period's end */
  gint64     issued, redeemed, expired, reversed;
  gint64     redemption_bp;    /* redeemed / issued over the period, bp (0 when nothing issued) */
  GPtrArray *buckets;          /* TillLoyaltyBucket, oldest first, every bucket of the period */
  GPtrArray *tiers;            /* char * names, "No tier" first */
  GArray    *tier_counts;      /* gint64, members per name in tiers */
  GPtrArray *top_rewards;      /* char * names, most redeemed first (at most 5) */
  GArray    *reward_counts;    /* gint64 */
} TillLoyaltyUsage;

void       till_loyalty_usage_free            (TillLoyaltyUsage *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillLoyaltyUsage, till_loyalty_usage_free)

/* Usage over the @n_buckets whole weeks (Monday first) or months (@monthly)
 * that end with the one holding now, in the shop's time zone. */
TillLoyaltyUsage *till_loyalty_service_usage  (TillContext  *context,
                                               gboolean      monthly,
                                               guint         n_buckets,
                                               GError      **error);
/* The usage as CSV: bucket,issued,redeemed,expired,reversed */
char      *till_loyalty_usage_to_csv          (const TillLoyaltyUsage *usage);

/* A "tier-reached" notification for a tier change (0: no tier) */
void       till_loyalty_service_notify_tier   (TillContext  *context,
                                               gint64        customer_id,
                                               gint64        from_tier_id,
                                               gint64        to_tier_id);
/* The shop's time zone (setting time_zone, else local) */
GTimeZone *till_loyalty_service_time_zone     (TillContext  *context);

G_END_DECLS
