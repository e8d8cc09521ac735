/* till-receipt-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "till-contact.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-money.h"
#include "till-receipt-service.h"
#include "till-staff.h"

#define DEFAULT_TIMEOUT_SECONDS 30

/* Building a receipt from the database ------------------------------------- */

static char *
setting (TillContext *context,
         const char  *key)
{
  return till_context_dup_setting (context, key, "");
}

static GTimeZone *
shop_time_zone (TillContext *context)
{
  g_autofree char *name = setting (context, "time_zone");
  GTimeZone *zone = name[0] != '\0' ? g_time_zone_new_identifier (name) : NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}

/* A stored UTC time in the shop's time zone */
static GDateTime *
shop_time (TillContext *context,
           const char  *iso)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (iso == NULL || (utc = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return NULL;
  zone = shop_time_zone (context);
  return g_date_time_to_timezone (utc, zone);
}

static void
take_text (char **field,
           char  *value)
{
  g_free (*field);
  *field = value;
}

static void
fill_shop (TillContext *context,
           TillReceipt *receipt)
{
  g_autofree char *logo = setting (context, "receipt.logo");

  take_text (&receipt->shop_name, setting (context, "shop.name"));
  take_text (&receipt->shop_address, setting (context, "shop.address"));
  take_text (&receipt->shop_tax_id, setting (context, "shop.tax_id"));
  take_text (&receipt->header, setting (context, "receipt.header"));
  take_text (&receipt->footer, setting (context, "receipt.footer"));
  if (logo[0] != '\0')
    {
      /* DESIGN.md: relative to the database's folder */
      g_autofree char *folder = g_path_get_dirname (till_store_get_path (till_context_get_store (context)));
      receipt->logo_path = g_path_is_absolute (logo) ? g_strdup (logo) : g_build_filename (folder, logo, NULL);
    }
}

static void
fill_cashier (TillContext *context,
              TillReceipt *receipt,
              gint64       staff_id)
{
  g_autoptr(TillStaffRecord) staff = NULL;

  if (staff_id > 0)
    staff = till_staff_get_by_id (till_context_get_store (context), staff_id, NULL);
  if (staff != NULL)
    take_text (&receipt->cashier, g_strdup (staff->name));
}

/* The customer appears as the masked card only (DESIGN.md). */
static void
fill_card (TillContext *context,
           TillReceipt *receipt,
           gint64       customer_id)
{
  g_autoptr(TillCustomerRecord) customer = NULL;

  if (customer_id > 0)
    customer = till_customers_get (till_context_get_store (context), customer_id, NULL);
  if (customer != NULL && customer->card != NULL && customer->card[0] != '\0' && customer->erased_at == NULL)
    receipt->card = till_card_mask (customer->card);
}

static TillReceipt *
receipt_from_order (TillContext      *context,
                    TillOrderRecord  *order,
                    GError          **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) taxes = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  gboolean quote = g_strcmp0 (order->status, "quote") == 0;

  if (!quote && g_strcmp0 (order->status, "paid") != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           _("Only a paid order has a receipt, and only a kept quote prints as a quote."));
      return NULL;
    }
  lines = till_orders_get_lines (store, order->id, error);
  if (lines == NULL || (taxes = till_orders_get_taxes (store, order->id, error)) == NULL ||
      (payments = till_orders_get_payments (store, order->id, error)) == NULL)
    return NULL;

  receipt = till_receipt_new (quote ? TILL_RECEIPT_QUOTE : TILL_RECEIPT_SALE, order->currency);
  receipt->prices_include_tax = order->prices_include_tax;
  fill_shop (context, receipt);
  fill_cashier (context, receipt, order->staff_id);
  fill_card (context, receipt, order->customer_id);
  receipt->register_id = order->register_id;
  receipt->number = quote ? 0 : order->receipt_number;
  receipt->time = shop_time (context, quote ? order->opened_at : order->paid_at);

  for (guint i = 0; i < lines->len; i++)
    {
      const TillOrderLineRecord *l = lines->pdata[i];
      TillReceiptLine *line = till_receipt_add_line (receipt, l->name, l->note, l->qty, l->sold_by_weight,
                                                     l->unit_price, l->base, l->tax_rate_bp);

      till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_LINE,
                                      g_strcmp0 (l->discount_kind, "percent") == 0 ? l->discount_value : 0,
                                      l->line_discount);
      till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_TIER, order->tier_bp, l->tier_discount);
      till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_REWARD, 0, l->reward);
      till_receipt_line_add_discount (line, TILL_RECEIPT_DISCOUNT_ORDER,
                                      g_strcmp0 (order->order_discount_kind, "percent") == 0
                                      ? order->order_discount_value : 0,
                                      l->order_discount);
    }
  for (guint i = 0; i < taxes->len; i++)
    {
      const TillOrderTaxRecord *t = taxes->pdata[i];
      till_receipt_add_tax (receipt, t->rate_bp, t->net, t->tax, t->gross);
    }
  receipt->subtotal = order->subtotal;
  receipt->savings = order->savings;
  receipt->tax = order->tax;
  receipt->total = order->total;

  if (!quote)
    {
      for (guint i = 0; i < payments->len; i++)
        {
          const TillPaymentRecord *p = payments->pdata[i];

          if (g_strcmp0 (p->status, "approved") != 0)
            continue;
          /* Cash shows what was handed over; the change follows. */
          till_receipt_add_tender (receipt, p->kind, g_str_equal (p->kind, "cash") ? p->tendered : p->amount,
                                   p->reference);
        }
      receipt->rounding = order->rounding;
      receipt->change = order->change;
      if (order->has_loyalty)
        {
          receipt->has_loyalty = TRUE;
          receipt->points_earned = order->loyalty_earned;
          receipt->points_redeemed = order->loyalty_redeemed;
          receipt->points_balance = order->loyalty_balance_after;
          take_text (&receipt->tier, g_strdup (order->loyalty_tier != NULL ? order->loyalty_tier : ""));
          take_text (&receipt->next_tier, g_strdup (order->loyalty_next_tier != NULL ? order->loyalty_next_tier : ""));
          receipt->to_next_tier = order->loyalty_to_next_tier;
        }
    }
  return g_steal_pointer (&receipt);
}

