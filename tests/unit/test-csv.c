/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "till-csv.h"
#include "till-error.h"

#define ROUND_TRIP_ITERATIONS 5000
#define FUZZ_ITERATIONS 5000

#define BOM "\357\273\277"
#define FFFD "\357\277\275"

/* Rows as one line of text, so that a table states what a file reads as:
 * "1[a][b] 2[1][2]" is a header a,b and a row 1,2 (number, then fields);
 * "3!quote[x\"y][z]" is row 3 with a problem.  Line breaks inside fields
 * show as \n and \r. */
static const char *
problem_name (TillCsvRowProblem problem)
{
  switch (problem)
    {
    case TILL_CSV_ROW_OK:
      return "";
    case TILL_CSV_ROW_STRAY_QUOTE:
      return "!quote";
    case TILL_CSV_ROW_BARE_CR:
      return "!cr";
    case TILL_CSV_ROW_BAD_UTF8:
      return "!utf8";
    case TILL_CSV_ROW_WRONG_FIELD_COUNT:
      return "!count";
    default:
      g_assert_not_reached ();
    }
}

static void
describe_row (GString          *out,
              const TillCsvRow *row)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%u%s", row->number, problem_name (row->problem));
  g_assert_cmpuint (row->n_fields, ==, g_strv_length (row->fields));
  g_assert_true ((row->problem == TILL_CSV_ROW_OK) == (row->message == NULL));
  for (guint i = 0; i < row->n_fields; i++)
    {
      g_assert_true (g_utf8_validate (row->fields[i], -1, NULL));
      g_string_append_c (out, '[');
      for (const char *p = row->fields[i]; *p != '\0'; p++)
        {
          if (*p == '\n')
            g_string_append (out, "\\n");
          else if (*p == '\r')
            g_string_append (out, "\\r");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, ']');
    }
}

static char *
describe_file (const char *data,
               gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCsvReader) reader = till_csv_reader_new (data, len, &error);
  GString *out = g_string_new (NULL);
  const TillCsvRow *row;
  guint n_rows = 0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);

  if (till_csv_reader_get_header (reader) != NULL)
    describe_row (out, till_csv_reader_get_header (reader));
  while ((row = till_csv_reader_next (reader)) != NULL)
    {
      describe_row (out, row);
      n_rows++;
    }
  /* The end stays the end. */
  g_assert_null (till_csv_reader_next (reader));
  g_assert_cmpuint (till_csv_reader_get_n_rows (reader), ==, n_rows);

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *data;
  gsize       len;        /* 0: strlen (data) */
  const char *expected;
} ReadCase;

static void
check_read_cases (const ReadCase *cases,
                  gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const ReadCase *c = &cases[i];
      gsize len = c->len > 0 ? c->len : strlen (c->data);
      g_autofree char *got = describe_file (c->data, len);

      if (strcmp (got, c->expected) != 0)
        {
          g_autofree char *shown = g_strescape (c->data, NULL);

          g_error ("“%s” reads as\n  %s\nexpected\n  %s", shown, got, c->expected);
        }
    }
}

/* Reading */

static const ReadCase plain_cases[] = {
  { "a,b\n1,2\n3,4\n",                       0, "1[a][b] 2[1][2] 3[3][4]" },
  { "a,b\n1,2",                              0, "1[a][b] 2[1][2]" },
  { "a,b,c\n,,\n",                           0, "1[a][b][c] 2[][][]" },
  { "a,b\n1,\n",                             0, "1[a][b] 2[1][]" },
  { "a,b\n x , y \n",                        0, "1[a][b] 2[ x ][ y ]" },
  { "name,city\nHélène,Zürich\n漢字,東京\n",  0, "1[name][city] 2[Hélène][Zürich] 3[漢字][東京]" },
  { "a\n \n",                                0, "1[a] 2[ ]" },
  { "a,b\n",                                 0, "1[a][b]" },
  { "",                                      0, "" },
  { "a,b\n=1+2,'x\n",                        0, "1[a][b] 2[=1+2]['x]" },
};

