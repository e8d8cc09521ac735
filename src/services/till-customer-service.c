/* till-customer-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-arith.h"
#include "till-contact.h"
#include "till-customer-service.h"
#include "till-error.h"

void
till_field_problem_free (TillFieldProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

const char *
till_field_problems_lookup (GPtrArray  *problems,
                            const char *field)
{
  g_return_val_if_fail (problems != NULL && field != NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      TillFieldProblem *problem = problems->pdata[i];
      if (g_str_equal (problem->field, field))
        return problem->message;
    }
  return NULL;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *message)
{
  TillFieldProblem *problem;

  /* One message per field: the first says what to fix first. */
  if (till_field_problems_lookup (problems, field) != NULL)
    return;
  problem = g_new0 (TillFieldProblem, 1);
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/* Trims surrounding white space; an empty result becomes NULL. */
static void
tidy (char **text)
{
  if (*text == NULL)
    return;
  g_strstrip (*text);
  if ((*text)[0] == '\0')
    g_clear_pointer (text, g_free);
}

static void
check_text (GPtrArray   *problems,
            const char  *field,
            const char  *label,
            const char  *text,
            gsize        max_chars,
            gboolean     allow_newline,
            gboolean     required)
{
  g_autoptr(GError) error = NULL;

  if (!till_text_validate (text != NULL ? text : "", label, max_chars, allow_newline, required, &error))
    add_problem (problems, field, error->message);
}

static void
check_card (TillContext *context,
            GPtrArray   *problems,
            char       **card)
{
  g_autofree char *prefix = till_context_dup_setting (context, "card.prefix", "29");
  g_autoptr(GString) digits = g_string_new (NULL);

  if (*card == NULL)
    return;
  for (const char *p = *card; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ')
        {
          add_problem (problems, "card", "A loyalty card number has digits only.");
          return;
        }
    }
  if (digits->len != 13 || !till_gs1_is_valid (digits->str))
    {
      add_problem (problems, "card",
                   "This is not a loyalty card number: it has 13 digits and a valid check digit. "
                   "Scan the card again or check the digits.");
      return;
    }
  if (!g_str_has_prefix (digits->str, prefix))
    {
      g_autofree char *message = g_strdup_printf ("Loyalty cards of this shop start with %s.", prefix);
      add_problem (problems, "card", message);
      return;
    }
  g_free (*card);
  *card = g_string_free (g_steal_pointer (&digits), FALSE);
}

/* Preferences (issue 10): the channel and the receipt can only go where
 * the customer can be reached; consent carries its date (today when none is
 * given) and no consent none. */
static void
check_preferences (TillContext        *context,
                   GPtrArray          *problems,
                   TillCustomerRecord *draft)
{
  static const char * const channels[] = { "none", "phone", "email", "post", NULL };
  static const char * const receipts[] = { "paper", "email", "none", NULL };
  g_autoptr(GError) error = NULL;

  if (draft->contact_channel == NULL)
    draft->contact_channel = g_strdup ("none");
  if (draft->receipt_preference == NULL)
    draft->receipt_preference = g_strdup ("paper");
  if (!g_strv_contains (channels, draft->contact_channel))
    add_problem (problems, "contact_channel", "Choose how to contact them: none, phone, e-mail or post.");
  else if (g_str_equal (draft->contact_channel, "phone") && draft->phone == NULL)
    add_problem (problems, "contact_channel", "Enter a phone number to contact them by phone.");
  else if (g_str_equal (draft->contact_channel, "email") && draft->email == NULL)
    add_problem (problems, "contact_channel", "Enter an e-mail address to contact them by e-mail.");
  else if (g_str_equal (draft->contact_channel, "post") && (draft->address == NULL || draft->address[0] == '\0'))
    add_problem (problems, "contact_channel", "Enter an address to contact them by post.");
  if (!g_strv_contains (receipts, draft->receipt_preference))
    add_problem (problems, "receipt_preference", "Choose a receipt: paper, e-mail or none.");
  else if (g_str_equal (draft->receipt_preference, "email") && draft->email == NULL)
    add_problem (problems, "receipt_preference", "Enter an e-mail address to send receipts by e-mail.");

  tidy (&draft->marketing_consent_date);
  if (!draft->marketing_consent)
    g_clear_pointer (&draft->marketing_consent_date, g_free);
  else if (draft->marketing_consent_date == NULL)
    {
      g_autoptr(GDateTime) now = till_context_now (context);

      draft->marketing_consent_date = g_date_time_format (now, "%Y-%m-%d");
    }
  else if (!till_date_validate (draft->marketing_consent_date, &error))
    add_problem (problems, "marketing_consent_date", error->message);
}