TillReceipt *
till_receipt_service_load_order (TillContext  *context,
                                 gint64        order_id,
                                 GError      **error)
{
  g_autoptr(TillOrderRecord) order = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  order = till_orders_get (till_context_get_store (context), order_id, error);
  if (order == NULL)
    return NULL;
  return receipt_from_order (context, order, error);
}

TillReceipt *
till_receipt_service_load_refund (TillContext  *context,
                                  gint64        refund_id,
                                  GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillRefundRecord) refund = NULL;
  g_autoptr(TillOrderRecord) order = NULL;
  g_autoptr(GArray) refunded = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) tenders = NULL;
  g_autoptr(TillReceipt) receipt = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  refund = till_receipts_get_refund (store, refund_id, error);
  if (refund == NULL || (order = till_orders_get (store, refund->order_id, error)) == NULL ||
      (lines = till_orders_get_lines (store, order->id, error)) == NULL ||
      (refunded = till_receipts_get_refund_lines (store, refund_id, error)) == NULL ||
      (tenders = till_orders_get_refund_tenders (store, refund_id, error)) == NULL)
    return NULL;

  receipt = till_receipt_new (TILL_RECEIPT_REFUND, order->currency);
  receipt->prices_include_tax = order->prices_include_tax;
  fill_shop (context, receipt);
  fill_cashier (context, receipt, refund->staff_id);
  fill_card (context, receipt, order->customer_id);
  receipt->register_id = refund->register_id;
  receipt->number = refund->receipt_number;
  receipt->time = shop_time (context, refund->at);
  receipt->original_number = order->receipt_number;
  receipt->original_time = shop_time (context, order->paid_at);

  for (guint i = 0; i < refunded->len; i++)
    {
      const TillRefundLineRecord *r = &g_array_index (refunded, TillRefundLineRecord, i);
      const TillOrderLineRecord *l = NULL;
      guint t;

      for (guint j = 0; j < lines->len && l == NULL; j++)
        if (((TillOrderLineRecord *)lines->pdata[j])->id == r->line_id)
          l = lines->pdata[j];
      if (l == NULL)
        continue;
      till_receipt_add_line (receipt, l->name, "", r->qty, l->sold_by_weight, l->unit_price, r->amount,
                             l->tax_rate_bp);

      /* The breakdown of what was paid back, per rate */
      for (t = 0; t < receipt->taxes->len; t++)
        if (((TillReceiptTax *)receipt->taxes->pdata[t])->rate_bp == l->tax_rate_bp)
          break;
      if (t == receipt->taxes->len)
        {
          guint at = 0;

          while (at < receipt->taxes->len && ((TillReceiptTax *)receipt->taxes->pdata[at])->rate_bp < l->tax_rate_bp)
            at++;
          g_ptr_array_insert (receipt->taxes, (int)at, g_new0 (TillReceiptTax, 1));
          ((TillReceiptTax *)receipt->taxes->pdata[at])->rate_bp = l->tax_rate_bp;
          t = at;
        }
      ((TillReceiptTax *)receipt->taxes->pdata[t])->gross += r->amount;
      ((TillReceiptTax *)receipt->taxes->pdata[t])->tax += r->tax;
      ((TillReceiptTax *)receipt->taxes->pdata[t])->net += r->amount - r->tax;
    }
  receipt->total = refund->amount;
  receipt->tax = refund->tax;
  for (guint i = 0; i < tenders->len; i++)
    {
      const TillRefundTenderRecord *t = tenders->pdata[i];
      till_receipt_add_tender (receipt, t->kind, t->amount, "");
    }
  receipt->rounding = refund->rounding;
  receipt->payout = refund->payout;
  receipt->points_reversed = refund->points;
  receipt->points_restored = refund->reward_restored;
  return g_steal_pointer (&receipt);
}