static void
test_read_plain_rows (void)
{
  check_read_cases (plain_cases, G_N_ELEMENTS (plain_cases));
}

static const ReadCase quoted_cases[] = {
  { "a,b\n\"x,y\",z\n",                      0, "1[a][b] 2[x,y][z]" },
  { "a,b\n\"say \"\"hi\"\"\",z\n",           0, "1[a][b] 2[say \"hi\"][z]" },
  { "a,b\n\"\",\"\"\n",                      0, "1[a][b] 2[][]" },
  { "a,b\n\"\"\"\",\"\"\"\"\"\"\n",          0, "1[a][b] 2[\"][\"\"]" },
  { "\"a\",\"b\"\n1,2\n",                    0, "1[a][b] 2[1][2]" },
  { "a\n\"\"\nx\n",                          0, "1[a] 2[] 3[x]" },
  { "a,b\n\"x\",\"y\"",                      0, "1[a][b] 2[x][y]" },
  { "a,b\n\" x \",\"\"\n",                   0, "1[a][b] 2[ x ][]" },
};

static void
test_read_quoted_fields (void)
{
  check_read_cases (quoted_cases, G_N_ELEMENTS (quoted_cases));
}

static const ReadCase multi_line_cases[] = {
  { "a,b\n\"line 1\nline 2\",z\n3,4\n",      0, "1[a][b] 2[line 1\\nline 2][z] 3[3][4]" },
  { "a,b\n\"x\n\n\ny\",z\n3,4\n",            0, "1[a][b] 2[x\\n\\n\\ny][z] 3[3][4]" },
  { "\"a\nb\",c\n1,2\n",                     0, "1[a\\nb][c] 2[1][2]" },
  { "a\n\"\n\"\n",                           0, "1[a] 2[\\n]" },
};

static void
test_read_quoted_line_break_is_one_row (void)
{
  check_read_cases (multi_line_cases, G_N_ELEMENTS (multi_line_cases));
}

static const ReadCase crlf_cases[] = {
  { "a,b\r\n1,2\r\n",                        0, "1[a][b] 2[1][2]" },
  { "a,b\r\n1,2",                            0, "1[a][b] 2[1][2]" },
  { "a,b\r\n1,\r\n",                         0, "1[a][b] 2[1][]" },
  { "a,b\r\n\"x\",\"y\"\r\n",                0, "1[a][b] 2[x][y]" },
  /* Inside quotes a line break is data, kept as it is. */
  { "a,b\r\n\"x\r\ny\",z\r\n",               0, "1[a][b] 2[x\\r\\ny][z]" },
  { "a,b\n1,2\r\n3,4\n",                     0, "1[a][b] 2[1][2] 3[3][4]" },
};

static void
test_read_crlf_line_ends_are_accepted (void)
{
  check_read_cases (crlf_cases, G_N_ELEMENTS (crlf_cases));
}

static const ReadCase blank_cases[] = {
  { "a,b\n1,2\n\n3,4\n",                     0, "1[a][b] 2[1][2] 4[3][4]" },
  { "a,b\n1,2\n\n\n",                        0, "1[a][b] 2[1][2]" },
  { "a,b\r\n\r\n1,2\r\n",                    0, "1[a][b] 3[1][2]" },
  { "a,b\n\n\n\n1,2\n",                      0, "1[a][b] 5[1][2]" },
  /* The header is row 1 even when it is blank: it is refused, not skipped. */
  { "\na,b\n",                               0, "1[] 2!count[a][b]" },
};

static void
test_read_blank_lines_are_skipped_but_counted (void)
{
  check_read_cases (blank_cases, G_N_ELEMENTS (blank_cases));
}

