/* till-demo-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-audit.h"
#include "till-checkout.h"
#include "till-customers.h"
#include "till-demo-history.h"
#include "till-loyalty-service.h"

typedef struct
{
  const char *sku;
  guint       weight;   /* how often it sells */
} Seller;

/* What a café-bakery sells through the day, by popularity */
static const Seller sellers[] = {
  { "VIE-001", 30 }, { "VIE-002", 20 }, { "BRD-001", 25 }, { "BRD-006", 18 }, { "BRD-007", 10 },
  { "HOT-002", 28 }, { "HOT-003", 22 }, { "HOT-001", 15 }, { "HOT-004", 8 }, { "COL-003", 6 },
  { "CAK-001", 8 }, { "CAK-002", 6 }, { "CAK-004", 5 }, { "SWT-001", 9 }, { "SWT-002", 7 },
  { "SAN-001", 9 }, { "SAN-002", 6 }, { "DEL-001", 5 }, { "DEL-004", 4 }, { "CHE-001", 5 },
  { "CHE-002", 4 }, { "BRD-003", 6 }, { "VOU-025", 1 }, { "CAK-007", 1 },
};

static gint64
product_by_sku (TillStore  *store,
                const char *sku)
{
  g_autoptr(TillProductSnapshot) product = till_orders_get_product_by_sku (store, sku, NULL);

  return product != NULL ? product->id : 0;
}

static const Seller *
pick (GRand *rand)
{
  guint total = 0, target;

  for (gsize i = 0; i < G_N_ELEMENTS (sellers); i++)
    total += sellers[i].weight;
  target = g_rand_int_range (rand, 0, total);
  for (gsize i = 0; i < G_N_ELEMENTS (sellers); i++)
    {
      if (target < sellers[i].weight)
        return &sellers[i];
      target -= sellers[i].weight;
    }
  return &sellers[0];
}

