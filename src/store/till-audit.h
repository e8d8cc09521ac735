/* till-audit.h: the append-only, hash-chained audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

/* Who acted: a signed-in staff member, the admin tool, or Till itself. */
#define TILL_AUDIT_ACTOR_STAFF  "staff"
#define TILL_AUDIT_ACTOR_ADMIN  "till-admin"
#define TILL_AUDIT_ACTOR_SYSTEM "system"

typedef struct
{
  gint64  id;
  char   *at;          /* ISO 8601 UTC, microseconds */
  char   *actor;
  gint64  staff_id;    /* 0 when no staff member acted */
  char   *action;      /* "customer.update" */
  char   *entity;      /* "customer" */
  char   *entity_id;   /* "42" */
  char   *fields;      /* "phone,email": names only, never values */
  char   *prev_hash;
  char   *hash;
} TillAuditRow;

void          till_audit_row_free   (TillAuditRow  *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillAuditRow, till_audit_row_free)

/* Appends one row at @at (the clock's now).  Inside the caller's transaction
 * when there is one, else in its own.  Text fields may not hold a newline. */
gboolean      till_audit_append     (TillStore     *store,
                                     GDateTime     *at,
                                     const char    *actor,
                                     gint64         staff_id,
                                     const char    *action,
                                     const char    *entity,
                                     const char    *entity_id,
                                     const char    *fields,
                                     GError       **error);

/* The canonical serialisation hashed for @row (HACKING.md), and its SHA-256 in hex. */
char         *till_audit_serialize  (const TillAuditRow *row);
char         *till_audit_hash       (const TillAuditRow *row);

/* Walks the whole chain.  Returns FALSE with @error only when the database
 * cannot be read; a broken chain sets *out_problem to a sentence naming the
 * first bad row, and leaves it NULL when the chain holds. */
gboolean      till_audit_verify     (TillStore     *store,
                                     char         **out_problem,
                                     GError       **error);

gint64        till_audit_count      (TillStore     *store,
                                     GError       **error);

/* What the Audit page narrows the log to; zero / NULL fields match anything. */
typedef struct
{
  gint64      staff_id;
  const char *action;      /* exact: "staff.sign-in" */
  GDateTime  *from;        /* inclusive */
  GDateTime  *until;       /* exclusive */
} TillAuditFilter;

/* A keyset page, newest first: up to @limit rows with ids below @before_id
 * (0: from the newest).  The next page starts below the last row's id. */
GPtrArray    *till_audit_list       (TillStore              *store,
                                     const TillAuditFilter  *filter,
                                     gint64                  before_id,
                                     guint                   limit,
                                     GError                **error);

G_END_DECLS
