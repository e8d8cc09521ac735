/* till-store.h: the database behind Till
 *
 * A TillStore is one connection to one database file.  Its headers expose no
 * SQLite types, so a second backend can stand behind the same functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TILL_STORE_ERROR (till_store_error_quark ())

typedef enum
{
  TILL_STORE_ERROR_BUSY,          /* another program holds the database */
  TILL_STORE_ERROR_FULL,          /* the disk is full */
  TILL_STORE_ERROR_CONSTRAINT,    /* a uniqueness or check constraint */
  TILL_STORE_ERROR_CORRUPT,       /* the file is damaged */
  TILL_STORE_ERROR_IO,            /* reading or writing the file failed */
  TILL_STORE_ERROR_NEWER_SCHEMA,  /* made by a newer Till */
  TILL_STORE_ERROR_NOT_TILL,      /* not a SQLite file, or not Till's */
  TILL_STORE_ERROR_CANT_OPEN,     /* missing, or the folder is not writable */
  TILL_STORE_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  TILL_STORE_ERROR_NOT_FOUND,     /* no such row */
  TILL_STORE_ERROR_FAILED,
} TillStoreErrorCode;

/* "TILL" in ASCII: PRAGMA application_id of every database Till creates */
#define TILL_STORE_APPLICATION_ID 0x54494C4C

typedef enum
{
  TILL_STORE_OPEN_DEFAULT = 0,
  TILL_STORE_OPEN_CREATE  = 1 << 0,   /* create the file (0600, in a 0700 folder) if missing */
} TillStoreOpenFlags;

#define TILL_TYPE_STORE (till_store_get_type ())
G_DECLARE_FINAL_TYPE (TillStore, till_store, TILL, STORE, GObject)

typedef gboolean (*TillStoreFunc) (TillStore  *store,
                                   gpointer    user_data,
                                   GError    **error);

GQuark      till_store_error_quark          (void);

TillStore  *till_store_open                 (const char          *path,
                                             TillStoreOpenFlags   flags,
                                             GError             **error);
const char *till_store_get_path             (TillStore           *self);
char       *till_store_dup_archive_dir      (TillStore           *self);
int         till_store_get_schema_version   (TillStore           *self);
int         till_store_get_latest_version   (void);

/* Runs @func inside BEGIN IMMEDIATE … COMMIT; any error from @func, or from
 * the commit, rolls everything back.  Nested calls become savepoints. */
gboolean    till_store_transaction          (TillStore           *self,
                                             TillStoreFunc        func,
                                             gpointer             user_data,
                                             GError             **error);
gboolean    till_store_in_transaction       (TillStore           *self);

/* Shop-wide settings (DESIGN.md's key table).  get returns NULL when unset. */
char       *till_store_get_setting          (TillStore           *self,
                                             const char          *key);
gboolean    till_store_set_setting          (TillStore           *self,
                                             const char          *key,
                                             const char          *value,
                                             GError             **error);
/* keys and values alternate, sorted by key */
GStrv       till_store_list_settings        (TillStore           *self,
                                             GError             **error);

/* Low-level checks for till-check: each returns a list of problems (empty when fine). */
GPtrArray  *till_store_check_integrity      (TillStore           *self,
                                             GError             **error);
GPtrArray  *till_store_check_foreign_keys   (TillStore           *self,
                                             GError             **error);

/* Current time as ISO 8601 UTC with microseconds: "2026-11-25T03:13:27.123456Z" */
char       *till_store_format_time          (GDateTime           *time);

G_END_DECLS
