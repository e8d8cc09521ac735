/* till-staff-page.h: staff management for admins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_STAFF_PAGE (till_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (TillStaffPage, till_staff_page, TILL, STAFF_PAGE, GtkBox)

GtkWidget  *till_staff_page_new            (TillContext   *context);
guint       till_staff_page_get_n_members  (TillStaffPage *self);
/* The last refusal or confirmation shown under the form */
const char *till_staff_page_get_status     (TillStaffPage *self);
/* Fills the add form and presses Add, as a person does */
void        till_staff_page_submit_new     (TillStaffPage *self,
                                            const char    *name,
                                            const char    *role,
                                            const char    *pin);

G_END_DECLS
