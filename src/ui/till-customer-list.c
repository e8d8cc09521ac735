/* till-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-contact.h"
#include "till-customer-list.h"
#include "till-customers.h"

#define MAX_CACHED_PAGES 16

struct _TillCustomerItem
{
  GObject  parent_instance;
  gint64   id;
  char    *name;
  char    *detail;
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_NAME,
  ITEM_PROP_DETAIL,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (TillCustomerItem, till_customer_item, G_TYPE_OBJECT)

static void
till_customer_item_finalize (GObject *object)
{
  TillCustomerItem *self = TILL_CUSTOMER_ITEM (object);

  g_free (self->name);
  g_free (self->detail);
  G_OBJECT_CLASS (till_customer_item_parent_class)->finalize (object);
}

static void
till_customer_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TillCustomerItem *self = TILL_CUSTOMER_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_customer_item_class_init (TillCustomerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = till_customer_item_finalize;
  object_class->get_property = till_customer_item_get_property;

  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
till_customer_item_init (TillCustomerItem *self)
{
}

static TillCustomerItem *
item_new (const TillCustomerRecord *record)
{
  TillCustomerItem *self = g_object_new (TILL_TYPE_CUSTOMER_ITEM, NULL);

  if (record == NULL)
    {
      /* A row that vanished while the list was open (another register). */
      self->name = g_strdup ("");
      self->detail = g_strdup ("");
      return self;
    }
  self->id = record->id;
  self->name = g_strdup (record->name);
  /* The list is seen by every role: contact details only ever masked here. */
  if (record->card != NULL)
    self->detail = g_strdup (record->card);
  else if (record->phone != NULL)
    self->detail = till_phone_mask (record->phone);
  else if (record->email != NULL)
    self->detail = till_email_mask (record->email);
  else
    self->detail = g_strdup ("");
  return self;
}

gint64
till_customer_item_get_id (TillCustomerItem *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_ITEM (self), 0);
  return self->id;
}

const char *
till_customer_item_get_name (TillCustomerItem *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_ITEM (self), NULL);
  return self->name;
}

const char *
till_customer_item_get_detail (TillCustomerItem *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_ITEM (self), NULL);
  return self->detail;
}

typedef struct
{
  char   *name;
  gint64  id;
} PageKey;

struct _TillCustomerList
{
  GObject     parent_instance;

  /* owned */
  TillStore  *store;
  char       *search;     /* NULL: browsing */
  guint       n_items;
  GArray     *keys;       /* PageKey: keys[p] is the last row of page p */
  GHashTable *pages;      /* page number → GPtrArray of TillCustomerItem */
  GQueue      recent;     /* page numbers, most recently used first */
  GPtrArray  *results;    /* search results */
  GError     *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TillCustomerList, till_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_key_clear (gpointer data)
{
  PageKey *key = data;
  g_free (key->name);
}

static void
remember_error (TillCustomerList *self,
                GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_debug ("Reading customers failed: %s", error->message);
}

static GPtrArray *
fetch_page (TillCustomerList *self,
            guint             page)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *items;
  GError *error = NULL;
  const PageKey *after = page > 0 ? &g_array_index (self->keys, PageKey, page - 1) : NULL;

