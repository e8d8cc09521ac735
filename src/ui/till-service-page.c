/* till-service-page.c: customer service, requests by status with filters
 *
 * Built in code, as the Audit page is: a filter bar (status, kind,
 * priority, owner, overdue), the requests newest first with overdue ones
 * marked, the chosen request's timeline with a note and a status move, and
 * a form for a new one (standalone, or from the Sell page with the customer
 * and order at the counter).  Every rule is the service's
 * (till-service-requests.c); the page shows what it refuses.  At each
 * sign-in and once a minute the page asks the service to raise the overdue
 * notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "till-customers.h"
#include "till-service-page.h"
#include "till-service-requests.h"
#include "till-staff.h"

struct _TillServicePage
{
  GtkBox          parent_instance;

  /* filters */
  GtkDropDown    *status_filter;
  GtkDropDown    *kind_filter;
  GtkDropDown    *priority_filter;
  GtkDropDown    *owner_filter;
  GtkCheckButton *overdue_filter;

  GtkListBox     *list;
  GtkLabel       *status;

  /* the chosen request */
  GtkWidget      *detail;
  GtkLabel       *detail_title;
  GtkLabel       *detail_meta;
  GtkListBox     *timeline;
  GtkEntry       *note_entry;
  GtkWidget      *outcome_box;
  GtkDropDown    *outcome;

  /* a new request */
  GtkWidget      *form;
  GtkToggleButton *form_kinds[4];  /* till_request_kinds' order */
  GtkDropDown    *form_priority;
  GtkEntry       *form_title;
  GtkEntry       *form_description;
  GtkLabel       *form_about;

  TillContext    *context;
  GArray         *owner_ids;     /* gint64 per owner filter position; 0: anyone */
  gint64          shown_id;
  gint64          form_customer_id;
  gint64          form_order_id;
  gint64          attention;
  guint           n_rows;
  guint           overdue_source;
  char           *status_text;
};

G_DEFINE_FINAL_TYPE (TillServicePage, till_service_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_ATTENTION_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "complaint") == 0)
    return _("Complaint");
  if (g_strcmp0 (kind, "special_order") == 0)
    return _("Special order");
  if (g_strcmp0 (kind, "assistance") == 0)
    return _("Assistance");
  return _("Request");
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "in_progress") == 0)
    return _("In progress");
  if (g_strcmp0 (status, "waiting") == 0)
    return _("Waiting for customer");
  if (g_strcmp0 (status, "resolved") == 0)
    return _("Resolved");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Closed");
  return _("Open");
}

static const char *
priority_label (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return _("Low");
  if (g_strcmp0 (priority, "high") == 0)
    return _("High");
  if (g_strcmp0 (priority, "urgent") == 0)
    return _("Urgent");
  return _("Normal");
}

static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "refund") == 0)
    return _("Refund");
  if (g_strcmp0 (outcome, "replacement") == 0)
    return _("Replacement");
  if (g_strcmp0 (outcome, "apology") == 0)
    return _("Apology");
  return _("No outcome");
}

static void
set_status (TillServicePage *self,
            const char      *text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status, self->status_text);
}

static GtkWidget *
labelled (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return widget;
}

static GtkWidget *
described (GtkWidget  *widget,
           const char *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return widget;
}

/* The stored name at a dropdown position; position 0 is "any" when @with_any */
static const char *
chosen (GtkDropDown        *dropdown,
        const char * const *names,
        gboolean            with_any)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (with_any)
    {
      if (position == 0 || position == GTK_INVALID_LIST_POSITION)
        return NULL;
      position--;
    }
  if (position >= g_strv_length ((char **)names))
    return NULL;
  return names[position];
}

static GtkWidget *
labels_dropdown (const char * const *names,
                 const char *(*to_label) (const char *),
                 const char  *any,
                 const char  *accessible)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (any != NULL)
    gtk_string_list_append (labels, any);
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (labels, to_label (names[i]));
  return labelled (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL), accessible);
}

