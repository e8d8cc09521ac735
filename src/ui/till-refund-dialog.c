/* till-refund-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-checkout.h"
#include "till-error.h"
#include "till-money.h"
#include "till-receipt.h"
#include "till-refund-dialog.h"
#include "till-refund-preview.h"
#include "till-staff.h"

typedef enum
{
  MODE_REFUND,
  MODE_VOID,
} Mode;

struct _TillRefundDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  GtkLabel        *heading_label;
  GtkLabel        *intro_label;
  GtkListBox      *lines_list;
  GtkWidget       *tender_box;
  GtkToggleButton *tender_default;
  GtkToggleButton *tender_cash;
  GtkToggleButton *tender_card;
  GtkWidget       *approval_box;
  GtkFlowBox      *manager_box;
  GtkWidget       *pin_entry;
  GtkLabel        *approver_label;
  GtkLabel        *summary_label;
  GtkLabel        *error_label;
  GtkButton       *confirm_button;

  /* borrowed: the quantity field of each line by position − 1, NULL when
   * nothing is left of the line; and the label beside it */
  GPtrArray       *qty_fields;
  GPtrArray       *amount_labels;
  /* borrowed: one toggle per manager who can approve */
  GPtrArray       *manager_toggles;

  /* owned */
  TillContext     *context;
  TillOrder       *order;
  Mode             mode;
  gint64           register_id;
  gboolean         busy;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TillRefundDialog, till_refund_dialog, ADW_TYPE_WINDOW)

static const TillCurrency *
currency_of (TillRefundDialog *self)
{
  return self->order != NULL ? till_order_get_currency (self->order) : till_currency_lookup ("EUR");
}

static char *
money (TillRefundDialog *self,
       gint64            amount)
{
  return till_money_format_symbol (amount, currency_of (self));
}

static void
show_error (TillRefundDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && message[0] != '\0');
}

static gboolean
needs_approval (TillRefundDialog *self)
{
  const char *role = till_context_get_role (self->context);

  /* A manager or admin at the till approves by acting; the service checks. */
  return !(g_strcmp0 (role, "manager") == 0 || g_strcmp0 (role, "admin") == 0);
}

/* The quantities typed, as refund requests (lines with nothing typed or 0
 * are left out).  FALSE with @error naming the line when one is not a
 * quantity. */
static gboolean
collect_requests (TillRefundDialog  *self,
                  GArray            *requests,
                  GError           **error)
{
  GPtrArray *lines = till_order_get_lines (self->order);

  for (guint i = 0; i < self->qty_fields->len; i++)
    {
      GtkWidget *field = self->qty_fields->pdata[i];
      TillOrderLineRecord *line = lines->pdata[i];
      g_autoptr(GError) local_error = NULL;
      TillRefundRequest request = { i + 1, 0 };
      const char *text;

      if (field == NULL)
        continue;
      text = gtk_editable_get_text (GTK_EDITABLE (field));
      if (text[0] == '\0')
        continue;
      if (!till_quantity_parse (text, TILL_NOTATION_PERSON, &request.qty, &local_error))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, _("%s: %s"), line->name, local_error->message);
          return FALSE;
        }
      if (request.qty > 0)
        g_array_append_val (requests, request);
    }
  return TRUE;
}

/* What the chosen quantities pay back, from the refund rules (nothing is
 * written), beside each line and in the summary. */