GPtrArray *
till_customer_service_validate (TillContext        *context,
                                TillCustomerRecord *draft)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)till_field_problem_free);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  tidy (&draft->name);
  tidy (&draft->card);
  tidy (&draft->phone);
  tidy (&draft->email);
  tidy (&draft->birthday);

  check_text (problems, "name", "Name", draft->name, TILL_CUSTOMER_NAME_MAX, FALSE, TRUE);
  check_text (problems, "address", "Address", draft->address, TILL_CUSTOMER_ADDRESS_MAX, TRUE, FALSE);
  check_text (problems, "notes", "Notes", draft->notes, TILL_CUSTOMER_NOTES_MAX, TRUE, FALSE);
  check_text (problems, "dietary_notes", "Dietary notes", draft->dietary_notes, TILL_CUSTOMER_ADDRESS_MAX, TRUE, FALSE);
  check_text (problems, "allergies", "Allergies", draft->allergies, TILL_CUSTOMER_ADDRESS_MAX, TRUE, FALSE);

  check_card (context, problems, &draft->card);

  if (draft->phone != NULL)
    {
      g_autofree char *country = till_context_dup_setting (context, "phone.country", "49");
      g_autofree char *e164 = NULL;

      if (till_phone_normalize (draft->phone, country, &e164, &error))
        {
          g_free (draft->phone);
          draft->phone = g_steal_pointer (&e164);
        }
      else
        add_problem (problems, "phone", error->message);
      g_clear_error (&error);
    }

  if (draft->email != NULL && !till_email_validate (draft->email, &error))
    add_problem (problems, "email", error->message);
  g_clear_error (&error);

  if (draft->birthday != NULL && !till_date_validate (draft->birthday, &error))
    add_problem (problems, "birthday", error->message);
  g_clear_error (&error);

  check_preferences (context, problems, draft);

  return g_steal_pointer (&problems);
}

