/* till-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-catalog.h"
#include "till-store-private.h"

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
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_catalog_insert_category (TillStore   *store,
                              const char  *name,
                              const char  *colour,
                              int          position,
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
  sqlite3_bind_int (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, earns_points ? 1 : 0);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (till_store_get_db (store));
  return TRUE;
}

gboolean
till_catalog_insert_product (TillStore               *store,
                             const TillProductDraft  *draft,
                             const char * const      *barcodes,
                             gint64                  *out_id,
                             GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL && draft->sku != NULL && draft->name != NULL, FALSE);

  stmt = till_store_prepare (store,
                             "INSERT INTO products (sku, name, category_id, price, tax_rate_id,"
                             " sold_by, active, discountable)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, draft->sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, draft->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, draft->category_id);
  sqlite3_bind_int64 (stmt, 4, draft->price);
  sqlite3_bind_int64 (stmt, 5, draft->tax_rate_id);
  sqlite3_bind_text (stmt, 6, draft->sold_by_weight ? "weight" : "unit", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, draft->active ? 1 : 0);
  sqlite3_bind_int (stmt, 8, draft->discountable ? 1 : 0);
  if (!till_store_step_done (store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (till_store_get_db (store));

  for (guint i = 0; barcodes != NULL && barcodes[i] != NULL; i++)
    {
      stmt = till_store_prepare (store,
                                 "INSERT INTO barcodes (code, product_id, position) VALUES (?1, ?2, ?3)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, barcodes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, (int)i);
      if (!till_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gint64
till_catalog_count_products (TillStore  *store,
                             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TILL_IS_STORE (store), -1);

  stmt = till_store_prepare (store, "SELECT count(*) FROM products", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    till_store_fail (store, rc, error);
  till_store_release (stmt);
  return count;
}