static void
update_attention (TillServicePage *self)
{
  gint64 attention = till_service_requests_count_attention (self->context, NULL);

  if (attention < 0 || attention == self->attention)
    return;
  self->attention = attention;
  g_signal_emit (self, signals[SIGNAL_ATTENTION_CHANGED], 0);
}

/* The chosen request ------------------------------------------------------- */

static void
show_request (TillServicePage *self,
              gint64           id)
{
  g_autoptr(TillRequestRecord) request = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  GtkWidget *child;

  self->shown_id = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline))) != NULL)
    gtk_list_box_remove (self->timeline, child);
  if (id <= 0 || (request = till_service_requests_get (self->context, id, &error)) == NULL)
    {
      gtk_widget_set_visible (self->detail, FALSE);
      if (error != NULL)
        set_status (self, error->message);
      return;
    }
  self->shown_id = id;
  gtk_widget_set_visible (self->detail, TRUE);
  gtk_label_set_text (self->detail_title, request->title);
  g_string_append_printf (meta, "%s · %s · %s", kind_label (request->kind), status_label (request->status),
                          priority_label (request->priority));
  if (request->customer_id > 0)
    {
      g_autoptr(TillCustomerRecord) customer =
        till_customers_get (till_context_get_store (self->context), request->customer_id, NULL);

      if (customer != NULL)
        g_string_append_printf (meta, " · %s", customer->name);
    }
  if (request->order_id > 0)
    g_string_append_printf (meta, " · %s %" G_GINT64_FORMAT, _("order"), request->order_id);
  if (request->due_at != NULL)
    g_string_append_printf (meta, " · %s %.10s", _("due"), request->due_at);
  if (request->complaint_outcome != NULL)
    g_string_append_printf (meta, " · %s: %s", _("outcome"), request->complaint_outcome);
  if (g_str_equal (request->kind, "special_order"))
    {
      g_autoptr(TillSpecialOrderRecord) special =
        till_service_requests_get_special_order (self->context, request->id, NULL);

      if (special != NULL)
        {
          g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, special->qty);

          /* e.g. "3 × Rye loaf · arrived · deposit held" */
          g_string_append_printf (meta, "\n%s × %s · %s · %s %s", qty, special->item_name, special->status,
                                  _("deposit"), special->deposit_state);
        }
    }
  if (till_service_requests_is_overdue (self->context, request))
    g_string_append_printf (meta, " · %s", _("OVERDUE"));
  gtk_label_set_text (self->detail_meta, meta->str);
  gtk_widget_set_visible (self->outcome_box, g_str_equal (request->kind, "complaint"));

  notes = till_service_requests_timeline (self->context, id, &error);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      TillRequestNote *note = notes->pdata[i];
      g_autofree char *text = g_strdup_printf ("%.10s %.5s  %s  %s", note->at, strlen (note->at) > 11 ? note->at + 11 : "",
                                               note->author, note->body);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      if (!g_str_equal (note->kind, "note"))
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->timeline, label);
    }
}

/* The list ------------------------------------------------------------------ */

static void
load (TillServicePage *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = till_context_now (self->context);
  g_autofree char *now_text = till_store_format_time (now);
  TillRequestFilter filter = { 0 };
  guint owner_position = gtk_drop_down_get_selected (self->owner_filter);
  GtkWidget *child;

  filter.status = chosen (self->status_filter, till_request_statuses, TRUE);
  filter.kind = chosen (self->kind_filter, till_request_kinds, TRUE);
  filter.priority = chosen (self->priority_filter, till_request_priorities, TRUE);
  filter.owner_id = owner_position < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner_position) : 0;
  if (gtk_check_button_get_active (self->overdue_filter))
    filter.overdue_at = now_text;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  rows = till_service_requests_list (self->context, &filter, 0, TILL_SERVICE_PAGE_SIZE, &error);
  if (rows == NULL)
    {
      set_status (self, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TillRequestRecord *request = rows->pdata[i];
      gboolean overdue = till_service_requests_is_overdue (self->context, request);
      g_autofree char *line = g_strdup_printf ("%s · %s · %s%s", kind_label (request->kind),
                                               status_label (request->status), priority_label (request->priority),
                                               overdue ? _(" · Overdue") : "");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), request->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "request-id", GSIZE_TO_POINTER ((gsize)request->id));
      if (overdue)
        gtk_widget_add_css_class (row, "error");
      gtk_list_box_append (self->list, row);
    }
  self->n_rows = rows->len;
  if (rows->len == 0)
    set_status (self, _("No requests match."));
  else
    set_status (self, "");
}