static const ReadCase problem_cases[] = {
  /* A quote inside an unquoted field, or after a closing quote */
  { "a,b\nx\"y,z\n",                         0, "1[a][b] 2!quote[x\"y][z]" },
  { "a,b\nx,y\"\n",                          0, "1[a][b] 2!quote[x][y\"]" },
  { "a,b\n\"x\"y,z\n",                       0, "1[a][b] 2!quote[xy][z]" },
  { "a,b\n\"x\" ,z\n",                       0, "1[a][b] 2!quote[x ][z]" },
  { "a,b\n\"x\"\"\"y\",z\n",                 0, "1[a][b] 2!quote[x\"y\"][z]" },
  /* Reading goes on after a row with a problem. */
  { "a,b\nx\"y,z\n1,2\n",                    0, "1[a][b] 2!quote[x\"y][z] 3[1][2]" },
  /* A CR that does not end a line */
  { "a,b\nx\ry,z\n",                         0, "1[a][b] 2!cr[x\\ry][z]" },
  { "a,b\n1,2\r",                            0, "1[a][b] 2!cr[1][2\\r]" },
  /* Not UTF-8: replaced, so that nothing downstream sees the bytes */
  { "a,b\n\xff,z\n1,2\n",                    0, "1[a][b] 2!utf8[" FFFD "][z] 3[1][2]" },
  { "a,b\nH\xe9l\xe8ne,z\n",                 0, "1[a][b] 2!utf8[H" FFFD "l" FFFD "ne][z]" },
  { "a,b\n\"\xc3\",z\n",                     0, "1[a][b] 2!utf8[" FFFD "][z]" },
  { "a,b\nx\0y,z\n",                         10, "1[a][b] 2!utf8[x" FFFD "y][z]" },
  /* Not as many fields as the header */
  { "a,b,c\n1,2\n",                          0, "1[a][b][c] 2!count[1][2]" },
  { "a,b\n1,2,3\n",                          0, "1[a][b] 2!count[1][2][3]" },
  { "a,b\n1\n3,4\n",                         0, "1[a][b] 2!count[1] 3[3][4]" },
  { "a,b\n\"1,2\"\n",                        0, "1[a][b] 2!count[1,2]" },
  /* The first problem found is the one reported. */
  { "a,b\nx\"y\n",                           0, "1[a][b] 2!quote[x\"y]" },
  { "a,b\n\xff\n",                           0, "1[a][b] 2!utf8[" FFFD "]" },
  { "a,b\nx\"y,\xff\n",                      0, "1[a][b] 2!quote[x\"y][" FFFD "]" },
  /* The header has problems too. */
  { "a\"b,c\n1,2\n",                         0, "1!quote[a\"b][c] 2[1][2]" },
};

static void
test_read_problems_stay_with_their_row (void)
{
  check_read_cases (problem_cases, G_N_ELEMENTS (problem_cases));
}

typedef struct
{
  const char *data;
  guint       number;
  guint       line;
  const char *message;
} MessageCase;

static const MessageCase message_cases[] = {
  { "a,b\nx\"y,z\n", 2, 2,
    "Row 2: field 1 has a quote (\") that is not allowed there; a field with quotes must be "
    "in quotes itself, with each quote inside doubled" },
  { "a,b\n1,\"x\"y\n", 2, 2,
    "Row 2: field 2 has a quote (\") that is not allowed there; a field with quotes must be "
    "in quotes itself, with each quote inside doubled" },
  { "a,b\n1,x\ry\n", 2, 2,
    "Row 2: field 2 has a carriage return (CR) outside quotes that does not end the line" },
  { "a,b\n\"1\n2\",x\n\"3\n\n4\",5\n\xff,y\n", 4, 7,
    "Row 4: field 1 is not UTF-8 text; save the file as UTF-8" },
  { "a,b,c\n1,2\n", 2, 2, "Row 2 has 2 fields, but the header has 3" },
  { "a,b,c\n\n\n1\n", 4, 4, "Row 4 has 1 field, but the header has 3" },
};

