/* till-catalog-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "till-catalog-csv.h"
#include "till-catalog-service.h"
#include "till-csv.h"
#include "till-error.h"
#include "till-settings-service.h"

#define EXPORT_PAGE 500
#define REPLACEMENT "\357\277\275"   /* U+FFFD, what the reader puts for bad bytes */

static const char * const product_columns[] = {
  "sku", "name", "category", "price", "tax_rate", "sold_by", "barcodes", "active", "discountable", NULL
};
static const char * const category_columns[] = {
  "name", "colour", "position", "earns_points", NULL
};

enum { P_SKU, P_NAME, P_CATEGORY, P_PRICE, P_TAX_RATE, P_SOLD_BY, P_BARCODES, P_ACTIVE, P_DISCOUNTABLE };
enum { C_NAME, C_COLOUR, C_POSITION, C_EARNS_POINTS };

const char * const *
till_catalog_csv_columns (TillCatalogCsvKind kind)
{
  return kind == TILL_CATALOG_CSV_PRODUCTS ? product_columns : category_columns;
}

gboolean
till_catalog_csv_kind_parse (const char         *text,
                             TillCatalogCsvKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  if (g_strcmp0 (text, "products") == 0)
    *out_kind = TILL_CATALOG_CSV_PRODUCTS;
  else if (g_strcmp0 (text, "categories") == 0)
    *out_kind = TILL_CATALOG_CSV_CATEGORIES;
  else
    return FALSE;
  return TRUE;
}

static void
import_problem_free (TillImportProblem *problem)
{
  g_free (problem->field);
  g_free (problem->reason);
  g_free (problem);
}

void
till_import_report_free (TillImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static TillImportReport *
report_new (TillCatalogCsvKind kind)
{
  TillImportReport *report = g_new0 (TillImportReport, 1);

  report->kind = kind;
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)import_problem_free);
  return report;
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

char *
till_import_report_to_csv (const TillImportReport *report)
{
  static const char * const header[] = { "row", "field", "reason", NULL };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  till_csv_append_row (out, header);
  for (guint i = 0; i < report->problems->len; i++)
    {
      TillImportProblem *problem = report->problems->pdata[i];
      g_autofree char *row = g_strdup_printf ("%u", problem->row);
      const char *fields[] = { row, problem->field, problem->reason, NULL };

      till_csv_append_row (out, fields);
    }
  return g_string_free (out, FALSE);
}

/* Reading */

/* The column a bad row is about, when the reader's problem has one */
static const char *
problem_field (const TillCsvRow    *row,
               const char * const  *columns)
{
  guint n_columns = g_strv_length ((char **)columns);

  if (row->problem != TILL_CSV_ROW_BAD_UTF8)
    return "";
  for (guint i = 0; i < row->n_fields && i < n_columns; i++)
    if (strstr (row->fields[i], REPLACEMENT) != NULL)
      return columns[i];
  return "";
}

