/* till-customer-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-access.h"
#include "till-customer-merge.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-loyalty.h"
#include "till-merges.h"

static int
by_lot (gconstpointer a,
        gconstpointer b)
{
  const TillLedgerRow *x = *(TillLedgerRow * const *)a;
  const TillLedgerRow *y = *(TillLedgerRow * const *)b;
  int c = g_strcmp0 (x->lot_date, y->lot_date);

  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

void
till_customer_merge_live_lots (GPtrArray  *rows,
                               GPtrArray **out_dates,
                               GArray    **out_points)
{
  g_autoptr(GPtrArray) credits = g_ptr_array_new ();
  GPtrArray *dates = g_ptr_array_new_with_free_func (g_free);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 debits = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      TillLedgerRow *row = rows->pdata[i];

      if (row->points < 0)
        debits -= row->points;
      else if (row->points > 0)
        g_ptr_array_add (credits, row);
    }
  g_ptr_array_sort (credits, by_lot);
  for (guint i = 0; i < credits->len; i++)
    {
      TillLedgerRow *row = credits->pdata[i];
      gint64 used = MIN (debits, row->points);
      gint64 live = row->points - used;

      debits -= used;
      if (live <= 0)
        continue;
      /* Lots of the same date travel as one. */
      if (dates->len > 0 && g_str_equal (dates->pdata[dates->len - 1], row->lot_date))
        g_array_index (points, gint64, points->len - 1) += live;
      else
        {
          g_ptr_array_add (dates, g_strdup (row->lot_date));
          g_array_append_val (points, live);
        }
    }
  *out_dates = dates;
  *out_points = points;
}

typedef struct
{
  TillContext      *context;
  gint64            source_id;
  gint64            target_id;
  TillMergeOutcome  outcome;
} MergeData;

static void
take_if_missing (char **into,
                 char  *from)
{
  if ((*into == NULL || (*into)[0] == '\0') && from != NULL && from[0] != '\0')
    {
      g_free (*into);
      *into = g_strdup (from);
    }
}

static gboolean
merge_in_transaction (TillStore  *store,
                      gpointer    user_data,
                      GError    **error)
{
  MergeData *data = user_data;
  g_autoptr(TillCustomerRecord) source = NULL;
  g_autoptr(TillCustomerRecord) target = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *at = till_store_format_time (now);
  g_autofree char *fields = NULL;
  gint64 staff_id = till_context_get_staff_id (data->context);

  if ((source = till_customers_get (store, data->source_id, error)) == NULL
      || (target = till_customers_get (store, data->target_id, error)) == NULL)
    return FALSE;
  if (source->erased_at != NULL || target->erased_at != NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "An erased customer cannot be merged.");
      return FALSE;
    }
  if (till_merges_get_merged_into (store, source->id, error) != 0
      || till_merges_get_merged_into (store, target->id, error) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                             "One of them was merged already: merge into the customer that remains.");
      return FALSE;
    }

  /* Points: one − and one + row per live lot, with its original date */
  rows = till_loyalty_list_ledger (store, source->id, error);
  if (rows == NULL)
    return FALSE;
  till_customer_merge_live_lots (rows, &dates, &points);
  for (guint i = 0; i < dates->len; i++)
    {
      gint64 lot = g_array_index (points, gint64, i);
      TillLedgerEntry out = { .customer_id = source->id, .kind = "transfer", .points = -lot, .at = at,
                              .lot_date = dates->pdata[i], .staff_id = staff_id,
                              .other_customer_id = target->id, .reason = "merge" };
      TillLedgerEntry in = out;

      in.customer_id = target->id;
      in.points = lot;
      in.other_customer_id = source->id;
      if (!till_loyalty_append (store, &out, error) || !till_loyalty_append (store, &in, error))
        return FALSE;
      data->outcome.points += lot;
      data->outcome.lots++;
    }

  if (!till_merges_move_history (store, source->id, target->id, &data->outcome.orders, error))
    return FALSE;
  /* The duplicate gives up its card, phone and e-mail first (they are unique). */
  if (!till_merges_mark (store, source->id, target->id, at, error))
    return FALSE;
  take_if_missing (&target->card, source->card);
  take_if_missing (&target->phone, source->phone);
  take_if_missing (&target->email, source->email);
  take_if_missing (&target->address, source->address);
  take_if_missing (&target->birthday, source->birthday);
  take_if_missing (&target->dietary_notes, source->dietary_notes);
  take_if_missing (&target->allergies, source->allergies);
  if (!till_customers_update (store, target, now, error))
    return FALSE;
  if (!till_merges_record (store, source->id, target->id, data->outcome.points, data->outcome.orders, at,
                           staff_id, error))
    return FALSE;
  fields = g_strdup_printf ("merged_into=%" G_GINT64_FORMAT, target->id);
  return till_context_audit (data->context, "customer.merge", "customer", source->id, fields, error);
}

gboolean
till_customer_merge (TillContext       *context,
                     gint64             source_id,
                     gint64             target_id,
                     TillMergeOutcome  *out_outcome,
                     GError           **error)
{
  MergeData data = { context, source_id, target_id, { 0 } };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_MOVE_CUSTOMERS, error))
    return FALSE;
  if (source_id == target_id)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED, "A customer cannot be merged into themselves.");
      return FALSE;
    }
  if (!till_store_transaction (till_context_get_store (context), merge_in_transaction, &data, error))
    return FALSE;
  if (out_outcome != NULL)
    *out_outcome = data.outcome;
  return TRUE;
}
