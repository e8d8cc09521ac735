/* till-catalog-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-access.h"
#include "till-catalog-service.h"
#include "till-contact.h"
#include "till-customers.h"
#include "till-error.h"
#include "till-settings-service.h"

/* Forms */

TillProductForm *
till_product_form_new (void)
{
  TillProductForm *form = g_new0 (TillProductForm, 1);

  form->active = TRUE;
  form->discountable = TRUE;
  form->barcodes = g_ptr_array_new_with_free_func (g_free);
  return form;
}

TillProductForm *
till_product_form_new_from_record (const TillProductRecord *record,
                                   const TillCurrency      *currency,
                                   TillNotation             notation)
{
  TillProductForm *form;

  g_return_val_if_fail (record != NULL && currency != NULL, NULL);

  form = till_product_form_new ();
  form->id = record->id;
  form->sku = g_strdup (record->sku);
  form->name = g_strdup (record->name);
  form->category_id = record->category_id;
  /* Without grouping: what the form shows must parse again unchanged. */
  form->price = till_money_format (record->price, currency, TILL_NOTATION_FILE);
  if (notation == TILL_NOTATION_PERSON)
    {
      g_autofree char *person = till_money_format (record->price, currency, TILL_NOTATION_PERSON);
      gint64 check;

      if (till_money_parse (person, currency, TILL_NOTATION_PERSON, FALSE, &check, NULL) &&
          check == record->price)
        {
          g_free (form->price);
          form->price = g_steal_pointer (&person);
        }
    }
  form->tax_rate_id = record->tax_rate_id;
  form->sold_by_weight = record->sold_by_weight;
  form->active = record->active;
  form->discountable = record->discountable;
  for (guint i = 0; record->barcodes != NULL && i < record->barcodes->len; i++)
    g_ptr_array_add (form->barcodes, g_strdup (record->barcodes->pdata[i]));
  return form;
}

void
till_product_form_free (TillProductForm *form)
{
  if (form == NULL)
    return;
  g_free (form->sku);
  g_free (form->name);
  g_free (form->price);
  g_clear_pointer (&form->barcodes, g_ptr_array_unref);
  g_free (form);
}

void
till_scan_result_free (TillScanResult *result)
{
  if (result == NULL)
    return;
  g_free (result->code);
  g_clear_pointer (&result->product, till_product_record_free);
  g_free (result);
}

/* Helpers */

static GPtrArray *
problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)till_field_problem_free);
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

static void
tidy (char **text)
{
  if (*text == NULL)
    *text = g_strdup ("");
  g_strstrip (*text);
}

static void
check_text (GPtrArray  *problems,
            const char *field,
            const char *label,
            const char *text,
            gsize       max_chars)
{
  g_autoptr(GError) error = NULL;

  if (!till_text_validate (text, label, max_chars, FALSE, TRUE, &error))
    add_problem (problems, field, error->message);
}

static gboolean
may_edit_catalog (TillContext  *context,
                  GError      **error)
{
  return till_access_check (context, TILL_OPERATION_EDIT_CATALOG, error);
}

