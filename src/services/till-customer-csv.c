/* till-customer-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "till-access.h"
#include "till-contact.h"
#include "till-csv.h"
#include "till-customer-csv.h"
#include "till-customer-service.h"
#include "till-customers.h"
#include "till-error.h"

#define REPLACEMENT "\357\277\275"   /* U+FFFD, what the reader puts for bad bytes */
#define EXPORT_PAGE 500

enum
{
  C_CARD, C_NAME, C_PHONE, C_EMAIL, C_ADDRESS, C_BIRTHDAY, C_CHANNEL, C_CONSENT, C_CONSENT_DATE,
  C_RECEIPT, C_DIETARY, C_ALLERGIES,
};

static const char * const columns[] = {
  "card", "name", "phone", "email", "address", "birthday", "contact_channel", "marketing_consent",
  "marketing_consent_date", "receipt_preference", "dietary_notes", "allergies", NULL,
};

const char * const *
till_customer_csv_columns (void)
{
  return columns;
}

static void
problem_free (TillImportProblem *problem)
{
  g_free (problem->field);
  g_free (problem->reason);
  g_free (problem);
}

static void
report_add (TillImportReport *report,
            guint             row,
            const char       *field,
            const char       *reason)
{
  TillImportProblem *problem = g_new0 (TillImportProblem, 1);

  problem->row = row;
  problem->field = g_strdup (field != NULL ? field : "");
  problem->reason = g_strdup (reason);
  g_ptr_array_add (report->problems, problem);
}

