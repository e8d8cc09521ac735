/* till-order-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-contact.h"
#include "till-customers.h"
#include "till-money.h"
#include "till-order-list.h"
#include "till-orders.h"
#include "till-receipt.h"

#include <string.h>

#define MAX_CACHED_PAGES 16

struct _TillOrderItem
{
  GObject         parent_instance;
  gint64          id;
  TillOrderState  state;
  char           *receipt;
  char           *time;
  char           *staff;
  char           *customer;
  char           *total;
  char           *refunded;
};

G_DEFINE_FINAL_TYPE (TillOrderItem, till_order_item, G_TYPE_OBJECT)

static void
till_order_item_finalize (GObject *object)
{
  TillOrderItem *self = TILL_ORDER_ITEM (object);

  g_free (self->receipt);
  g_free (self->time);
  g_free (self->staff);
  g_free (self->customer);
  g_free (self->total);
  g_free (self->refunded);
  G_OBJECT_CLASS (till_order_item_parent_class)->finalize (object);
}

static void
till_order_item_class_init (TillOrderItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_order_item_finalize;
}

static void
till_order_item_init (TillOrderItem *self)
{
}

gint64
till_order_item_get_id (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), 0);
  return self->id;
}

TillOrderState
till_order_item_get_state (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), TILL_ORDER_STATE_PAID);
  return self->state;
}

const char *
till_order_item_get_status (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);

  switch (self->state)
    {
    case TILL_ORDER_STATE_PARTLY_REFUNDED:
      return _("Partly refunded");
    case TILL_ORDER_STATE_REFUNDED:
      return _("Refunded");
    case TILL_ORDER_STATE_OPEN:
      return _("Open");
    case TILL_ORDER_STATE_PARKED:
      return _("Parked");
    case TILL_ORDER_STATE_VOIDED:
      return _("Voided");
    case TILL_ORDER_STATE_PAID:
    default:
      return _("Paid");
    }
}

const char *
till_order_item_get_receipt (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->receipt;
}

const char *
till_order_item_get_time (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->time;
}

const char *
till_order_item_get_staff (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->staff;
}

const char *
till_order_item_get_customer (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->customer;
}

const char *
till_order_item_get_total (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->total;
}

const char *
till_order_item_get_refunded (TillOrderItem *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_ITEM (self), NULL);
  return self->refunded;
}

typedef struct
{
  char   *at;
  gint64  id;
} PageKey;

struct _TillOrderList
{
  GObject          parent_instance;

  /* owned */
  TillStore       *store;
  GTimeZone       *time_zone;
  GDateTime       *now;          /* in the shop's zone */
  gint64           register_id;
  char            *text;         /* NULL: no search */
  GDate            day;          /* invalid: every day */
  char            *since;        /* the day's bounds in UTC, or NULL */
  char            *until;
  TillOrderSearch  search;
  GArray          *customer_ids; /* gint64, customer search */
  guint            n_items;
  GArray          *keys;         /* PageKey: keys[p] is the last row of page p */
  GHashTable      *pages;        /* page number → GPtrArray of TillOrderItem */
  GQueue           recent;       /* page numbers, most recently used first */
  GPtrArray       *results;      /* receipt search */
  GError          *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TillOrderList, till_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_key_clear (gpointer data)
{
  PageKey *key = data;
  g_free (key->at);
}

static void
remember_error (TillOrderList *self,
                GError        *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_debug ("Reading orders failed: %s", error->message);
}

char *
till_order_list_format_receipt (TillOrderList *self,
                                gint64         register_id,
                                gint64         number)
{
  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), NULL);

  if (number <= 0)
    return g_strdup ("");
  /* As the receipt prints it, which the search reads back. */
  return till_receipt_format_number (register_id, number);
}

char *
till_order_list_format_time (TillOrderList *self,
                             const char    *iso_utc,
                             gboolean       long_form)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  gint days;

  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), NULL);

  utc = iso_utc != NULL ? g_date_time_new_from_iso8601 (iso_utc, NULL) : NULL;
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, self->time_zone);
  clock = g_date_time_format (local, "%H:%M");
  if (long_form)
    return g_date_time_format (local, "%A %-d %B %Y, %H:%M");

  {
    GDate then, today;

    g_date_clear (&then, 1);
    g_date_clear (&today, 1);
    g_date_set_dmy (&then, (GDateDay)g_date_time_get_day_of_month (local),
                    (GDateMonth)g_date_time_get_month (local), (GDateYear)g_date_time_get_year (local));
    g_date_set_dmy (&today, (GDateDay)g_date_time_get_day_of_month (self->now),
                    (GDateMonth)g_date_time_get_month (self->now), (GDateYear)g_date_time_get_year (self->now));
    days = g_date_days_between (&then, &today);
  }
  if (days == 0)
    return g_strdup_printf (_("Today %s"), clock);
  if (days == 1)
    return g_strdup_printf (_("Yesterday %s"), clock);
  if (g_date_time_get_year (local) == g_date_time_get_year (self->now))
    return g_date_time_format (local, "%a %-d %b, %H:%M");
  return g_date_time_format (local, "%-d %b %Y, %H:%M");
}

