/* till-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-audit.h"
#include "till-context.h"

struct _TillContext
{
  GObject       parent_instance;

  /* owned */
  TillStore    *store;
  TillClock    *clock;
  TillNotifier *notifier;
  char         *actor;
  char         *staff_name;
  char         *role;
  gint64        staff_id;
};

enum {
  PROP_0,
  PROP_STAFF_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillContext, till_context, G_TYPE_OBJECT)

static void
till_context_dispose (GObject *object)
{
  TillContext *self = TILL_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (till_context_parent_class)->dispose (object);
}

static void
till_context_finalize (GObject *object)
{
  TillContext *self = TILL_CONTEXT (object);

  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (till_context_parent_class)->finalize (object);
}

static void
till_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TillContext *self = TILL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_context_class_init (TillContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = till_context_dispose;
  object_class->finalize = till_context_finalize;
  object_class->get_property = till_context_get_property;

  /* Changes on sign-in and sign-out: the window follows it. */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
till_context_init (TillContext *self)
{
}

TillContext *
till_context_new (TillStore    *store,
                  TillClock    *clock,
                  TillNotifier *notifier,
                  const char   *actor)
{
  TillContext *self;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (TILL_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (TILL_IS_NOTIFIER (notifier), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (TILL_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->notifier = g_object_ref (notifier);
  self->actor = g_strdup (actor);
  if (g_str_equal (actor, TILL_AUDIT_ACTOR_ADMIN))
    self->role = g_strdup ("admin");
  return self;
}

TillStore *
till_context_get_store (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->store;
}

TillClock *
till_context_get_clock (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->clock;
}

TillNotifier *
till_context_get_notifier (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->notifier;
}

GDateTime *
till_context_now (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return till_clock_now (self->clock);
}

const char *
till_context_get_actor (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->actor;
}

gint64
till_context_get_staff_id (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), 0);
  return self->staff_id;
}

const char *
till_context_get_staff_name (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->staff_name;
}

const char *
till_context_get_role (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);
  return self->role;
}

gboolean
till_context_is_signed_in (TillContext *self)
{
  g_return_val_if_fail (TILL_IS_CONTEXT (self), FALSE);
  return self->staff_id > 0;
}

void
till_context_set_staff (TillContext *self,
                        gint64       staff_id,
                        const char  *name,
                        const char  *role)
{
  g_return_if_fail (TILL_IS_CONTEXT (self));
  g_return_if_fail (staff_id > 0 && name != NULL && role != NULL);

  g_free (self->staff_name);
  g_free (self->role);
  self->staff_name = g_strdup (name);
  self->role = g_strdup (role);
  if (self->staff_id != staff_id)
    {
      self->staff_id = staff_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
    }
}

void
till_context_clear_staff (TillContext *self)
{
  g_return_if_fail (TILL_IS_CONTEXT (self));

  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->role, g_free);
  if (self->staff_id != 0)
    {
      self->staff_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
    }
}

char *
till_context_dup_setting (TillContext *self,
                          const char  *key,
                          const char  *fallback)
{
  char *value;

  g_return_val_if_fail (TILL_IS_CONTEXT (self), NULL);

  value = till_store_get_setting (self->store, key);
  return value != NULL ? value : g_strdup (fallback);
}

gboolean
till_context_audit (TillContext  *self,
                    const char   *action,
                    const char   *entity,
                    gint64        entity_id,
                    const char   *fields,
                    GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (TILL_IS_CONTEXT (self), FALSE);

  now = till_clock_now (self->clock);
  id = entity_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, entity_id) : NULL;
  return till_audit_append (self->store, now, self->actor, self->staff_id, action, entity, id,
                            fields, error);
}
