/* till-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-csv.h"
#include "till-error.h"

#include <string.h>

#define BOM "\357\273\277"        /* U+FEFF in UTF-8 */
#define REPLACEMENT "\357\277\275" /* U+FFFD */

/* How many characters of a column name a message quotes. */
#define MAX_QUOTED_CHARS 40

struct _TillCsvReader
{
  /* borrowed */
  const char *data;
  gsize       len;

  gsize       pos;
  guint       next_number;
  guint       next_line;
  guint       n_rows;

  /* owned */
  TillCsvRow *header;
  TillCsvRow *current;
};

typedef enum
{
  SCAN_ROW,
  SCAN_BLANK,
  SCAN_END,
  SCAN_UNTERMINATED,
} ScanResult;

/* What one pass over a row found.  The reader scans the whole file once when
 * it is made, without keeping fields, so that an unclosed quote refuses the
 * file before any row is used; then it scans each row again as it is asked
 * for.  Both passes are this same code, so they cannot disagree. */
typedef struct
{
  GPtrArray         *fields;        /* of char *, or NULL to only scan */
  GString           *field;         /* the field being read, when fields != NULL */
  guint              n_fields;
  TillCsvRowProblem  problem;
  guint              problem_field; /* 1-based */
  guint              lines;         /* line breaks consumed */
  guint              quote_lines;   /* line breaks before the last quoted field opened */
} Scan;

static void
row_free (TillCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row->message);
  g_free (row);
}

static void
note_problem (Scan              *scan,
              TillCsvRowProblem  problem)
{
  if (scan->problem != TILL_CSV_ROW_OK)
    return;
  scan->problem = problem;
  scan->problem_field = scan->n_fields + 1;
}

static void
append_byte (Scan *scan,
             char  c)
{
  if (scan->field != NULL)
    g_string_append_c (scan->field, c);
}

/* The field as text: invalid UTF-8 and NUL bytes become U+FFFD, so nothing
 * downstream ever sees bytes that are not text. */
static char *
make_field_valid (const GString *field,
                  gboolean      *out_was_valid)
{
  const char *p = field->str;
  const char *end = field->str + field->len;
  GString *valid;

  if (g_utf8_validate_len (p, field->len, NULL))
    {
      *out_was_valid = TRUE;
      return g_strndup (field->str, field->len);
    }

  *out_was_valid = FALSE;
  valid = g_string_sized_new (field->len + 8);
  while (p < end)
    {
      const char *stop;

      g_utf8_validate_len (p, (gsize) (end - p), &stop);
      g_string_append_len (valid, p, stop - p);
      if (stop < end)
        {
          g_string_append (valid, REPLACEMENT);
          stop++;
        }
      p = stop;
    }

  return g_string_free (valid, FALSE);
}

static void
end_field (Scan *scan)
{
  if (scan->fields != NULL)
    {
      gboolean was_valid;

      g_ptr_array_add (scan->fields, make_field_valid (scan->field, &was_valid));
      g_string_truncate (scan->field, 0);
      if (!was_valid)
        note_problem (scan, TILL_CSV_ROW_BAD_UTF8);
    }
  scan->n_fields++;
}

/* The length of the line end at @pos ("\n" 1, "\r\n" 2), or 0. */
static gsize
line_end_at (const char *data,
             gsize       len,
             gsize       pos)
{
  if (pos < len && data[pos] == '\n')
    return 1;
  if (pos + 1 < len && data[pos] == '\r' && data[pos + 1] == '\n')
    return 2;
  return 0;
}

/* Reads unquoted text up to the next comma or line end (or the end of the
 * data).  @after_quote: the text follows a closing quote, where nothing
 * should be. */
static void
scan_bare_text (const char *data,
                gsize       len,
                gsize      *pos,
                Scan       *scan,
                gboolean    after_quote)
{
  while (*pos < len && data[*pos] != ',' && line_end_at (data, len, *pos) == 0)
    {
      char c = data[*pos];

      if (after_quote || c == '"')
        note_problem (scan, TILL_CSV_ROW_STRAY_QUOTE);
      else if (c == '\r')
        note_problem (scan, TILL_CSV_ROW_BARE_CR);
      append_byte (scan, c);
      (*pos)++;
    }
}