static void
update_summary (TillRefundDialog *self)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (TillRefundRequest));
  g_autoptr(TillRefundPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  if (self->mode != MODE_REFUND || self->order == NULL)
    return;

  for (guint i = 0; i < self->amount_labels->len; i++)
    if (self->amount_labels->pdata[i] != NULL)
      gtk_label_set_text (self->amount_labels->pdata[i], "");

  if (!collect_requests (self, requests, &error))
    {
      gtk_label_set_text (self->summary_label, "");
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
      return;
    }
  if (requests->len == 0)
    {
      gtk_label_set_text (self->summary_label, _("Choose how much of each line comes back."));
      show_error (self, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
      return;
    }

  preview = till_refund_preview (self->context, till_order_get_record (self->order)->id,
                                 (TillRefundRequest *)(void *)requests->data, requests->len, &error);
  if (preview == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      const TillRefundRequest *request = &g_array_index (requests, TillRefundRequest, i);
      const TillLineRefund *line = &g_array_index (preview->lines, TillLineRefund, i);
      GtkLabel *label = self->amount_labels->pdata[request->position - 1];
      g_autofree char *amount = money (self, line->paid);

      if (label != NULL)
        gtk_label_set_text (label, amount);
    }
  {
    g_autofree char *amount = money (self, preview->amount);
    g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, preview->points);
    g_autofree char *text = NULL;

    if (preview->points > 0)
      text = g_strdup_printf (ngettext ("Refund %s · %s point taken back", "Refund %s · %s points taken back",
                                        (gulong)MIN (preview->points, G_MAXULONG)),
                              amount, points);
    else
      text = g_strdup_printf (_("Refund %s"), amount);
    gtk_label_set_text (self->summary_label, text);
  }
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), TRUE);
}

static void
on_qty_changed (GtkEditable      *editable,
                TillRefundDialog *self)
{
  update_summary (self);
}

static void
on_tender_toggled (GtkToggleButton  *button,
                   TillRefundDialog *self)
{
  show_error (self, NULL);
}

static void
on_manager_toggled (GtkToggleButton  *toggle,
                    TillRefundDialog *self)
{
  /* Picked: the manager types their PIN next. */
  if (gtk_toggle_button_get_active (toggle))
    {
      show_error (self, NULL);
      if (gtk_widget_get_mapped (self->pin_entry))
        gtk_widget_grab_focus (self->pin_entry);
    }
}

static const char *
chosen_tender (TillRefundDialog *self)
{
  if (gtk_toggle_button_get_active (self->tender_cash))
    return "cash";
  if (gtk_toggle_button_get_active (self->tender_card))
    return "card";
  return NULL;
}

static gint64
chosen_manager (TillRefundDialog *self)
{
  for (guint i = 0; i < self->manager_toggles->len; i++)
    {
      GtkToggleButton *toggle = self->manager_toggles->pdata[i];

      if (gtk_toggle_button_get_active (toggle))
        return (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "staff-id"));
    }
  return 0;
}

/* The approval typed in the dialog; FALSE (and a message) when it is not
 * complete.  A manager or admin signed in needs none: *out stays NULL. */
static gboolean
collect_approval (TillRefundDialog    *self,
                  TillApproval        *approval,
                  const TillApproval **out)
{
  *out = NULL;
  if (!needs_approval (self))
    return TRUE;
  approval->staff_id = chosen_manager (self);
  approval->pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));
  if (approval->staff_id <= 0)
    {
      show_error (self, _("A manager approves this: pick their name, then they type their PIN."));
      if (self->manager_toggles->len > 0)
        gtk_widget_grab_focus (self->manager_toggles->pdata[0]);
      return FALSE;
    }
  if (approval->pin[0] == '\0')
    {
      show_error (self, _("The manager types their PIN to approve."));
      gtk_widget_grab_focus (self->pin_entry);
      return FALSE;
    }
  *out = approval;
  return TRUE;
}

static char *
describe_refund (TillRefundDialog        *self,
                 const TillRefundOutcome *outcome)
{
  g_autofree char *cash = money (self, outcome->cash_payout);
  g_autofree char *card = money (self, outcome->card);
  g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->points);
  g_autofree char *restored = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->restored);
  GString *text = g_string_new (NULL);

  if (outcome->cash_payout > 0 && outcome->card > 0)
    g_string_append_printf (text, _("Paid back %s in cash and %s to the card"), cash, card);
  else if (outcome->card > 0)
    g_string_append_printf (text, _("Paid back %s to the card"), card);
  else
    g_string_append_printf (text, _("Paid back %s in cash"), cash);
  if (outcome->points > 0)
    g_string_append_printf (text, ngettext (" · %s point taken back", " · %s points taken back",
                                            (gulong)MIN (outcome->points, G_MAXULONG)),
                            points);
  if (outcome->restored > 0)
    g_string_append_printf (text, ngettext (" · %s reward point given back", " · %s reward points given back",
                                            (gulong)MIN (outcome->restored, G_MAXULONG)),
                            restored);
  {
    g_autofree char *receipt = till_receipt_format_number (self->register_id, outcome->receipt_number);
    g_string_append_printf (text, _(" · refund receipt %s"), receipt);
  }
  return g_string_free (text, FALSE);
}

