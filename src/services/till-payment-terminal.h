/* till-payment-terminal.h: the card payment terminal port
 *
 * Asynchronous: a card payment takes seconds and may never answer.  Built in:
 * a simulated terminal whose outcome is chosen (GSettings `card-terminal`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TILL_CARD_APPROVED,
  TILL_CARD_DECLINED,
  TILL_CARD_FAILED,      /* the terminal or the line failed */
  TILL_CARD_TIMEOUT,     /* no answer in time */
} TillCardStatus;

typedef struct
{
  TillCardStatus  status;
  char           *reference;   /* the terminal's transaction reference, or "" */
  char           *message;     /* what the terminal said, for the cashier */
} TillCardResult;

void            till_card_result_free          (TillCardResult *result);
const char     *till_card_status_to_string     (TillCardStatus  status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TillCardResult, till_card_result_free)

#define TILL_TYPE_PAYMENT_TERMINAL (till_payment_terminal_get_type ())
G_DECLARE_INTERFACE (TillPaymentTerminal, till_payment_terminal, TILL, PAYMENT_TERMINAL, GObject)

struct _TillPaymentTerminalInterface
{
  GTypeInterface parent_iface;

  void            (*charge_async)  (TillPaymentTerminal  *self,
                                    gint64                amount,
                                    const char           *currency,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  TillCardResult *(*charge_finish) (TillPaymentTerminal  *self,
                                    GAsyncResult         *result,
                                    GError              **error);
};

void            till_payment_terminal_charge_async  (TillPaymentTerminal  *self,
                                                     gint64                amount,
                                                     const char           *currency,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Never NULL without @error; a declined card is a result, not an error. */
TillCardResult *till_payment_terminal_charge_finish (TillPaymentTerminal  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Runs the charge to its end on the thread-default main context: for the
 * admin tool and tests. */
TillCardResult *till_payment_terminal_charge_sync   (TillPaymentTerminal  *self,
                                                     gint64                amount,
                                                     const char           *currency,
                                                     GError              **error);

#define TILL_TYPE_SIMULATED_TERMINAL (till_simulated_terminal_get_type ())
G_DECLARE_FINAL_TYPE (TillSimulatedTerminal, till_simulated_terminal, TILL, SIMULATED_TERMINAL, GObject)

/* @behaviour: approve, decline, timeout, fail, slow-approve (unknown: approve) */
TillPaymentTerminal *till_simulated_terminal_new           (const char            *behaviour);
void                 till_simulated_terminal_set_behaviour (TillSimulatedTerminal *self,
                                                            const char            *behaviour);
/* How long slow-approve and timeout take; 0 answers at the next main loop turn */
void                 till_simulated_terminal_set_delay_ms  (TillSimulatedTerminal *self,
                                                            guint                  delay_ms);

G_END_DECLS
