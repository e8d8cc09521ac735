/* till-error.h: the error domains of Till's layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Input refused by a rule of the domain (core and services). */
#define TILL_ERROR (till_error_quark ())

typedef enum
{
  TILL_ERROR_INVALID,        /* malformed input: "abc", "1.2.3" */
  TILL_ERROR_TOO_PRECISE,    /* more non-zero decimals than the value can hold */
  TILL_ERROR_NEGATIVE,       /* a negative value where none is allowed */
  TILL_ERROR_OUT_OF_RANGE,   /* above a limit of RULES.md, or int64 overflow */
  TILL_ERROR_NOT_FOUND,      /* an unknown code, customer, currency… */
  TILL_ERROR_REFUSED,        /* a rule of the domain refuses the request */
  TILL_ERROR_PERMISSION,     /* the signed-in staff member may not do this */
  TILL_ERROR_FAILED,         /* anything else */
} TillErrorCode;

GQuark till_error_quark (void);

G_END_DECLS