static char *
nullable (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

static char *
card_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
same_customer (const TillCustomerRecord *a,
               const TillCustomerRecord *b)
{
  return same_text (a->card, b->card) && same_text (a->name, b->name) && same_text (a->phone, b->phone)
         && same_text (a->email, b->email) && same_text (a->address, b->address)
         && same_text (a->birthday, b->birthday) && same_text (a->contact_channel, b->contact_channel)
         && a->marketing_consent == b->marketing_consent
         && same_text (a->marketing_consent_date, b->marketing_consent_date)
         && same_text (a->receipt_preference, b->receipt_preference)
         && same_text (a->dietary_notes, b->dietary_notes) && same_text (a->allergies, b->allergies);
}

/* The customer a row is about: by card, else e-mail, else phone; NULL to add */
static TillCustomerRecord *
match (TillContext  *context,
       char        **f,
       GError      **error)
{
  TillStore *store = till_context_get_store (context);
  g_autofree char *card = card_digits (f[C_CARD]);
  g_autofree char *email = nullable (f[C_EMAIL]);
  g_autofree char *phone = nullable (f[C_PHONE]);
  struct { const char *field; char *value; } keys[] = {
    { "card", card[0] != '\0' ? card : NULL }, { "email", email }, { "phone", NULL },
  };
  g_autofree char *e164 = NULL;

  if (phone != NULL)
    {
      g_autofree char *country = till_context_dup_setting (context, "phone.country", "49");

      if (till_phone_normalize (phone, country, &e164, NULL))
        keys[2].value = e164;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GError *local_error = NULL;
      TillCustomerRecord *found;

      if (keys[i].value == NULL)
        continue;
      found = till_customers_find_by (store, keys[i].field, keys[i].value, &local_error);
      if (found != NULL && found->erased_at == NULL)
        return found;
      till_customer_record_free (found);
      if (local_error != NULL && !g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
    }
  return NULL;
}

typedef struct
{
  TillContext       *context;
  TillCsvReader     *reader;
  gboolean           skip_invalid;
  TillImportReport  *report;
} Import;

typedef struct
{
  TillContext      *context;
  const TillCsvRow *row;
  GPtrArray        *problems;   /* TillFieldProblem */
  gboolean          added;
  gboolean          changed;
} RowImport;

static void
row_problem (GPtrArray  *problems,
             const char *field,
             const char *message)
{
  TillFieldProblem *problem = g_new0 (TillFieldProblem, 1);

  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static gboolean
import_row (TillStore  *store,
            gpointer    user_data,
            GError    **error)
{
  RowImport *data = user_data;
  char **f = data->row->fields;
  g_autoptr(TillCustomerRecord) before = NULL;
  g_autoptr(TillCustomerRecord) draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *consent = g_strstrip (g_strdup (f[C_CONSENT]));
  GError *local_error = NULL;

  before = match (data->context, f, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  draft = before != NULL ? till_customer_record_copy (before) : till_customer_record_new ();

#define SET(member, value) G_STMT_START { g_free (draft->member); draft->member = (value); } G_STMT_END
  SET (card, nullable (f[C_CARD]));
  SET (name, g_strdup (f[C_NAME]));
  SET (phone, nullable (f[C_PHONE]));
  SET (email, nullable (f[C_EMAIL]));
  SET (address, g_strdup (f[C_ADDRESS]));
  SET (birthday, nullable (f[C_BIRTHDAY]));
  SET (contact_channel, nullable (f[C_CHANNEL]));
  SET (marketing_consent_date, nullable (f[C_CONSENT_DATE]));
  SET (receipt_preference, nullable (f[C_RECEIPT]));
  SET (dietary_notes, g_strdup (f[C_DIETARY]));
  SET (allergies, g_strdup (f[C_ALLERGIES]));
#undef SET
  if (g_str_equal (consent, "true") || consent[0] == '\0')
    draft->marketing_consent = g_str_equal (consent, "true");
  else if (g_str_equal (consent, "false"))
    draft->marketing_consent = FALSE;
  else
    {
      g_autofree char *message = g_strdup_printf ("“%s” is neither true nor false", consent);

      row_problem (data->problems, "marketing_consent", message);
    }

  if (data->problems->len > 0)
    {
      /* Check the rest all the same, so the report names every field at once. */
      problems = till_customer_service_validate (data->context, draft);
    }
  else
    {
      data->added = before == NULL;
      if (till_customer_service_save (data->context, draft, &problems, error))
        {
          data->changed = before == NULL || !same_customer (before, draft);
          return TRUE;
        }
      if (problems == NULL || problems->len == 0)
        return FALSE;
      g_clear_error (error);
    }
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      TillFieldProblem *problem = problems->pdata[i];

      row_problem (data->problems, problem->field, problem->message);
    }
  if (data->problems->len == 0)
    return TRUE;
  g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "the row is not valid");
  return FALSE;
}

static const char *
problem_field (const TillCsvRow *row)
{
  if (row->problem != TILL_CSV_ROW_BAD_UTF8)
    return "";
  for (guint i = 0; i < row->n_fields && columns[i] != NULL; i++)
    if (strstr (row->fields[i], REPLACEMENT) != NULL)
      return columns[i];
  return "";
}

static gboolean
import_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  Import *data = user_data;
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TillCsvRow *row;

  while ((row = till_csv_reader_next (data->reader)) != NULL)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)till_field_problem_free);
      g_autofree char *card = NULL;
      RowImport row_data = { data->context, row, problems, FALSE, FALSE };
      GError *local_error = NULL;
      gpointer earlier;

      data->report->n_rows++;
      if (row->problem != TILL_CSV_ROW_OK)
        {
          report_add (data->report, row->number, problem_field (row), row->message);
          data->report->n_invalid++;
          continue;
        }
      card = card_digits (row->fields[C_CARD]);
      if (card[0] != '\0' && g_hash_table_lookup_extended (cards, card, NULL, &earlier))
        {
          g_autofree char *message = g_strdup_printf ("card %s is also on row %u; each card appears once in a file",
                                                      card, GPOINTER_TO_UINT (earlier));
          report_add (data->report, row->number, "card", message);
          data->report->n_invalid++;
          continue;
        }
      if (card[0] != '\0')
        g_hash_table_insert (cards, g_steal_pointer (&card), GUINT_TO_POINTER (row->number));

      if (!till_store_transaction (store, import_row, &row_data, &local_error))
        {
          if (problems->len == 0)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
          for (guint i = 0; i < problems->len; i++)
            {
              TillFieldProblem *problem = problems->pdata[i];

              report_add (data->report, row->number, problem->field, problem->message);
            }
          data->report->n_invalid++;
          continue;
        }
      if (row_data.added)
        data->report->n_added++;
      else if (row_data.changed)
        data->report->n_updated++;
      else
        data->report->n_unchanged++;
    }

  if (data->report->n_invalid > 0 && !data->skip_invalid)
    {
      TillImportProblem *first = data->report->problems->pdata[0];

      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "row %u%s%s: %s; nothing was imported (%u problem%s in %u row%s)",
                   first->row, first->field[0] != '\0' ? ", " : "", first->field, first->reason,
                   data->report->problems->len, data->report->problems->len == 1 ? "" : "s",
                   data->report->n_invalid, data->report->n_invalid == 1 ? "" : "s");
      return FALSE;
    }
  return TRUE;
}