void
till_service_page_refresh (TillServicePage *self)
{
  g_return_if_fail (TILL_IS_SERVICE_PAGE (self));

  load (self);
  show_request (self, self->shown_id);
  update_attention (self);
}

static void
on_row_activated (TillServicePage *self,
                  GtkListBoxRow   *row)
{
  show_request (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "request-id")));
}

/* Changing the chosen request ---------------------------------------------- */

static void
after_change (TillServicePage *self,
              gboolean         ok,
              GError          *error,
              const char      *done)
{
  if (!ok)
    {
      set_status (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  till_service_page_refresh (self);
  set_status (self, done);
}

static void
on_add_note (TillServicePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  gboolean ok;

  if (self->shown_id <= 0)
    return;
  ok = till_service_requests_add_note (self->context, self->shown_id, text, &error);
  after_change (self, ok, error, _("Note added."));
}

static void
on_move (GtkButton       *button,
         TillServicePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  const char *to = g_object_get_data (G_OBJECT (button), "status");
  gboolean ok;

  if (self->shown_id <= 0 || to == NULL)
    return;
  /* What is typed in the note goes with the move. */
  ok = till_service_requests_set_status (self->context, self->shown_id, to, text[0] != '\0' ? text : NULL, &error);
  after_change (self, ok, error, _("Status changed."));
}

static void
on_set_outcome (TillServicePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *outcome = chosen (self->outcome, till_complaint_outcomes, FALSE);
  gboolean ok;

  if (self->shown_id <= 0)
    return;
  ok = till_service_requests_set_outcome (self->context, self->shown_id, NULL, outcome, &error);
  after_change (self, ok, error, _("Outcome recorded."));
}

/* A new request ------------------------------------------------------------- */

void
till_service_page_start_request (TillServicePage *self,
                                 gint64           customer_id,
                                 gint64           order_id)
{
  g_autoptr(GString) about = g_string_new (NULL);

  g_return_if_fail (TILL_IS_SERVICE_PAGE (self));

  self->form_customer_id = MAX (customer_id, 0);
  self->form_order_id = MAX (order_id, 0);
  if (customer_id > 0)
    {
      g_autoptr(TillCustomerRecord) customer =
        till_customers_get (till_context_get_store (self->context), customer_id, NULL);

      g_string_append_printf (about, _("For %s"), customer != NULL ? customer->name : "?");
    }
  else
    g_string_append (about, _("No customer attached"));
  if (order_id > 0)
    g_string_append_printf (about, _(", order %" G_GINT64_FORMAT), order_id);
  gtk_label_set_text (self->form_about, about->str);
  gtk_editable_set_text (GTK_EDITABLE (self->form_title), "");
  gtk_editable_set_text (GTK_EDITABLE (self->form_description), "");
  gtk_toggle_button_set_active (self->form_kinds[0], TRUE);
  gtk_widget_set_visible (self->form, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->form_title));
}

static void
on_new (TillServicePage *self)
{
  till_service_page_start_request (self, 0, 0);
}

static void
on_cancel_form (TillServicePage *self)
{
  gtk_widget_set_visible (self->form, FALSE);
}

static void
on_create (TillServicePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillRequestRecord) request = NULL;
  TillRequestDraft draft = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (self->form_kinds); i++)
    if (gtk_toggle_button_get_active (self->form_kinds[i]))
      draft.kind = till_request_kinds[i];
  draft.priority = chosen (self->form_priority, till_request_priorities, FALSE);
  draft.title = gtk_editable_get_text (GTK_EDITABLE (self->form_title));
  draft.description = gtk_editable_get_text (GTK_EDITABLE (self->form_description));
  draft.customer_id = self->form_customer_id;
  draft.order_id = self->form_order_id;
  if (g_strcmp0 (draft.kind, "special_order") == 0)
    {
      set_status (self, _("Record special orders with till-admin for now: they need an item and a price."));
      return;
    }
  request = till_service_requests_create (self->context, &draft, &error);
  if (request == NULL)
    {
      set_status (self, error->message);
      return;
    }
  gtk_widget_set_visible (self->form, FALSE);
  self->shown_id = request->id;
  till_service_page_refresh (self);
  set_status (self, _("Request recorded."));
}