static gboolean
not_found_is_fine (GError **local_error)
{
  if (g_error_matches (*local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (local_error);
      return TRUE;
    }
  return FALSE;
}

static void
note_change (GString    *fields,
             const char *name,
             gboolean    changed)
{
  if (!changed)
    return;
  if (fields->len > 0)
    g_string_append_c (fields, ',');
  g_string_append (fields, name);
}

/* Products */

static gboolean
same_barcodes (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
changed_product_fields (const TillProductRecord *before,
                        const TillProductRecord *after)
{
  GString *fields = g_string_new (NULL);

  note_change (fields, "sku", g_strcmp0 (before->sku, after->sku) != 0);
  note_change (fields, "name", g_strcmp0 (before->name, after->name) != 0);
  note_change (fields, "category", before->category_id != after->category_id);
  note_change (fields, "price", before->price != after->price);
  note_change (fields, "tax_rate", before->tax_rate_id != after->tax_rate_id);
  note_change (fields, "sold_by", before->sold_by_weight != after->sold_by_weight);
  note_change (fields, "active", before->active != after->active);
  note_change (fields, "discountable", before->discountable != after->discountable);
  note_change (fields, "barcodes", !same_barcodes (before->barcodes, after->barcodes));
  return g_string_free (fields, FALSE);
}

/* Checks that need the database; FALSE only when it fails. */
static gboolean
check_product_references (TillContext        *context,
                          TillProductForm    *form,
                          GPtrArray          *problems,
                          GError            **error)
{
  TillStore *store = till_context_get_store (context);
  g_autoptr(TillProductRecord) stored = NULL;
  g_autoptr(TillCategory) category = NULL;
  g_autoptr(TillTaxRate) rate = NULL;
  GError *local_error = NULL;
  gint64 other;

  if (form->id > 0)
    {
      stored = till_catalog_get_product (store, form->id, error);
      if (stored == NULL)
        return FALSE;
    }

  if (form->category_id <= 0)
    add_problem (problems, "category", "Choose a category");
  else if ((category = till_catalog_get_category (store, form->category_id, &local_error)) == NULL)
    {
      if (!not_found_is_fine (&local_error))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      add_problem (problems, "category", "This category does not exist; choose another");
    }

  if (form->tax_rate_id <= 0)
    add_problem (problems, "tax_rate", "Choose a tax rate");
  else if ((rate = till_catalog_get_tax_rate (store, form->tax_rate_id, &local_error)) == NULL)
    {
      if (!not_found_is_fine (&local_error))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      add_problem (problems, "tax_rate", "This tax rate does not exist; choose another");
    }
  else if (rate->retired && (stored == NULL || stored->tax_rate_id != rate->id))
    {
      g_autofree char *message = g_strdup_printf ("The tax rate “%s” is retired; choose another",
                                                  rate->name);
      add_problem (problems, "tax_rate", message);
    }

  if (till_field_problems_lookup (problems, "sku") == NULL)
    {
      other = till_catalog_find_product_by_sku (store, form->sku, error);
      if (other < 0)
        return FALSE;
      if (other > 0 && other != form->id)
        {
          g_autoptr(TillProductRecord) owner = till_catalog_get_product (store, other, error);
          g_autofree char *message = NULL;

          if (owner == NULL)
            return FALSE;
          message = g_strdup_printf ("Another product already has the SKU “%s”: %s",
                                     form->sku, owner->name);
          add_problem (problems, "sku", message);
        }
    }

  for (guint i = 0; till_field_problems_lookup (problems, "barcodes") == NULL && i < form->barcodes->len; i++)
    {
      const char *code = form->barcodes->pdata[i];

      other = till_catalog_find_product_by_barcode (store, code, error);
      if (other < 0)
        return FALSE;
      if (other > 0 && other != form->id)
        {
          g_autoptr(TillProductRecord) owner = till_catalog_get_product (store, other, error);
          g_autofree char *message = NULL;

          if (owner == NULL)
            return FALSE;
          message = g_strdup_printf ("The barcode “%s” is already on another product: %s (%s)",
                                     code, owner->name, owner->sku);
          add_problem (problems, "barcodes", message);
        }
    }
  return TRUE;
}

static GPtrArray *
validate_product (TillContext        *context,
                  TillProductForm    *form,
                  TillNotation        notation,
                  TillProductRecord **out_record,
                  GError            **error)
{
  g_autoptr(GPtrArray) problems = problems_new ();
  g_autoptr(GPtrArray) barcodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rules = till_settings_service_get_scale_rules (context);
  g_autofree char *card_prefix = till_settings_service_get (context, "card.prefix", NULL);
  const TillCurrency *currency = till_settings_service_get_currency (context);
  gint64 price = 0;

  tidy (&form->sku);
  tidy (&form->name);
  tidy (&form->price);

  check_text (problems, "sku", "SKU", form->sku, TILL_PRODUCT_SKU_MAX);
  check_text (problems, "name", "Name", form->name, TILL_PRODUCT_NAME_MAX);

  if (form->price[0] == '\0')
    add_problem (problems, "price", form->sold_by_weight ? "A price per kg is needed"
                                                         : "A price is needed");
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!till_money_parse (form->price, currency, notation, FALSE, &price, &local_error))
        add_problem (problems, "price", local_error->message);
      else if (price > TILL_MAX_UNIT_PRICE)
        {
          g_autofree char *max = till_money_format (TILL_MAX_UNIT_PRICE, currency, notation);
          g_autofree char *message = g_strdup_printf ("A price is at most %s", max);
          add_problem (problems, "price", message);
        }
    }

  /* Barcodes: blanks trimmed, empty ones dropped, each checked once. */
  for (guint i = 0; i < form->barcodes->len; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (form->barcodes->pdata[i]));
      g_autoptr(GError) local_error = NULL;

      if (code[0] == '\0')
        continue;
      for (guint j = 0; j < barcodes->len; j++)
        if (g_str_equal (barcodes->pdata[j], code))
          {
            g_autofree char *message = g_strdup_printf ("The barcode “%s” is listed twice", code);
            add_problem (problems, "barcodes", message);
          }
      if (!till_barcode_check_for_product (code, card_prefix, rules, form->sold_by_weight, &local_error))
        add_problem (problems, "barcodes", local_error->message);
      g_ptr_array_add (barcodes, g_steal_pointer (&code));
    }
  g_ptr_array_set_size (form->barcodes, 0);
  for (guint i = 0; i < barcodes->len; i++)
    g_ptr_array_add (form->barcodes, g_strdup (barcodes->pdata[i]));

  if (!check_product_references (context, form, problems, error))
    return NULL;

  if (problems->len == 0 && out_record != NULL)
    {
      TillProductRecord *record = till_product_record_new ();

      record->id = form->id;
      record->sku = g_strdup (form->sku);
      record->name = g_strdup (form->name);
      record->category_id = form->category_id;
      record->price = price;
      record->tax_rate_id = form->tax_rate_id;
      record->sold_by_weight = form->sold_by_weight;
      record->active = form->active;
      record->discountable = form->discountable;
      for (guint i = 0; i < form->barcodes->len; i++)
        g_ptr_array_add (record->barcodes, g_strdup (form->barcodes->pdata[i]));
      *out_record = record;
    }
  return g_steal_pointer (&problems);
}