static void
test_read_messages_name_the_row (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (message_cases); i++)
    {
      const MessageCase *c = &message_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(TillCsvReader) reader = till_csv_reader_new (c->data, strlen (c->data), &error);
      const TillCsvRow *row;

      g_assert_no_error (error);
      while ((row = till_csv_reader_next (reader)) != NULL && row->problem == TILL_CSV_ROW_OK)
        ;
      g_assert_nonnull (row);
      g_assert_cmpuint (row->number, ==, c->number);
      g_assert_cmpuint (row->line, ==, c->line);
      g_assert_cmpstr (row->message, ==, c->message);
    }
}

static void
test_read_row_numbers_count_rows_not_lines (void)
{
  const char *data = "a,b\n"             /* row 1, line 1 */
                     "\"x\ny\",1\n"      /* row 2, lines 2–3 */
                     "\n"                /* row 3, line 4: blank */
                     "2,\"p\r\nq\"\r\n"  /* row 4, lines 5–6 */
                     "3,4\n";            /* row 5, line 7 */
  const guint numbers[] = { 2, 4, 5 };
  const guint lines[] = { 2, 5, 7 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TillCsvReader) reader = till_csv_reader_new (data, strlen (data), &error);
  const TillCsvRow *row;
  gsize i = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (till_csv_reader_get_header (reader)->number, ==, 1);
  g_assert_cmpuint (till_csv_reader_get_header (reader)->line, ==, 1);
  g_assert_cmpuint (till_csv_reader_get_n_rows (reader), ==, 3);
  while ((row = till_csv_reader_next (reader)) != NULL)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (numbers));
      g_assert_cmpuint (row->number, ==, numbers[i]);
      g_assert_cmpuint (row->line, ==, lines[i]);
      g_assert_cmpint (row->problem, ==, TILL_CSV_ROW_OK);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (numbers));
}

typedef struct
{
  const char *data;
  const char *message;
} FatalCase;

static const FatalCase fatal_cases[] = {
  { BOM "a,b\n1,2\n",
    "The file starts with a byte order mark (BOM); save it as UTF-8 without BOM" },
  { BOM,
    "The file starts with a byte order mark (BOM); save it as UTF-8 without BOM" },
  { "a,b\n1,2\n\"x,3\n4,5\n",
    "Row 3 has a quote that is never closed; it opens on line 3" },
  { "a,b\n\"1\n2\",x\n3,\"y\n",
    "Row 3 has a quote that is never closed; it opens on line 4" },
  { "a\n\n\"x\n",
    "Row 3 has a quote that is never closed; it opens on line 3" },
  { "a\n\"x\"\"\n",
    "Row 2 has a quote that is never closed; it opens on line 2" },
  { "a,b\n1,\"",
    "Row 2 has a quote that is never closed; it opens on line 2" },
  { "\"a,b\n1,2\n",
    "Row 1 (the header) has a quote that is never closed; it opens on line 1" },
  /* Found before any row is handed out, even after a thousand good ones. */
  { NULL,
    "Row 1002 has a quote that is never closed; it opens on line 1002" },
};

static void
test_read_file_wide_problems_refuse_the_file (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fatal_cases); i++)
    {
      const FatalCase *c = &fatal_cases[i];
      g_autoptr(GString) data = g_string_new (c->data);
      g_autoptr(GError) error = NULL;
      g_autoptr(TillCsvReader) reader = NULL;

      if (c->data == NULL)
        {
          g_string_append (data, "a,b\n");
          for (int k = 0; k < 1000; k++)
            g_string_append (data, "1,2\n");
          g_string_append (data, "\"3,4\n5,6\n");
        }

      reader = till_csv_reader_new (data->str, data->len, &error);
      g_assert_null (reader);
      g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, c->message);
    }
}

static void
test_read_bom_elsewhere_is_data (void)
{
  g_autofree char *got = describe_file ("a,b\n" BOM "x,y\n", strlen ("a,b\n" BOM "x,y\n"));

  g_assert_cmpstr (got, ==, "1[a][b] 2[" BOM "x][y]");
}

