/* till-privacy-page.h: one customer's data exported or erased, for admins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_PRIVACY_PAGE (till_privacy_page_get_type ())
G_DECLARE_FINAL_TYPE (TillPrivacyPage, till_privacy_page, TILL, PRIVACY_PAGE, GtkBox)

GtkWidget  *till_privacy_page_new         (TillContext     *context);
const char *till_privacy_page_get_status  (TillPrivacyPage *self);
/* What the buttons do once the customer is typed and the file chosen or the
 * erasure confirmed: CUSTOMER as DESIGN.md writes it (card:…, phone:…, id:…) */
gboolean    till_privacy_page_export_to   (TillPrivacyPage *self,
                                           const char      *customer,
                                           GFile           *file);
gboolean    till_privacy_page_erase       (TillPrivacyPage *self,
                                           const char      *customer);

G_END_DECLS
