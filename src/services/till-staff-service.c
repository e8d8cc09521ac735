/* till-staff-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-access.h"
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
  if (record->locked_until != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (record->locked_until, NULL);
      g_autoptr(GDateTime) now = till_context_now (context);

      if (until != NULL && g_date_time_compare (now, until) < 0)
        {
          g_autoptr(GError) audit_error = NULL;
          gint64 seconds = g_date_time_difference (until, now) / G_TIME_SPAN_SECOND + 1;

          if (!till_context_audit (context, "staff.sign-in-locked", "staff", staff_id, "", &audit_error))
            g_debug ("Recording a locked-out sign-in failed: %s", audit_error->message);
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "%s is locked out after too many wrong PINs: try again in %" G_GINT64_FORMAT
                       " minutes.", record->name, (seconds + 59) / 60);
          return NULL;
        }
    }

  data = g_new0 (SignIn, 1);
  data->staff_id = staff_id;
  data->name = g_strdup (record->name);
  data->role = g_strdup (record->role);
  data->hash = g_strdup (record->pin_hash);
  data->pin = g_strdup (pin != NULL ? pin : "");
  return data;
}

gint64
till_staff_lockout_seconds (int failed_attempts)
{
  gint64 seconds = TILL_STAFF_LOCKOUT_SECONDS;

  if (failed_attempts < TILL_STAFF_MAX_FAILURES)
    return 0;
  for (int i = TILL_STAFF_MAX_FAILURES; i < failed_attempts && seconds < TILL_STAFF_LOCKOUT_MAX_SECONDS; i++)
    seconds *= 2;
  return MIN (seconds, TILL_STAFF_LOCKOUT_MAX_SECONDS);
}

typedef struct
{
  TillContext *context;
  gint64       staff_id;
  int          failed_attempts;   /* out */
  gint64       lockout;           /* out: seconds, 0 when not locked out */
} Failure;

/* Counts the wrong PIN, locks the member out from the fifth on, and audits both. */
static gboolean
record_failure (TillStore  *store,
                gpointer    user_data,
                GError    **error)
{
  Failure *data = user_data;
  g_autoptr(TillStaffRecord) record = till_staff_get_by_id (store, data->staff_id, error);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (record == NULL)
    return FALSE;
  data->failed_attempts = record->failed_attempts + 1;
  data->lockout = till_staff_lockout_seconds (data->failed_attempts);
  if (data->lockout > 0)
    {
      now = till_context_now (data->context);
      until = g_date_time_add (now, (GTimeSpan)data->lockout * G_TIME_SPAN_SECOND);
    }
  return till_staff_set_failures (store, data->staff_id, data->failed_attempts, until, error) &&
         till_context_audit (data->context, "staff.sign-in-failed", "staff", data->staff_id, "", error) &&
         (data->lockout == 0 ||
          till_context_audit (data->context, "staff.lockout", "staff", data->staff_id, "locked_until", error));
}

static gboolean
record_success (TillStore  *store,
                gpointer    user_data,
                GError    **error)
{
  Failure *data = user_data;

  return till_staff_set_failures (store, data->staff_id, 0, NULL, error) &&
         till_context_audit (data->context, "staff.sign-in", "staff", data->staff_id, "", error);
}

static gboolean
complete_sign_in (TillContext  *context,
                  SignIn       *data,
                  gboolean      verified,
                  GError      **error)
{
  Failure failure = { .context = context, .staff_id = data->staff_id };

  if (!verified)
    {
      g_autoptr(GError) audit_error = NULL;

      /* The failure is recorded even though the sign-in is refused. */
      if (!till_store_transaction (till_context_get_store (context), record_failure, &failure, &audit_error))
        g_debug ("Recording a failed sign-in failed: %s", audit_error->message);
      if (failure.lockout > 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Wrong PIN for %s, %d times: locked out for %" G_GINT64_FORMAT " minutes.",
                     data->name, failure.failed_attempts, (failure.lockout + 59) / 60);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Wrong PIN for %s. Try again.", data->name);
      return FALSE;
    }

  till_context_set_staff (context, data->staff_id, data->name, data->role);
  if (!till_store_transaction (till_context_get_store (context), record_success, &failure, error))
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

void
till_staff_service_lock (TillContext *context,
                         const char  *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id;

  g_return_if_fail (TILL_IS_CONTEXT (context));
  g_return_if_fail (reason != NULL);

  staff_id = till_context_get_staff_id (context);
  if (staff_id == 0)
    return;
  if (!till_context_audit (context, "staff.lock", "staff", staff_id, reason, &error))
    g_debug ("Recording a lock failed: %s", error->message);
  till_context_clear_staff (context);
}

gboolean
till_staff_service_lock_if_idle (TillContext *context,
                                 gint64       idle_seconds)
{
  g_autofree char *setting = NULL;
  gint64 minutes;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_context_is_signed_in (context))
    return FALSE;
  setting = till_context_dup_setting (context, "staff.idle_lock_minutes", "5");
  minutes = g_ascii_strtoll (setting, NULL, 10);
  if (minutes <= 0 || idle_seconds < minutes * 60)
    return FALSE;
  till_staff_service_lock (context, "idle");
  return TRUE;
}

