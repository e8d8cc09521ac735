/* till-print-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-print-banner.h"

struct _TillPrintBanner
{
  GtkWidget             parent_instance;

  /* child widgets */
  GtkWidget            *revealer;
  GtkWidget            *label;
  GtkWidget            *retry_button;

  /* owned */
  TillReceiptService   *service;
  TillReceiptJobRecord *job;            /* shown; NULL when hidden */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (TillPrintBanner, till_print_banner, GTK_TYPE_WIDGET)

static gboolean
same_receipt (const TillReceiptJobRecord *a,
              const TillReceiptJobRecord *b)
{
  return a->register_id == b->register_id && a->receipt_number == b->receipt_number &&
         (a->receipt_number != 0 || a->order_id == b->order_id);
}

static void
hide (TillPrintBanner *self)
{
  g_clear_pointer (&self->job, till_receipt_job_record_free);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

static void
show_job (TillPrintBanner            *self,
          const TillReceiptJobRecord *job)
{
  g_autofree char *number = till_receipt_format_number (job->register_id, job->receipt_number);
  g_autofree char *message = NULL;

  if (number == NULL)
    message = g_strdup_printf (_("The quote was not printed: %s"), job->reason);
  else if (g_str_equal (job->status, "held"))
    message = g_strdup_printf (_("Receipt %s is held at the printer: %s"), number, job->reason);
  else
    message = g_strdup_printf (_("Receipt %s was not printed: %s"), number, job->reason);

  g_clear_pointer (&self->job, till_receipt_job_record_free);
  self->job = till_receipt_job_record_copy (job);
  gtk_label_set_text (GTK_LABEL (self->label), message);
  gtk_widget_set_sensitive (self->retry_button, TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

static void
on_job_changed (TillReceiptService *service,
                gint64              job_id,
                TillPrintBanner    *self)
{
  TillStore *store = till_context_get_store (till_receipt_service_get_context (service));
  g_autoptr(TillReceiptJobRecord) job = till_receipt_jobs_get (store, job_id, NULL);

  if (job == NULL)
    return;
  if (g_str_equal (job->status, "failed") || g_str_equal (job->status, "held"))
    show_job (self, job);
  else if (g_str_equal (job->status, "printed") && self->job != NULL && same_receipt (job, self->job))
    hide (self);
}

static void
on_retried (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TillPrintBanner) self = user_data;
  g_autoptr(TillReceiptJobRecord) job = NULL;
  g_autoptr(GError) error = NULL;

  job = till_receipt_service_print_finish (TILL_RECEIPT_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The job's own change already updated the banner; a refusal is said here. */
  if (job == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->label), error->message);
      gtk_widget_set_sensitive (self->retry_button, FALSE);
    }
}

void
till_print_banner_retry (TillPrintBanner *self)
{
  g_return_if_fail (TILL_IS_PRINT_BANNER (self));

  if (self->job == NULL)
    return;
  gtk_widget_set_sensitive (self->retry_button, FALSE);
  gtk_label_set_text (GTK_LABEL (self->label), _("Printing again…"));
  till_receipt_service_retry_async (self->service, self->job->id, self->cancellable, on_retried,
                                    g_object_ref (self));
}

static void
on_retry_clicked (GtkButton       *button,
                  TillPrintBanner *self)
{
  till_print_banner_retry (self);
}

static void
on_dismiss_clicked (GtkButton       *button,
                    TillPrintBanner *self)
{
  hide (self);
}

static void
till_print_banner_dispose (GObject *object)
{
  TillPrintBanner *self = TILL_PRINT_BANNER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (till_print_banner_parent_class)->dispose (object);
}

static void
till_print_banner_finalize (GObject *object)
{
  TillPrintBanner *self = TILL_PRINT_BANNER (object);

  g_clear_pointer (&self->job, till_receipt_job_record_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (till_print_banner_parent_class)->finalize (object);
}

static void
till_print_banner_class_init (TillPrintBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = till_print_banner_dispose;
  object_class->finalize = till_print_banner_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "print-banner");
}

static void
till_print_banner_init (TillPrintBanner *self)
{
  GtkWidget *box, *icon, *dismiss;

  self->cancellable = g_cancellable_new ();
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  icon = gtk_image_new_from_icon_name ("printer-error-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Printer problem"), -1);
  self->label = gtk_label_new ("");
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "print-problem", -1);
  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_valign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self);
  dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_tooltip_text (dismiss, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  g_signal_connect (dismiss, "clicked", G_CALLBACK (on_dismiss_clicked), self);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->retry_button);
  gtk_box_append (GTK_BOX (box), dismiss);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
}

GtkWidget *
till_print_banner_new (TillReceiptService *service)
{
  TillPrintBanner *self;
  g_autoptr(GPtrArray) unsettled = NULL;

  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (service), NULL);

  self = g_object_new (TILL_TYPE_PRINT_BANNER, NULL);
  self->service = g_object_ref (service);
  g_signal_connect_object (service, "job-changed", G_CALLBACK (on_job_changed), self, 0);
  unsettled = till_receipt_service_list_unsettled (service, NULL);
  if (unsettled != NULL && unsettled->len > 0)
    show_job (self, unsettled->pdata[0]);
  return GTK_WIDGET (self);
}

gint64
till_print_banner_get_job_id (TillPrintBanner *self)
{
  g_return_val_if_fail (TILL_IS_PRINT_BANNER (self), 0);
  return self->job != NULL ? self->job->id : 0;
}

const char *
till_print_banner_get_message (TillPrintBanner *self)
{
  g_return_val_if_fail (TILL_IS_PRINT_BANNER (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}
