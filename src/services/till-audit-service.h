/* till-audit-service.h: reading the audit log, for admins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-audit.h"
#include "till-context.h"

G_BEGIN_DECLS

#define TILL_AUDIT_PAGE_SIZE 50

/* A keyset page of the audit log, newest first (till_audit_list); admins only. */
GPtrArray *till_audit_service_list (TillContext            *context,
                                    const TillAuditFilter  *filter,
                                    gint64                  before_id,
                                    guint                   limit,
                                    GError                **error);

G_END_DECLS