static void
test_read_input_is_borrowed_not_terminated (void)
{
  /* The reader stops at @len, whatever follows. */
  const char data[] = "a,b\n1,2\n3,4";
  g_autofree char *got = describe_file (data, strlen ("a,b\n1,2\n"));

  g_assert_cmpstr (got, ==, "1[a][b] 2[1][2]");
}

/* Header */

static const char * const customer_columns[] = { "card", "name", "phone", "email", NULL };

#define MUST_BE "; the header must be: card,name,phone,email"

typedef struct
{
  const char *data;
  const char *message;   /* NULL: accepted */
} HeaderCase;

static const HeaderCase header_cases[] = {
  { "card,name,phone,email\n",              NULL },
  { "card,name,phone,email",                NULL },
  { "card,name,phone,email\r\n1,2,3,4\r\n", NULL },
  { "\"card\",name,phone,\"email\"\n",      NULL },
  { "card,name,phone\n",
    "Column “email” is missing" MUST_BE },
  { "card,name\n",
    "Columns “phone” and “email” are missing" MUST_BE },
  { "card,name,phone,e-mail\n",
    "Column “e-mail” is not expected and column “email” is missing" MUST_BE },
  { "card,name,phone,email,notes\n",
    "Column “notes” is not expected" MUST_BE },
  { "card,name,name,phone,email\n",
    "Column “name” appears more than once" MUST_BE },
  { "card,card,x,phone,email\n",
    "Column “x” is not expected, column “name” is missing and column “card” appears more "
    "than once" MUST_BE },
  { "card,phone,name,email\n",
    "The columns are in the wrong order: column 2 is “phone” where “name” belongs" MUST_BE },
  { "Card,Name,Phone,Email\n",
    "Columns “Card”, “Name”, “Phone” and “Email” are not expected and columns “card”, "
    "“name”, “phone” and “email” are missing" MUST_BE },
  { " card,name,phone,email\n",
    "Column “ card” is not expected and column “card” is missing" MUST_BE },
  { "",
    "The file is empty; it needs a header row: card,name,phone,email" },
  { "\n1,2,3,4\n",
    "Row 1 is empty, but it must be the header: card,name,phone,email" },
  { "card,na\"me,phone,email\n",
    "Row 1: field 2 has a quote (\") that is not allowed there; a field with quotes must be "
    "in quotes itself, with each quote inside doubled" MUST_BE },
};

static void
test_header_must_match_exactly (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (header_cases); i++)
    {
      const HeaderCase *c = &header_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(TillCsvReader) reader = till_csv_reader_new (c->data, strlen (c->data), &error);
      gboolean ok;

      g_assert_no_error (error);
      ok = till_csv_reader_check_header (reader, customer_columns, &error);
      if (c->message == NULL)
        {
          if (!ok)
            g_error ("header “%s” refused: %s", c->data, error->message);
          continue;
        }
      if (ok)
        g_error ("header “%s” accepted", c->data);
      g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, c->message);
    }
}

/* Writing */

typedef struct
{
  const char *fields[5];
  const char *expected;
} WriteCase;

static const WriteCase write_cases[] = {
  { { "a", "b", NULL },                  "a,b\n" },
  { { "a,b", "c", NULL },                "\"a,b\",c\n" },
  { { "say \"hi\"", NULL },              "\"say \"\"hi\"\"\"\n" },
  { { "\"", NULL },                      "\"\"\"\"\n" },
  { { "line 1\nline 2", "x", NULL },     "\"line 1\nline 2\",x\n" },
  { { "x\ry", NULL },                    "\"x\ry\"\n" },
  { { "x\r\ny", NULL },                  "\"x\r\ny\"\n" },
  /* Only what must be quoted is. */
  { { " lead", "trail ", " ", NULL },    " lead,trail , \n" },
  { { "Hélène", "漢字", "😀", NULL },    "Hélène,漢字,😀\n" },
  { { "=SUM(A1)", "'x", "x;y", NULL },   "=SUM(A1),'x,x;y\n" },
  { { "a", "", "c", NULL },              "a,,c\n" },
  { { "", "", NULL },                    ",\n" },
  { { "", "a", NULL },                   ",a\n" },
  /* One empty field would be a blank line. */
  { { "", NULL },                        "\"\"\n" },
  /* At the start of a file, U+FEFF would read as a byte order mark. */
  { { BOM "x", "y", NULL },              "\"" BOM "x\",y\n" },
  { { "y", BOM "x", NULL },              "y," BOM "x\n" },
};

