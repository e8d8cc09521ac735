/* till-audit-page.c: the audit log, keyset-paged newest first, filtered by
 * staff member, action and day
 *
 * Days are the shop's (its time_zone setting); rows show their UTC time.
 * Built in code: a filter bar, a list of one page of rows, older and newer
 * buttons.  The service refuses anyone but an admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "till-audit-page.h"
#include "till-audit-service.h"
#include "till-staff.h"
#include "till-staff-service.h"

struct _TillAuditPage
{
  GtkBox        parent_instance;

  /* widgets */
  GtkDropDown  *staff_dropdown;
  GtkEntry     *action_entry;
  GtkEntry     *day_entry;
  GtkListBox   *list;
  GtkLabel     *status;
  GtkButton    *newer_button;
  GtkButton    *older_button;

  /* owned */
  TillContext  *context;
  GArray       *staff_ids;     /* gint64 per dropdown position; 0: anyone */
  GArray       *page_starts;   /* before_id of each page shown so far */
  gint64        staff_id;
  char         *action;
  GDateTime    *from;
  GDateTime    *until;
  gint64        last_id;       /* the oldest row shown */
  guint         n_rows;
  char         *status_text;
};

G_DEFINE_FINAL_TYPE (TillAuditPage, till_audit_page, GTK_TYPE_BOX)

static void
set_status (TillAuditPage *self,
            const char    *text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_text (self->status, text);
}

static void
load (TillAuditPage *self,
      gint64         before_id)
{
  TillAuditFilter filter = { self->staff_id, self->action, self->from, self->until };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  rows = till_audit_service_list (self->context, &filter, before_id, TILL_AUDIT_PAGE_SIZE, &error);
  if (rows == NULL)
    {
      set_status (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->older_button), FALSE);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const TillAuditRow *row = rows->pdata[i];
      g_autofree char *who = row->staff_id > 0
        ? g_strdup_printf ("%s #%" G_GINT64_FORMAT, row->actor, row->staff_id) : g_strdup (row->actor);
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "  %.19s  %s  %s  %s %s  %s",
                                               row->id, row->at, who, row->action, row->entity,
                                               row->entity_id, row->fields);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_list_box_append (self->list, label);
      self->last_id = row->id;
    }
  self->n_rows = rows->len;
  gtk_widget_set_sensitive (GTK_WIDGET (self->older_button), rows->len == TILL_AUDIT_PAGE_SIZE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->newer_button), self->page_starts->len > 1);
  if (rows->len == 0)
    set_status (self, _("No audit rows match."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("Rows %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ", newest first"),
                                               ((TillAuditRow *)rows->pdata[0])->id, self->last_id);
      set_status (self, text);
    }
}

static void
reload (TillAuditPage *self)
{
  gint64 start = 0;

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, start);
  load (self, 0);
}

void
till_audit_page_older (TillAuditPage *self)
{
  g_return_if_fail (TILL_IS_AUDIT_PAGE (self));

  if (self->n_rows < TILL_AUDIT_PAGE_SIZE)
    return;
  g_array_append_val (self->page_starts, self->last_id);
  load (self, self->last_id);
}

void
till_audit_page_newer (TillAuditPage *self)
{
  g_return_if_fail (TILL_IS_AUDIT_PAGE (self));

  if (self->page_starts->len <= 1)
    return;
  g_array_set_size (self->page_starts, self->page_starts->len - 1);
  load (self, g_array_index (self->page_starts, gint64, self->page_starts->len - 1));
}

/* FALSE (with the status saying why) when @day is not YYYY-MM-DD; the day
 * runs from midnight to midnight in the shop's time zone. */