static void
refused (TillRefundDialog *self,
         const GError     *error)
{
  show_error (self, error->message);
  /* A wrong PIN is typed again; everything else stays as it was. */
  if (g_error_matches (error, TILL_ERROR, TILL_ERROR_PERMISSION) && needs_approval (self))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
      gtk_widget_grab_focus (self->pin_entry);
    }
}

static void
confirm_refund (TillRefundDialog *self)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (TillRefundRequest));
  g_autoptr(TillRefundOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const TillApproval *approval;
  TillApproval typed = { 0, NULL };

  if (!collect_requests (self, requests, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (requests->len == 0)
    {
      show_error (self, _("Choose how much of each line comes back: at least one line."));
      return;
    }
  if (!collect_approval (self, &typed, &approval))
    return;

  outcome = till_checkout_refund (self->context, till_order_get_record (self->order)->id, self->register_id,
                                  (TillRefundRequest *)(void *)requests->data, requests->len,
                                  chosen_tender (self), approval, &error);
  if (outcome == NULL)
    {
      refused (self, error);
      return;
    }
  message = describe_refund (self, outcome);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confirm_void (TillRefundDialog *self)
{
  g_autoptr(GError) error = NULL;
  const TillApproval *approval;
  TillApproval typed = { 0, NULL };

  if (!collect_approval (self, &typed, &approval))
    return;
  if (!till_checkout_void (self->context, self->order, approval, &error))
    {
      refused (self, error);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, _("The open order is voided."));
  gtk_window_close (GTK_WINDOW (self));
}

static void
action_confirm (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TillRefundDialog *self = TILL_REFUND_DIALOG (widget);

  if (self->order == NULL || self->busy)
    return;
  /* A double click or a held Enter must not refund twice. */
  self->busy = TRUE;
  if (self->mode == MODE_REFUND)
    confirm_refund (self);
  else
    confirm_void (self);
  self->busy = FALSE;
}

static void
on_pin_activate (GtkWidget        *entry,
                 TillRefundDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "refund.confirm", NULL);
}

static void
on_staff_changed (TillContext      *context,
                  GParamSpec       *pspec,
                  TillRefundDialog *self)
{
  /* Locked or signed out: the approval was for the one who was there. */
  gtk_window_close (GTK_WINDOW (self));
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "admin") == 0)
    return _("Admin");
  if (g_strcmp0 (role, "manager") == 0)
    return _("Manager");
  return _("Cashier");
}

static void
fill_approval (TillRefundDialog *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  if (!needs_approval (self))
    {
      g_autofree char *text = g_strdup_printf (_("You approve this yourself, as %s (%s)."),
                                               till_context_get_staff_name (self->context),
                                               role_label (till_context_get_role (self->context)));
      gtk_widget_set_visible (self->approval_box, FALSE);
      gtk_label_set_text (self->approver_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->approver_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->approver_label), FALSE);
  staff = till_staff_list (till_context_get_store (self->context), &error);
  if (staff == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < staff->len; i++)
    {
      TillStaffRecord *member = staff->pdata[i];
      GtkWidget *toggle;

      /* Who may approve is the service's decision; this only offers them. */
      if (!member->active || !(g_str_equal (member->role, "manager") || g_str_equal (member->role, "admin")))
        continue;
      toggle = gtk_toggle_button_new_with_label (member->name);
      gtk_widget_set_tooltip_text (toggle, role_label (member->role));
      if (self->manager_toggles->len > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->manager_toggles->pdata[0]);
      g_object_set_data (G_OBJECT (toggle), "staff-id", GSIZE_TO_POINTER ((gsize)member->id));
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_manager_toggled), self, 0);
      gtk_flow_box_append (self->manager_box, toggle);
      g_ptr_array_add (self->manager_toggles, toggle);
    }
}