/* One row from *@pos.  With @skip_blank, a line with nothing on it is
 * consumed and reported as SCAN_BLANK; without, it is a row of one empty
 * field. */
static ScanResult
scan_row (const char *data,
          gsize       len,
          gsize      *pos,
          gboolean    skip_blank,
          Scan       *scan)
{
  gsize eol;

  if (*pos >= len)
    return SCAN_END;

  eol = line_end_at (data, len, *pos);
  if (skip_blank && eol > 0)
    {
      *pos += eol;
      scan->lines++;
      return SCAN_BLANK;
    }

  while (TRUE)
    {
      if (*pos < len && data[*pos] == '"')
        {
          gboolean closed = FALSE;

          scan->quote_lines = scan->lines;
          (*pos)++;
          while (*pos < len)
            {
              char c = data[*pos];

              if (c == '"')
                {
                  if (*pos + 1 < len && data[*pos + 1] == '"')
                    {
                      append_byte (scan, '"');
                      *pos += 2;
                      continue;
                    }
                  (*pos)++;
                  closed = TRUE;
                  break;
                }
              if (c == '\n')
                scan->lines++;
              append_byte (scan, c);
              (*pos)++;
            }
          if (!closed)
            return SCAN_UNTERMINATED;
          scan_bare_text (data, len, pos, scan, TRUE);
        }
      else
        scan_bare_text (data, len, pos, scan, FALSE);

      end_field (scan);

      if (*pos >= len)
        return SCAN_ROW;
      if (data[*pos] == ',')
        {
          (*pos)++;
          continue;
        }

      eol = line_end_at (data, len, *pos);
      g_assert (eol > 0);
      *pos += eol;
      scan->lines++;
      return SCAN_ROW;
    }
}

static char *
describe_problem (guint              number,
                  TillCsvRowProblem  problem,
                  guint              field,
                  guint              n_fields,
                  guint              n_expected)
{
  switch (problem)
    {
    case TILL_CSV_ROW_OK:
      return NULL;
    case TILL_CSV_ROW_STRAY_QUOTE:
      return g_strdup_printf ("Row %u: field %u has a quote (\") that is not allowed "
                              "there; a field with quotes must be in quotes itself, "
                              "with each quote inside doubled",
                              number, field);
    case TILL_CSV_ROW_BARE_CR:
      return g_strdup_printf ("Row %u: field %u has a carriage return (CR) outside quotes "
                              "that does not end the line",
                              number, field);
    case TILL_CSV_ROW_BAD_UTF8:
      return g_strdup_printf ("Row %u: field %u is not UTF-8 text; save the file as UTF-8",
                              number, field);
    case TILL_CSV_ROW_WRONG_FIELD_COUNT:
      return g_strdup_printf ("Row %u has %u field%s, but the header has %u",
                              number, n_fields, n_fields == 1 ? "" : "s", n_expected);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Scans the next row into a new TillCsvRow, or NULL at the end.  The reader
 * was checked for unclosed quotes when it was made. */
static TillCsvRow *
read_row (TillCsvReader *reader,
          gboolean       is_header)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  TillCsvRow *row;
  ScanResult result;
  Scan scan;

  while (TRUE)
    {
      memset (&scan, 0, sizeof scan);
      scan.fields = fields;
      scan.field = field;

      result = scan_row (reader->data, reader->len, &reader->pos, !is_header, &scan);
      if (result != SCAN_BLANK)
        break;
      reader->next_number++;
      reader->next_line += scan.lines;
    }

  g_assert (result != SCAN_UNTERMINATED);
  if (result == SCAN_END)
    return NULL;

  row = g_new0 (TillCsvRow, 1);
  row->number = reader->next_number++;
  row->line = reader->next_line;
  reader->next_line += scan.lines;

  row->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  row->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);

  if (scan.problem == TILL_CSV_ROW_OK && !is_header && reader->header != NULL &&
      row->n_fields != reader->header->n_fields)
    scan.problem = TILL_CSV_ROW_WRONG_FIELD_COUNT;

  row->problem = scan.problem;
  row->message = describe_problem (row->number, scan.problem, scan.problem_field,
                                   row->n_fields,
                                   reader->header != NULL ? reader->header->n_fields : 0);
  return row;
}

