/* till-customer-csv.h: customers to and from CSV files
 *
 * Columns as DESIGN.md fixes them:
 *   card,name,phone,email,address,birthday,contact_channel,marketing_consent,
 *   marketing_consent_date,receipt_preference,dietary_notes,allergies
 * ISO dates, booleans true or false.  An import matches each row to a
 * customer by card, else by e-mail, else by phone, else adds one; every row
 * goes through the customer service, so the rules are the form's.  It is one
 * transaction: all of it or, when a row is bad (a malformed row, bad
 * encoding, a card twice in the file, an invalid e-mail…), none of it unless
 * @skip_invalid.  The report (TillImportReport, shared with the catalog)
 * names each bad row and field.  Managers and admins only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-catalog-csv.h"

G_BEGIN_DECLS

const char * const *till_customer_csv_columns (void);

gboolean            till_customer_import      (TillContext        *context,
                                               const char         *data,
                                               gsize               len,
                                               gboolean            skip_invalid,
                                               TillImportReport  **out_report,
                                               GError            **error);
/* Every customer not erased, by name then id */
char               *till_customer_export      (TillContext        *context,
                                               GError            **error);

G_END_DECLS
