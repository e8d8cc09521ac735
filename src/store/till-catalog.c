/* till-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-catalog.h"
#include "till-customers.h"
#include "till-store-private.h"

#define PRODUCT_COLUMNS \
  "p.id, p.sku, p.name, p.category_id, p.price, p.tax_rate_id, p.sold_by, p.active," \
  " p.discountable, c.name, c.colour, c.earns_points, t.rate_bp"
#define PRODUCT_FROM \
  " FROM products p JOIN categories c ON c.id = p.category_id" \
  " JOIN tax_rates t ON t.id = p.tax_rate_id"

/* Records */

void
till_tax_rate_free (TillTaxRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->name);
  g_free (rate);
}

TillTaxRate *
till_tax_rate_copy (const TillTaxRate *rate)
{
  TillTaxRate *copy;

  g_return_val_if_fail (rate != NULL, NULL);

  copy = g_memdup2 (rate, sizeof *rate);
  copy->name = g_strdup (rate->name);
  return copy;
}

void
till_category_free (TillCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category->colour);
  g_free (category);
}

TillCategory *
till_category_copy (const TillCategory *category)
{
  TillCategory *copy;

  g_return_val_if_fail (category != NULL, NULL);

  copy = g_memdup2 (category, sizeof *category);
  copy->name = g_strdup (category->name);
  copy->colour = g_strdup (category->colour);
  return copy;
}

TillProductRecord *
till_product_record_new (void)
{
  TillProductRecord *record = g_new0 (TillProductRecord, 1);

  record->active = TRUE;
  record->discountable = TRUE;
  record->barcodes = g_ptr_array_new_with_free_func (g_free);
  return record;
}

TillProductRecord *
till_product_record_copy (const TillProductRecord *record)
{
  TillProductRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->sku = g_strdup (record->sku);
  copy->name = g_strdup (record->name);
  copy->category_name = g_strdup (record->category_name);
  copy->category_colour = g_strdup (record->category_colour);
  copy->barcodes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; record->barcodes != NULL && i < record->barcodes->len; i++)
    g_ptr_array_add (copy->barcodes, g_strdup (record->barcodes->pdata[i]));
  return copy;
}

void
till_product_record_free (TillProductRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->sku);
  g_free (record->name);
  g_free (record->category_name);
  g_free (record->category_colour);
  g_clear_pointer (&record->barcodes, g_ptr_array_unref);
  g_free (record);
}

/* Helpers */

