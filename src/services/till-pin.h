/* till-pin.h: staff PINs, hashed with libsodium's argon2id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TILL_PIN_COST_INTERACTIVE,   /* libsodium's interactive limits: the default */
  TILL_PIN_COST_MIN,           /* the lowest limits: tests and sanitizer builds only */
} TillPinCost;

#define TILL_PIN_MIN_DIGITS 4
#define TILL_PIN_MAX_DIGITS 8

/* The shop setting `security.pin_cost` ("interactive" or "min"); anything else is interactive. */
TillPinCost till_pin_cost_from_setting (const char   *value);

/* 4 to 8 ASCII digits, or TILL_ERROR_INVALID with a message */
gboolean    till_pin_validate          (const char   *pin,
                                        GError      **error);
/* An argon2id hash string (salted), or NULL when memory runs out */
char       *till_pin_hash              (const char   *pin,
                                        TillPinCost   cost,
                                        GError      **error);
gboolean    till_pin_verify            (const char   *hash,
                                        const char   *pin);

G_END_DECLS
