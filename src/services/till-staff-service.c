/* till-staff-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-error.h"
#include "till-pin.h"
#include "till-staff.h"
#include "till-staff-service.h"

GPtrArray *
till_staff_service_list_active (TillContext  *context,
                                GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *active;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  all = till_staff_list (till_context_get_store (context), error);
  if (all == NULL)
    return NULL;
  active = g_ptr_array_new_with_free_func ((GDestroyNotify)till_staff_record_free);
  for (guint i = 0; i < all->len; i++)
    {
      TillStaffRecord *record = all->pdata[i];
      if (record->active)
        g_ptr_array_add (active, g_steal_pointer (&all->pdata[i]));
    }
  return active;
}

gboolean
till_staff_service_needs_first_admin (TillContext  *context,
                                      gboolean     *out_needed,
                                      GError      **error)
{
  gint64 count;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  count = till_staff_count (till_context_get_store (context), FALSE, error);
  if (count < 0)
    return FALSE;
  *out_needed = count == 0;
  return TRUE;
}

static gboolean
validate_name (const char  *name,
               GError     **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Enter a name.");
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "Enter a name.");
      return FALSE;
    }
  if (strpbrk (stripped, "\n\r\t") != NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "A name is one line: remove the line break.");
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > TILL_STAFF_NAME_MAX)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "A name has at most %d characters.", TILL_STAFF_NAME_MAX);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  TillContext *context;
  const char  *name;
  const char  *hash;
  gint64       id;
} FirstAdmin;

static gboolean
insert_first_admin (TillStore  *store,
                    gpointer    user_data,
                    GError    **error)
{
  FirstAdmin *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  gint64 count = till_staff_count (store, FALSE, error);

  if (count < 0)
    return FALSE;
  if (count > 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "This shop already has staff: an admin adds new members.");
      return FALSE;
    }
  if (!till_staff_insert (store, data->name, "admin", data->hash, now, &data->id, error))
    return FALSE;
  till_context_set_staff (data->context, data->id, data->name, "admin");
  return till_context_audit (data->context, "staff.add", "staff", data->id, "name,role,pin", error) &&
         till_context_audit (data->context, "staff.sign-in", "staff", data->id, "", error);
}

gboolean
till_staff_service_create_first_admin (TillContext  *context,
                                       const char   *name,
                                       const char   *pin,
                                       GError      **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *hash = NULL;
  FirstAdmin data = { 0 };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!validate_name (name, error) || !till_pin_validate (pin != NULL ? pin : "", error))
    return FALSE;

  stripped = g_strstrip (g_strdup (name));
  cost = till_context_dup_setting (context, "security.pin_cost", "interactive");
  hash = till_pin_hash (pin, till_pin_cost_from_setting (cost), error);
  if (hash == NULL)
    return FALSE;

  data.context = context;
  data.name = stripped;
  data.hash = hash;
  if (!till_store_transaction (till_context_get_store (context), insert_first_admin, &data, error))
    {
      till_context_clear_staff (context);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64  staff_id;
  char   *name;
  char   *role;
  char   *hash;
  char   *pin;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_free (data->name);
  g_free (data->role);
  g_free (data->hash);
  if (data->pin != NULL)
    {
      memset (data->pin, 0, strlen (data->pin));
      g_free (data->pin);
    }
  g_free (data);
}

/* Looks the member up; FALSE (with @error) when they cannot sign in at all. */
static SignIn *
prepare_sign_in (TillContext  *context,
                 gint64        staff_id,
                 const char   *pin,
                 GError      **error)
{
  g_autoptr(TillStaffRecord) record = NULL;
  SignIn *data;

  record = till_staff_get_by_id (till_context_get_store (context), staff_id, error);
  if (record == NULL)
    return NULL;
  if (!record->active)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "%s can no longer sign in: an admin disabled this member.", record->name);
      return NULL;
    }

  data = g_new0 (SignIn, 1);
  data->staff_id = staff_id;
  data->name = g_strdup (record->name);
  data->role = g_strdup (record->role);
  data->hash = g_strdup (record->pin_hash);
  data->pin = g_strdup (pin != NULL ? pin : "");
  return data;
}

static gboolean
complete_sign_in (TillContext  *context,
                  SignIn       *data,
                  gboolean      verified,
                  GError      **error)
{
  if (!verified)
    {
      g_autoptr(GError) audit_error = NULL;

      /* The failure is recorded even though the sign-in is refused. */
      if (!till_context_audit (context, "staff.sign-in-failed", "staff", data->staff_id, "", &audit_error))
        g_debug ("Recording a failed sign-in failed: %s", audit_error->message);
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "Wrong PIN for %s. Try again.", data->name);
      return FALSE;
    }

  till_context_set_staff (context, data->staff_id, data->name, data->role);
  if (!till_context_audit (context, "staff.sign-in", "staff", data->staff_id, "", error))
    {
      till_context_clear_staff (context);
      return FALSE;
    }
  return TRUE;
}

gboolean
till_staff_service_sign_in (TillContext  *context,
                            gint64        staff_id,
                            const char   *pin,
                            GError      **error)
{
  SignIn *data;
  gboolean ok;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  data = prepare_sign_in (context, staff_id, pin, error);
  if (data == NULL)
    return FALSE;
  ok = complete_sign_in (context, data, till_pin_verify (data->hash, data->pin), error);
  sign_in_free (data);
  return ok;
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SignIn *data = task_data;

  /* Only the hash and the PIN cross into the thread: never the store. */
  g_task_return_boolean (task, till_pin_verify (data->hash, data->pin));
}

void
till_staff_service_sign_in_async (TillContext         *context,
                                  gint64               staff_id,
                                  const char          *pin,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SignIn *data;

  g_return_if_fail (TILL_IS_CONTEXT (context));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, till_staff_service_sign_in_async);

  data = prepare_sign_in (context, staff_id, pin, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify)sign_in_free);
  g_task_run_in_thread (task, verify_in_thread);
}

gboolean
till_staff_service_sign_in_finish (TillContext   *context,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  GTask *task = G_TASK (result);
  GError *local_error = NULL;
  gboolean verified;

  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);

  verified = g_task_propagate_boolean (task, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* Back on the main thread: record the outcome. */
  return complete_sign_in (context, g_task_get_task_data (task), verified, error);
}

void
till_staff_service_sign_out (TillContext *context)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  g_return_if_fail (TILL_IS_CONTEXT (context));

  staff_id = till_context_get_staff_id (context);
  if (staff_id == 0)
    return;
  if (!till_context_audit (context, "staff.sign-out", "staff", staff_id, "", &error))
    g_debug ("Recording a sign-out failed: %s", error->message);
  till_context_clear_staff (context);
}