GPtrArray *
till_catalog_service_validate_product (TillContext        *context,
                                       TillProductForm    *form,
                                       TillNotation        notation,
                                       TillProductRecord **out_record)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  problems = validate_product (context, form, notation, out_record, &error);
  if (problems == NULL)
    {
      /* The database failed: say so where the person looks first. */
      problems = problems_new ();
      add_problem (problems, "sku", error->message);
    }
  return problems;
}

typedef struct
{
  TillContext     *context;
  TillProductForm *form;
  TillNotation     notation;
  GPtrArray       *problems;
  gboolean         changed;
} SaveProduct;

static gboolean
save_product_in_transaction (TillStore  *store,
                             gpointer    user_data,
                             GError    **error)
{
  SaveProduct *data = user_data;
  g_autoptr(TillProductRecord) record = NULL;
  g_autoptr(TillProductRecord) before = NULL;
  g_autofree char *fields = NULL;

  /* Checked inside the write transaction, so no other register slips in between. */
  data->problems = validate_product (data->context, data->form, data->notation, &record, error);
  if (data->problems == NULL)
    return FALSE;
  if (data->problems->len > 0)
    return TRUE;

  if (record->id == 0)
    {
      if (!till_catalog_insert_product (store, record, error) ||
          !till_context_audit (data->context, "product.add", "product", record->id, "", error))
        return FALSE;
      data->form->id = record->id;
      data->changed = TRUE;
      return TRUE;
    }

  before = till_catalog_get_product (store, record->id, error);
  if (before == NULL)
    return FALSE;
  fields = changed_product_fields (before, record);
  if (fields[0] == '\0')
    return TRUE;
  data->changed = TRUE;
  return till_catalog_update_product (store, record, error) &&
         till_context_audit (data->context, "product.update", "product", record->id, fields, error);
}