static TillOrderItem *
item_new (TillOrderList          *self,
          const TillOrderSummary *summary)
{
  TillOrderItem *item = g_object_new (TILL_TYPE_ORDER_ITEM, NULL);
  const TillCurrency *currency;

  if (summary == NULL)
    {
      /* A row that vanished while the list was open (another register). */
      item->receipt = g_strdup ("");
      item->time = g_strdup ("");
      item->staff = g_strdup ("");
      item->customer = g_strdup ("");
      item->total = g_strdup ("");
      item->refunded = g_strdup ("");
      return item;
    }

  item->id = summary->id;
  if (g_strcmp0 (summary->status, "voided") == 0)
    item->state = TILL_ORDER_STATE_VOIDED;
  else if (g_strcmp0 (summary->status, "open") == 0)
    item->state = summary->parked ? TILL_ORDER_STATE_PARKED : TILL_ORDER_STATE_OPEN;
  else if (summary->fully_refunded)
    item->state = TILL_ORDER_STATE_REFUNDED;
  else if (summary->has_refunds)
    item->state = TILL_ORDER_STATE_PARTLY_REFUNDED;
  else
    item->state = TILL_ORDER_STATE_PAID;

  item->receipt = till_order_list_format_receipt (self, summary->register_id, summary->receipt_number);
  item->time = till_order_list_format_time (self, summary->at, FALSE);
  item->staff = g_strdup (summary->staff_name != NULL ? summary->staff_name : "");
  /* Seen by every role: a name and the card's last digits, never contact details. */
  if (summary->customer_id > 0)
    {
      g_autofree char *card = summary->customer_card != NULL ? till_card_mask (summary->customer_card) : NULL;

      item->customer = card != NULL ? g_strdup_printf ("%s · %s", summary->customer_name, card)
                                    : g_strdup (summary->customer_name);
    }
  else
    item->customer = g_strdup ("");

  currency = till_currency_lookup (summary->currency);
  item->total = currency != NULL ? till_money_format_symbol (summary->total, currency) : g_strdup ("");
  if (summary->refunded_amount > 0 && currency != NULL)
    {
      g_autofree char *amount = till_money_format_symbol (summary->refunded_amount, currency);
      item->refunded = g_strdup_printf (_("%s refunded"), amount);
    }
  else
    item->refunded = g_strdup ("");
  return item;
}

static TillOrderFilter
current_filter (TillOrderList *self)
{
  TillOrderFilter filter = { self->since, self->until, NULL, 0 };

  if (self->search == TILL_ORDER_SEARCH_CUSTOMER)
    {
      filter.customer_ids = (const gint64 *)(void *)self->customer_ids->data;
      filter.n_customer_ids = self->customer_ids->len;
    }
  return filter;
}

static GPtrArray *
fetch_page (TillOrderList *self,
            guint          page)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *items;
  GError *error = NULL;
  const PageKey *after = page > 0 ? &g_array_index (self->keys, PageKey, page - 1) : NULL;
  TillOrderFilter filter = current_filter (self);

  records = till_orders_history_page (self->store, &filter, after != NULL ? after->at : NULL,
                                      after != NULL ? after->id : 0, TILL_ORDER_LIST_PAGE_SIZE, &error);
  if (records == NULL)
    {
      remember_error (self, error);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (items, item_new (self, records->pdata[i]));

  if (records->len > 0 && self->keys->len == page)
    {
      TillOrderSummary *last = records->pdata[records->len - 1];
      PageKey key = { g_strdup (last->at), last->id };
      g_array_append_val (self->keys, key);
    }
  return items;
}

static void
cache_page (TillOrderList *self,
            guint          page,
            GPtrArray     *items)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->recent) > MAX_CACHED_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->recent);
      g_hash_table_remove (self->pages, oldest);
    }
}

static GPtrArray *
ensure_page (TillOrderList *self,
             guint          page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return items;
    }

  /* A jump far ahead walks the pages in between once, to learn where each
   * starts; afterwards any page is one indexed query away. */
  while (self->keys->len < page)
    {
      guint known = self->keys->len;
      GPtrArray *walked = fetch_page (self, known);

      if (self->keys->len == known)
        {
          g_ptr_array_unref (walked);
          return NULL;
        }
      if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (known)))
        g_ptr_array_unref (walked);
      else
        cache_page (self, known, walked);
    }

  items = fetch_page (self, page);
  cache_page (self, page, items);
  return items;
}

