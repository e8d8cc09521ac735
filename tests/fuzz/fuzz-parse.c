/* fuzz-parse.c: what a person or a file can type into Till's parsers
 *
 * Built as a libFuzzer target with clang (-Dfuzz=true), and always as a
 * replay program that feeds it the corpus in tests/fuzz/corpus, so the
 * corpus runs in every `meson test`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdint.h>

#include "till-customers.h"
#include "till-money.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  const TillCurrency *currencies[] = {
    till_currency_lookup ("EUR"), till_currency_lookup ("JPY"), till_currency_lookup ("KWD"),
  };
  gint64 value;

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autoptr(GError) error = NULL;

      if (till_money_parse (text, currencies[i], TILL_NOTATION_FILE, TRUE, &value, &error))
        {
          /* What parses must format back to text that parses to the same value. */
          g_autofree char *again = till_money_format (value, currencies[i], TILL_NOTATION_FILE);
          gint64 value2;

          g_assert_true (till_money_parse (again, currencies[i], TILL_NOTATION_FILE, TRUE, &value2, NULL));
          g_assert_cmpint (value, ==, value2);
        }
      else
        g_assert_nonnull (error);
    }
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *match = till_customers_build_match (text);
      if (match != NULL)
        g_assert_true (g_utf8_validate (match, -1, NULL));
    }
  return 0;
}

#ifndef TILL_LIBFUZZER
int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize len;

          if (g_file_get_contents (path, &data, &len, NULL))
            LLVMFuzzerTestOneInput ((const uint8_t *)data, len);
        }
    }
  g_print ("1..1\nok 1 - corpus replayed\n");
  return 0;
}
#endif