  records = till_customers_page (self->store, after != NULL ? after->name : NULL,
                                 after != NULL ? after->id : 0, TILL_CUSTOMER_LIST_PAGE_SIZE, &error);
  if (records == NULL)
    {
      remember_error (self, error);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (items, item_new (records->pdata[i]));

  if (records->len > 0 && self->keys->len == page)
    {
      TillCustomerRecord *last = records->pdata[records->len - 1];
      PageKey key = { g_strdup (last->name), last->id };
      g_array_append_val (self->keys, key);
    }
  return items;
}

static void
cache_page (TillCustomerList *self,
            guint             page,
            GPtrArray        *items)
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
ensure_page (TillCustomerList *self,
             guint             page)
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
          /* The list ended early: rows were removed meanwhile. */
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
till_customer_list_get_item_type (GListModel *model)
{
  return TILL_TYPE_CUSTOMER_ITEM;
}

static guint
till_customer_list_get_n_items (GListModel *model)
{
  return TILL_CUSTOMER_LIST (model)->n_items;
}

static gpointer
till_customer_list_get_item (GListModel *model,
                             guint       position)
{
  TillCustomerList *self = TILL_CUSTOMER_LIST (model);
  GPtrArray *items;
  guint in_page = position % TILL_CUSTOMER_LIST_PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  if (self->search != NULL)
    return g_object_ref (self->results->pdata[position]);

  items = ensure_page (self, position / TILL_CUSTOMER_LIST_PAGE_SIZE);
  if (items == NULL || in_page >= items->len)
    return item_new (NULL);
  return g_object_ref (items->pdata[in_page]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = till_customer_list_get_item_type;
  iface->get_n_items = till_customer_list_get_n_items;
  iface->get_item = till_customer_list_get_item;
}

static void
till_customer_list_finalize (GObject *object)
{
  TillCustomerList *self = TILL_CUSTOMER_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (till_customer_list_parent_class)->finalize (object);
}

static void
till_customer_list_class_init (TillCustomerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_customer_list_finalize;
}

static void
till_customer_list_init (TillCustomerList *self)
{
  self->keys = g_array_new (FALSE, FALSE, sizeof (PageKey));
  g_array_set_clear_func (self->keys, page_key_clear);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->recent);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  TillCustomerItem *x = *(TillCustomerItem **)a;
  TillCustomerItem *y = *(TillCustomerItem **)b;
  int order = g_utf8_collate (x->name, y->name);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

/* Reads the store for the current mode; returns the new number of items. */
static guint
load (TillCustomerList *self)
{
  GError *error = NULL;

  g_array_set_size (self->keys, 0);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_ptr_array_set_size (self->results, 0);
  remember_error (self, NULL);

  if (self->search == NULL)
    {
      gint64 count = till_customers_count (self->store, &error);

      if (count < 0)
        {
          remember_error (self, error);
          return 0;
        }
      return (guint)MIN (count, (gint64)G_MAXUINT);
    }
  else
    {
      g_autoptr(GArray) ids = till_customers_search (self->store, self->search,
                                                     TILL_CUSTOMER_LIST_SEARCH_LIMIT, &error);
      if (ids == NULL)
        {
          remember_error (self, error);
          return 0;
        }
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TillCustomerRecord) record = till_customers_get (self->store,
                                                                     g_array_index (ids, gint64, i), NULL);
          if (record != NULL)
            g_ptr_array_add (self->results, item_new (record));
        }
      g_ptr_array_sort (self->results, compare_by_name);
      return self->results->len;
    }
}

/* The one place the list tells its views it changed. */
static void
reload_and_notify (TillCustomerList *self)
{
  guint removed = self->n_items;

  self->n_items = load (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

TillCustomerList *
till_customer_list_new (TillStore *store)
{
  TillCustomerList *self;

  g_return_val_if_fail (TILL_IS_STORE (store), NULL);

  self = g_object_new (TILL_TYPE_CUSTOMER_LIST, NULL);
  self->store = g_object_ref (store);
  self->n_items = load (self);
  return self;
}

void
till_customer_list_set_search (TillCustomerList *self,
                               const char       *text)
{
  g_autofree char *tidy = NULL;

  g_return_if_fail (TILL_IS_CUSTOMER_LIST (self));

  tidy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (tidy[0] == '\0')
    g_clear_pointer (&tidy, g_free);
  if (g_strcmp0 (tidy, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&tidy);
  reload_and_notify (self);
}

const char *
till_customer_list_get_search (TillCustomerList *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_LIST (self), NULL);
  return self->search;
}

void
till_customer_list_refresh (TillCustomerList *self)
{
  g_return_if_fail (TILL_IS_CUSTOMER_LIST (self));
  reload_and_notify (self);
}

guint
till_customer_list_get_n_cached (TillCustomerList *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_LIST (self), 0);
  return g_hash_table_size (self->pages);
}

const GError *
till_customer_list_get_error (TillCustomerList *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMER_LIST (self), NULL);
  return self->error;
}
