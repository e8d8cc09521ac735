/* till-customer-service.h: creating and editing customers, with every rule checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-context.h"
#include "till-customers.h"

G_BEGIN_DECLS

#define TILL_CUSTOMER_NAME_MAX     200
#define TILL_CUSTOMER_ADDRESS_MAX  500
#define TILL_CUSTOMER_NOTES_MAX    2000

/* One refusal, next to the field it is about */
typedef struct
{
  char *field;     /* "name", "card", "phone", "email", "address", "birthday", "notes" … */
  char *message;
} TillFieldProblem;

void       till_field_problem_free          (TillFieldProblem *problem);
/* The message for @field in @problems, or NULL */
const char *till_field_problems_lookup      (GPtrArray        *problems,
                                             const char       *field);

/* Checks and normalises @draft in place (trimmed text, the phone in E.164,
 * the card's digits), without saving.  Returns the problems found (empty
 * when none); never NULL. */
GPtrArray *till_customer_service_validate   (TillContext         *context,
                                             TillCustomerRecord  *draft);

/* Validates @draft, then inserts it (id 0) or updates it, audited with the
 * names of the fields that changed.  Refusals are returned in @out_problems
 * (including a card, phone or e-mail that another customer already uses) and
 * nothing is saved; @error is set only when the database fails. */
gboolean   till_customer_service_save       (TillContext         *context,
                                             TillCustomerRecord  *draft,
                                             GPtrArray          **out_problems,
                                             GError             **error);

/* Finds a customer as DESIGN.md writes one: "card:…", "phone:…" (typed as a
 * person types it), "id:…", or a bare value, which is a card number. */
TillCustomerRecord *till_customer_service_find (TillContext  *context,
                                                const char   *spec,
                                                GError      **error);

G_END_DECLS
