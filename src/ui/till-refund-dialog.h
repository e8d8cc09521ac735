/* till-refund-dialog.h: refunding lines of a paid order, or voiding an open one,
 * with a manager's approval given in the dialog
 *
 * The cashier picks per line how much comes back (up to what is left) and
 * the tender; when the signed-in member is a cashier, a manager picks their
 * name and types their PIN in the same dialog.  The checkout services decide
 * and record; a refusal is shown in the dialog and nothing typed is lost.
 * On success the dialog emits ::done with a sentence saying what happened,
 * then closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "till-context.h"

G_BEGIN_DECLS

#define TILL_TYPE_REFUND_DIALOG (till_refund_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TillRefundDialog, till_refund_dialog, TILL, REFUND_DIALOG, AdwWindow)

/* Refunds go on @register_id's receipt series. */
TillRefundDialog *till_refund_dialog_new_refund (TillContext      *context,
                                                 GtkWindow        *parent,
                                                 gint64            order_id,
                                                 gint64            register_id,
                                                 const char       *receipt,
                                                 GError          **error);
TillRefundDialog *till_refund_dialog_new_void   (TillContext      *context,
                                                 GtkWindow        *parent,
                                                 gint64            order_id,
                                                 GError          **error);

/* For tests: the quantity field of line @position (from 1), or NULL */
GtkWidget        *till_refund_dialog_get_qty_field (TillRefundDialog *self,
                                                    guint             position);
/* For tests: selects the approving manager by name; FALSE when not listed */
gboolean          till_refund_dialog_select_manager (TillRefundDialog *self,
                                                     const char       *name);

G_END_DECLS