static GtkWidget *
line_row (TillRefundDialog    *self,
          TillOrderLineRecord *line,
          guint                position)
{
  const TillCurrency *currency = currency_of (self);
  gint64 left = line->qty - line->refunded_qty;
  g_autofree char *sold = till_quantity_format (line->qty, TILL_NOTATION_PERSON);
  g_autofree char *refunded = till_quantity_format (line->refunded_qty, TILL_NOTATION_PERSON);
  g_autofree char *paid = till_money_format_symbol (line->paid, currency);
  g_autofree char *subtitle = NULL;
  g_autofree char *field_id = g_strdup_printf ("refund-qty-%u", position);
  g_autofree char *amount_id = g_strdup_printf ("refund-amount-%u", position);
  g_autofree char *field_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *field = NULL;
  GtkWidget *amount;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->name);
  if (line->sold_by_weight)
    subtitle = line->refunded_qty > 0
      ? g_strdup_printf (_("%s kg for %s · %s kg refunded"), sold, paid, refunded)
      : g_strdup_printf (_("%s kg for %s"), sold, paid);
  else
    subtitle = line->refunded_qty > 0
      ? g_strdup_printf (_("%s for %s · %s refunded"), sold, paid, refunded)
      : g_strdup_printf (_("%s for %s"), sold, paid);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  amount = gtk_label_new (NULL);
  gtk_widget_set_name (amount, amount_id);
  gtk_label_set_width_chars (GTK_LABEL (amount), 8);
  gtk_label_set_xalign (GTK_LABEL (amount), 1);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (amount), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, amount_id, -1);

  if (left > 0)
    {
      gboolean weighed = line->sold_by_weight;
      /* The adjustment only bounds the buttons; the amount is read back from
       * the text with the strict quantity parser, never as a double. */
      GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, (double)left / 1000.0,
                                                      weighed ? 0.05 : 1, weighed ? 0.1 : 1, 0);
      g_autofree char *left_text = till_quantity_format (left, TILL_NOTATION_PERSON);
      g_autofree char *a11y = g_strdup_printf (_("Quantity of %s to refund, up to %s"), line->name, left_text);

      field = gtk_spin_button_new (adjustment, weighed ? 0.05 : 1, weighed ? 3 : 0);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (field), FALSE);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (field), GTK_UPDATE_IF_VALID);
      gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
      gtk_widget_set_name (field, field_id);
      gtk_widget_set_tooltip_text (field, a11y);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, field_id, -1);
      g_signal_connect_object (field, "changed", G_CALLBACK (on_qty_changed), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (amount), _("All refunded"));
      gtk_widget_add_css_class (amount, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_widget_set_sensitive (row, FALSE);
      amount = NULL;
    }
  g_ptr_array_add (self->qty_fields, field);
  g_ptr_array_add (self->amount_labels, amount);
  return row;
}

static gboolean
load_order (TillRefundDialog  *self,
            gint64             order_id,
            GError           **error)
{
  self->order = till_checkout_load (self->context, order_id, error);
  return self->order != NULL;
}

TillRefundDialog *
till_refund_dialog_new_refund (TillContext  *context,
                               GtkWindow    *parent,
                               gint64        order_id,
                               gint64        register_id,
                               const char   *receipt,
                               GError      **error)
{
  TillRefundDialog *self;
  g_autofree char *heading = NULL;
  GPtrArray *lines;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (register_id > 0, NULL);

  /* Like every window, owned by GTK until it is closed. */
  self = g_object_new (TILL_TYPE_REFUND_DIALOG, "context", context, "transient-for", parent, NULL);
  self->mode = MODE_REFUND;
  self->register_id = register_id;
  if (!load_order (self, order_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  heading = g_strdup_printf (_("Refund from Receipt %s"), receipt != NULL ? receipt : "");
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->intro_label,
                      _("Type how much of each line comes back. Each line returns exactly what was paid for it, "
                        "and the points it earned are taken back."));
  lines = till_order_get_lines (self->order);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->lines_list, line_row (self, lines->pdata[i], i + 1));
  fill_approval (self);
  update_summary (self);

  /* The first line with something left takes the keyboard. */
  for (guint i = 0; i < self->qty_fields->len; i++)
    if (self->qty_fields->pdata[i] != NULL)
      {
        gtk_window_set_focus (GTK_WINDOW (self), self->qty_fields->pdata[i]);
        break;
      }
  return self;
}