static gboolean
set_last_id (TillStore *store,
             gint64    *out_id)
{
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

static gboolean
expect_change (TillStore   *store,
               const char  *what,
               GError     **error)
{
  if (sqlite3_changes (till_store_get_db (store)) == 0)
    {
      g_set_error (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such %s.", what);
      return FALSE;
    }
  return TRUE;
}

/* Steps a statement that yields one integer; releases it. */
static gboolean
step_int (TillStore     *store,
          sqlite3_stmt  *stmt,
          gint64        *out,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      till_store_release (stmt);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *out = 0;
      till_store_release (stmt);
      return TRUE;
    }
  till_store_fail (store, rc, error);
  till_store_release (stmt);
  return FALSE;
}

/* Whether the schema has @table: queries about orders work before the
 * migration that creates them. */
static gboolean
has_table (TillStore   *store,
           const char  *table,
           gboolean    *out_has,
           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  stmt = till_store_prepare (store,
                             "SELECT EXISTS (SELECT 1 FROM sqlite_schema"
                             " WHERE type = 'table' AND name = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (!step_int (store, stmt, &found, error))
    return FALSE;
  *out_has = found != 0;
  return TRUE;
}

/* Tax rates */

static TillTaxRate *
tax_rate_from_row (sqlite3_stmt *stmt)
{
  TillTaxRate *rate = g_new0 (TillTaxRate, 1);

  rate->id = sqlite3_column_int64 (stmt, 0);
  rate->name = till_store_column_dup (stmt, 1);
  rate->rate_bp = sqlite3_column_int64 (stmt, 2);
  rate->retired = sqlite3_column_int (stmt, 3) != 0;
  return rate;
}

static TillTaxRate *
get_one_tax_rate (TillStore     *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  TillTaxRate *rate = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    rate = tax_rate_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such tax rate.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return rate;
}

gboolean
till_catalog_insert_tax_rate (TillStore   *store,
                              const char  *name,
                              gint64       rate_bp,
                              gint64      *out_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = till_store_prepare (store, "INSERT INTO tax_rates (name, rate_bp) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rate_bp);
  return till_store_step_done (store, stmt, error) && set_last_id (store, out_id);
}

gboolean
till_catalog_update_tax_rate (TillStore          *store,
                              const TillTaxRate  *rate,
                              GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (rate != NULL && rate->id > 0 && rate->name != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE tax_rates SET name = ?1, rate_bp = ?2, retired = ?3 WHERE id = ?4",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rate->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rate->rate_bp);
  sqlite3_bind_int (stmt, 3, rate->retired ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, rate->id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "tax rate", error);
}

gboolean
till_catalog_delete_tax_rate (TillStore  *store,
                              gint64      id,
                              GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "DELETE FROM tax_rates WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "tax rate", error);
}

TillTaxRate *
till_catalog_get_tax_rate (TillStore  *store,
                           gint64      id,
                           GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT id, name, rate_bp, retired FROM tax_rates WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_one_tax_rate (store, stmt, error);
}

TillTaxRate *
till_catalog_find_tax_rate_by_name (TillStore   *store,
                                    const char  *name,
                                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = till_store_prepare (store, "SELECT id, name, rate_bp, retired FROM tax_rates WHERE name = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return get_one_tax_rate (store, stmt, error);
}

TillTaxRate *
till_catalog_find_tax_rate_by_bp (TillStore  *store,
                                  gint64      rate_bp,
                                  GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, name, rate_bp, retired FROM tax_rates WHERE rate_bp = ?1"
                             " ORDER BY retired, id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rate_bp);
  return get_one_tax_rate (store, stmt, error);
}

GPtrArray *
till_catalog_list_tax_rates (TillStore  *store,
                             GError    **error)
{
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify)till_tax_rate_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, name, rate_bp, retired FROM tax_rates ORDER BY rate_bp, name",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rates, tax_rate_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rates);
}

gint64
till_catalog_count_tax_rate_products (TillStore  *store,
                                      gint64      id,
                                      gboolean    active_only,
                                      GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store,
                             "SELECT count(*) FROM products WHERE tax_rate_id = ?1"
                             " AND (active = 1 OR ?2 = 0)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, active_only ? 1 : 0);
  if (!step_int (store, stmt, &count, error))
    return -1;
  return count;
}

/* Categories */

static TillCategory *
category_from_row (sqlite3_stmt *stmt)
{
  TillCategory *category = g_new0 (TillCategory, 1);

  category->id = sqlite3_column_int64 (stmt, 0);
  category->name = till_store_column_dup (stmt, 1);
  category->colour = till_store_column_dup (stmt, 2);
  category->position = sqlite3_column_int64 (stmt, 3);
  category->earns_points = sqlite3_column_int (stmt, 4) != 0;
  return category;
}

static TillCategory *
get_one_category (TillStore     *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  TillCategory *category = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    category = category_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such category.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return category;
}

gboolean
till_catalog_insert_category (TillStore   *store,
                              const char  *name,
                              const char  *colour,
                              gint64       position,
                              gboolean     earns_points,
                              gint64      *out_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && colour != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO categories (name, colour, position, earns_points)"
                             " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, colour, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, earns_points ? 1 : 0);
  return till_store_step_done (store, stmt, error) && set_last_id (store, out_id);
}

gboolean
till_catalog_update_category (TillStore           *store,
                              const TillCategory  *category,
                              GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (category != NULL && category->id > 0, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE categories SET name = ?1, colour = ?2, position = ?3,"
                             " earns_points = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, category->colour, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, category->position);
  sqlite3_bind_int (stmt, 4, category->earns_points ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, category->id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "category", error);
}

gboolean
till_catalog_delete_category (TillStore  *store,
                              gint64      id,
                              GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "DELETE FROM categories WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "category", error);
}

TillCategory *
till_catalog_get_category (TillStore  *store,
                           gint64      id,
                           GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, name, colour, position, earns_points FROM categories"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_one_category (store, stmt, error);
}

TillCategory *
till_catalog_find_category (TillStore   *store,
                            const char  *name,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = till_store_prepare (store,
                             "SELECT id, name, colour, position, earns_points FROM categories"
                             " WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return get_one_category (store, stmt, error);
}

GPtrArray *
till_catalog_list_categories (TillStore  *store,
                              gboolean    by_name,
                              GError    **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify)till_category_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  if (by_name)
    stmt = till_store_prepare (store,
                               "SELECT id, name, colour, position, earns_points FROM categories"
                               " ORDER BY name", error);
  else
    stmt = till_store_prepare (store,
                               "SELECT id, name, colour, position, earns_points FROM categories"
                               " ORDER BY position, name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (categories, category_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&categories);
}

gint64
till_catalog_count_category_products (TillStore  *store,
                                      gint64      id,
                                      GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM products WHERE category_id = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_int (store, stmt, &count, error))
    return -1;
  return count;
}

gint64
till_catalog_max_category_position (TillStore  *store,
                                    GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 max = -1;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT coalesce (max (position), -1) FROM categories", error);
  if (stmt == NULL)
    return G_MININT64;
  if (!step_int (store, stmt, &max, error))
    return G_MININT64;
  return max;
}

/* Products */

static TillProductRecord *
product_from_row (sqlite3_stmt *stmt)
{
  TillProductRecord *record = till_product_record_new ();

  record->id = sqlite3_column_int64 (stmt, 0);
  record->sku = till_store_column_dup (stmt, 1);
  record->name = till_store_column_dup (stmt, 2);
  record->category_id = sqlite3_column_int64 (stmt, 3);
  record->price = sqlite3_column_int64 (stmt, 4);
  record->tax_rate_id = sqlite3_column_int64 (stmt, 5);
  record->sold_by_weight = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 6), "weight") == 0;
  record->active = sqlite3_column_int (stmt, 7) != 0;
  record->discountable = sqlite3_column_int (stmt, 8) != 0;
  record->category_name = till_store_column_dup (stmt, 9);
  record->category_colour = till_store_column_dup (stmt, 10);
  record->earns_points = sqlite3_column_int (stmt, 11) != 0;
  record->tax_rate_bp = sqlite3_column_int64 (stmt, 12);
  return record;
}

static gboolean
load_barcodes (TillStore          *store,
               TillProductRecord  *record,
               GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = till_store_prepare (store,
                             "SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY position",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->id);
  g_ptr_array_set_size (record->barcodes, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (record->barcodes, till_store_column_dup (stmt, 0));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

static gboolean
write_barcodes (TillStore                *store,
                const TillProductRecord  *record,
                GError                  **error)
{
  sqlite3_stmt *stmt;

  stmt = till_store_prepare (store, "DELETE FROM barcodes WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->id);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; record->barcodes != NULL && i < record->barcodes->len; i++)
    {
      stmt = till_store_prepare (store,
                                 "INSERT INTO barcodes (code, product_id, position) VALUES (?1, ?2, ?3)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record->barcodes->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, record->id);
      sqlite3_bind_int (stmt, 3, (int)i);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
till_catalog_insert_product (TillStore          *store,
                             TillProductRecord  *record,
                             GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->sku != NULL && record->name != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO products (sku, name, category_id, price, tax_rate_id,"
                             " sold_by, active, discountable)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, record->category_id);
  sqlite3_bind_int64 (stmt, 4, record->price);
  sqlite3_bind_int64 (stmt, 5, record->tax_rate_id);
  sqlite3_bind_text (stmt, 6, record->sold_by_weight ? "weight" : "unit", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, record->active ? 1 : 0);
  sqlite3_bind_int (stmt, 8, record->discountable ? 1 : 0);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return write_barcodes (store, record, error);
}

gboolean
till_catalog_update_product (TillStore                *store,
                             const TillProductRecord  *record,
                             GError                  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->id > 0, FALSE);
  g_return_val_if_fail (record->sku != NULL && record->name != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "UPDATE products SET sku = ?1, name = ?2, category_id = ?3, price = ?4,"
                             " tax_rate_id = ?5, sold_by = ?6, active = ?7, discountable = ?8"
                             " WHERE id = ?9", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, record->category_id);
  sqlite3_bind_int64 (stmt, 4, record->price);
  sqlite3_bind_int64 (stmt, 5, record->tax_rate_id);
  sqlite3_bind_text (stmt, 6, record->sold_by_weight ? "weight" : "unit", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, record->active ? 1 : 0);
  sqlite3_bind_int (stmt, 8, record->discountable ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, record->id);
  if (!till_store_step_done (store, stmt, error) || !expect_change (store, "product", error))
    return FALSE;
  return write_barcodes (store, record, error);
}

gboolean
till_catalog_set_product_active (TillStore  *store,
                                 gint64      id,
                                 gboolean    active,
                                 GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  stmt = till_store_prepare (store, "UPDATE products SET active = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "product", error);
}

gboolean
till_catalog_delete_product (TillStore  *store,
                             gint64      id,
                             GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);

  /* The barcodes go with it (ON DELETE CASCADE). */
  stmt = till_store_prepare (store, "DELETE FROM products WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return till_store_step_done (store, stmt, error) && expect_change (store, "product", error);
}

TillProductRecord *
till_catalog_get_product (TillStore  *store,
                          gint64      id,
                          GError    **error)
{
  g_autoptr(TillProductRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  stmt = till_store_prepare (store, "SELECT " PRODUCT_COLUMNS PRODUCT_FROM " WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = product_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TILL_STORE_ERROR, TILL_STORE_ERROR_NOT_FOUND, "There is no such product.");
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  if (record == NULL || !load_barcodes (store, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

gint64
till_catalog_find_product_by_sku (TillStore   *store,
                                  const char  *sku,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);
  g_return_val_if_fail (sku != NULL, -1);

  stmt = till_store_prepare (store, "SELECT id FROM products WHERE sku = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  if (!step_int (store, stmt, &id, error))
    return -1;
  return id;
}

gint64
till_catalog_find_product_by_barcode (TillStore   *store,
                                      const char  *code,
                                      GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);
  g_return_val_if_fail (code != NULL, -1);

  stmt = till_store_prepare (store, "SELECT product_id FROM barcodes WHERE code = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!step_int (store, stmt, &id, error))
    return -1;
  return id;
}

gint64
till_catalog_count_products (TillStore  *store,
                             GError    **error)
{
  return till_catalog_count_products_filtered (store, 0, TILL_PRODUCT_FILTER_ALL, error);
}

/* The filter as the two parameters the statements take: whether to look at
 * `active` at all, and which value to want. */
static void
bind_filter (sqlite3_stmt      *stmt,
             int                first,
             gint64             category_id,
             TillProductFilter  filter)
{
  sqlite3_bind_int64 (stmt, first, category_id);
  sqlite3_bind_int (stmt, first + 1, filter == TILL_PRODUCT_FILTER_ALL ? -1 :
                                      filter == TILL_PRODUCT_FILTER_ACTIVE ? 1 : 0);
}

gint64
till_catalog_count_products_filtered (TillStore          *store,
                                      gint64              category_id,
                                      TillProductFilter   filter,
                                      GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store,
                             "SELECT count(*) FROM products"
                             " WHERE (?1 = 0 OR category_id = ?1) AND (?2 < 0 OR active = ?2)",
                             error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, 1, category_id, filter);
  if (!step_int (store, stmt, &count, error))
    return -1;
  return count;
}

gint64
till_catalog_count_products_before (TillStore          *store,
                                    const char         *name,
                                    gint64              id,
                                    gint64              category_id,
                                    TillProductFilter   filter,
                                    GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);
  g_return_val_if_fail (name != NULL, -1);

  stmt = till_store_prepare (store,
                             "SELECT count(*) FROM products WHERE (name, id) < (?1, ?2)"
                             " AND (?3 = 0 OR category_id = ?3) AND (?4 < 0 OR active = ?4)",
                             error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  bind_filter (stmt, 3, category_id, filter);
  if (!step_int (store, stmt, &count, error))
    return -1;
  return count;
}

static GPtrArray *
collect_products (TillStore     *store,
                  sqlite3_stmt  *stmt,
                  gboolean       with_barcodes,
                  GError       **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify)till_product_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (page, product_from_row (stmt));
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    {
      till_store_fail (store, rc, error);
      return NULL;
    }
  /* After the page's statement is done: the barcodes use a statement of their own. */
  for (guint i = 0; with_barcodes && i < page->len; i++)
    if (!load_barcodes (store, page->pdata[i], error))
      return NULL;
  return g_steal_pointer (&page);
}

GPtrArray *
till_catalog_products_page (TillStore          *store,
                            const char         *after_name,
                            gint64              after_id,
                            gint64              category_id,
                            TillProductFilter   filter,
                            guint               limit,
                            GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  /* Keyset paging over the (name, id) index; two statements so that each
   * walks it (see till_customers_page). */
  if (after_name == NULL)
    stmt = till_store_prepare (store,
                               "SELECT " PRODUCT_COLUMNS PRODUCT_FROM
                               " WHERE (?3 = 0 OR p.category_id = ?3) AND (?4 < 0 OR p.active = ?4)"
                               " ORDER BY p.name, p.id LIMIT ?5", error);
  else
    stmt = till_store_prepare (store,
                               "SELECT " PRODUCT_COLUMNS PRODUCT_FROM
                               " WHERE (p.name, p.id) > (?1, ?2)"
                               " AND (?3 = 0 OR p.category_id = ?3) AND (?4 < 0 OR p.active = ?4)"
                               " ORDER BY p.name, p.id LIMIT ?5", error);
  if (stmt == NULL)
    return NULL;
  if (after_name != NULL)
    {
      sqlite3_bind_text (stmt, 1, after_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, after_id);
    }
  bind_filter (stmt, 3, category_id, filter);
  sqlite3_bind_int (stmt, 5, (int)MIN (limit, G_MAXINT));
  return collect_products (store, stmt, FALSE, error);
}

GPtrArray *
till_catalog_products_by_sku (TillStore   *store,
                              const char  *after_sku,
                              guint        limit,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  if (after_sku == NULL)
    stmt = till_store_prepare (store,
                               "SELECT " PRODUCT_COLUMNS PRODUCT_FROM " ORDER BY p.sku LIMIT ?2", error);
  else
    stmt = till_store_prepare (store,
                               "SELECT " PRODUCT_COLUMNS PRODUCT_FROM
                               " WHERE p.sku > ?1 ORDER BY p.sku LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  if (after_sku != NULL)
    sqlite3_bind_text (stmt, 1, after_sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)MIN (limit, G_MAXINT));
  return collect_products (store, stmt, TRUE, error);
}

static gboolean
append_ids (TillStore     *store,
            sqlite3_stmt  *stmt,
            GArray        *ids,
            GHashTable    *seen,
            guint          limit,
            GError       **error)
{
  int rc;

  while (ids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (ids, id);
    }
  if (ids->len >= limit)
    rc = SQLITE_DONE;
  till_store_release (stmt);
  if (rc != SQLITE_DONE)
    return till_store_fail (store, rc, error);
  return TRUE;
}

GArray *
till_catalog_search_products (TillStore   *store,
                              const char  *text,
                              guint        limit,
                              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *tidy = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&ids);
  tidy = g_strstrip (g_strdup (text));
  if (tidy[0] == '\0' || limit == 0)
    return g_steal_pointer (&ids);

  /* Barcodes that start with what was typed: a range over the primary key
   * (0xFF never occurs in UTF-8, so it ends the range). */
  upper = g_strconcat (tidy, "\xff", NULL);
  stmt = till_store_prepare (store,
                             "SELECT product_id FROM barcodes WHERE code >= ?1 AND code < ?2"
                             " ORDER BY code LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tidy, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int)MIN (limit, G_MAXINT));
  if (!append_ids (store, stmt, ids, seen, limit, error))
    return NULL;

  /* Words of the name and SKU, accents ignored (the customers' query builder
   * quotes every word, so nothing typed is read as FTS5 syntax). */
  match = till_customers_build_match (tidy);
  if (match != NULL && ids->len < limit)
    {
      stmt = till_store_prepare (store,
                                 "SELECT rowid FROM products_fts WHERE products_fts MATCH ?1 LIMIT ?2",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int)MIN (limit, G_MAXINT));
      if (!append_ids (store, stmt, ids, seen, limit, error))
        return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
till_catalog_product_is_referenced (TillStore  *store,
                                    gint64      id,
                                    gboolean   *out_referenced,
                                    GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean has = FALSE;
  gint64 found = 0;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_referenced != NULL, FALSE);

  *out_referenced = FALSE;
  if (!has_table (store, "order_lines", &has, error))
    return FALSE;
  if (has)
    {
      stmt = till_store_prepare (store,
                                 "SELECT EXISTS (SELECT 1 FROM order_lines WHERE product_id = ?1)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_int (store, stmt, &found, error))
        return FALSE;
      if (found)
        {
          *out_referenced = TRUE;
          return TRUE;
        }
    }

  if (!has_table (store, "rewards", &has, error))
    return FALSE;
  if (has)
    {
      stmt = till_store_prepare (store,
                                 "SELECT EXISTS (SELECT 1 FROM rewards WHERE product_id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_int (store, stmt, &found, error))
        return FALSE;
      *out_referenced = found != 0;
    }
  return TRUE;
}

gboolean
till_catalog_sales_exist (TillStore  *store,
                          gboolean   *out_exist,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean has = FALSE;
  gint64 found = 0;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_exist != NULL, FALSE);

  *out_exist = FALSE;
  if (!has_table (store, "orders", &has, error))
    return FALSE;
  if (!has)
    return TRUE;
  stmt = till_store_prepare (store,
                             "SELECT EXISTS (SELECT 1 FROM orders WHERE receipt_number IS NOT NULL)",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (!step_int (store, stmt, &found, error))
    return FALSE;
  *out_exist = found != 0;
  return TRUE;
}
