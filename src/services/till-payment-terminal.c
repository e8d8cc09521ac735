/* till-payment-terminal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-payment-terminal.h"

G_DEFINE_INTERFACE (TillPaymentTerminal, till_payment_terminal, G_TYPE_OBJECT)

static void
till_payment_terminal_default_init (TillPaymentTerminalInterface *iface)
{
}

void
till_card_result_free (TillCardResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reference);
  g_free (result->message);
  g_free (result);
}

const char *
till_card_status_to_string (TillCardStatus status)
{
  switch (status)
    {
    case TILL_CARD_APPROVED:
      return "approved";
    case TILL_CARD_DECLINED:
      return "declined";
    case TILL_CARD_FAILED:
      return "failed";
    case TILL_CARD_TIMEOUT:
      return "timeout";
    default:
      g_return_val_if_reached ("failed");
    }
}

void
till_payment_terminal_charge_async (TillPaymentTerminal *self,
                                    gint64               amount,
                                    const char          *currency,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (TILL_IS_PAYMENT_TERMINAL (self));
  TILL_PAYMENT_TERMINAL_GET_IFACE (self)->charge_async (self, amount, currency, cancellable, callback, user_data);
}

TillCardResult *
till_payment_terminal_charge_finish (TillPaymentTerminal  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (TILL_IS_PAYMENT_TERMINAL (self), NULL);
  return TILL_PAYMENT_TERMINAL_GET_IFACE (self)->charge_finish (self, result, error);
}

typedef struct
{
  GMainLoop      *loop;
  TillCardResult *result;
  GError         *error;
} SyncCharge;

static void
on_sync_charged (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncCharge *sync = user_data;

  sync->result = till_payment_terminal_charge_finish (TILL_PAYMENT_TERMINAL (source), result, &sync->error);
  g_main_loop_quit (sync->loop);
}

TillCardResult *
till_payment_terminal_charge_sync (TillPaymentTerminal  *self,
                                   gint64                amount,
                                   const char           *currency,
                                   GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncCharge sync = { 0 };

  g_return_val_if_fail (TILL_IS_PAYMENT_TERMINAL (self), NULL);

  g_main_context_push_thread_default (context);
  sync.loop = g_main_loop_new (context, FALSE);
  till_payment_terminal_charge_async (self, amount, currency, NULL, on_sync_charged, &sync);
  g_main_loop_run (sync.loop);
  g_main_loop_unref (sync.loop);
  g_main_context_pop_thread_default (context);

  if (sync.error != NULL)
    {
      g_propagate_error (error, sync.error);
      return NULL;
    }
  return sync.result;
}

struct _TillSimulatedTerminal
{
  GObject  parent_instance;
  char    *behaviour;
  guint    delay_ms;
  guint    count;
};

static TillCardResult *
simulate (TillSimulatedTerminal *self,
          gint64                 amount)
{
  TillCardResult *result = g_new0 (TillCardResult, 1);

  self->count++;
  if (g_strcmp0 (self->behaviour, "decline") == 0)
    {
      result->status = TILL_CARD_DECLINED;
      result->message = g_strdup ("Declined by the card issuer (simulated)");
    }
  else if (g_strcmp0 (self->behaviour, "timeout") == 0)
    {
      result->status = TILL_CARD_TIMEOUT;
      result->message = g_strdup ("The terminal did not answer in time (simulated)");
    }
  else if (g_strcmp0 (self->behaviour, "fail") == 0)
    {
      result->status = TILL_CARD_FAILED;
      result->message = g_strdup ("The terminal lost its connection (simulated)");
    }
  else
    {
      result->status = TILL_CARD_APPROVED;
      result->message = g_strdup ("Approved (simulated)");
    }
  result->reference = result->status == TILL_CARD_APPROVED
                        ? g_strdup_printf ("SIM-%06u-%" G_GINT64_FORMAT, self->count, amount)
                        : g_strdup ("");
  return result;
}

static gboolean
answer (gpointer data)
{
  GTask *task = data;
  TillSimulatedTerminal *self = g_task_get_source_object (task);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, simulate (self, GPOINTER_TO_SIZE (g_task_get_task_data (task))),
                           (GDestroyNotify)till_card_result_free);
  return G_SOURCE_REMOVE;
}

static void
simulated_charge_async (TillPaymentTerminal *terminal,
                        gint64               amount,
                        const char          *currency,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TillSimulatedTerminal *self = TILL_SIMULATED_TERMINAL (terminal);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean slow = g_strcmp0 (self->behaviour, "slow-approve") == 0 ||
                  g_strcmp0 (self->behaviour, "timeout") == 0;
  GSource *source;

  g_task_set_source_tag (task, simulated_charge_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize)amount), NULL);
  /* Answers on the caller's main context, like a terminal on the network. */
  source = slow && self->delay_ms > 0 ? g_timeout_source_new (self->delay_ms) : g_idle_source_new ();
  g_task_attach_source (task, source, answer);
  g_source_unref (source);
  g_object_unref (task);
}

static TillCardResult *
simulated_charge_finish (TillPaymentTerminal  *terminal,
                         GAsyncResult         *result,
                         GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
terminal_iface_init (TillPaymentTerminalInterface *iface)
{
  iface->charge_async = simulated_charge_async;
  iface->charge_finish = simulated_charge_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TillSimulatedTerminal, till_simulated_terminal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TILL_TYPE_PAYMENT_TERMINAL, terminal_iface_init))

static void
till_simulated_terminal_finalize (GObject *object)
{
  g_free (TILL_SIMULATED_TERMINAL (object)->behaviour);
  G_OBJECT_CLASS (till_simulated_terminal_parent_class)->finalize (object);
}

static void
till_simulated_terminal_class_init (TillSimulatedTerminalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_simulated_terminal_finalize;
}

static void
till_simulated_terminal_init (TillSimulatedTerminal *self)
{
  self->delay_ms = 1500;
}

TillPaymentTerminal *
till_simulated_terminal_new (const char *behaviour)
{
  TillSimulatedTerminal *self = g_object_new (TILL_TYPE_SIMULATED_TERMINAL, NULL);

  self->behaviour = g_strdup (behaviour != NULL ? behaviour : "approve");
  return TILL_PAYMENT_TERMINAL (self);
}

void
till_simulated_terminal_set_behaviour (TillSimulatedTerminal *self,
                                       const char            *behaviour)
{
  g_return_if_fail (TILL_IS_SIMULATED_TERMINAL (self));
  g_free (self->behaviour);
  self->behaviour = g_strdup (behaviour != NULL ? behaviour : "approve");
}

void
till_simulated_terminal_set_delay_ms (TillSimulatedTerminal *self,
                                      guint                  delay_ms)
{
  g_return_if_fail (TILL_IS_SIMULATED_TERMINAL (self));
  self->delay_ms = delay_ms;
}