static GType
till_order_list_get_item_type (GListModel *model)
{
  return TILL_TYPE_ORDER_ITEM;
}

static guint
till_order_list_get_n_items (GListModel *model)
{
  return TILL_ORDER_LIST (model)->n_items;
}

static gpointer
till_order_list_get_item (GListModel *model,
                          guint       position)
{
  TillOrderList *self = TILL_ORDER_LIST (model);
  GPtrArray *items;
  guint in_page = position % TILL_ORDER_LIST_PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  if (self->search == TILL_ORDER_SEARCH_RECEIPT)
    return g_object_ref (self->results->pdata[position]);

  items = ensure_page (self, position / TILL_ORDER_LIST_PAGE_SIZE);
  if (items == NULL || in_page >= items->len)
    return item_new (self, NULL);
  return g_object_ref (items->pdata[in_page]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = till_order_list_get_item_type;
  iface->get_n_items = till_order_list_get_n_items;
  iface->get_item = till_order_list_get_item;
}

static void
till_order_list_finalize (GObject *object)
{
  TillOrderList *self = TILL_ORDER_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  g_clear_pointer (&self->customer_ids, g_array_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (till_order_list_parent_class)->finalize (object);
}

static void
till_order_list_class_init (TillOrderListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_order_list_finalize;
}

static void
till_order_list_init (TillOrderList *self)
{
  self->keys = g_array_new (FALSE, FALSE, sizeof (PageKey));
  g_array_set_clear_func (self->keys, page_key_clear);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->recent);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_date_clear (&self->day, 1);
}

/* "123" is this register's receipt 123, "2-123" register 2's.  Longer runs
 * of digits are cards or phone numbers: the customer search has them. */
static gboolean
parse_receipt (const char *text,
               gint64      this_register,
               gint64     *out_register,
               gint64     *out_number)
{
  g_auto(GStrv) parts = NULL;
  guint64 first, second;

  if (strlen (text) > 12)
    return FALSE;
  parts = g_strsplit (text, "-", 3);
  if (g_strv_length (parts) == 1 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 999999999, &first, NULL))
    {
      *out_register = this_register;
      *out_number = (gint64)first;
      return TRUE;
    }
  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 999, &first, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 1, 999999999, &second, NULL))
    {
      *out_register = (gint64)first;
      *out_number = (gint64)second;
      return TRUE;
    }
  return FALSE;
}

static guint
load_receipt (TillOrderList *self,
              gint64         register_id,
              gint64         number)
{
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  ids = till_orders_find_receipt (self->store, register_id, number, &error);
  if (ids == NULL)
    {
      remember_error (self, error);
      return 0;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TillOrderSummary) summary = till_orders_get_summary (self->store, g_array_index (ids, gint64, i),
                                                                     &error);
      if (summary == NULL)
        {
          remember_error (self, error);
          error = NULL;
          continue;
        }
      g_ptr_array_add (self->results, item_new (self, summary));
    }
  return self->results->len;
}

/* Reads the store for the current query; returns the new number of items. */
static guint
load (TillOrderList *self)
{
  TillOrderFilter filter;
  GError *error = NULL;
  gint64 register_id, number, count;

  g_array_set_size (self->keys, 0);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_ptr_array_set_size (self->results, 0);
  g_array_set_size (self->customer_ids, 0);
  remember_error (self, NULL);

  if (self->text == NULL)
    self->search = TILL_ORDER_SEARCH_NONE;
  else if (parse_receipt (self->text, self->register_id, &register_id, &number))
    {
      self->search = TILL_ORDER_SEARCH_RECEIPT;
      return load_receipt (self, register_id, number);
    }
  else
    {
      g_autoptr(GArray) ids = till_customers_search (self->store, self->text, TILL_ORDER_LIST_CUSTOMER_LIMIT,
                                                     &error);

      self->search = TILL_ORDER_SEARCH_CUSTOMER;
      if (ids == NULL)
        {
          remember_error (self, error);
          return 0;
        }
      g_array_append_vals (self->customer_ids, ids->data, ids->len);
      if (ids->len == 0)
        return 0;
    }

  filter = current_filter (self);
  count = till_orders_count_history (self->store, &filter, &error);
  if (count < 0)
    {
      remember_error (self, error);
      return 0;
    }
  return (guint)MIN (count, (gint64)G_MAXUINT);
}

