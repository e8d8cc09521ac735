/* till-customers.h: customers, their contact details and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *card;                    /* NULL when the customer has no card */
  char     *name;
  char     *phone;                   /* E.164, or NULL */
  char     *email;                   /* or NULL */
  char     *address;                 /* may hold newlines */
  char     *birthday;                /* ISO date, or NULL */
  char     *contact_channel;         /* none, phone, email, post */
  gboolean  marketing_consent;
  char     *marketing_consent_date;  /* ISO date, or NULL */
  char     *receipt_preference;      /* paper, email, none */
  char     *dietary_notes;
  char     *allergies;
  char     *notes;
  gint64    tier_id;                 /* 0: no tier */
  gint64    balance;                 /* cached Σ ledger */
  char     *created_at;
  char     *updated_at;
  char     *erased_at;               /* NULL unless erased */
} TillCustomerRecord;

TillCustomerRecord *till_customer_record_new   (void);
TillCustomerRecord *till_customer_record_copy  (const TillCustomerRecord *record);
void                till_customer_record_free  (TillCustomerRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillCustomerRecord, till_customer_record_free)

/* Inserts @record (its id is ignored) and sets record->id.  A card, phone or
 * e-mail already used gives TILL_STORE_ERROR_CONSTRAINT. */
gboolean            till_customers_insert      (TillStore           *store,
                                                TillCustomerRecord  *record,
                                                GDateTime           *now,
                                                GError             **error);
/* Writes every identity, contact and preference field of @record (by id);
 * not the balance, tier or erasure, which their own services change. */
gboolean            till_customers_update      (TillStore           *store,
                                                const TillCustomerRecord *record,
                                                GDateTime           *now,
                                                GError             **error);
TillCustomerRecord *till_customers_get         (TillStore           *store,
                                                gint64               id,
                                                GError             **error);
/* Exact lookups; NULL with TILL_STORE_ERROR_NOT_FOUND when nobody matches */
TillCustomerRecord *till_customers_find_by     (TillStore           *store,
                                                const char          *field,   /* "card", "phone", "email" */
                                                const char          *value,
                                                GError             **error);
gint64              till_customers_count       (TillStore           *store,
                                                GError             **error);
/* Prefix search over name, e-mail, phone and card, accents ignored: every
 * word typed must start a word of the customer.  At most @limit ids, in the
 * index's order: ranking every match costs time in proportion to the matches
 * (12 ms for 12 000 of them), taking the first @limit costs 40 µs, so callers
 * sort the few they get.  Empty text matches nobody. */
GArray             *till_customers_search      (TillStore           *store,
                                                const char          *text,
                                                guint                limit,
                                                GError             **error);
/* One page of customers ordered by (name, id), after the given key (NULL
 * after_name: from the start).  An array of TillCustomerRecord. */
GPtrArray          *till_customers_page        (TillStore           *store,
                                                const char          *after_name,
                                                gint64               after_id,
                                                guint                limit,
                                                GError             **error);

/* The FTS5 query that till_customers_search runs for @text; NULL when the
 * text holds no word. Exposed for tests. */
char               *till_customers_build_match (const char          *text);

G_END_DECLS