TillStaffRecord *
till_staff_service_find (TillContext  *context,
                         const char   *name,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  TillStaffRecord *record;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  record = till_staff_get_by_name (till_context_get_store (context), name, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
        g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "There is no staff member named “%s”.", name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return record;
}

GPtrArray *
till_staff_service_list (TillContext  *context,
                         GError      **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_access_check (context, TILL_OPERATION_MANAGE_STAFF, error))
    return NULL;
  return till_staff_list (till_context_get_store (context), error);
}

static gboolean
validate_role (const char  *role,
               GError     **error)
{
  if (till_role_from_string (role) == TILL_ROLE_NONE)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "A role is cashier, manager or admin.");
      return FALSE;
    }
  return TRUE;
}

static char *
hash_pin (TillContext  *context,
          const char   *pin,
          GError      **error)
{
  g_autofree char *cost = NULL;

  if (!till_pin_validate (pin != NULL ? pin : "", error))
    return NULL;
  cost = till_context_dup_setting (context, "security.pin_cost", "interactive");
  return till_pin_hash (pin, till_pin_cost_from_setting (cost), error);
}

typedef struct
{
  TillContext *context;
  gint64       staff_id;
  const char  *name;
  const char  *role;
  const char  *hash;
  gboolean     active;
} Change;

static gboolean
add_in_transaction (TillStore  *store,
                    gpointer    user_data,
                    GError    **error)
{
  Change *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autoptr(TillStaffRecord) existing = till_staff_get_by_name (store, data->name, NULL);

  if (existing != NULL)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "There is already a staff member named “%s”.", data->name);
      return FALSE;
    }
  return till_staff_insert (store, data->name, data->role, data->hash, now, &data->staff_id, error) &&
         till_context_audit (data->context, "staff.add", "staff", data->staff_id, "name,role,pin", error);
}

