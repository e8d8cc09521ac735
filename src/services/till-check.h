/* till-check.h: everything `till-admin check` verifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "till-store.h"

G_BEGIN_DECLS

/* Runs every check in order: SQLite's integrity check, the foreign keys, the
 * audit chain (and, as later issues add them, the invariants of RULES.md).
 * Returns FALSE with @error only when the database cannot be read; otherwise
 * returns TRUE and fills @problems (sentences naming the row) — empty when
 * all is well. */
gboolean till_check_run (TillStore  *store,
                         GPtrArray **out_problems,
                         GError    **error);

G_END_DECLS
