/* till-pin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <string.h>

#include "till-error.h"
#include "till-pin.h"

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_FAILED,
                           "The cryptography library could not start.");
      return FALSE;
    }
  return TRUE;
}

TillPinCost
till_pin_cost_from_setting (const char *value)
{
  return g_strcmp0 (value, "min") == 0 ? TILL_PIN_COST_MIN : TILL_PIN_COST_INTERACTIVE;
}

gboolean
till_pin_validate (const char  *pin,
                   GError     **error)
{
  gsize len;

  g_return_val_if_fail (pin != NULL, FALSE);

  len = strlen (pin);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                             "A PIN is made of digits only.");
        return FALSE;
      }
  if (len < TILL_PIN_MIN_DIGITS || len > TILL_PIN_MAX_DIGITS)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "A PIN has %d to %d digits.", TILL_PIN_MIN_DIGITS, TILL_PIN_MAX_DIGITS);
      return FALSE;
    }
  return TRUE;
}

char *
till_pin_hash (const char   *pin,
               TillPinCost   cost,
               GError      **error)
{
  char hash[crypto_pwhash_STRBYTES];
  unsigned long long ops;
  size_t mem;

  g_return_val_if_fail (pin != NULL, NULL);

  if (!till_pin_validate (pin, error) || !ensure_sodium (error))
    return NULL;

  if (cost == TILL_PIN_COST_MIN)
    {
      ops = crypto_pwhash_OPSLIMIT_MIN;
      mem = crypto_pwhash_MEMLIMIT_MIN;
    }
  else
    {
      ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }

  if (crypto_pwhash_str_alg (hash, pin, strlen (pin), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_FAILED,
                           "There was not enough memory to protect the PIN. Close other programs "
                           "and try again.");
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
till_pin_verify (const char *hash,
                 const char *pin)
{
  g_return_val_if_fail (hash != NULL && pin != NULL, FALSE);

  if (sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}