/* Another customer with the same unique value, told next to its field */
static gboolean
check_unique (TillContext         *context,
              TillCustomerRecord  *draft,
              GPtrArray           *problems,
              GError             **error)
{
  static const struct { const char *field; const char *what; } unique[] = {
    { "card",  "this card" },
    { "phone", "this phone number" },
    { "email", "this e-mail address" },
  };
  const char *values[] = { draft->card, draft->phone, draft->email };

  for (gsize i = 0; i < G_N_ELEMENTS (unique); i++)
    {
      g_autoptr(TillCustomerRecord) other = NULL;
      g_autoptr(GError) local_error = NULL;

      if (values[i] == NULL || till_field_problems_lookup (problems, unique[i].field) != NULL)
        continue;
      other = till_customers_find_by (till_context_get_store (context), unique[i].field, values[i],
                                      &local_error);
      if (other == NULL)
        {
          if (g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (other->id != draft->id)
        {
          g_autofree char *message = g_strdup_printf ("Another customer already has %s: %s.",
                                                      unique[i].what, other->name);
          add_problem (problems, unique[i].field, message);
        }
    }
  return TRUE;
}

static void
note_change (GString    *fields,
             const char *name,
             const char *before,
             const char *after)
{
  if (g_strcmp0 (before != NULL ? before : "", after != NULL ? after : "") == 0)
    return;
  if (fields->len > 0)
    g_string_append_c (fields, ',');
  g_string_append (fields, name);
}

static char *
changed_fields (const TillCustomerRecord *before,
                const TillCustomerRecord *after)
{
  GString *fields = g_string_new (NULL);

  note_change (fields, "card", before->card, after->card);
  note_change (fields, "name", before->name, after->name);
  note_change (fields, "phone", before->phone, after->phone);
  note_change (fields, "email", before->email, after->email);
  note_change (fields, "address", before->address, after->address);
  note_change (fields, "birthday", before->birthday, after->birthday);
  note_change (fields, "contact_channel", before->contact_channel, after->contact_channel);
  note_change (fields, "marketing_consent", before->marketing_consent ? "1" : "0",
               after->marketing_consent ? "1" : "0");
  note_change (fields, "marketing_consent_date", before->marketing_consent_date, after->marketing_consent_date);
  note_change (fields, "receipt_preference", before->receipt_preference, after->receipt_preference);
  note_change (fields, "dietary_notes", before->dietary_notes, after->dietary_notes);
  note_change (fields, "allergies", before->allergies, after->allergies);
  note_change (fields, "notes", before->notes, after->notes);
  return g_string_free (fields, FALSE);
}

typedef struct
{
  TillContext        *context;
  TillCustomerRecord *draft;
  GPtrArray          *problems;
} Save;

static gboolean
save_in_transaction (TillStore  *store,
                     gpointer    user_data,
                     GError    **error)
{
  Save *data = user_data;
  g_autoptr(GDateTime) now = till_context_now (data->context);
  g_autoptr(TillCustomerRecord) before = NULL;
  g_autofree char *fields = NULL;

  /* Checked inside the write transaction, so no other register slips in between. */
  if (!check_unique (data->context, data->draft, data->problems, error))
    return FALSE;
  if (data->problems->len > 0)
    return TRUE;

  if (data->draft->id == 0)
    return till_customers_insert (store, data->draft, now, error) &&
           till_context_audit (data->context, "customer.add", "customer", data->draft->id, "", error);

  before = till_customers_get (store, data->draft->id, error);
  if (before == NULL)
    return FALSE;
  if (before->erased_at != NULL)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "This customer's data was erased; the record cannot be edited.");
      return FALSE;
    }
  fields = changed_fields (before, data->draft);
  if (fields[0] == '\0')
    return TRUE;
  return till_customers_update (store, data->draft, now, error) &&
         till_context_audit (data->context, "customer.update", "customer", data->draft->id, fields, error);
}

gboolean
till_customer_service_save (TillContext         *context,
                            TillCustomerRecord  *draft,
                            GPtrArray          **out_problems,
                            GError             **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  Save data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  problems = till_customer_service_validate (context, draft);
  if (problems->len == 0)
    {
      data.context = context;
      data.draft = draft;
      data.problems = problems;
      gboolean was_new = draft->id == 0;

      if (!till_store_transaction (till_context_get_store (context), save_in_transaction, &data, error))
        {
          /* Rolled back: a new customer was not added after all. */
          if (was_new)
            draft->id = 0;
          *out_problems = g_steal_pointer (&problems);
          return FALSE;
        }
    }
  *out_problems = g_steal_pointer (&problems);
  return (*out_problems)->len == 0;
}

TillCustomerRecord *
till_customer_service_find (TillContext  *context,
                            const char   *spec,
                            GError      **error)
{
  TillStore *store;
  GError *local_error = NULL;
  TillCustomerRecord *found = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  store = till_context_get_store (context);
  if (g_str_has_prefix (spec, "id:"))
    {
      gint64 id;

      if (!g_ascii_string_to_signed (spec + 3, 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID, "customer: “%s” is not a customer id.", spec + 3);
          return NULL;
        }
      found = till_customers_get (store, id, &local_error);
    }
  else if (g_str_has_prefix (spec, "phone:"))
    {
      g_autofree char *country = till_context_dup_setting (context, "phone.country", "49");
      g_autofree char *e164 = NULL;

      if (!till_phone_normalize (spec + 6, country, &e164, error))
        return NULL;
      found = till_customers_find_by (store, "phone", e164, &local_error);
    }
  else
    found = till_customers_find_by (store, "card", g_str_has_prefix (spec, "card:") ? spec + 5 : spec,
                                    &local_error);

  if (found == NULL)
    {
      if (g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND, "customer: nobody is “%s”.", spec);
        }
      else
        g_propagate_error (error, local_error);
      return NULL;
    }
  if (found->erased_at != NULL)
    {
      till_customer_record_free (found);
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED, "customer: “%s” was erased.", spec);
      return NULL;
    }
  return found;
}