TillRefundDialog *
till_refund_dialog_new_void (TillContext  *context,
                             GtkWindow    *parent,
                             gint64        order_id,
                             GError      **error)
{
  TillRefundDialog *self;
  g_autofree char *total = NULL;
  g_autofree char *summary = NULL;
  guint n_lines;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  /* Like every window, owned by GTK until it is closed. */
  self = g_object_new (TILL_TYPE_REFUND_DIALOG, "context", context, "transient-for", parent, NULL);
  self->mode = MODE_VOID;
  if (!load_order (self, order_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Void Order"));
  gtk_label_set_text (self->heading_label, _("Void This Open Order?"));
  gtk_label_set_text (self->intro_label,
                      _("Voiding cancels it for good; it stays in the history as voided. An order on which a "
                        "payment was taken cannot be voided: finish the sale, then refund it."));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 440);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_list), FALSE);
  gtk_widget_set_visible (self->tender_box, FALSE);
  gtk_button_set_label (self->confirm_button, _("_Void Order"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button), "destructive-action");

  n_lines = till_order_get_lines (self->order)->len;
  total = money (self, till_order_get_total (self->order));
  summary = g_strdup_printf (ngettext ("%u line, %s", "%u lines, %s", n_lines), n_lines, total);
  gtk_label_set_text (self->summary_label, summary);
  fill_approval (self);
  if (needs_approval (self))
    gtk_window_set_focus (GTK_WINDOW (self), self->manager_toggles->len > 0 ? self->manager_toggles->pdata[0] : NULL);
  return self;
}

GtkWidget *
till_refund_dialog_get_qty_field (TillRefundDialog *self,
                                  guint             position)
{
  g_return_val_if_fail (TILL_IS_REFUND_DIALOG (self), NULL);

  if (position < 1 || position > self->qty_fields->len)
    return NULL;
  return self->qty_fields->pdata[position - 1];
}

gboolean
till_refund_dialog_select_manager (TillRefundDialog *self,
                                   const char       *name)
{
  g_return_val_if_fail (TILL_IS_REFUND_DIALOG (self), FALSE);

  for (guint i = 0; i < self->manager_toggles->len; i++)
    {
      GtkToggleButton *toggle = self->manager_toggles->pdata[i];

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (toggle)), name) == 0)
        {
          gtk_toggle_button_set_active (toggle, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

static void
till_refund_dialog_constructed (GObject *object)
{
  TillRefundDialog *self = TILL_REFUND_DIALOG (object);

  G_OBJECT_CLASS (till_refund_dialog_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "notify::staff-id", G_CALLBACK (on_staff_changed), self, 0);
}

static void
till_refund_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TillRefundDialog *self = TILL_REFUND_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_refund_dialog_dispose (GObject *object)
{
  TillRefundDialog *self = TILL_REFUND_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_REFUND_DIALOG);
  g_clear_object (&self->order);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_refund_dialog_parent_class)->dispose (object);
}

static void
till_refund_dialog_finalize (GObject *object)
{
  TillRefundDialog *self = TILL_REFUND_DIALOG (object);

  g_clear_pointer (&self->qty_fields, g_ptr_array_unref);
  g_clear_pointer (&self->amount_labels, g_ptr_array_unref);
  g_clear_pointer (&self->manager_toggles, g_ptr_array_unref);
  G_OBJECT_CLASS (till_refund_dialog_parent_class)->finalize (object);
}

static void
till_refund_dialog_class_init (TillRefundDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_refund_dialog_constructed;
  object_class->dispose = till_refund_dialog_dispose;
  object_class->finalize = till_refund_dialog_finalize;
  object_class->set_property = till_refund_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TillRefundDialog::done:
   * @message: what was done, for a toast
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "refund.confirm", NULL, action_confirm);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-refund-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, tender_box);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, tender_default);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, tender_cash);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, tender_card);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, approval_box);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, manager_box);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, approver_label);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TillRefundDialog, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, on_tender_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activate);
}

static void
till_refund_dialog_init (TillRefundDialog *self)
{
  self->qty_fields = g_ptr_array_new ();
  self->amount_labels = g_ptr_array_new ();
  self->manager_toggles = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
