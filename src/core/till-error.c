/* till-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-error.h"

G_DEFINE_QUARK (till-error-quark, till_error)