TillCsvReader *
till_csv_reader_new (const char  *data,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(TillCsvReader) reader = NULL;
  guint number = 0;
  guint line = 1;
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len >= 3 && memcmp (data, BOM, 3) == 0)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID,
                           "The file starts with a byte order mark (BOM); save it as "
                           "UTF-8 without BOM");
      return NULL;
    }

  reader = g_new0 (TillCsvReader, 1);
  reader->data = data != NULL ? data : "";
  reader->len = len;
  reader->next_number = 1;
  reader->next_line = 1;

  /* The first pass: unclosed quotes, and the number of rows. */
  while (TRUE)
    {
      Scan scan = { 0 };
      ScanResult result;

      result = scan_row (reader->data, len, &pos, number > 0, &scan);
      if (result == SCAN_END)
        break;

      number++;
      if (result == SCAN_UNTERMINATED)
        {
          guint quote_line = line + scan.quote_lines;

          if (number == 1)
            g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                         "Row 1 (the header) has a quote that is never closed; it opens "
                         "on line %u", quote_line);
          else
            g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                         "Row %u has a quote that is never closed; it opens on line %u",
                         number, quote_line);
          return NULL;
        }

      line += scan.lines;
      if (result == SCAN_ROW && number > 1)
        reader->n_rows++;
    }

  reader->header = read_row (reader, TRUE);

  return g_steal_pointer (&reader);
}

void
till_csv_reader_free (TillCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->header, row_free);
  g_clear_pointer (&reader->current, row_free);
  g_free (reader);
}

const TillCsvRow *
till_csv_reader_get_header (TillCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->header;
}

guint
till_csv_reader_get_n_rows (TillCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_rows;
}

const TillCsvRow *
till_csv_reader_next (TillCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  g_clear_pointer (&reader->current, row_free);
  if (reader->header == NULL)
    return NULL;

  reader->current = read_row (reader, FALSE);
  return reader->current;
}

/* Header */

static char *
quote_name (const char *name)
{
  if (g_utf8_strlen (name, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (name, 0, MAX_QUOTED_CHARS);

      return g_strdup_printf ("“%s…”", head);
    }

  return g_strdup_printf ("“%s”", name);
}

static gboolean
strv_contains_n (const char * const *strv,
                 gsize               n,
                 const char         *name)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (strv[i], name) == 0)
      return TRUE;

  return FALSE;
}

/* "“a”", "“a” and “b”", "“a”, “b” and “c”" */
static void
append_name_list (GString   *out,
                  GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *quoted = quote_name (names->pdata[i]);

      if (i > 0)
        g_string_append (out, i + 1 == names->len ? " and " : ", ");
      g_string_append (out, quoted);
    }
}

/* "column “a” is missing", "columns “a” and “b” are missing" */
static char *
describe_columns (GPtrArray  *names,
                  const char *verb_one,
                  const char *verb_many)
{
  GString *out = g_string_new (names->len == 1 ? "column " : "columns ");

  append_name_list (out, names);
  g_string_append_c (out, ' ');
  g_string_append (out, names->len == 1 ? verb_one : verb_many);
  return g_string_free (out, FALSE);
}