/* Overdue notifications ----------------------------------------------------- */

static gboolean
check_overdue (gpointer user_data)
{
  TillServicePage *self = user_data;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  if (till_context_is_signed_in (self->context)
      && till_service_requests_notify_overdue (self->context, &notified, &error) && notified > 0)
    till_service_page_refresh (self);
  else
    update_attention (self);
  return G_SOURCE_CONTINUE;
}

/* Whoever signs in sees the list as it is now, and hears of what is overdue. */
static void
on_staff_changed (TillServicePage *self)
{
  if (!till_context_is_signed_in (self->context))
    return;
  till_service_page_refresh (self);
  check_overdue (self);
}

/* Building ------------------------------------------------------------------ */

static void
fill_owners (TillServicePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = till_staff_list (till_context_get_store (self->context), NULL);
  gint64 anyone = 0;

  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (names, _("Any owner"));
  g_array_append_val (self->owner_ids, anyone);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      const TillStaffRecord *member = staff->pdata[i];

      gtk_string_list_append (names, member->name);
      g_array_append_val (self->owner_ids, member->id);
    }
  gtk_drop_down_set_model (self->owner_filter, G_LIST_MODEL (names));
}

static GtkWidget *
build_form (TillServicePage *self)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *create = described (gtk_button_new_with_mnemonic (_("_Record")), "request-record");
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *heading = gtk_label_new (_("New request"));

  gtk_widget_add_css_class (form, "card");
  gtk_widget_set_margin_bottom (form, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (form), heading);
  self->form_about = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->form_about, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->form_about), 12);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->form_about));

  {
    GtkWidget *kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_add_css_class (kinds, "linked");
    for (guint i = 0; i < G_N_ELEMENTS (self->form_kinds); i++)
      {
        g_autofree char *description = g_strdup_printf ("request-kind-%s", till_request_kinds[i]);

        self->form_kinds[i] = GTK_TOGGLE_BUTTON (described (gtk_toggle_button_new_with_label (kind_label (till_request_kinds[i])),
                                                            description));
        if (i > 0)
          gtk_toggle_button_set_group (self->form_kinds[i], self->form_kinds[0]);
        gtk_box_append (GTK_BOX (kinds), GTK_WIDGET (self->form_kinds[i]));
      }
    gtk_toggle_button_set_active (self->form_kinds[0], TRUE);
    gtk_box_append (GTK_BOX (row), kinds);
  }
  self->form_priority = GTK_DROP_DOWN (labels_dropdown (till_request_priorities, priority_label, NULL, _("Priority")));
  gtk_drop_down_set_selected (self->form_priority, 1);
  self->form_title = GTK_ENTRY (described (labelled (gtk_entry_new (), _("Title")), "request-title"));
  gtk_entry_set_placeholder_text (self->form_title, _("What is it about?"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->form_title), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->form_priority));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->form_title));
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_box_append (GTK_BOX (form), row);

  self->form_description = GTK_ENTRY (labelled (gtk_entry_new (), _("Description")));
  gtk_entry_set_placeholder_text (self->form_description, _("Details (optional)"));
  gtk_widget_set_margin_start (GTK_WIDGET (self->form_description), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->form_description), 12);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->form_description));

  gtk_widget_add_css_class (create, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), create);
  gtk_box_append (GTK_BOX (form), buttons);

  g_signal_connect_swapped (create, "clicked", G_CALLBACK (on_create), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_form), self);
  g_signal_connect_swapped (self->form_title, "activate", G_CALLBACK (on_create), self);
  gtk_widget_set_visible (form, FALSE);
  return form;
}