gboolean
till_catalog_service_save_product (TillContext      *context,
                                   TillProductForm  *form,
                                   TillNotation      notation,
                                   gboolean         *out_changed,
                                   GPtrArray       **out_problems,
                                   GError          **error)
{
  SaveProduct data = { context, form, notation, NULL, FALSE };
  gboolean was_new;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  *out_problems = NULL;
  if (!may_edit_catalog (context, error))
    return FALSE;

  was_new = form->id == 0;
  if (!till_store_transaction (till_context_get_store (context), save_product_in_transaction, &data, error))
    {
      /* Rolled back: a new product was not added after all. */
      if (was_new)
        form->id = 0;
      *out_problems = data.problems != NULL ? data.problems : problems_new ();
      return FALSE;
    }
  *out_problems = data.problems;
  if (out_changed != NULL)
    *out_changed = data.changed;
  return data.problems->len == 0;
}

typedef struct
{
  TillContext *context;
  gint64       id;
  gboolean     flag;
} Toggle;

static gboolean
set_active_in_transaction (TillStore  *store,
                           gpointer    user_data,
                           GError    **error)
{
  Toggle *data = user_data;
  g_autoptr(TillProductRecord) product = till_catalog_get_product (store, data->id, error);

  if (product == NULL)
    return FALSE;
  if (product->active == data->flag)
    return TRUE;
  return till_catalog_set_product_active (store, data->id, data->flag, error) &&
         till_context_audit (data->context, data->flag ? "product.reactivate" : "product.retire",
                             "product", data->id, "active", error);
}

gboolean
till_catalog_service_set_product_active (TillContext  *context,
                                         gint64        product_id,
                                         gboolean      active,
                                         GError      **error)
{
  Toggle data = { context, product_id, active };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return may_edit_catalog (context, error) &&
         till_store_transaction (till_context_get_store (context), set_active_in_transaction, &data, error);
}

static gboolean
delete_product_in_transaction (TillStore  *store,
                               gpointer    user_data,
                               GError    **error)
{
  Toggle *data = user_data;
  g_autoptr(TillProductRecord) product = till_catalog_get_product (store, data->id, error);
  gboolean referenced = FALSE;

  if (product == NULL || !till_catalog_product_is_referenced (store, data->id, &referenced, error))
    return FALSE;
  if (referenced)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "%s has been sold (or a reward gives it away), so it stays in the catalog "
                   "for the orders that name it: retire it instead", product->name);
      return FALSE;
    }
  return till_catalog_delete_product (store, data->id, error) &&
         till_context_audit (data->context, "product.delete", "product", data->id, "", error);
}

gboolean
till_catalog_service_delete_product (TillContext  *context,
                                     gint64        product_id,
                                     GError      **error)
{
  Toggle data = { context, product_id, FALSE };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return may_edit_catalog (context, error) &&
         till_store_transaction (till_context_get_store (context), delete_product_in_transaction, &data, error);
}

/* Categories */