gboolean
till_csv_reader_check_header (TillCsvReader       *reader,
                              const char * const  *expected,
                              GError             **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) unexpected = g_ptr_array_new ();
  g_autoptr(GPtrArray) repeated = g_ptr_array_new ();
  g_autofree char *wanted = NULL;
  g_autoptr(GPtrArray) clauses = NULL;
  g_autoptr(GString) message = NULL;
  const TillCsvRow *header;
  gsize n_expected;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (expected != NULL && expected[0] != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  header = reader->header;
  n_expected = g_strv_length ((char **) expected);
  wanted = g_strjoinv (",", (char **) expected);

  if (header == NULL)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "The file is empty; it needs a header row: %s", wanted);
      return FALSE;
    }
  if (header->problem != TILL_CSV_ROW_OK)
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "%s; the header must be: %s", header->message, wanted);
      return FALSE;
    }
  if (header->n_fields == 1 && header->fields[0][0] == '\0')
    {
      g_set_error (error, TILL_ERROR, TILL_ERROR_INVALID,
                   "Row 1 is empty, but it must be the header: %s", wanted);
      return FALSE;
    }

  for (gsize i = 0; i < n_expected; i++)
    if (!strv_contains_n ((const char * const *) header->fields, header->n_fields, expected[i]))
      g_ptr_array_add (missing, (gpointer) expected[i]);

  for (guint i = 0; i < header->n_fields; i++)
    {
      const char *name = header->fields[i];

      if (!strv_contains_n (expected, n_expected, name))
        {
          if (!strv_contains_n ((const char * const *) unexpected->pdata, unexpected->len, name))
            g_ptr_array_add (unexpected, header->fields[i]);
        }
      else if (strv_contains_n ((const char * const *) header->fields, i, name) &&
               !strv_contains_n ((const char * const *) repeated->pdata, repeated->len, name))
        g_ptr_array_add (repeated, header->fields[i]);
    }

  clauses = g_ptr_array_new_with_free_func (g_free);
  if (unexpected->len > 0)
    g_ptr_array_add (clauses, describe_columns (unexpected, "is not expected", "are not expected"));
  if (missing->len > 0)
    g_ptr_array_add (clauses, describe_columns (missing, "is missing", "are missing"));
  if (repeated->len > 0)
    g_ptr_array_add (clauses, describe_columns (repeated, "appears more than once",
                                                "appear more than once"));

  message = g_string_new (NULL);
  for (guint i = 0; i < clauses->len; i++)
    {
      if (i > 0)
        g_string_append (message, i + 1 == clauses->len ? " and " : ", ");
      g_string_append (message, clauses->pdata[i]);
    }
  if (message->len > 0)
    message->str[0] = g_ascii_toupper (message->str[0]);

  if (message->len == 0)
    {
      /* Same names, same number: only the order differs, or it is right. */
      for (gsize i = 0; i < n_expected && i < header->n_fields; i++)
        if (strcmp (header->fields[i], expected[i]) != 0)
          {
            g_autofree char *found = quote_name (header->fields[i]);
            g_autofree char *place = quote_name (expected[i]);

            g_string_append_printf (message,
                                    "The columns are in the wrong order: column %"
                                    G_GSIZE_FORMAT " is %s where %s belongs",
                                    i + 1, found, place);
            break;
          }
    }

  if (message->len == 0)
    return TRUE;

  g_string_append_printf (message, "; the header must be: %s", wanted);
  g_set_error_literal (error, TILL_ERROR, TILL_ERROR_INVALID, message->str);
  return FALSE;
}

/* Writing */

static gboolean
field_needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

static void
append_quoted (GString    *out,
               const char *field)
{
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
till_csv_append_row (GString            *out,
                     const char * const *fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL && fields[0] != NULL);

  /* A lone empty field would be a blank line, which readers skip. */
  if (fields[1] == NULL && fields[0][0] == '\0')
    {
      g_string_append (out, "\"\"\n");
      return;
    }

  for (gsize i = 0; fields[i] != NULL; i++)
    {
      gboolean looks_like_bom = i == 0 && out->len == 0 && g_str_has_prefix (fields[i], BOM);

      if (i > 0)
        g_string_append_c (out, ',');
      if (looks_like_bom || field_needs_quotes (fields[i]))
        append_quoted (out, fields[i]);
      else
        g_string_append (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}