static GtkWidget *
build_detail (TillServicePage *self)
{
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_note = described (gtk_button_new_with_mnemonic (_("Add _Note")), "request-add-note");
  GtkWidget *moves = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *set_outcome = described (gtk_button_new_with_mnemonic (_("Set _Outcome")), "request-set-outcome");

  gtk_widget_set_hexpand (detail, TRUE);
  self->detail_title = GTK_LABEL (described (gtk_label_new (""), "request-detail-title"));
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_title), "title-2");
  gtk_label_set_xalign (self->detail_title, 0);
  gtk_label_set_wrap (self->detail_title, TRUE);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->detail_title));
  self->detail_meta = GTK_LABEL (described (gtk_label_new (""), "request-detail-meta"));
  gtk_label_set_xalign (self->detail_meta, 0);
  gtk_label_set_wrap (self->detail_meta, TRUE);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->detail_meta));

  self->timeline = GTK_LIST_BOX (labelled (gtk_list_box_new (), _("Timeline")));
  gtk_list_box_set_selection_mode (self->timeline, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->timeline), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->timeline));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (detail), scrolled);

  self->note_entry = GTK_ENTRY (described (labelled (gtk_entry_new (), _("Note")), "request-note"));
  gtk_entry_set_placeholder_text (self->note_entry, _("A note for the timeline"));
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->note_entry));

  gtk_box_append (GTK_BOX (actions), add_note);
  /* One button per status: the service refuses, with the reason, what the table does not allow. */
  gtk_widget_add_css_class (moves, "linked");
  for (guint i = 0; till_request_statuses[i] != NULL; i++)
    {
      g_autofree char *description = g_strdup_printf ("request-move-%s", till_request_statuses[i]);
      GtkWidget *move = described (gtk_button_new_with_label (status_label (till_request_statuses[i])), description);

      g_object_set_data (G_OBJECT (move), "status", (gpointer)till_request_statuses[i]);
      g_signal_connect (move, "clicked", G_CALLBACK (on_move), self);
      gtk_box_append (GTK_BOX (moves), move);
    }
  gtk_box_append (GTK_BOX (detail), moves);
  self->outcome_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->outcome = GTK_DROP_DOWN (described (labels_dropdown (till_complaint_outcomes, outcome_label, NULL, _("Outcome")),
                                            "request-outcome"));
  gtk_box_append (GTK_BOX (self->outcome_box), GTK_WIDGET (self->outcome));
  gtk_box_append (GTK_BOX (self->outcome_box), set_outcome);
  gtk_box_append (GTK_BOX (actions), self->outcome_box);
  gtk_box_append (GTK_BOX (detail), actions);

  g_signal_connect_swapped (add_note, "clicked", G_CALLBACK (on_add_note), self);
  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (on_add_note), self);
  g_signal_connect_swapped (set_outcome, "clicked", G_CALLBACK (on_set_outcome), self);
  gtk_widget_set_visible (detail, FALSE);
  return detail;
}

static void
till_service_page_dispose (GObject *object)
{
  TillServicePage *self = TILL_SERVICE_PAGE (object);

  g_clear_handle_id (&self->overdue_source, g_source_remove);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (till_service_page_parent_class)->dispose (object);
}

