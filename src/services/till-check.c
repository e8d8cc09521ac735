/* till-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-audit.h"
#include "till-check.h"
#include "till-loyalty.h"
#include "till-orders.h"

static void
add_all (GPtrArray  *problems,
         GPtrArray  *found,
         const char *prefix)
{
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", prefix, (char *)g_ptr_array_index (found, i)));
}

gboolean
till_check_run (TillStore  *store,
                GPtrArray **out_problems,
                GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) integrity = NULL;
  g_autoptr(GPtrArray) foreign = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *audit_problem = NULL;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  integrity = till_store_check_integrity (store, error);
  if (integrity == NULL)
    return FALSE;
  add_all (problems, integrity, "integrity");

  foreign = till_store_check_foreign_keys (store, error);
  if (foreign == NULL)
    return FALSE;
  /* foreign_key_check rows are: table, rowid, parent table, constraint index */
  add_all (problems, foreign, "foreign key (table rowid parent index)");

  if (!till_audit_verify (store, &audit_problem, error))
    return FALSE;
  if (audit_problem != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("audit chain: %s", audit_problem));

  orders = till_orders_check_invariants (store, error);
  if (orders == NULL)
    return FALSE;
  add_all (problems, orders, "orders");

  balances = till_loyalty_check_balances (store, error);
  if (balances == NULL)
    return FALSE;
  add_all (problems, balances, "points");

  rows = till_loyalty_check_rows (store, error);
  if (rows == NULL)
    return FALSE;
  add_all (problems, rows, "points");

  *out_problems = g_steal_pointer (&problems);
  return TRUE;
}