static gboolean
is_colour (const char *text)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static GPtrArray *
validate_category (TillContext   *context,
                   TillCategory  *draft,
                   GError       **error)
{
  g_autoptr(GPtrArray) problems = problems_new ();
  g_autoptr(TillCategory) other = NULL;
  GError *local_error = NULL;

  tidy (&draft->name);
  if (draft->colour == NULL || draft->colour[0] == '\0')
    {
      g_free (draft->colour);
      draft->colour = g_strdup (TILL_CATEGORY_DEFAULT_COLOUR);
    }
  else
    {
      char *lower;

      g_strstrip (draft->colour);
      lower = g_ascii_strdown (draft->colour, -1);
      g_free (draft->colour);
      draft->colour = lower;
    }

  check_text (problems, "name", "Name", draft->name, TILL_CATEGORY_NAME_MAX);
  if (!is_colour (draft->colour))
    {
      g_autofree char *valid = g_utf8_make_valid (draft->colour, -1);
      g_autofree char *message = g_strdup_printf ("“%s” is not a colour: write it as # and six "
                                                  "hexadecimal digits, such as #2ec27e", valid);
      add_problem (problems, "colour", message);
    }
  if (draft->position < 0 || draft->position > TILL_CATEGORY_POSITION_MAX)
    add_problem (problems, "position", "The position is a whole number from 0 to 9999");

  if (till_field_problems_lookup (problems, "name") == NULL)
    {
      other = till_catalog_find_category (till_context_get_store (context), draft->name, &local_error);
      if (other == NULL && !not_found_is_fine (&local_error))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (other != NULL && other->id != draft->id)
        add_problem (problems, "name", "Another category already has this name");
    }
  return g_steal_pointer (&problems);
}

GPtrArray *
till_catalog_service_validate_category (TillContext  *context,
                                        TillCategory *draft)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  problems = validate_category (context, draft, &error);
  if (problems == NULL)
    {
      problems = problems_new ();
      add_problem (problems, "name", error->message);
    }
  return problems;
}

typedef struct
{
  TillContext  *context;
  TillCategory *draft;
  GPtrArray    *problems;
  gboolean      changed;
} SaveCategory;

static gboolean
save_category_in_transaction (TillStore  *store,
                              gpointer    user_data,
                              GError    **error)
{
  SaveCategory *data = user_data;
  TillCategory *draft = data->draft;
  g_autoptr(TillCategory) before = NULL;
  g_autoptr(GString) fields = NULL;

  data->problems = validate_category (data->context, draft, error);
  if (data->problems == NULL)
    return FALSE;
  if (data->problems->len > 0)
    return TRUE;

  if (draft->id == 0)
    {
      data->changed = TRUE;
      return till_catalog_insert_category (store, draft->name, draft->colour, draft->position,
                                           draft->earns_points, &draft->id, error) &&
             till_context_audit (data->context, "category.add", "category", draft->id, "", error);
    }

  before = till_catalog_get_category (store, draft->id, error);
  if (before == NULL)
    return FALSE;
  fields = g_string_new (NULL);
  note_change (fields, "name", g_strcmp0 (before->name, draft->name) != 0);
  note_change (fields, "colour", g_strcmp0 (before->colour, draft->colour) != 0);
  note_change (fields, "position", before->position != draft->position);
  note_change (fields, "earns_points", before->earns_points != draft->earns_points);
  if (fields->len == 0)
    return TRUE;
  data->changed = TRUE;
  return till_catalog_update_category (store, draft, error) &&
         till_context_audit (data->context, "category.update", "category", draft->id, fields->str, error);
}

gboolean
till_catalog_service_save_category (TillContext   *context,
                                    TillCategory  *draft,
                                    gboolean      *out_changed,
                                    GPtrArray    **out_problems,
                                    GError       **error)
{
  SaveCategory data = { context, draft, NULL, FALSE };
  gboolean was_new;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (draft != NULL && out_problems != NULL, FALSE);

  *out_problems = NULL;
  if (!may_edit_catalog (context, error))
    return FALSE;
  was_new = draft->id == 0;
  if (!till_store_transaction (till_context_get_store (context), save_category_in_transaction, &data, error))
    {
      if (was_new)
        draft->id = 0;
      *out_problems = data.problems != NULL ? data.problems : problems_new ();
      return FALSE;
    }
  *out_problems = data.problems;
  if (out_changed != NULL)
    *out_changed = data.changed;
  return data.problems->len == 0;
}