TillReceipt *
till_receipt_service_load (TillContext  *context,
                           gint64        register_id,
                           gint64        number,
                           GError      **error)
{
  TillReceiptRef ref;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_receipts_find (till_context_get_store (context), register_id, number, &ref, error))
    return NULL;
  if (ref.refund_id > 0)
    return till_receipt_service_load_refund (context, ref.refund_id, error);
  return till_receipt_service_load_order (context, ref.order_id, error);
}

/* The archive ----------------------------------------------------------------- */

char *
till_receipt_service_archive_path (TillContext *context,
                                   gint64       register_id,
                                   gint64       number)
{
  g_autofree char *root = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  root = till_store_dup_archive_dir (till_context_get_store (context));
  folder = g_strdup_printf ("register-%" G_GINT64_FORMAT, register_id);
  name = g_strdup_printf ("receipt-%06" G_GINT64_FORMAT ".pdf", number);
  return g_build_filename (root, folder, name, NULL);
}

static gboolean
make_private_folder (const char  *folder,
                     GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create the receipts folder %s: %s"),
                   folder, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Written beside its name and renamed, so the archive never holds half a
 * receipt; 0600 in 0700 folders like the database. */
static gboolean
write_archive (TillContext        *context,
               const TillReceipt  *receipt,
               GError            **error)
{
  g_autofree char *path = till_receipt_service_archive_path (context, receipt->register_id, receipt->number);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *root = g_path_get_dirname (folder);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!make_private_folder (root, error) || !make_private_folder (folder, error))
    return FALSE;
  if (!till_receipt_render_pdf (receipt, TILL_RECEIPT_ARCHIVE_PAPER, partial, &local_error))
    {
      g_unlink (partial);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_chmod (partial, 0600) != 0 || g_rename (partial, path) != 0)
    {
      int saved = errno;
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write the receipt %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
archive_failed (TillContext  *context,
                gint64        register_id,
                gint64        number,
                GError      **error)
{
  g_autofree char *label = till_receipt_format_number (register_id, number);
  g_autofree char *summary = g_strdup_printf (_("Receipt %s was not archived"), label);
  g_autoptr(GError) notify_error = NULL;

  /* The sale is complete: say so, and why the PDF is missing. */
  if (!till_notifier_notify (till_context_get_notifier (context), "archive-failed", summary,
                             error != NULL && *error != NULL ? (*error)->message : "", &notify_error))
    g_debug ("archive notification: %s", notify_error->message);
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", summary);
  return FALSE;
}

gboolean
till_receipt_service_archive_order (TillContext  *context,
                                    gint64        order_id,
                                    GError      **error)
{
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  receipt = till_receipt_service_load_order (context, order_id, &local_error);
  if (receipt == NULL || receipt->kind != TILL_RECEIPT_SALE || !write_archive (context, receipt, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, TILL_ERROR, TILL_ERROR_REFUSED, _("Only paid orders are archived."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return archive_failed (context, receipt != NULL ? receipt->register_id : 0,
                             receipt != NULL ? receipt->number : 0, error);
    }
  return TRUE;
}

gboolean
till_receipt_service_archive_refund (TillContext  *context,
                                     gint64        refund_id,
                                     GError      **error)
{
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  receipt = till_receipt_service_load_refund (context, refund_id, &local_error);
  if (receipt == NULL || !write_archive (context, receipt, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return archive_failed (context, receipt != NULL ? receipt->register_id : 0,
                             receipt != NULL ? receipt->number : 0, error);
    }
  return TRUE;
}

gboolean
till_receipt_service_archive_missing (TillContext  *context,
                                      guint         days,
                                      guint        *out_written,
                                      GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) since_time = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GArray) refs = NULL;
  guint written = 0;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  now = till_context_now (context);
  since_time = g_date_time_add_days (now, -(gint)MIN (days, 36600));
  since = till_store_format_time (since_time);
  refs = till_receipts_list_since (till_context_get_store (context), since, error);
  if (refs == NULL)
    return FALSE;
  for (guint i = 0; i < refs->len; i++)
    {
      const TillReceiptRef *ref = &g_array_index (refs, TillReceiptRef, i);
      g_autofree char *path = till_receipt_service_archive_path (context, ref->register_id, ref->number);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (ref->refund_id > 0 ? !till_receipt_service_archive_refund (context, ref->refund_id, error)
                             : !till_receipt_service_archive_order (context, ref->order_id, error))
        return FALSE;
      written++;
    }
  if (out_written != NULL)
    *out_written = written;
  return TRUE;
}

/* The service ------------------------------------------------------------------ */

struct _TillReceiptService
{
  GObject       parent_instance;

  /* owned */
  TillContext  *context;
  TillPrinter  *printer;
  char         *printer_name;
  TillPaper     paper;
  gboolean      auto_print;
};

G_DEFINE_FINAL_TYPE (TillReceiptService, till_receipt_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRINTER_NAME,
  PROP_PAPER,
  PROP_AUTO_PRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  JOB_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
till_receipt_service_dispose (GObject *object)
{
  TillReceiptService *self = TILL_RECEIPT_SERVICE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (till_receipt_service_parent_class)->dispose (object);
}

static void
till_receipt_service_finalize (GObject *object)
{
  TillReceiptService *self = TILL_RECEIPT_SERVICE (object);

  g_clear_pointer (&self->printer_name, g_free);

  G_OBJECT_CLASS (till_receipt_service_parent_class)->finalize (object);
}

static void
till_receipt_service_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TillReceiptService *self = TILL_RECEIPT_SERVICE (object);

  switch (prop_id)
    {
    case PROP_PRINTER_NAME:
      g_value_set_string (value, self->printer_name);
      break;
    case PROP_PAPER:
      g_value_set_string (value, till_paper_to_string (self->paper));
      break;
    case PROP_AUTO_PRINT:
      g_value_set_boolean (value, self->auto_print);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_receipt_service_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TillReceiptService *self = TILL_RECEIPT_SERVICE (object);

  switch (prop_id)
    {
    case PROP_PRINTER_NAME:
      till_receipt_service_set_printer_name (self, g_value_get_string (value));
      break;
    case PROP_PAPER:
      {
        TillPaper paper;

        if (till_paper_parse (g_value_get_string (value), &paper))
          till_receipt_service_set_paper (self, paper);
      }
      break;
    case PROP_AUTO_PRINT:
      till_receipt_service_set_auto_print (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_receipt_service_class_init (TillReceiptServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_receipt_service_dispose;
  object_class->finalize = till_receipt_service_finalize;
  object_class->get_property = till_receipt_service_get_property;
  object_class->set_property = till_receipt_service_set_property;

  properties[PROP_PRINTER_NAME] =
    g_param_spec_string ("printer-name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAPER] =
    g_param_spec_string ("paper", NULL, NULL, "80",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_PRINT] =
    g_param_spec_boolean ("auto-print", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A job was queued, or ended: printed, failed or held.  The window shows
   * a failed or held one with a retry button. */
  signals[JOB_CHANGED] = g_signal_new ("job-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
till_receipt_service_init (TillReceiptService *self)
{
  self->printer_name = g_strdup ("");
  self->paper = TILL_PAPER_80;
  self->auto_print = TRUE;
}

TillReceiptService *
till_receipt_service_new (TillContext *context,
                          TillPrinter *printer)
{
  TillReceiptService *self;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (printer == NULL || TILL_IS_PRINTER (printer), NULL);

  self = g_object_new (TILL_TYPE_RECEIPT_SERVICE, NULL);
  self->context = g_object_ref (context);
  self->printer = printer != NULL ? g_object_ref (printer) : NULL;

  /* A job still queued was cut off when Till stopped; it may have reached
   * the printer (sent), so a print after it is a duplicate. */
  now = till_context_now (context);
  at = till_store_format_time (now);
  if (till_receipt_jobs_interrupt (till_context_get_store (context),
                                   _("Till stopped before the printer answered."), at, &error) < 0)
    g_debug ("receipt jobs: %s", error->message);
  return self;
}

TillContext *
till_receipt_service_get_context (TillReceiptService *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), NULL);
  return self->context;
}

const char *
till_receipt_service_get_printer_name (TillReceiptService *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), NULL);
  return self->printer_name;
}

void
till_receipt_service_set_printer_name (TillReceiptService *self,
                                       const char         *queue)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));

  if (queue == NULL)
    queue = "";
  if (g_str_equal (queue, self->printer_name))
    return;
  g_free (self->printer_name);
  self->printer_name = g_strdup (queue);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINTER_NAME]);
}

TillPaper
till_receipt_service_get_paper (TillReceiptService *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), TILL_PAPER_80);
  return self->paper;
}