static gboolean
parse_boolean (const char *text,
               gboolean   *out)
{
  if (g_str_equal (text, "true"))
    *out = TRUE;
  else if (g_str_equal (text, "false"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static void
add_field_problem (GPtrArray  *problems,
                   const char *field,
                   const char *message)
{
  TillFieldProblem *problem;

  if (till_field_problems_lookup (problems, field) != NULL)
    return;
  problem = g_new0 (TillFieldProblem, 1);
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static void
refuse_boolean (GPtrArray  *problems,
                const char *field,
                const char *text)
{
  g_autofree char *message = g_strdup_printf ("“%s” is neither true nor false", text);

  add_field_problem (problems, field, message);
}

typedef struct
{
  TillContext         *context;
  TillCatalogCsvKind   kind;
  const TillCsvRow    *row;
  GPtrArray           *problems;     /* TillFieldProblem of this row */
  gboolean             added;
  gboolean             changed;
} RowImport;

/* The category a product row names, created (earning points, at the end of
 * the quick keys) when the shop does not have it yet. */
static gint64
category_for_row (RowImport   *data,
                  const char  *text,
                  GError     **error)
{
  TillStore *store = till_context_get_store (data->context);
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autoptr(TillCategory) found = NULL;
  g_autoptr(TillCategory) draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GError *local_error = NULL;
  gint64 position;

  if (name[0] == '\0')
    {
      add_field_problem (data->problems, "category", "A category is needed");
      return 0;
    }
  found = till_catalog_find_category (store, name, &local_error);
  if (found != NULL)
    return found->id;
  if (!g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  g_clear_error (&local_error);

  position = till_catalog_max_category_position (store, error);
  if (position < -1)
    return -1;
  draft = g_new0 (TillCategory, 1);
  draft->name = g_strdup (name);
  draft->colour = g_strdup (TILL_CATEGORY_DEFAULT_COLOUR);
  draft->position = MIN (position + 1, TILL_CATEGORY_POSITION_MAX);
  draft->earns_points = TRUE;
  if (!till_catalog_service_save_category (data->context, draft, NULL, &problems, error))
    {
      if (problems == NULL || problems->len == 0)
        return -1;
      g_clear_error (error);
      add_field_problem (data->problems, "category", ((TillFieldProblem *)problems->pdata[0])->message);
      return 0;
    }
  return draft->id;
}

/* The tax rate of a percent, created ("19.5 %") when the shop has none */
static gint64
tax_rate_for_row (RowImport   *data,
                  const char  *text,
                  GError     **error)
{
  TillStore *store = till_context_get_store (data->context);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(TillTaxRate) found = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;
  g_autofree char *short_form = NULL;
  GError *local_error = NULL;
  gint64 bp = 0, id = 0;

  if (text[0] == '\0')
    {
      add_field_problem (data->problems, "tax_rate", "A tax rate is needed, as a percent: 19 or 7.5");
      return 0;
    }
  if (!till_percent_parse (text, TILL_NOTATION_FILE, &bp, &parse_error))
    {
      add_field_problem (data->problems, "tax_rate", parse_error->message);
      return 0;
    }
  found = till_catalog_find_tax_rate_by_bp (store, bp, &local_error);
  if (found != NULL)
    {
      if (found->retired)
        {
          g_autofree char *message = g_strdup_printf ("The tax rate %s is retired", found->name);
          add_field_problem (data->problems, "tax_rate", message);
          return 0;
        }
      return found->id;
    }
  if (!g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  g_clear_error (&local_error);

  short_form = till_decimal_format_short (bp, 2, TILL_NOTATION_FILE);
  name = g_strdup_printf ("%s %%", short_form);
  if (!till_catalog_service_save_tax_rate (data->context, 0, name, short_form, TILL_NOTATION_FILE,
                                           &id, &problems, error))
    {
      if (problems == NULL || problems->len == 0)
        return -1;
      g_clear_error (error);
      add_field_problem (data->problems, "tax_rate", ((TillFieldProblem *)problems->pdata[0])->message);
      return 0;
    }
  return id;
}

static gboolean
import_product_row (TillStore  *store,
                    gpointer    user_data,
                    GError    **error)
{
  RowImport *data = user_data;
  char **f = data->row->fields;
  g_autoptr(TillProductForm) form = till_product_form_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *sold_by = g_strstrip (g_strdup (f[P_SOLD_BY]));
  g_autofree char *active = g_strstrip (g_strdup (f[P_ACTIVE]));
  g_autofree char *discountable = g_strstrip (g_strdup (f[P_DISCOUNTABLE]));
  g_autofree char *sku = g_strstrip (g_strdup (f[P_SKU]));
  g_autofree char *tax = g_strstrip (g_strdup (f[P_TAX_RATE]));
  gint64 id;

  id = sku[0] != '\0' ? till_catalog_find_product_by_sku (store, sku, error) : 0;
  if (id < 0)
    return FALSE;
  form->id = id;
  form->sku = g_strdup (sku);
  form->name = g_strdup (f[P_NAME]);
  form->price = g_strdup (f[P_PRICE]);

  if (g_str_equal (sold_by, "weight"))
    form->sold_by_weight = TRUE;
  else if (!g_str_equal (sold_by, "unit"))
    {
      g_autofree char *message = g_strdup_printf ("“%s” is neither unit nor weight", sold_by);
      add_field_problem (data->problems, "sold_by", message);
    }
  if (!parse_boolean (active, &form->active))
    refuse_boolean (data->problems, "active", active);
  if (!parse_boolean (discountable, &form->discountable))
    refuse_boolean (data->problems, "discountable", discountable);

  if (f[P_BARCODES][0] != '\0')
    {
      g_auto(GStrv) codes = g_strsplit (f[P_BARCODES], "|", -1);
      for (guint i = 0; codes[i] != NULL; i++)
        g_ptr_array_add (form->barcodes, g_strdup (codes[i]));
    }

  form->category_id = category_for_row (data, f[P_CATEGORY], error);
  if (form->category_id < 0)
    return FALSE;
  form->tax_rate_id = tax_rate_for_row (data, tax, error);
  if (form->tax_rate_id < 0)
    return FALSE;

  /* A category or rate that could not be had is told already, not again. */
  if (form->category_id > 0 && form->tax_rate_id > 0 && data->problems->len == 0)
    {
      data->added = form->id == 0;
      if (till_catalog_service_save_product (data->context, form, TILL_NOTATION_FILE,
                                             &data->changed, &problems, error))
        return TRUE;
      if (problems == NULL || problems->len == 0)
        return FALSE;
      g_clear_error (error);
    }
  else
    {
      /* Check the rest all the same, so the report names every field at once. */
      if (form->category_id == 0)
        form->category_id = -1;
      if (form->tax_rate_id == 0)
        form->tax_rate_id = -1;
      problems = till_catalog_service_validate_product (data->context, form, TILL_NOTATION_FILE, NULL);
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      TillFieldProblem *problem = problems->pdata[i];
      add_field_problem (data->problems, problem->field, problem->message);
    }
  /* Roll this row's savepoint back: a category or rate made for it goes too. */
  g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "the row is not valid");
  return FALSE;
}

static gboolean
parse_position (const char *text,
                gint64     *out)
{
  guint64 value;

  if (text[0] == '\0' || !g_ascii_isdigit (text[0]))
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, TILL_CATEGORY_POSITION_MAX, &value, NULL))
    return FALSE;
  *out = (gint64)value;
  return TRUE;
}

static gboolean
import_category_row (TillStore  *store,
                     gpointer    user_data,
                     GError    **error)
{
  RowImport *data = user_data;
  char **f = data->row->fields;
  g_autoptr(TillCategory) draft = g_new0 (TillCategory, 1);
  g_autoptr(TillCategory) found = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *position = g_strstrip (g_strdup (f[C_POSITION]));
  g_autofree char *earns = g_strstrip (g_strdup (f[C_EARNS_POINTS]));
  GError *local_error = NULL;

  draft->name = g_strstrip (g_strdup (f[C_NAME]));
  draft->colour = g_strstrip (g_strdup (f[C_COLOUR]));
  found = till_catalog_find_category (store, draft->name, &local_error);
  if (found != NULL)
    draft->id = found->id;
  else if (!g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!parse_position (position, &draft->position))
    {
      g_autofree char *message = g_strdup_printf ("“%s” is not a position: a whole number from 0 to %d",
                                                  position, TILL_CATEGORY_POSITION_MAX);
      add_field_problem (data->problems, "position", message);
    }
  if (!parse_boolean (earns, &draft->earns_points))
    refuse_boolean (data->problems, "earns_points", earns);

  if (data->problems->len == 0)
    {
      data->added = draft->id == 0;
      if (till_catalog_service_save_category (data->context, draft, &data->changed, &problems, error))
        return TRUE;
      if (problems == NULL || problems->len == 0)
        return FALSE;
      g_clear_error (error);
    }
  else
    problems = till_catalog_service_validate_category (data->context, draft);

  for (guint i = 0; i < problems->len; i++)
    {
      TillFieldProblem *problem = problems->pdata[i];
      add_field_problem (data->problems, problem->field, problem->message);
    }
  g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, "the row is not valid");
  return FALSE;
}

typedef struct
{
  TillContext         *context;
  TillCatalogCsvKind   kind;
  TillCsvReader       *reader;
  gboolean             skip_invalid;
  TillImportReport    *report;
} Import;

static gboolean
import_in_transaction (TillStore  *store,
                       gpointer    user_data,
                       GError    **error)
{
  Import *data = user_data;
  const char * const *columns = till_catalog_csv_columns (data->kind);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TillCsvRow *row;

  while ((row = till_csv_reader_next (data->reader)) != NULL)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)till_field_problem_free);
      g_autofree char *key = NULL;
      GError *local_error = NULL;
      RowImport row_data = { data->context, data->kind, row, problems, FALSE, FALSE };
      gpointer earlier;

      data->report->n_rows++;
      if (row->problem != TILL_CSV_ROW_OK)
        {
          report_add (data->report, row->number, problem_field (row, columns), row->message);
          data->report->n_invalid++;
          continue;
        }

      /* The same product or category twice in one file: the second is a mistake. */
      key = g_strstrip (g_strdup (row->fields[0]));
      if (key[0] != '\0' && g_hash_table_lookup_extended (seen, key, NULL, &earlier))
        {
          g_autofree char *message =
            g_strdup_printf ("“%s” is also on row %u; each %s appears once in a file", key,
                             GPOINTER_TO_UINT (earlier),
                             data->kind == TILL_CATALOG_CSV_PRODUCTS ? "SKU" : "category");
          report_add (data->report, row->number, columns[0], message);
          data->report->n_invalid++;
          continue;
        }
      if (key[0] != '\0')
        g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->number));

      if (!till_store_transaction (store,
                                   data->kind == TILL_CATALOG_CSV_PRODUCTS ? import_product_row
                                                                           : import_category_row,
                                   &row_data, &local_error))
        {
          if (problems->len == 0)
            {
              /* Not the row: the database, or a permission. */
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

/* What makes the whole file unreadable, told as row 1 (or the row the
 * reader names) so the report has the same shape. */
static void
report_file_problem (TillImportReport *report,
                     const char       *message)
{
  guint row = 1;

  if (sscanf (message, "Row %u", &row) != 1 || row == 0)
    row = 1;
  report_add (report, row, "", message);
}

static void
report_header_problems (TillImportReport    *report,
                        TillCsvReader       *reader,
                        const char * const  *columns,
                        const char          *message)
{
  const TillCsvRow *header = till_csv_reader_get_header (reader);
  guint before = report->problems->len;

  if (header != NULL && header->problem == TILL_CSV_ROW_OK)
    {
      for (guint i = 0; columns[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *)header->fields, columns[i]))
          report_add (report, 1, columns[i], "this column is missing");
      for (guint i = 0; i < header->n_fields; i++)
        if (!g_strv_contains (columns, header->fields[i]))
          report_add (report, 1, header->fields[i], "this column is not expected");
    }
  if (report->problems->len == before)
    report_add (report, 1, "", message);
}

gboolean
till_catalog_import (TillContext         *context,
                     TillCatalogCsvKind   kind,
                     const char          *data,
                     gsize                len,
                     gboolean             skip_invalid,
                     TillImportReport   **out_report,
                     GError             **error)
{
  g_autoptr(TillImportReport) report = report_new (kind);
  g_autoptr(TillCsvReader) reader = NULL;
  const char * const *columns = till_catalog_csv_columns (kind);
  GError *local_error = NULL;
  Import import;
  gboolean ok;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  *out_report = NULL;
  reader = till_csv_reader_new (data, len, &local_error);
  if (reader == NULL)
    {
      report_file_problem (report, local_error->message);
      g_propagate_prefixed_error (error, local_error, "the file cannot be read: ");
      *out_report = g_steal_pointer (&report);
      return FALSE;
    }
  if (!till_csv_reader_check_header (reader, columns, &local_error))
    {
      report_header_problems (report, reader, columns, local_error->message);
      g_propagate_prefixed_error (error, local_error, "row 1 (the header): ");
      *out_report = g_steal_pointer (&report);
      return FALSE;
    }

  import.context = context;
  import.kind = kind;
  import.reader = reader;
  import.skip_invalid = skip_invalid;
  import.report = report;
  ok = till_store_transaction (till_context_get_store (context), import_in_transaction, &import, error);
  report->committed = ok;
  if (!ok && report->n_rows == 0 && report->problems->len == 0)
    return FALSE;   /* failed before the first row: nothing to report */
  *out_report = g_steal_pointer (&report);
  return ok;
}

/* In a worker thread */

typedef struct
{
  char               *path;
  TillClock          *clock;
  TillNotifier       *notifier;
  char               *actor;
  gint64              staff_id;
  char               *staff_name;
  char               *role;
  TillCatalogCsvKind  kind;
  GBytes             *data;
  gboolean            skip_invalid;
  TillImportReport   *report;
} ImportTask;

static void
import_task_free (ImportTask *task)
{
  g_free (task->path);
  g_clear_object (&task->clock);
  g_clear_object (&task->notifier);
  g_free (task->actor);
  g_free (task->staff_name);
  g_free (task->role);
  g_clear_pointer (&task->data, g_bytes_unref);
  g_clear_pointer (&task->report, till_import_report_free);
  g_free (task);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  g_autoptr(TillStore) store = NULL;
  g_autoptr(TillContext) context = NULL;
  GError *error = NULL;
  gsize len;
  const char *bytes;

  /* A connection of its own: a SQLite connection is not shared between threads. */
  store = till_store_open (data->path, TILL_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  context = till_context_new (store, data->clock, data->notifier, data->actor);
  if (data->staff_id > 0)
    till_context_set_staff (context, data->staff_id, data->staff_name, data->role);

  bytes = g_bytes_get_data (data->data, &len);
  if (!till_catalog_import (context, data->kind, bytes != NULL ? bytes : "", len,
                            data->skip_invalid, &data->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
till_catalog_import_async (TillContext         *context,
                           TillCatalogCsvKind   kind,
                           GBytes              *data,
                           gboolean             skip_invalid,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *task_data;

  g_return_if_fail (TILL_IS_CONTEXT (context));
  g_return_if_fail (data != NULL);

  task_data = g_new0 (ImportTask, 1);
  task_data->path = g_strdup (till_store_get_path (till_context_get_store (context)));
  task_data->clock = g_object_ref (till_context_get_clock (context));
  task_data->notifier = g_object_ref (till_context_get_notifier (context));
  task_data->actor = g_strdup (till_context_get_actor (context));
  task_data->staff_id = till_context_get_staff_id (context);
  task_data->staff_name = g_strdup (till_context_get_staff_name (context));
  task_data->role = g_strdup (till_context_get_role (context));
  task_data->kind = kind;
  task_data->data = g_bytes_ref (data);
  task_data->skip_invalid = skip_invalid;

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, till_catalog_import_async);
  g_task_set_task_data (task, task_data, (GDestroyNotify)import_task_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
till_catalog_import_finish (TillContext        *context,
                            GAsyncResult       *result,
                            TillImportReport  **out_report,
                            GError            **error)
{
  ImportTask *data;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == till_catalog_import_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_report != NULL)
    *out_report = g_steal_pointer (&data->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Exporting */

static char *
export_categories (TillContext  *context,
                   GError      **error)
{
  g_autoptr(GPtrArray) categories = till_catalog_list_categories (till_context_get_store (context), TRUE, error);
  GString *out;

  if (categories == NULL)
    return NULL;
  out = g_string_new (NULL);
  till_csv_append_row (out, category_columns);
  for (guint i = 0; i < categories->len; i++)
    {
      TillCategory *category = categories->pdata[i];
      g_autofree char *position = g_strdup_printf ("%" G_GINT64_FORMAT, category->position);
      const char *fields[] = {
        category->name, category->colour, position, category->earns_points ? "true" : "false", NULL
      };

      till_csv_append_row (out, fields);
    }
  return g_string_free (out, FALSE);
}

static char *
export_products (TillContext  *context,
                 GError      **error)
{
  const TillCurrency *currency = till_settings_service_get_currency (context);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *after = NULL;

  till_csv_append_row (out, product_columns);
  for (;;)
    {
      g_autoptr(GPtrArray) page = till_catalog_products_by_sku (till_context_get_store (context), after,
                                                                EXPORT_PAGE, error);
      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          TillProductRecord *p = page->pdata[i];
          g_autofree char *price = till_money_format (p->price, currency, TILL_NOTATION_FILE);
          g_autofree char *rate = till_decimal_format_short (p->tax_rate_bp, 2, TILL_NOTATION_FILE);
          g_autofree char *barcodes = NULL;
          const char *fields[10];

          g_ptr_array_add (p->barcodes, NULL);
          barcodes = g_strjoinv ("|", (char **)p->barcodes->pdata);
          g_ptr_array_set_size (p->barcodes, p->barcodes->len - 1);

          fields[P_SKU] = p->sku;
          fields[P_NAME] = p->name;
          fields[P_CATEGORY] = p->category_name;
          fields[P_PRICE] = price;
          fields[P_TAX_RATE] = rate;
          fields[P_SOLD_BY] = p->sold_by_weight ? "weight" : "unit";
          fields[P_BARCODES] = barcodes;
          fields[P_ACTIVE] = p->active ? "true" : "false";
          fields[P_DISCOUNTABLE] = p->discountable ? "true" : "false";
          fields[9] = NULL;
          till_csv_append_row (out, fields);
        }
      if (page->len < EXPORT_PAGE)
        break;
      g_free (after);
      after = g_strdup (((TillProductRecord *)page->pdata[page->len - 1])->sku);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
till_catalog_export (TillContext         *context,
                     TillCatalogCsvKind   kind,
                     GError             **error)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  return kind == TILL_CATALOG_CSV_PRODUCTS ? export_products (context, error)
                                           : export_categories (context, error);
}
