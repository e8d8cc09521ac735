/* till-privacy-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-access.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-privacy.h"
#include "till-privacy-service.h"

char *
till_privacy_service_export (TillContext  *context,
                             gint64        customer_id,
                             GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_access_check (context, TILL_OPERATION_CUSTOMER_DATA, error))
    return NULL;
  json = till_privacy_export_json (till_context_get_store (context), customer_id, error);
  if (json == NULL)
    return NULL;
  if (!till_context_audit (context, "customer.export", "customer", customer_id, "", error))
    return NULL;
  return g_steal_pointer (&json);
}

typedef struct
{
  TillContext *context;
  gint64       customer_id;
  gboolean     already;
} Erase;

static gboolean
erase_in_transaction (TillStore  *store,
                      gpointer    user_data,
                      GError    **error)
{
  Erase *data = user_data;
  g_autoptr(TillCustomerRecord) customer = NULL;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autofree char *fields = NULL;

  customer = till_customers_get (store, data->customer_id, error);
  if (customer == NULL)
    return FALSE;
  if (customer->erased_at != NULL)
    {
      data->already = TRUE;
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Customer %" G_GINT64_FORMAT " was erased already.", data->customer_id);
      return FALSE;
    }
  return till_privacy_erase (store, data->customer_id, now, &fields, error) &&
         till_context_audit (data->context, "customer.erase", "customer", data->customer_id, fields, error);
}

gboolean
till_privacy_service_erase (TillContext  *context,
                            gint64        customer_id,
                            GError      **error)
{
  Erase data = { context, customer_id, FALSE };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_CUSTOMER_DATA, error))
    return FALSE;
  if (!till_store_transaction (till_context_get_store (context), erase_in_transaction, &data, error))
    {
      /* Erasing again is refused, but finishes a scrub that a reader kept
       * from truncating the WAL the first time. */
      if (data.already)
        {
          g_autoptr(GError) scrub_error = NULL;
          if (!till_privacy_scrub (till_context_get_store (context), &scrub_error))
            g_debug ("Scrubbing an erased customer again failed: %s", scrub_error->message);
        }
      return FALSE;
    }
  return till_privacy_scrub (till_context_get_store (context), error);
}

gboolean
till_privacy_service_reveal_contact (TillContext  *context,
                                     gint64        customer_id,
                                     GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return till_access_check (context, TILL_OPERATION_REVEAL_CONTACT, error) &&
         till_context_audit (context, "customer.reveal", "customer", customer_id,
                             "phone,email,address,birthday", error);
}
