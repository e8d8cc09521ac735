/* till-audit-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-access.h"
#include "till-audit-service.h"

GPtrArray *
till_audit_service_list (TillContext            *context,
                         const TillAuditFilter  *filter,
                         gint64                  before_id,
                         guint                   limit,
                         GError                **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_access_check (context, TILL_OPERATION_VIEW_AUDIT, error))
    return NULL;
  return till_audit_list (till_context_get_store (context), filter, before_id, limit, error);
}
