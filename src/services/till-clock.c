/* till-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-clock.h"

G_DEFINE_INTERFACE (TillClock, till_clock, G_TYPE_OBJECT)

static void
till_clock_default_init (TillClockInterface *iface)
{
}

GDateTime *
till_clock_now (TillClock *self)
{
  g_return_val_if_fail (TILL_IS_CLOCK (self), NULL);
  return TILL_CLOCK_GET_IFACE (self)->now (self);
}

struct _TillSystemClock
{
  GObject parent_instance;
};

static GDateTime *
system_clock_now (TillClock *clock)
{
  return g_date_time_new_now_utc ();
}

static void
system_clock_iface_init (TillClockInterface *iface)
{
  iface->now = system_clock_now;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TillSystemClock, till_system_clock, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_CLOCK, system_clock_iface_init))

static void
till_system_clock_class_init (TillSystemClockClass *klass)
{
}

static void
till_system_clock_init (TillSystemClock *self)
{
}

TillClock *
till_system_clock_new (void)
{
  return g_object_new (TILL_TYPE_SYSTEM_CLOCK, NULL);
}

struct _TillFixedClock
{
  GObject    parent_instance;
  GDateTime *time;
};

static GDateTime *
fixed_clock_now (TillClock *clock)
{
  return g_date_time_ref (TILL_FIXED_CLOCK (clock)->time);
}

static void
fixed_clock_iface_init (TillClockInterface *iface)
{
  iface->now = fixed_clock_now;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TillFixedClock, till_fixed_clock, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_CLOCK, fixed_clock_iface_init))

static void
till_fixed_clock_finalize (GObject *object)
{
  g_clear_pointer (&TILL_FIXED_CLOCK (object)->time, g_date_time_unref);
  G_OBJECT_CLASS (till_fixed_clock_parent_class)->finalize (object);
}

static void
till_fixed_clock_class_init (TillFixedClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_fixed_clock_finalize;
}

static void
till_fixed_clock_init (TillFixedClock *self)
{
}

TillClock *
till_fixed_clock_new (GDateTime *time)
{
  TillFixedClock *self;

  g_return_val_if_fail (time != NULL, NULL);

  self = g_object_new (TILL_TYPE_FIXED_CLOCK, NULL);
  self->time = g_date_time_to_utc (time);
  return TILL_CLOCK (self);
}

void
till_fixed_clock_set (TillFixedClock *self,
                      GDateTime      *time)
{
  g_return_if_fail (TILL_IS_FIXED_CLOCK (self));
  g_return_if_fail (time != NULL);

  g_clear_pointer (&self->time, g_date_time_unref);
  self->time = g_date_time_to_utc (time);
}

void
till_fixed_clock_advance (TillFixedClock *self,
                          GTimeSpan       span)
{
  GDateTime *later;

  g_return_if_fail (TILL_IS_FIXED_CLOCK (self));

  later = g_date_time_add (self->time, span);
  g_date_time_unref (self->time);
  self->time = later;
}