/* The one place the list tells its views it changed. */
static void
reload_and_notify (TillOrderList *self)
{
  guint removed = self->n_items;

  self->n_items = load (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

TillOrderList *
till_order_list_new (TillStore *store,
                     gint64     register_id,
                     GTimeZone *time_zone)
{
  TillOrderList *self;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);

  self = g_object_new (TILL_TYPE_ORDER_LIST, NULL);
  self->store = g_object_ref (store);
  self->register_id = register_id;
  self->time_zone = g_time_zone_ref (time_zone);
  self->now = g_date_time_new_now (time_zone);
  self->n_items = load (self);
  return self;
}

void
till_order_list_set_register_id (TillOrderList *self,
                                 gint64         register_id)
{
  g_return_if_fail (TILL_IS_ORDER_LIST (self));
  g_return_if_fail (register_id > 0);

  self->register_id = register_id;
}

void
till_order_list_set_now (TillOrderList *self,
                         GDateTime     *now)
{
  g_return_if_fail (TILL_IS_ORDER_LIST (self));
  g_return_if_fail (now != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_to_timezone (now, self->time_zone);
}

/* The day's first instant and the next day's, in UTC */
static void
day_bounds (TillOrderList *self,
            const GDate   *day,
            char         **out_since,
            char         **out_until)
{
  GDate next = *day;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_date_add_days (&next, 1);
  start = g_date_time_new (self->time_zone, g_date_get_year (day), g_date_get_month (day),
                           g_date_get_day (day), 0, 0, 0);
  end = g_date_time_new (self->time_zone, g_date_get_year (&next), g_date_get_month (&next),
                         g_date_get_day (&next), 0, 0, 0);
  *out_since = till_store_format_time (start);
  *out_until = till_store_format_time (end);
}

void
till_order_list_set_time_zone (TillOrderList *self,
                               GTimeZone     *time_zone)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (TILL_IS_ORDER_LIST (self));
  g_return_if_fail (time_zone != NULL);

  if (g_strcmp0 (g_time_zone_get_identifier (time_zone), g_time_zone_get_identifier (self->time_zone)) == 0)
    return;
  g_time_zone_unref (self->time_zone);
  self->time_zone = g_time_zone_ref (time_zone);
  now = g_date_time_to_timezone (self->now, time_zone);
  g_date_time_unref (self->now);
  self->now = g_steal_pointer (&now);
  /* The day's bounds move with the zone. */
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  if (g_date_valid (&self->day))
    day_bounds (self, &self->day, &self->since, &self->until);
  reload_and_notify (self);
}

void
till_order_list_set_query (TillOrderList *self,
                           const char    *text,
                           const GDate   *day)
{
  g_autofree char *tidy = NULL;
  gboolean day_changed;

  g_return_if_fail (TILL_IS_ORDER_LIST (self));
  g_return_if_fail (day == NULL || g_date_valid (day));

  tidy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (tidy[0] == '\0')
    g_clear_pointer (&tidy, g_free);

  if (day == NULL)
    day_changed = g_date_valid (&self->day);
  else
    day_changed = !g_date_valid (&self->day) || g_date_compare (day, &self->day) != 0;

  if (g_strcmp0 (tidy, self->text) == 0 && !day_changed)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&tidy);
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  if (day != NULL)
    {
      self->day = *day;
      day_bounds (self, day, &self->since, &self->until);
    }
  else
    g_date_clear (&self->day, 1);
  reload_and_notify (self);
}

TillOrderSearch
till_order_list_get_search (TillOrderList *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), TILL_ORDER_SEARCH_NONE);
  return self->search;
}

guint
till_order_list_get_n_customers (TillOrderList *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), 0);
  return self->customer_ids->len;
}

void
till_order_list_refresh (TillOrderList *self)
{
  g_return_if_fail (TILL_IS_ORDER_LIST (self));
  reload_and_notify (self);
}

guint
till_order_list_find (TillOrderList *self,
                      gint64         order_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), G_MAXUINT);

  if (self->search == TILL_ORDER_SEARCH_RECEIPT)
    {
      for (guint i = 0; i < self->results->len; i++)
        if (TILL_ORDER_ITEM (self->results->pdata[i])->id == order_id)
          return i;
      return G_MAXUINT;
    }
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        if (TILL_ORDER_ITEM (items->pdata[i])->id == order_id)
          return GPOINTER_TO_UINT (key) * TILL_ORDER_LIST_PAGE_SIZE + i;
    }
  return G_MAXUINT;
}

TillOrderItem *
till_order_list_describe (TillOrderList  *self,
                          gint64          order_id,
                          GError        **error)
{
  g_autoptr(TillOrderSummary) summary = NULL;

  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), NULL);

  summary = till_orders_get_summary (self->store, order_id, error);
  return summary != NULL ? item_new (self, summary) : NULL;
}

guint
till_order_list_get_n_cached (TillOrderList *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), 0);
  return g_hash_table_size (self->pages);
}

const GError *
till_order_list_get_error (TillOrderList *self)
{
  g_return_val_if_fail (TILL_IS_ORDER_LIST (self), NULL);
  return self->error;
}