gboolean
till_customer_import (TillContext        *context,
                      const char         *data,
                      gsize               len,
                      gboolean            skip_invalid,
                      TillImportReport  **out_report,
                      GError            **error)
{
  g_autoptr(TillImportReport) report = g_new0 (TillImportReport, 1);
  g_autoptr(TillCsvReader) reader = NULL;
  GError *local_error = NULL;
  Import import;
  gboolean ok;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  *out_report = NULL;
  if (!till_access_check (context, TILL_OPERATION_MOVE_CUSTOMERS, error))
    return FALSE;
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
  reader = till_csv_reader_new (data, len, &local_error);
  if (reader == NULL)
    {
      guint row = 1;

      if (sscanf (local_error->message, "Row %u", &row) != 1 || row == 0)
        row = 1;
      report_add (report, row, "", local_error->message);
      g_propagate_prefixed_error (error, local_error, "the file cannot be read: ");
      *out_report = g_steal_pointer (&report);
      return FALSE;
    }
  if (!till_csv_reader_check_header (reader, columns, &local_error))
    {
      report_add (report, 1, "", local_error->message);
      g_propagate_prefixed_error (error, local_error, "row 1 (the header): ");
      *out_report = g_steal_pointer (&report);
      return FALSE;
    }

  import.context = context;
  import.reader = reader;
  import.skip_invalid = skip_invalid;
  import.report = report;
  ok = till_store_transaction (till_context_get_store (context), import_in_transaction, &import, error);
  report->committed = ok;
  if (!ok && report->n_rows == 0 && report->problems->len == 0)
    return FALSE;
  *out_report = g_steal_pointer (&report);
  return ok;
}

char *
till_customer_export (TillContext  *context,
                      GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *after_name = NULL;
  gint64 after_id = 0;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  if (!till_access_check (context, TILL_OPERATION_MOVE_CUSTOMERS, error))
    return NULL;
  till_csv_append_row (out, columns);
  for (;;)
    {
      g_autoptr(GPtrArray) page = till_customers_page (till_context_get_store (context), after_name, after_id,
                                                       EXPORT_PAGE, error);

      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          TillCustomerRecord *c = page->pdata[i];
          const char *fields[13];

          if (c->erased_at != NULL)
            continue;
#define OR_EMPTY(x) ((x) != NULL ? (x) : "")
          fields[C_CARD] = OR_EMPTY (c->card);
          fields[C_NAME] = OR_EMPTY (c->name);
          fields[C_PHONE] = OR_EMPTY (c->phone);
          fields[C_EMAIL] = OR_EMPTY (c->email);
          fields[C_ADDRESS] = OR_EMPTY (c->address);
          fields[C_BIRTHDAY] = OR_EMPTY (c->birthday);
          fields[C_CHANNEL] = OR_EMPTY (c->contact_channel);
          fields[C_CONSENT] = c->marketing_consent ? "true" : "false";
          fields[C_CONSENT_DATE] = OR_EMPTY (c->marketing_consent_date);
          fields[C_RECEIPT] = OR_EMPTY (c->receipt_preference);
          fields[C_DIETARY] = OR_EMPTY (c->dietary_notes);
          fields[C_ALLERGIES] = OR_EMPTY (c->allergies);
          fields[12] = NULL;
#undef OR_EMPTY
          till_csv_append_row (out, fields);
        }
      if (page->len < EXPORT_PAGE)
        break;
      {
        TillCustomerRecord *last = page->pdata[page->len - 1];

        g_free (after_name);
        after_name = g_strdup (last->name);
        after_id = last->id;
      }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