void
till_receipt_service_set_paper (TillReceiptService *self,
                                TillPaper           paper)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));
  g_return_if_fail (paper <= TILL_PAPER_A4);

  if (self->paper == paper)
    return;
  self->paper = paper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

gboolean
till_receipt_service_get_auto_print (TillReceiptService *self)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), FALSE);
  return self->auto_print;
}

void
till_receipt_service_set_auto_print (TillReceiptService *self,
                                     gboolean            auto_print)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));

  auto_print = !!auto_print;
  if (self->auto_print == auto_print)
    return;
  self->auto_print = auto_print;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_PRINT]);
}

void
till_receipt_service_bind_settings (TillReceiptService *self,
                                    GSettings          *settings)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "printer", self, "printer-name", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "paper", self, "paper", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "auto-print", self, "auto-print", G_SETTINGS_BIND_GET);
}

/* Printing ---------------------------------------------------------------- */

typedef struct
{
  TillReceiptJobRecord *job;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_pointer (&data->job, till_receipt_job_record_free);
  g_free (data);
}

static guint
timeout_seconds (TillContext *context)
{
  g_autofree char *text = till_context_dup_setting (context, "print.timeout_seconds", NULL);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 3600, &value, NULL))
    return DEFAULT_TIMEOUT_SECONDS;
  return (guint)value;
}