static gboolean
parse_day (TillAuditPage *self,
           const char    *day)
{
  g_autofree char *zone_name = till_context_dup_setting (self->context, "time_zone", "");
  g_autoptr(GTimeZone) zone = zone_name[0] != '\0' ? g_time_zone_new_identifier (zone_name) : NULL;
  int y, m, d;
  char tail;

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  if (day == NULL || day[0] == '\0')
    return TRUE;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  if (sscanf (day, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      (self->from = g_date_time_new (zone, y, m, d, 0, 0, 0)) == NULL)
    {
      set_status (self, _("Write the day as YYYY-MM-DD."));
      return FALSE;
    }
  self->until = g_date_time_add_days (self->from, 1);
  return TRUE;
}

void
till_audit_page_set_filter (TillAuditPage *self,
                            gint64         staff_id,
                            const char    *action,
                            const char    *day)
{
  g_return_if_fail (TILL_IS_AUDIT_PAGE (self));

  self->staff_id = staff_id;
  g_free (self->action);
  self->action = action != NULL && action[0] != '\0' ? g_strstrip (g_strdup (action)) : NULL;
  if (!parse_day (self, day))
    return;
  reload (self);
}

static void
on_filter_changed (TillAuditPage *self)
{
  guint position = gtk_drop_down_get_selected (self->staff_dropdown);
  gint64 staff_id = position < self->staff_ids->len ? g_array_index (self->staff_ids, gint64, position) : 0;

  till_audit_page_set_filter (self, staff_id, gtk_editable_get_text (GTK_EDITABLE (self->action_entry)),
                              gtk_editable_get_text (GTK_EDITABLE (self->day_entry)));
}

static void
fill_staff (TillAuditPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = till_staff_list (till_context_get_store (self->context), NULL);
  gint64 anyone = 0;

  g_array_set_size (self->staff_ids, 0);
  gtk_string_list_append (names, _("Anyone"));
  g_array_append_val (self->staff_ids, anyone);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      const TillStaffRecord *member = staff->pdata[i];
      gtk_string_list_append (names, member->name);
      g_array_append_val (self->staff_ids, member->id);
    }
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (names));
}

static GtkWidget *
labelled (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return widget;
}

static void
till_audit_page_dispose (GObject *object)
{
  TillAuditPage *self = TILL_AUDIT_PAGE (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (till_audit_page_parent_class)->dispose (object);
}

static void
till_audit_page_finalize (GObject *object)
{
  TillAuditPage *self = TILL_AUDIT_PAGE (object);

  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->status_text, g_free);
  G_OBJECT_CLASS (till_audit_page_parent_class)->finalize (object);
}

static void
till_audit_page_class_init (TillAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_audit_page_dispose;
  object_class->finalize = till_audit_page_finalize;
}

static void
till_audit_page_init (TillAuditPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *pager = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  self->staff_dropdown = GTK_DROP_DOWN (labelled (gtk_drop_down_new (NULL, NULL), _("Staff member")));
  self->action_entry = GTK_ENTRY (labelled (gtk_entry_new (), _("Action")));
  gtk_entry_set_placeholder_text (self->action_entry, _("action, e.g. staff.sign-in"));
  self->day_entry = GTK_ENTRY (labelled (gtk_entry_new (), _("Day")));
  gtk_entry_set_placeholder_text (self->day_entry, _("YYYY-MM-DD"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->staff_dropdown));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->action_entry));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->day_entry));
  gtk_box_append (GTK_BOX (self), bar);

  self->list = GTK_LIST_BOX (labelled (gtk_list_box_new (), _("Audit log")));
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);

  self->newer_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Newer")));
  self->older_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Older")));
  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (pager), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (pager), GTK_WIDGET (self->newer_button));
  gtk_box_append (GTK_BOX (pager), GTK_WIDGET (self->older_button));
  gtk_box_append (GTK_BOX (self), pager);

  g_signal_connect_swapped (self->newer_button, "clicked", G_CALLBACK (till_audit_page_newer), self);
  g_signal_connect_swapped (self->older_button, "clicked", G_CALLBACK (till_audit_page_older), self);
  g_signal_connect_swapped (self->action_entry, "activate", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->day_entry, "activate", G_CALLBACK (on_filter_changed), self);
}

GtkWidget *
till_audit_page_new (TillContext *context)
{
  TillAuditPage *self;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  self = g_object_new (TILL_TYPE_AUDIT_PAGE, NULL);
  self->context = g_object_ref (context);
  fill_staff (self);
  g_signal_connect_swapped (self->staff_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  reload (self);
  return GTK_WIDGET (self);
}

guint
till_audit_page_get_n_rows (TillAuditPage *self)
{
  g_return_val_if_fail (TILL_IS_AUDIT_PAGE (self), 0);
  return self->n_rows;
}

const char *
till_audit_page_get_status (TillAuditPage *self)
{
  g_return_val_if_fail (TILL_IS_AUDIT_PAGE (self), NULL);
  return self->status_text != NULL ? self->status_text : "";
}
