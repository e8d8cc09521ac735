/* till-access.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-access.h"
#include "till-error.h"

#define CASHIER (1u << TILL_ROLE_CASHIER)
#define MANAGER (1u << TILL_ROLE_MANAGER)
#define ADMIN   (1u << TILL_ROLE_ADMIN)

typedef struct
{
  const char *name;
  guint       roles;
  const char *refusal;
} Permission;

/* The one table: change a role's rights here and nowhere else. */
static const Permission permissions[TILL_N_OPERATIONS] = {
  [TILL_OPERATION_SELL] =
    { "sell", CASHIER | MANAGER | ADMIN, "Sign in to sell." },
  [TILL_OPERATION_DISCOUNT_ABOVE_THRESHOLD] =
    { "discount-above-threshold", MANAGER | ADMIN, "A discount this large needs a manager." },
  [TILL_OPERATION_REFUND] =
    { "refund", MANAGER | ADMIN, "Only a manager or an admin may refund." },
  [TILL_OPERATION_VOID] =
    { "void", MANAGER | ADMIN, "Only a manager or an admin may void an order." },
  [TILL_OPERATION_ADJUST_POINTS] =
    { "adjust-points", MANAGER | ADMIN, "Only a manager or an admin may adjust points." },
  [TILL_OPERATION_EDIT_LOYALTY] =
    { "edit-loyalty", MANAGER | ADMIN, "Only a manager or an admin can change the loyalty program." },
  [TILL_OPERATION_VIEW_REPORTS] =
    { "view-reports", MANAGER | ADMIN, "Only a manager or an admin may see reports." },
  [TILL_OPERATION_REVEAL_CONTACT] =
    { "reveal-contact", MANAGER | ADMIN, "Only a manager or an admin may reveal contact details." },
  [TILL_OPERATION_EDIT_CATALOG] =
    { "edit-catalog", MANAGER | ADMIN, "Only a manager or an admin may change the catalog" },
  [TILL_OPERATION_MOVE_CUSTOMERS] =
    { "move-customers", MANAGER | ADMIN, "Only a manager or an admin may import, export or merge customers." },
  [TILL_OPERATION_CUSTOMER_DATA] =
    { "customer-data", ADMIN, "Only an admin may export or erase a customer's data." },
  [TILL_OPERATION_CANCEL_SPECIAL_ORDER] =
    { "cancel-special-order", MANAGER | ADMIN, "Only a manager or an admin may cancel a special order." },
  [TILL_OPERATION_MANAGE_STAFF] =
    { "manage-staff", ADMIN, "Only an admin may manage staff." },
  [TILL_OPERATION_CHANGE_SETTINGS] =
    { "change-settings", MANAGER | ADMIN, "Only a manager or an admin may change the shop's settings" },
  [TILL_OPERATION_VIEW_AUDIT] =
    { "view-audit", ADMIN, "Only an admin may read the audit log." },
};

TillRole
till_role_from_string (const char *role)
{
  if (g_strcmp0 (role, "cashier") == 0)
    return TILL_ROLE_CASHIER;
  if (g_strcmp0 (role, "manager") == 0)
    return TILL_ROLE_MANAGER;
  if (g_strcmp0 (role, "admin") == 0)
    return TILL_ROLE_ADMIN;
  return TILL_ROLE_NONE;
}

const char *
till_role_to_string (TillRole role)
{
  switch (role)
    {
    case TILL_ROLE_CASHIER:
      return "cashier";
    case TILL_ROLE_MANAGER:
      return "manager";
    case TILL_ROLE_ADMIN:
      return "admin";
    case TILL_ROLE_NONE:
    default:
      return NULL;
    }
}

const char *
till_operation_to_string (TillOperation operation)
{
  g_return_val_if_fail (operation < TILL_N_OPERATIONS, NULL);
  return permissions[operation].name;
}

gboolean
till_access_role_may (TillRole      role,
                      TillOperation operation)
{
  g_return_val_if_fail (operation < TILL_N_OPERATIONS, FALSE);

  if (role == TILL_ROLE_NONE)
    return FALSE;
  return (permissions[operation].roles & (1u << role)) != 0;
}

gboolean
till_access_may (TillContext   *context,
                 TillOperation  operation)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  return till_access_role_may (till_role_from_string (till_context_get_role (context)), operation);
}

gboolean
till_access_check (TillContext    *context,
                   TillOperation   operation,
                   GError        **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (operation < TILL_N_OPERATIONS, FALSE);

  if (till_access_may (context, operation))
    return TRUE;
  g_set_error_literal (error, TILL_ERROR, TILL_ERROR_PERMISSION, permissions[operation].refusal);
  return FALSE;
}
