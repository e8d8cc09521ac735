/* till-access.h: who may do what, the permission table of the services
 *
 * Every guarded service call asks till_access_check() about the staff
 * member acting in its context (till-admin acts as an admin), so a rule holds
 * whether the window hides a button or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"

G_BEGIN_DECLS

typedef enum
{
  TILL_ROLE_NONE,       /* nobody signed in, or an unknown role */
  TILL_ROLE_CASHIER,
  TILL_ROLE_MANAGER,
  TILL_ROLE_ADMIN,
} TillRole;

/* The guarded operations of issue 11; HACKING.md shows the table. */
typedef enum
{
  TILL_OPERATION_SELL,
  TILL_OPERATION_DISCOUNT_ABOVE_THRESHOLD,
  TILL_OPERATION_REFUND,
  TILL_OPERATION_VOID,
  TILL_OPERATION_ADJUST_POINTS,
  TILL_OPERATION_EDIT_LOYALTY,
  TILL_OPERATION_VIEW_REPORTS,
  TILL_OPERATION_REVEAL_CONTACT,
  TILL_OPERATION_EDIT_CATALOG,
  TILL_OPERATION_MOVE_CUSTOMERS,       /* import, export and merge customers */
  TILL_OPERATION_CUSTOMER_DATA,        /* export or erase one customer's data */
  TILL_OPERATION_CANCEL_SPECIAL_ORDER, /* and refund its deposit */
  TILL_OPERATION_MANAGE_STAFF,
  TILL_OPERATION_CHANGE_SETTINGS,
  TILL_OPERATION_VIEW_AUDIT,
  TILL_N_OPERATIONS
} TillOperation;

TillRole     till_role_from_string        (const char     *role);
const char  *till_role_to_string          (TillRole        role);
/* A stable name: "refund", "manage-staff" (tests and messages) */
const char  *till_operation_to_string     (TillOperation   operation);

gboolean     till_access_role_may         (TillRole        role,
                                           TillOperation   operation);
/* TRUE when the context's role may do @operation */
gboolean     till_access_may              (TillContext    *context,
                                           TillOperation   operation);
/* Like till_access_may(), with TILL_ERROR_PERMISSION and a sentence saying
 * who may when it is refused. */
gboolean     till_access_check            (TillContext    *context,
                                           TillOperation   operation,
                                           GError        **error);

G_END_DECLS