static void
test_write_quotes_only_when_it_must (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (write_cases); i++)
    {
      const WriteCase *c = &write_cases[i];
      g_autoptr(GString) out = g_string_new (NULL);

      till_csv_append_row (out, c->fields);
      if (strcmp (out->str, c->expected) != 0)
        {
          g_autofree char *got = g_strescape (out->str, NULL);
          g_autofree char *want = g_strescape (c->expected, NULL);

          g_error ("case %" G_GSIZE_FORMAT " writes “%s”, expected “%s”", i, got, want);
        }
    }
}

static void
test_write_bom_quoting_is_only_at_the_start (void)
{
  const char * const first[] = { "a", NULL };
  const char * const second[] = { BOM "x", NULL };
  g_autoptr(GString) out = g_string_new (NULL);

  till_csv_append_row (out, first);
  till_csv_append_row (out, second);
  g_assert_cmpstr (out->str, ==, "a\n" BOM "x\n");
}

static void
test_write_empty_row_is_a_programming_error (void)
{
  if (g_test_subprocess ())
    {
      const char * const none[] = { NULL };
      g_autoptr(GString) out = g_string_new (NULL);

      till_csv_append_row (out, none);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*fields*");
}

/* Round trips */

static const char * const pieces[] = {
  "a", "Z", "0", "7", " ", "  ", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t",
  "é", "ü", "ß", "漢", "字", "😀", BOM, "'", "=", ";", "-", "\\",
};

static char *
random_field (void)
{
  GString *field = g_string_new (NULL);
  int n = g_test_rand_int_range (0, 4) == 0 ? 0 : g_test_rand_int_range (1, 12);

  for (int i = 0; i < n; i++)
    g_string_append (field, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

  return g_string_free (field, FALSE);
}

static guint
count_line_feeds (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static void
test_round_trip_write_then_read_gives_the_same_fields (void)
{
  for (int iteration = 0; iteration < ROUND_TRIP_ITERATIONS; iteration++)
    {
      int n_columns = g_test_rand_int_range (1, 7);
      int n_rows = g_test_rand_int_range (1, 5);   /* the header included */
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TillCsvReader) reader = NULL;
      guint line = 1;

      for (int r = 0; r < n_rows; r++)
        {
          char **fields = g_new0 (char *, n_columns + 1);

          for (int f = 0; f < n_columns; f++)
            fields[f] = random_field ();
          till_csv_append_row (out, (const char * const *) fields);
          g_ptr_array_add (rows, fields);
        }

      g_assert_true (g_str_has_suffix (out->str, "\n"));
      reader = till_csv_reader_new (out->str, out->len, &error);
      if (reader == NULL)
        {
          g_autofree char *shown = g_strescape (out->str, NULL);

          g_error ("“%s” refused: %s", shown, error->message);
        }
      g_assert_cmpuint (till_csv_reader_get_n_rows (reader), ==, (guint) n_rows - 1);

      for (int r = 0; r < n_rows; r++)
        {
          char **written = rows->pdata[r];
          const TillCsvRow *row = r == 0 ? till_csv_reader_get_header (reader)
                                         : till_csv_reader_next (reader);

          g_assert_nonnull (row);
          if (row->problem != TILL_CSV_ROW_OK)
            {
              g_autofree char *shown = g_strescape (out->str, NULL);

              g_error ("“%s”: %s", shown, row->message);
            }
          g_assert_cmpuint (row->number, ==, (guint) r + 1);
          g_assert_cmpuint (row->line, ==, line);
          g_assert_cmpuint (row->n_fields, ==, (guint) n_columns);
          for (int f = 0; f < n_columns; f++)
            {
              g_assert_cmpstr (row->fields[f], ==, written[f]);
              line += count_line_feeds (written[f]);
            }
          line++;
        }
      g_assert_null (till_csv_reader_next (reader));
    }
}

/* Reading whatever comes: never a crash, always text, and either a refusal
 * of the whole file or rows. */
static void
test_read_random_input_is_always_answered (void)
{
  for (int iteration = 0; iteration < FUZZ_ITERATIONS; iteration++)
    {
      static const char * const bytes[] = {
        "a", "b", ",", ",", "\"", "\n", "\r", "\r\n", " ", "é", "\xff", "\xc3", "\0", BOM,
      };
      g_autoptr(GString) data = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TillCsvReader) reader = NULL;
      int n = g_test_rand_int_range (0, 40);
      guint last_number = 0;
      const TillCsvRow *row;

      for (int i = 0; i < n; i++)
        {
          const char *piece = bytes[g_test_rand_int_range (0, G_N_ELEMENTS (bytes))];

          g_string_append_len (data, piece, piece[0] == '\0' ? 1 : (gssize) strlen (piece));
        }

      reader = till_csv_reader_new (data->str, data->len, &error);
      if (reader == NULL)
        {
          g_assert_error (error, TILL_ERROR, TILL_ERROR_INVALID);
          continue;
        }
      g_assert_no_error (error);

      if (till_csv_reader_get_header (reader) != NULL)
        last_number = till_csv_reader_get_header (reader)->number;
      while ((row = till_csv_reader_next (reader)) != NULL)
        {
          g_autoptr(GString) ignored = g_string_new (NULL);

          describe_row (ignored, row);
          g_assert_cmpuint (row->number, >, last_number);
          last_number = row->number;
          if (row->message != NULL)
            g_assert_true (g_utf8_validate (row->message, -1, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/read/plain-rows", test_read_plain_rows);
  g_test_add_func ("/csv/read/quoted-fields", test_read_quoted_fields);
  g_test_add_func ("/csv/read/quoted-line-break-is-one-row",
                   test_read_quoted_line_break_is_one_row);
  g_test_add_func ("/csv/read/crlf-line-ends-are-accepted",
                   test_read_crlf_line_ends_are_accepted);
  g_test_add_func ("/csv/read/blank-lines-are-skipped-but-counted",
                   test_read_blank_lines_are_skipped_but_counted);
  g_test_add_func ("/csv/read/problems-stay-with-their-row",
                   test_read_problems_stay_with_their_row);
  g_test_add_func ("/csv/read/messages-name-the-row", test_read_messages_name_the_row);
  g_test_add_func ("/csv/read/row-numbers-count-rows-not-lines",
                   test_read_row_numbers_count_rows_not_lines);
  g_test_add_func ("/csv/read/file-wide-problems-refuse-the-file",
                   test_read_file_wide_problems_refuse_the_file);
  g_test_add_func ("/csv/read/bom-elsewhere-is-data", test_read_bom_elsewhere_is_data);
  g_test_add_func ("/csv/read/input-is-borrowed-not-terminated",
                   test_read_input_is_borrowed_not_terminated);
  g_test_add_func ("/csv/read/random-input-is-always-answered",
                   test_read_random_input_is_always_answered);
  g_test_add_func ("/csv/header/must-match-exactly", test_header_must_match_exactly);
  g_test_add_func ("/csv/write/quotes-only-when-it-must", test_write_quotes_only_when_it_must);
  g_test_add_func ("/csv/write/bom-quoting-is-only-at-the-start",
                   test_write_bom_quoting_is_only_at_the_start);
  g_test_add_func ("/csv/write/empty-row-is-a-programming-error",
                   test_write_empty_row_is_a_programming_error);
  g_test_add_func ("/csv/round-trip/write-then-read-gives-the-same-fields",
                   test_round_trip_write_then_read_gives_the_same_fields);

  return g_test_run ();
}