static void
till_service_page_finalize (GObject *object)
{
  TillServicePage *self = TILL_SERVICE_PAGE (object);

  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->status_text, g_free);
  G_OBJECT_CLASS (till_service_page_parent_class)->finalize (object);
}

static void
till_service_page_class_init (TillServicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_service_page_dispose;
  object_class->finalize = till_service_page_finalize;

  /* The count the badge shows changed: till_service_page_get_attention() */
  signals[SIGNAL_ATTENTION_CHANGED] =
    g_signal_new ("attention-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
till_service_page_init (TillServicePage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Request"));

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->attention = -1;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  /* The e2e tests find the page by this */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "page-service", -1);

  self->status_filter = GTK_DROP_DOWN (labels_dropdown (till_request_statuses, status_label, _("Any status"),
                                                        _("Status")));
  self->kind_filter = GTK_DROP_DOWN (labels_dropdown (till_request_kinds, kind_label, _("Any kind"), _("Kind")));
  self->priority_filter = GTK_DROP_DOWN (labels_dropdown (till_request_priorities, priority_label,
                                                          _("Any priority"), _("Priority")));
  self->owner_filter = GTK_DROP_DOWN (labelled (gtk_drop_down_new (NULL, NULL), _("Owner")));
  self->overdue_filter = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Overdue only")));
  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_widget_set_hexpand (GTK_WIDGET (self->overdue_filter), TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_filter));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->kind_filter));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->priority_filter));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->owner_filter));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->overdue_filter));
  gtk_box_append (GTK_BOX (bar), new_button);
  gtk_box_append (GTK_BOX (self), bar);

  self->form = build_form (self);
  gtk_box_append (GTK_BOX (self), self->form);

  self->list = GTK_LIST_BOX (labelled (gtk_list_box_new (), _("Requests")));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, 420, -1);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (panes), scrolled);
  self->detail = build_detail (self);
  gtk_box_append (GTK_BOX (panes), self->detail);
  gtk_box_append (GTK_BOX (self), panes);

  self->status = GTK_LABEL (described (gtk_label_new (""), "service-status"));
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status));

  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (on_new), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (load), self);
  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (load), self);
  g_signal_connect_swapped (self->priority_filter, "notify::selected", G_CALLBACK (load), self);
  g_signal_connect_swapped (self->overdue_filter, "toggled", G_CALLBACK (load), self);
}

GtkWidget *
till_service_page_new (TillContext *context)
{
  TillServicePage *self;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  self = g_object_new (TILL_TYPE_SERVICE_PAGE, NULL);
  self->context = g_object_ref (context);
  fill_owners (self);
  g_signal_connect_swapped (self->owner_filter, "notify::selected", G_CALLBACK (load), self);
  till_service_page_refresh (self);
  self->overdue_source = g_timeout_add_seconds (60, check_overdue, self);
  g_signal_connect_object (context, "notify::staff-id", G_CALLBACK (on_staff_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
till_service_page_show_request (TillServicePage *self,
                                gint64           id)
{
  g_return_if_fail (TILL_IS_SERVICE_PAGE (self));

  show_request (self, id);
}

gint64
till_service_page_get_attention (TillServicePage *self)
{
  g_return_val_if_fail (TILL_IS_SERVICE_PAGE (self), 0);
  return MAX (self->attention, 0);
}

gint64
till_service_page_get_shown_id (TillServicePage *self)
{
  g_return_val_if_fail (TILL_IS_SERVICE_PAGE (self), 0);
  return self->shown_id;
}

guint
till_service_page_get_n_rows (TillServicePage *self)
{
  g_return_val_if_fail (TILL_IS_SERVICE_PAGE (self), 0);
  return self->n_rows;
}

const char *
till_service_page_get_status (TillServicePage *self)
{
  g_return_val_if_fail (TILL_IS_SERVICE_PAGE (self), NULL);
  return self->status_text != NULL ? self->status_text : "";
}
