/* till-bench.h: what the benchmark files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64 till_bench_now_ns (void);
/* Prints one line: median, p99 per operation and operations per second */
void   till_bench_report (const char *name,
                          GArray     *samples_ns,
                          const char *note);

/* Completing a 5-line order with a customer through the checkout services,
 * beside a plain SQLite loop writing the same rows with the same durability,
 * on a database of @customers customers and @past_orders paid orders. */
void   till_bench_checkout (guint rounds,
                            guint customers,
                            guint past_orders);

/* Laying out a 30-line receipt at 80 mm, alone, then with a PDF in memory,
 * an image at 203 dpi and that image as PNG. */
void   till_bench_receipt  (guint rounds);

G_END_DECLS
