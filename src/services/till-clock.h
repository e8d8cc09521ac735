/* till-clock.h: the clock port, so tests can fix the time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TILL_TYPE_CLOCK (till_clock_get_type ())
G_DECLARE_INTERFACE (TillClock, till_clock, TILL, CLOCK, GObject)

struct _TillClockInterface
{
  GTypeInterface parent_iface;

  GDateTime *(*now) (TillClock *self);
};

/* The current time in UTC */
GDateTime *till_clock_now (TillClock *self);

#define TILL_TYPE_SYSTEM_CLOCK (till_system_clock_get_type ())
G_DECLARE_FINAL_TYPE (TillSystemClock, till_system_clock, TILL, SYSTEM_CLOCK, GObject)

TillClock *till_system_clock_new (void);

/* A clock that stands still until told otherwise: for tests and the demo. */
#define TILL_TYPE_FIXED_CLOCK (till_fixed_clock_get_type ())
G_DECLARE_FINAL_TYPE (TillFixedClock, till_fixed_clock, TILL, FIXED_CLOCK, GObject)

TillClock *till_fixed_clock_new     (GDateTime      *time);
void       till_fixed_clock_set     (TillFixedClock *self,
                                     GDateTime      *time);
void       till_fixed_clock_advance (TillFixedClock *self,
                                     GTimeSpan       span);

G_END_DECLS