gboolean
till_demo_add_history (TillStore        *store,
                       guint             days,
                       GDateTime        *until,
                       TillDemoHistory  *out_history,
                       GError          **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1987);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(TillClock) clock = NULL;
  g_autoptr(TillNotifier) notifier = till_recording_notifier_new ();
  g_autoptr(TillContext) context = NULL;
  g_autoptr(GArray) paid = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ids[G_N_ELEMENTS (sellers)];
  gint64 n_customers;
  TillDemoHistory history = { 0 };

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (sellers); i++)
    if ((ids[i] = product_by_sku (store, sellers[i].sku)) == 0)
      {
        g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND,
                     "The demo product %s is missing.", sellers[i].sku);
        return FALSE;
      }
  n_customers = till_customers_count (store, error);
  if (n_customers <= 0)
    return n_customers == 0;

  start = g_date_time_add_days (until, -(gint)days);
  clock = till_fixed_clock_new (start);
  context = till_context_new (store, clock, notifier, TILL_AUDIT_ACTOR_ADMIN);

  if (!till_loyalty_service_add_tier (context, "Bronze", "50.00", "2", "1", error) ||
      !till_loyalty_service_add_tier (context, "Silver", "150.00", "5", "1.25", error) ||
      !till_loyalty_service_add_tier (context, "Gold", "400.00", "10", "1.5", error))
    return FALSE;

  for (guint day = 0; day < days; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_add_days (start, (gint)day);
      guint n_orders = 14 + g_rand_int_range (rand, 0, 12);

      for (guint o = 0; o < n_orders; o++)
        {
          g_autoptr(GDateTime) when = g_date_time_add_minutes (morning, 6 * 60 + (gint)(o * 600 / n_orders));
          g_autoptr(TillOrder) order = NULL;
          guint n_lines = 1 + g_rand_int_range (rand, 0, 4);

          till_fixed_clock_set (TILL_FIXED_CLOCK (clock), when);
          order = till_checkout_open (context, 1 + (o % 2), error);
          if (order == NULL)
            return FALSE;
          for (guint l = 0; l < n_lines; l++)
            {
              const Seller *seller = pick (rand);
              gboolean weighed = g_str_has_prefix (seller->sku, "DEL") || g_str_has_prefix (seller->sku, "CHE");
              gint64 qty = weighed ? 80 + g_rand_int_range (rand, 0, 420) : 1000 * (1 + g_rand_int_range (rand, 0, 3));

              if (!till_checkout_add_product (context, order, ids[seller - sellers], seller->sku, qty,
                                              FALSE, 0, TRUE, error))
                return FALSE;
            }
          /* Two in five shoppers show their loyalty card; the regulars most. */
          if (g_rand_int_range (rand, 0, 5) < 2)
            {
              gint64 customer = 1 + (gint64)(g_rand_int_range (rand, 0, 40) < 25
                                            ? g_rand_int_range (rand, 0, 30)
                                            : g_rand_int_range (rand, 0, (gint32)n_customers));
              if (!till_checkout_set_customer (context, order, customer, error))
                return FALSE;
            }
          if (g_rand_int_range (rand, 0, 20) == 0)
            {
              TillDiscount staff_discount = { TILL_DISCOUNT_PERCENT, 1000 };
              if (!till_checkout_set_order_discount (context, order, staff_discount, NULL, error))
                return FALSE;
            }

          if (g_rand_boolean (rand))
            {
              /* Cash, rounded up to a note or coin as people pay */
              gint64 due = till_order_get_due (order);
              gint64 tendered = due <= 500 ? (due + 99) / 100 * 100 : (due + 499) / 500 * 500;

              if (!till_checkout_pay_cash (context, order, tendered, NULL, error))
                return FALSE;
            }
          else
            {
              g_autoptr(TillPaymentTerminal) terminal = till_simulated_terminal_new ("approve");
              g_autoptr(TillCardResult) card = NULL;
              gint64 due = till_order_get_due (order);

              if (due > 2000 && g_rand_int_range (rand, 0, 4) == 0)
                {
                  /* Split: a note in cash, the rest on the card */
                  if (!till_checkout_pay_cash (context, order, 1000, NULL, error))
                    return FALSE;
                }
              till_simulated_terminal_set_delay_ms (TILL_SIMULATED_TERMINAL (terminal), 0);
              if (!till_order_is_paid (order))
                {
                  card = till_checkout_pay_card_sync (context, order, till_order_get_due (order), terminal, error);
                  if (card == NULL)
                    return FALSE;
                }
            }
          if (!till_order_is_paid (order))
            {
              g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_FAILED, "A demo sale was not paid.");
              return FALSE;
            }
          {
            gint64 id = till_order_get_record (order)->id;
            g_array_append_val (paid, id);
          }
          history.orders++;

          /* Now and then, a customer brings something back a little later. */
          if (paid->len > 30 && g_rand_int_range (rand, 0, 40) == 0)
            {
              gint64 refund_id = g_array_index (paid, gint64, paid->len - 1 - g_rand_int_range (rand, 1, 30));
              g_autoptr(TillOrder) back = till_checkout_load (context, refund_id, error);
              TillOrderLineRecord *line;
              TillRefundRequest request;
              g_autoptr(TillRefundOutcome) outcome = NULL;

              if (back == NULL)
                return FALSE;
              line = till_order_get_lines (back)->pdata[0];
              if (line->refunded_qty < line->qty)
                {
                  request.position = 1;
                  request.qty = line->sold_by_weight ? line->qty - line->refunded_qty : 1000;
                  outcome = till_checkout_refund (context, refund_id, till_order_get_record (back)->register_id,
                                                  &request, 1, NULL, NULL, error);
                  if (outcome == NULL)
                    return FALSE;
                  history.refunds++;
                }
            }
        }
    }

  if (out_history != NULL)
    *out_history = history;
  return TRUE;
}
