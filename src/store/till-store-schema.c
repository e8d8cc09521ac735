/* till-store-schema.c: the numbered migrations of Till's database
 *
 * Each migration runs in one transaction and sets PRAGMA user_version to its
 * number.  A released migration is never edited: change the schema by adding
 * the next one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-store-private.h"

static const char migration_1[] =
  /* Shop-wide settings: DESIGN.md's key table; unset keys take their defaults. */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE tax_rates ("
  "  id      INTEGER PRIMARY KEY,"
  "  name    TEXT NOT NULL UNIQUE,"
  "  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE categories ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  colour       TEXT NOT NULL DEFAULT '#9a9996',"
  "  position     INTEGER NOT NULL DEFAULT 0,"
  "  earns_points INTEGER NOT NULL DEFAULT 1 CHECK (earns_points IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE products ("
  "  id           INTEGER PRIMARY KEY,"
  "  sku          TEXT NOT NULL UNIQUE,"
  "  name         TEXT NOT NULL,"
  "  category_id  INTEGER NOT NULL REFERENCES categories (id),"
  "  price        INTEGER NOT NULL CHECK (price BETWEEN 0 AND 1000000000),"
  "  tax_rate_id  INTEGER NOT NULL REFERENCES tax_rates (id),"
  "  sold_by      TEXT NOT NULL CHECK (sold_by IN ('unit', 'weight')),"
  "  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  discountable INTEGER NOT NULL DEFAULT 1 CHECK (discountable IN (0, 1))"
  ") STRICT;"
  "CREATE INDEX products_category ON products (category_id);"
  "CREATE INDEX products_name ON products (name, id);"

  /* A product's barcodes keep the order they were added in (position). */
  "CREATE TABLE barcodes ("
  "  code       TEXT PRIMARY KEY,"
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX barcodes_product ON barcodes (product_id, position);"

  "CREATE TABLE tiers ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL UNIQUE,"
  "  threshold   INTEGER NOT NULL UNIQUE CHECK (threshold BETWEEN 0 AND 1000000000000),"
  "  tier_bp     INTEGER NOT NULL CHECK (tier_bp BETWEEN 0 AND 10000),"
  "  mult_bp     INTEGER NOT NULL CHECK (mult_bp BETWEEN 0 AND 100000)"
  ") STRICT;"

  "CREATE TABLE customers ("
  "  id                     INTEGER PRIMARY KEY,"
  "  card                   TEXT UNIQUE,"
  "  name                   TEXT NOT NULL,"
  "  phone                  TEXT UNIQUE,"
  "  email                  TEXT UNIQUE COLLATE NOCASE,"
  "  address                TEXT NOT NULL DEFAULT '',"
  "  birthday               TEXT,"
  "  contact_channel        TEXT NOT NULL DEFAULT 'none'"
  "                         CHECK (contact_channel IN ('none', 'phone', 'email', 'post')),"
  "  marketing_consent      INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),"
  "  marketing_consent_date TEXT,"
  "  receipt_preference     TEXT NOT NULL DEFAULT 'paper'"
  "                         CHECK (receipt_preference IN ('paper', 'email', 'none')),"
  "  dietary_notes          TEXT NOT NULL DEFAULT '',"
  "  allergies              TEXT NOT NULL DEFAULT '',"
  "  notes                  TEXT NOT NULL DEFAULT '',"
  "  tier_id                INTEGER REFERENCES tiers (id),"
  "  balance                INTEGER NOT NULL DEFAULT 0,"
  "  created_at             TEXT NOT NULL,"
  "  updated_at             TEXT NOT NULL,"
  "  erased_at              TEXT"
  ") STRICT;"
  "CREATE INDEX customers_name ON customers (name, id);"

  /* Full-text search over what a cashier types to find a customer.  External
   * content: the index holds tokens only, kept in step by triggers. */
  "CREATE VIRTUAL TABLE customers_fts USING fts5 ("
  "  name, email, phone, card,"
  "  content = 'customers', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2 3 4'"
  ");"
  "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN"
  "  INSERT INTO customers_fts (rowid, name, email, phone, card)"
  "  VALUES (new.id, new.name, new.email, new.phone, new.card);"
  "END;"
  "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, name, email, phone, card)"
  "  VALUES ('delete', old.id, old.name, old.email, old.phone, old.card);"
  "END;"
  "CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, email, phone, card ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, name, email, phone, card)"
  "  VALUES ('delete', old.id, old.name, old.email, old.phone, old.card);"
  "  INSERT INTO customers_fts (rowid, name, email, phone, card)"
  "  VALUES (new.id, new.name, new.email, new.phone, new.card);"
  "END;"

  "CREATE TABLE staff ("
  "  id              INTEGER PRIMARY KEY,"
  "  name            TEXT NOT NULL UNIQUE,"
  "  role            TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'admin')),"
  "  pin_hash        TEXT NOT NULL,"
  "  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  failed_attempts INTEGER NOT NULL DEFAULT 0,"
  "  locked_until    TEXT,"
  "  created_at      TEXT NOT NULL"
  ") STRICT;"

  /* The audit log: append-only and hash-chained (HACKING.md gives the
   * canonical serialisation).  Rows hold ids, action and field names, never
   * personal values. */
  "CREATE TABLE audit_log ("
  "  id        INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  actor     TEXT NOT NULL,"
  "  staff_id  INTEGER,"
  "  action    TEXT NOT NULL,"
  "  entity    TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL,"
  "  fields    TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash      TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX audit_log_staff ON audit_log (staff_id, id);"
  "CREATE INDEX audit_log_action ON audit_log (action, id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  /* The newest row's id and hash, written with every append, so that removing
   * the newest rows is detected too. */
  "CREATE TABLE audit_head ("
  "  id      INTEGER PRIMARY KEY CHECK (id = 1),"
  "  last_id INTEGER NOT NULL,"
  "  hash    TEXT NOT NULL"
  ") STRICT;";

static const TillMigration migrations[] = {
  { 1, migration_1 },
};

const TillMigration *
till_store_get_migrations (gsize *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