static char *
job_title (const TillReceiptJobRecord *job)
{
  g_autofree char *number = till_receipt_format_number (job->register_id, job->receipt_number);

  if (number == NULL)
    return g_strdup_printf ("Till quote %" G_GINT64_FORMAT " (job %" G_GINT64_FORMAT ")", job->order_id, job->id);
  return g_strdup_printf ("Till receipt %s%s (job %" G_GINT64_FORMAT ")", number,
                          job->duplicate ? " duplicate" : "", job->id);
}

static void
notify_failure (TillReceiptService         *self,
                const TillReceiptJobRecord *job)
{
  g_autofree char *number = till_receipt_format_number (job->register_id, job->receipt_number);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;

  if (number != NULL)
    summary = g_strdup_printf (g_str_equal (job->status, "held") ? _("Receipt %s is held at the printer")
                                                                  : _("Receipt %s was not printed"),
                               number);
  else
    summary = g_strdup (_("The quote was not printed"));
  /* A missing notification service never stops anything: the window shows
   * the job too. */
  if (!till_notifier_notify (till_context_get_notifier (self->context), "print-failed", summary, job->reason, &error))
    g_debug ("print notification: %s", error->message);
}

static void
finish_job (TillReceiptService *self,
            GTask              *task,
            const char         *status,
            const char         *reason,
            gboolean            sent)
{
  PrintData *data = g_task_get_task_data (task);
  TillReceiptJobRecord *job = data->job;
  g_autoptr(GDateTime) now = till_context_now (self->context);
  g_autofree char *at = till_store_format_time (now);
  g_autoptr(GError) error = NULL;

  g_free (job->status);
  job->status = g_strdup (status);
  g_free (job->reason);
  job->reason = g_strdup (reason != NULL ? reason : "");
  job->sent = sent;
  g_free (job->updated_at);
  job->updated_at = g_strdup (at);
  if (!till_receipt_jobs_set_status (till_context_get_store (self->context), job->id, status, job->reason, sent, at,
                                     &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_str_equal (status, "printed"))
    notify_failure (self, job);
  g_signal_emit (self, signals[JOB_CHANGED], 0, job->id);
  g_task_return_pointer (task, till_receipt_job_record_copy (job), (GDestroyNotify)till_receipt_job_record_free);
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TillReceiptService *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (till_printer_print_finish (TILL_PRINTER (source), result, &error))
    finish_job (self, task, "printed", "", TRUE);
  else
    finish_job (self, task, till_printer_error_is_held (error) ? "held" : "failed", error->message,
                till_printer_error_was_sent (error));
}

typedef enum
{
  PRINT_FIRST,
  PRINT_REPRINT,
  PRINT_RETRY,
  PRINT_QUOTE,
} PrintKind;

static void
start_print (TillReceiptService *self,
             PrintKind           kind,
             gint64              register_id,
             gint64              number,
             gint64              order_id,
             gint64              retry_of,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  TillStore *store = till_context_get_store (self->context);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(TillReceipt) receipt = NULL;
  g_autoptr(TillReceiptLayout) layout = NULL;
  g_autoptr(GDateTime) now = till_context_now (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  TillReceiptJobRecord *job;
  PrintData *data;
  gboolean sent_before = FALSE;
  TillReceiptRef ref = { 0 };
  const char *action;

  g_task_set_source_tag (task, till_receipt_service_print_async);

  if (kind == PRINT_QUOTE)
    {
      receipt = till_receipt_service_load_order (self->context, order_id, &error);
      if (receipt != NULL && receipt->kind != TILL_RECEIPT_QUOTE)
        {
          g_clear_pointer (&receipt, till_receipt_unref);
          g_set_error_literal (&error, TILL_ERROR, TILL_ERROR_REFUSED, _("This order is not a kept quote."));
        }
      register_id = receipt != NULL ? receipt->register_id : 0;
    }
  else if (till_receipts_find (store, register_id, number, &ref, &error) &&
           till_receipt_jobs_any_sent (store, register_id, number, &sent_before, &error))
    receipt = ref.refund_id > 0 ? till_receipt_service_load_refund (self->context, ref.refund_id, &error)
                                : till_receipt_service_load_order (self->context, ref.order_id, &error);
  if (receipt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  receipt->duplicate = kind != PRINT_QUOTE && sent_before;

  data = g_new0 (PrintData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify)print_data_free);
  job = data->job = g_new0 (TillReceiptJobRecord, 1);
  job->register_id = register_id;
  job->receipt_number = kind == PRINT_QUOTE ? 0 : number;
  job->order_id = kind == PRINT_QUOTE ? order_id : ref.order_id;
  job->refund_id = ref.refund_id;
  job->printer = g_strdup (self->printer_name);
  job->paper = g_strdup (till_paper_to_string (self->paper));
  job->duplicate = receipt->duplicate;
  job->status = g_strdup ("queued");
  job->reason = g_strdup ("");
  job->retry_of = retry_of;
  job->staff_id = till_context_get_staff_id (self->context);
  job->created_at = till_store_format_time (now);
  job->updated_at = g_strdup (job->created_at);

  action = kind == PRINT_QUOTE ? "quote.print" : kind == PRINT_RETRY ? "receipt.retry"
           : kind == PRINT_REPRINT || receipt->duplicate ? "receipt.reprint" : "receipt.print";
  if (!till_receipt_jobs_insert (store, job, &error) ||
      !till_context_audit (self->context, action, "receipt-job", job->id, job->duplicate ? "duplicate" : "", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_emit (self, signals[JOB_CHANGED], 0, job->id);

  if (self->printer == NULL || self->printer_name[0] == '\0')
    {
      finish_job (self, task, "failed", _("No receipt printer is chosen in Settings."), FALSE);
      return;
    }

  layout = till_receipt_layout_new (receipt, self->paper);
  title = job_title (job);
  till_printer_print_async (self->printer, self->printer_name, layout, title, timeout_seconds (self->context),
                            cancellable, on_printed, g_steal_pointer (&task));
}

void
till_receipt_service_print_async (TillReceiptService  *self,
                                  gint64               register_id,
                                  gint64               number,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));
  start_print (self, PRINT_FIRST, register_id, number, 0, 0, cancellable, callback, user_data);
}

void
till_receipt_service_reprint_async (TillReceiptService  *self,
                                    gint64               register_id,
                                    gint64               number,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));
  start_print (self, PRINT_REPRINT, register_id, number, 0, 0, cancellable, callback, user_data);
}

