/* till-csv.h: CSV files as Till reads and writes them
 *
 * RFC 4180, UTF-8 without a byte order mark, a header row, LF line ends,
 * fields quoted only when they must be (DESIGN.md, "Interfaces fixed in
 * advance").  Reading is lenient where that loses nothing: CRLF line ends are
 * read as LF ones (spreadsheets on Windows write them), and a line break
 * inside a quoted field is kept exactly as it is in the file, CR included.
 * Blank lines between data rows are skipped, but count as rows, so row
 * numbers match what a spreadsheet shows.
 *
 * Row numbers count rows, not lines: the header is row 1, and a quoted field
 * that spans lines is still one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why a row cannot be used as it is.  One per row: the first found, in this
 * order of precedence (a stray quote usually explains a wrong field count). */
typedef enum
{
  TILL_CSV_ROW_OK,
  TILL_CSV_ROW_STRAY_QUOTE,         /* a quote in an unquoted field, or text after a closing quote */
  TILL_CSV_ROW_BARE_CR,             /* a CR outside quotes that does not end the line */
  TILL_CSV_ROW_BAD_UTF8,            /* bytes that are not UTF-8, or a NUL byte */
  TILL_CSV_ROW_WRONG_FIELD_COUNT,   /* not as many fields as the header */
} TillCsvRowProblem;

typedef struct
{
  guint               number;       /* 1-based; the header is row 1 */
  guint               line;         /* the line of the file it starts on, 1-based */
  char              **fields;       /* NULL-terminated; always valid UTF-8, bad bytes
                                     * become U+FFFD */
  guint               n_fields;
  TillCsvRowProblem   problem;
  char               *message;      /* why, naming the row; NULL when TILL_CSV_ROW_OK */
} TillCsvRow;

typedef struct _TillCsvReader TillCsvReader;

/* Reads @data (borrowed: it must outlive the reader).  The first row is the
 * header; an empty @data has none.  Refuses (TILL_ERROR_INVALID) what makes
 * the whole file unreadable: a byte order mark, and a quote that is never
 * closed (the message names the row and line where it opens).  Everything
 * else is a problem of one row, reported with that row. */
TillCsvReader    *till_csv_reader_new          (const char          *data,
                                                gsize                len,
                                                GError             **error);
void              till_csv_reader_free         (TillCsvReader       *reader);

/* The header row, or NULL for an empty file. */
const TillCsvRow *till_csv_reader_get_header   (TillCsvReader       *reader);
/* Refuses (TILL_ERROR_INVALID) unless the header is exactly @expected, in
 * order; the message names the missing, unexpected or repeated columns and
 * gives the expected header. */
gboolean          till_csv_reader_check_header (TillCsvReader       *reader,
                                                const char * const  *expected,
                                                GError             **error);
/* How many data rows the file has (blank lines not counted). */
guint             till_csv_reader_get_n_rows   (TillCsvReader       *reader);
/* The next data row, or NULL after the last.  The row belongs to the reader
 * and lasts until the next call. */
const TillCsvRow *till_csv_reader_next         (TillCsvReader       *reader);

/* Appends one row of @fields (NULL-terminated, at least one, UTF-8) and an LF.
 * A field is quoted only when it must be: when it holds a comma, a quote, a
 * CR or an LF (quotes inside are doubled); a row of one empty field, which
 * would otherwise be a blank line, is written as ""; and a first field that
 * starts with U+FEFF at the start of @out, which would read as a byte order
 * mark.  Reading what this writes gives back the same fields. */
void              till_csv_append_row          (GString             *out,
                                                const char * const  *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillCsvReader, till_csv_reader_free)

G_END_DECLS