static gboolean
delete_category_in_transaction (TillStore  *store,
                                gpointer    user_data,
                                GError    **error)
{
  Toggle *data = user_data;
  g_autoptr(TillCategory) category = till_catalog_get_category (store, data->id, error);
  gint64 n;

  if (category == NULL)
    return FALSE;
  n = till_catalog_count_category_products (store, data->id, error);
  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      if (n == 1)
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "%s still holds a product: move it to another category first", category->name);
      else
        g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                     "%s still holds %" G_GINT64_FORMAT " products: move them to another "
                     "category first", category->name, n);
      return FALSE;
    }
  return till_catalog_delete_category (store, data->id, error) &&
         till_context_audit (data->context, "category.delete", "category", data->id, "", error);
}

gboolean
till_catalog_service_delete_category (TillContext  *context,
                                      gint64        category_id,
                                      GError      **error)
{
  Toggle data = { context, category_id, FALSE };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return may_edit_catalog (context, error) &&
         till_store_transaction (till_context_get_store (context), delete_category_in_transaction, &data, error);
}

/* Tax rates */

typedef struct
{
  TillContext  *context;
  gint64        id;
  const char   *name;
  const char   *rate;
  TillNotation  notation;
  GPtrArray    *problems;
} SaveTaxRate;

static gboolean
save_tax_rate_in_transaction (TillStore  *store,
                              gpointer    user_data,
                              GError    **error)
{
  SaveTaxRate *data = user_data;
  g_autofree char *name = g_strstrip (g_strdup (data->name != NULL ? data->name : ""));
  g_autoptr(TillTaxRate) other = NULL;
  g_autoptr(TillTaxRate) before = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) fields = NULL;
  GError *local_error = NULL;
  gint64 rate_bp = 0;

  data->problems = problems_new ();
  check_text (data->problems, "name", "Name", name, TILL_TAX_RATE_NAME_MAX);
  if (data->rate == NULL || data->rate[0] == '\0')
    add_problem (data->problems, "rate", "A rate is needed, as a percent: 19 or 7,5");
  else if (!till_percent_parse (data->rate, data->notation, &rate_bp, &parse_error))
    add_problem (data->problems, "rate", parse_error->message);

  if (till_field_problems_lookup (data->problems, "name") == NULL)
    {
      other = till_catalog_find_tax_rate_by_name (store, name, &local_error);
      if (other == NULL && !not_found_is_fine (&local_error))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (other != NULL && other->id != data->id)
        add_problem (data->problems, "name", "Another tax rate already has this name");
    }
  if (data->problems->len > 0)
    return TRUE;

  if (data->id == 0)
    return till_catalog_insert_tax_rate (store, name, rate_bp, &data->id, error) &&
           till_context_audit (data->context, "tax_rate.add", "tax_rate", data->id, "", error);

  before = till_catalog_get_tax_rate (store, data->id, error);
  if (before == NULL)
    return FALSE;
  fields = g_string_new (NULL);
  note_change (fields, "name", g_strcmp0 (before->name, name) != 0);
  note_change (fields, "rate", before->rate_bp != rate_bp);
  if (fields->len == 0)
    return TRUE;
  g_free (before->name);
  before->name = g_strdup (name);
  before->rate_bp = rate_bp;
  return till_catalog_update_tax_rate (store, before, error) &&
         till_context_audit (data->context, "tax_rate.update", "tax_rate", data->id, fields->str, error);
}

gboolean
till_catalog_service_save_tax_rate (TillContext   *context,
                                    gint64         id,
                                    const char    *name,
                                    const char    *rate,
                                    TillNotation   notation,
                                    gint64        *out_id,
                                    GPtrArray    **out_problems,
                                    GError       **error)
{
  SaveTaxRate data = { context, id, name, rate, notation, NULL };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  *out_problems = NULL;
  if (!may_edit_catalog (context, error))
    return FALSE;
  if (!till_store_transaction (till_context_get_store (context), save_tax_rate_in_transaction, &data, error))
    {
      *out_problems = data.problems != NULL ? data.problems : problems_new ();
      return FALSE;
    }
  *out_problems = data.problems;
  if (out_id != NULL)
    *out_id = data.problems->len == 0 ? data.id : 0;
  return data.problems->len == 0;
}

