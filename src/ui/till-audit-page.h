/* till-audit-page.h: the audit log for admins, paged and filtered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_AUDIT_PAGE (till_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (TillAuditPage, till_audit_page, TILL, AUDIT_PAGE, GtkBox)

GtkWidget *till_audit_page_new          (TillContext   *context);
/* Rows shown now, and the filter's refusal or the store's error ("" when none) */
guint      till_audit_page_get_n_rows   (TillAuditPage *self);
const char *till_audit_page_get_status  (TillAuditPage *self);
/* Narrows the log: staff id 0, action "" and day "" match anything; day is YYYY-MM-DD (UTC) */
void       till_audit_page_set_filter   (TillAuditPage *self,
                                         gint64         staff_id,
                                         const char    *action,
                                         const char    *day);
void       till_audit_page_older        (TillAuditPage *self);
void       till_audit_page_newer        (TillAuditPage *self);

G_END_DECLS