void
till_receipt_service_retry_async (TillReceiptService  *self,
                                  gint64               job_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(TillReceiptJobRecord) job = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));

  job = till_receipt_jobs_get (till_context_get_store (self->context), job_id, &error);
  if (job == NULL || g_str_equal (job->status, "printed") || g_str_equal (job->status, "queued"))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, till_receipt_service_print_async);
      if (error == NULL)
        g_set_error_literal (&error, TILL_ERROR, TILL_ERROR_REFUSED,
                             _("Only a print that failed or is held can be retried."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->receipt_number == 0)
    start_print (self, PRINT_QUOTE, job->register_id, 0, job->order_id, job->id, cancellable, callback, user_data);
  else
    start_print (self, PRINT_RETRY, job->register_id, job->receipt_number, 0, job->id, cancellable, callback,
                 user_data);
}

void
till_receipt_service_print_quote_async (TillReceiptService  *self,
                                        gint64               order_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (TILL_IS_RECEIPT_SERVICE (self));
  start_print (self, PRINT_QUOTE, 0, 0, order_id, 0, cancellable, callback, user_data);
}

TillReceiptJobRecord *
till_receipt_service_print_finish (TillReceiptService  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == till_receipt_service_print_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
till_receipt_service_list_unsettled (TillReceiptService  *self,
                                     GError             **error)
{
  g_return_val_if_fail (TILL_IS_RECEIPT_SERVICE (self), NULL);
  return till_receipt_jobs_list_unsettled (till_context_get_store (self->context), 50, error);
}