static gboolean
retire_tax_rate_in_transaction (TillStore  *store,
                                gpointer    user_data,
                                GError    **error)
{
  Toggle *data = user_data;
  g_autoptr(TillTaxRate) rate = till_catalog_get_tax_rate (store, data->id, error);
  gint64 n;

  if (rate == NULL)
    return FALSE;
  if (rate->retired == data->flag)
    return TRUE;
  if (data->flag)
    {
      n = till_catalog_count_tax_rate_products (store, data->id, TRUE, error);
      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          if (n == 1)
            g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                         "An active product is sold at %s: give it another rate before "
                         "retiring this one", rate->name);
          else
            g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                         "%" G_GINT64_FORMAT " active products are sold at %s: give them "
                         "another rate before retiring this one", n, rate->name);
          return FALSE;
        }
    }
  rate->retired = data->flag;
  return till_catalog_update_tax_rate (store, rate, error) &&
         till_context_audit (data->context, data->flag ? "tax_rate.retire" : "tax_rate.reactivate",
                             "tax_rate", data->id, "retired", error);
}

gboolean
till_catalog_service_set_tax_rate_retired (TillContext  *context,
                                           gint64        id,
                                           gboolean      retired,
                                           GError      **error)
{
  Toggle data = { context, id, retired };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return may_edit_catalog (context, error) &&
         till_store_transaction (till_context_get_store (context), retire_tax_rate_in_transaction, &data, error);
}

static gboolean
delete_tax_rate_in_transaction (TillStore  *store,
                                gpointer    user_data,
                                GError    **error)
{
  Toggle *data = user_data;
  g_autoptr(TillTaxRate) rate = till_catalog_get_tax_rate (store, data->id, error);
  gint64 n;

  if (rate == NULL)
    return FALSE;
  n = till_catalog_count_tax_rate_products (store, data->id, FALSE, error);
  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_REFUSED,
                   "%s is the rate of %" G_GINT64_FORMAT " product%s; a rate in use cannot be "
                   "deleted, only retired", rate->name, n, n == 1 ? "" : "s");
      return FALSE;
    }
  return till_catalog_delete_tax_rate (store, data->id, error) &&
         till_context_audit (data->context, "tax_rate.delete", "tax_rate", data->id, "", error);
}

gboolean
till_catalog_service_delete_tax_rate (TillContext  *context,
                                      gint64        id,
                                      GError      **error)
{
  Toggle data = { context, id, FALSE };

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);

  return may_edit_catalog (context, error) &&
         till_store_transaction (till_context_get_store (context), delete_tax_rate_in_transaction, &data, error);
}

/* Scanning */

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* The product carrying @code, or the UPC-A / EAN-13 twin a scanner may send
 * for it ("0" + 12 digits is the same article). */
static gint64
find_by_barcode (TillStore   *store,
                 const char  *code,
                 GError     **error)
{
  gint64 id = till_catalog_find_product_by_barcode (store, code, error);
  gsize len = strlen (code);

  if (id != 0 || !all_digits (code))
    return id;
  if (len == 13 && code[0] == '0')
    return till_catalog_find_product_by_barcode (store, code + 1, error);
  if (len == 12)
    {
      g_autofree char *ean = g_strconcat ("0", code, NULL);
      return till_catalog_find_product_by_barcode (store, ean, error);
    }
  return 0;
}