gboolean
till_staff_service_add (TillContext  *context,
                        const char   *name,
                        const char   *role,
                        const char   *pin,
                        gint64       *out_id,
                        GError      **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *hash = NULL;
  Change data = { 0 };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_MANAGE_STAFF, error) ||
      !validate_name (name, error) || !validate_role (role, error))
    return FALSE;
  hash = hash_pin (context, pin, error);
  if (hash == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  data.context = context;
  data.name = stripped;
  data.role = role;
  data.hash = hash;
  if (!till_store_transaction (till_context_get_store (context), add_in_transaction, &data, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = data.staff_id;
  return TRUE;
}

/* Refuses a change that would leave the shop without an active admin. */
static gboolean
keeps_an_admin (TillStore              *store,
                const TillStaffRecord  *member,
                GError                **error)
{
  g_autoptr(GPtrArray) all = NULL;
  guint admins = 0;

  if (!member->active || !g_str_equal (member->role, "admin"))
    return TRUE;
  all = till_staff_list (store, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      const TillStaffRecord *other = all->pdata[i];
      if (other->active && g_str_equal (other->role, "admin"))
        admins++;
    }
  if (admins <= 1)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "%s is the last admin: add another admin first.", member->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_active_in_transaction (TillStore  *store,
                           gpointer    user_data,
                           GError    **error)
{
  Change *data = user_data;
  g_autoptr(TillStaffRecord) member = till_staff_get_by_id (store, data->staff_id, error);

  if (member == NULL)
    return FALSE;
  if (member->active == data->active)
    return TRUE;
  if (!data->active && !keeps_an_admin (store, member, error))
    return FALSE;
  return till_staff_set_active (store, data->staff_id, data->active, error) &&
         till_context_audit (data->context, data->active ? "staff.enable" : "staff.disable",
                             "staff", data->staff_id, "active", error);
}

gboolean
till_staff_service_set_active (TillContext  *context,
                               gint64        staff_id,
                               gboolean      active,
                               GError      **error)
{
  Change data = { .context = context, .staff_id = staff_id, .active = active };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return till_access_check (context, TILL_OPERATION_MANAGE_STAFF, error) &&
         till_store_transaction (till_context_get_store (context), set_active_in_transaction, &data, error);
}

static gboolean
set_pin_in_transaction (TillStore  *store,
                        gpointer    user_data,
                        GError    **error)
{
  Change *data = user_data;

  return till_staff_set_pin_hash (store, data->staff_id, data->hash, error) &&
         till_context_audit (data->context, "staff.set-pin", "staff", data->staff_id, "pin", error);
}

gboolean
till_staff_service_set_pin (TillContext  *context,
                            gint64        staff_id,
                            const char   *pin,
                            GError      **error)
{
  g_autofree char *hash = NULL;
  Change data = { .context = context, .staff_id = staff_id };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  if (!till_access_check (context, TILL_OPERATION_MANAGE_STAFF, error))
    return FALSE;
  hash = hash_pin (context, pin, error);
  if (hash == NULL)
    return FALSE;
  data.hash = hash;
  return till_store_transaction (till_context_get_store (context), set_pin_in_transaction, &data, error);
}

static gboolean
set_role_in_transaction (TillStore  *store,
                         gpointer    user_data,
                         GError    **error)
{
  Change *data = user_data;
  g_autoptr(TillStaffRecord) member = till_staff_get_by_id (store, data->staff_id, error);

  if (member == NULL)
    return FALSE;
  if (g_str_equal (member->role, data->role))
    return TRUE;
  if (!keeps_an_admin (store, member, error))
    return FALSE;
  return till_staff_set_role (store, data->staff_id, data->role, error) &&
         till_context_audit (data->context, "staff.set-role", "staff", data->staff_id, "role", error);
}

gboolean
till_staff_service_set_role (TillContext  *context,
                             gint64        staff_id,
                             const char   *role,
                             GError      **error)
{
  Change data = { .context = context, .staff_id = staff_id, .role = role };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return till_access_check (context, TILL_OPERATION_MANAGE_STAFF, error) &&
         validate_role (role, error) &&
         till_store_transaction (till_context_get_store (context), set_role_in_transaction, &data, error);
}

gboolean
till_staff_service_check_pin (TillContext            *context,
                              const TillStaffRecord  *member,
                              const char             *pin,
                              gboolean               *out_locked,
                              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  Failure failure = { .context = context, .staff_id = member->id };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  *out_locked = FALSE;
  if (member->locked_until != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (member->locked_until, NULL);
      g_autoptr(GDateTime) now = till_context_now (context);

      if (until != NULL && g_date_time_compare (now, until) < 0)
        {
          gint64 seconds = g_date_time_difference (until, now) / G_TIME_SPAN_SECOND + 1;

          *out_locked = TRUE;
          if (!till_context_audit (context, "staff.sign-in-locked", "staff", member->id, "", &local_error))
            g_debug ("Recording a locked-out PIN failed: %s", local_error->message);
          g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                       "%s is locked out after too many wrong PINs: try again in %" G_GINT64_FORMAT
                       " minutes.", member->name, (seconds + 59) / 60);
          return FALSE;
        }
    }
  if (!till_pin_verify (member->pin_hash, pin != NULL ? pin : ""))
    {
      if (!till_store_transaction (till_context_get_store (context), record_failure, &failure, &local_error))
        g_debug ("Recording a wrong PIN failed: %s", local_error->message);
      *out_locked = failure.lockout > 0;
      if (failure.lockout > 0)
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "Wrong PIN for %s, %d times: locked out for %" G_GINT64_FORMAT " minutes.",
                     member->name, failure.failed_attempts, (failure.lockout + 59) / 60);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "Wrong PIN for %s.", member->name);
      return FALSE;
    }
  if (member->failed_attempts > 0 &&
      !till_staff_set_failures (till_context_get_store (context), member->id, 0, NULL, error))
    return FALSE;
  return TRUE;
}