gboolean
till_catalog_resolve_code (TillContext     *context,
                           const char      *code,
                           TillScanResult **out_result,
                           GError         **error)
{
  g_autoptr(TillScanResult) result = g_new0 (TillScanResult, 1);
  g_autoptr(GArray) rules = NULL;
  g_autofree char *card_prefix = NULL;
  TillStore *store;
  TillScaleLabel label;
  GError *local_error = NULL;
  gboolean check_ok = FALSE;
  gint64 id;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (out_result != NULL, FALSE);

  store = till_context_get_store (context);
  result->code = g_strstrip (g_strdup (code));
  result->kind = TILL_SCAN_SEARCH;
  if (result->code[0] == '\0' || !g_utf8_validate (result->code, -1, NULL))
    {
      *out_result = g_steal_pointer (&result);
      return TRUE;
    }

  /* 1. a product barcode; 2. an exact SKU */
  id = find_by_barcode (store, result->code, error);
  if (id == 0)
    {
      id = till_catalog_find_product_by_sku (store, result->code, error);
      result->by_sku = id > 0;
    }
  if (id < 0)
    return FALSE;
  if (id > 0)
    {
      result->product = till_catalog_get_product (store, id, error);
      if (result->product == NULL)
        return FALSE;
      result->kind = TILL_SCAN_PRODUCT;
      *out_result = g_steal_pointer (&result);
      return TRUE;
    }

  /* 3. a scale label */
  rules = till_settings_service_get_scale_rules (context);
  if (till_scale_label_parse (result->code, rules, &label, &local_error))
    {
      id = till_catalog_find_product_by_barcode (store, label.template_code, error);
      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND,
                       "No product carries the scale-label template %s of the label %s: give "
                       "the weighed product this template as a barcode", label.template_code,
                       result->code);
          return FALSE;
        }
      result->product = till_catalog_get_product (store, id, error);
      if (result->product == NULL)
        return FALSE;
      result->kind = TILL_SCAN_SCALE_LABEL;
      result->scale_kind = label.kind;
      if (label.kind == TILL_SCALE_WEIGHT)
        result->grams = label.value;
      else
        result->label_price = label.value;
      *out_result = g_steal_pointer (&result);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* 4. a loyalty card */
  card_prefix = till_settings_service_get (context, "card.prefix", NULL);
  if (till_loyalty_card_parse (result->code, card_prefix, &check_ok))
    {
      g_autoptr(TillCustomerRecord) customer = NULL;

      if (!check_ok)
        {
          g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                       "The check digit of the loyalty card %s is wrong; scan the card again "
                       "or type its number", result->code);
          return FALSE;
        }
      customer = till_customers_find_by (store, "card", result->code, &local_error);
      if (customer == NULL)
        {
          if (!g_error_matches (local_error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
          g_set_error (error, TILL_ERROR, TILL_ERROR_NOT_FOUND,
                       "No customer has the loyalty card %s; add it to a customer on the "
                       "Customers page", result->code);
          return FALSE;
        }
      result->kind = TILL_SCAN_CUSTOMER;
      result->customer_id = customer->id;
      *out_result = g_steal_pointer (&result);
      return TRUE;
    }

  /* Digits of a GS1 length were meant as a barcode: a wrong check digit is
   * a misread, not a search. */
  if (!till_barcode_classify (result->code, NULL, &local_error) &&
      all_digits (result->code) && strlen (result->code) >= 8)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_error (&local_error);

  /* 5. a search, which the caller runs */
  *out_result = g_steal_pointer (&result);
  return TRUE;
}

GArray *
till_catalog_service_search_products (TillContext  *context,
                                      const char   *text,
                                      guint         limit,
                                      GError      **error)
{
  g_autoptr(TillScanResult) scan = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* A code that resolves to a product comes first; a code that does not
   * (a wrong check digit) simply finds nothing by that road. */
  if (till_catalog_resolve_code (context, text, &scan, NULL) && scan->product != NULL && limit > 0)
    g_array_append_val (ids, scan->product->id);

  found = till_catalog_search_products (till_context_get_store (context), text, limit, error);
  if (found == NULL)
    return NULL;
  for (guint i = 0; i < found->len && ids->len < limit; i++)
    {
      gint64 id = g_array_index (found, gint64, i);

      if (ids->len > 0 && g_array_index (ids, gint64, 0) == id)
        continue;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}
