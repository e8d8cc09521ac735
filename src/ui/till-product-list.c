/* till-product-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-catalog-service.h"
#include "till-money.h"
#include "till-product-list.h"
#include "till-settings-service.h"

#define MAX_CACHED_PAGES 16

struct _TillProductItem
{
  GObject   parent_instance;
  gint64    id;
  char     *name;
  char     *sku;
  char     *detail;
  char     *price;
  char     *colour;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (TillProductItem, till_product_item, G_TYPE_OBJECT)

static void
till_product_item_finalize (GObject *object)
{
  TillProductItem *self = TILL_PRODUCT_ITEM (object);

  g_free (self->name);
  g_free (self->sku);
  g_free (self->detail);
  g_free (self->price);
  g_free (self->colour);
  G_OBJECT_CLASS (till_product_item_parent_class)->finalize (object);
}

static void
till_product_item_class_init (TillProductItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_product_item_finalize;
}

static void
till_product_item_init (TillProductItem *self)
{
}

static TillProductItem *
item_new (const TillProductRecord *record,
          const TillCurrency      *currency)
{
  TillProductItem *self = g_object_new (TILL_TYPE_PRODUCT_ITEM, NULL);
  g_autofree char *price = NULL;

  if (record == NULL)
    {
      /* A row that vanished while the list was open (another register). */
      self->name = g_strdup ("");
      self->sku = g_strdup ("");
      self->detail = g_strdup ("");
      self->price = g_strdup ("");
      self->colour = g_strdup (TILL_CATEGORY_DEFAULT_COLOUR);
      return self;
    }
  self->id = record->id;
  self->name = g_strdup (record->name);
  self->sku = g_strdup (record->sku);
  self->detail = g_strdup_printf ("%s · %s", record->sku, record->category_name);
  price = till_money_format_symbol (record->price, currency);
  /* TRANSLATORS: a price per kilogram */
  self->price = record->sold_by_weight ? g_strdup_printf (_("%s / kg"), price) : g_steal_pointer (&price);
  self->colour = g_strdup (record->category_colour);
  self->active = record->active;
  return self;
}

gint64
till_product_item_get_id (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), 0);
  return self->id;
}

const char *
till_product_item_get_name (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), NULL);
  return self->name;
}

const char *
till_product_item_get_sku (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), NULL);
  return self->sku;
}

const char *
till_product_item_get_detail (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), NULL);
  return self->detail;
}

const char *
till_product_item_get_price (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), NULL);
  return self->price;
}

const char *
till_product_item_get_colour (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), NULL);
  return self->colour;
}

gboolean
till_product_item_get_active (TillProductItem *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_ITEM (self), FALSE);
  return self->active;
}

typedef struct
{
  char   *name;
  gint64  id;
} PageKey;

struct _TillProductList
{
  GObject            parent_instance;

  /* owned */
  TillContext       *context;
  char              *search;       /* NULL: browsing */
  gint64             category_id;  /* 0: all */
  TillProductFilter  filter;
  guint              n_items;
  GArray            *keys;         /* PageKey: keys[p] is the last row of page p */
  GHashTable        *pages;        /* page number → GPtrArray of TillProductItem */
  GQueue             recent;       /* page numbers, most recently used first */
  GPtrArray         *results;      /* search results */
  GError            *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TillProductList, till_product_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_key_clear (gpointer data)
{
  PageKey *key = data;
  g_free (key->name);
}

static void
remember_error (TillProductList *self,
                GError          *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_debug ("Reading products failed: %s", error->message);
}

static GPtrArray *
fetch_page (TillProductList *self,
            guint            page)
{
  g_autoptr(GPtrArray) records = NULL;
  const TillCurrency *currency = till_settings_service_get_currency (self->context);
  const PageKey *after = page > 0 ? &g_array_index (self->keys, PageKey, page - 1) : NULL;
  GPtrArray *items;
  GError *error = NULL;

  records = till_catalog_products_page (till_context_get_store (self->context),
                                        after != NULL ? after->name : NULL, after != NULL ? after->id : 0,
                                        self->category_id, self->filter, TILL_PRODUCT_LIST_PAGE_SIZE, &error);
  if (records == NULL)
    {
      remember_error (self, error);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (items, item_new (records->pdata[i], currency));

  if (records->len > 0 && self->keys->len == page)
    {
      TillProductRecord *last = records->pdata[records->len - 1];
      PageKey key = { g_strdup (last->name), last->id };
      g_array_append_val (self->keys, key);
    }
  return items;
}

static void
cache_page (TillProductList *self,
            guint            page,
            GPtrArray       *items)
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
ensure_page (TillProductList *self,
             guint            page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return items;
    }

  /* A jump far ahead walks the pages in between once, to learn where each starts. */
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
till_product_list_get_item_type (GListModel *model)
{
  return TILL_TYPE_PRODUCT_ITEM;
}

static guint
till_product_list_get_n_items (GListModel *model)
{
  return TILL_PRODUCT_LIST (model)->n_items;
}

static gpointer
till_product_list_get_item (GListModel *model,
                            guint       position)
{
  TillProductList *self = TILL_PRODUCT_LIST (model);
  GPtrArray *items;
  guint in_page = position % TILL_PRODUCT_LIST_PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  if (self->search != NULL)
    return g_object_ref (self->results->pdata[position]);

  items = ensure_page (self, position / TILL_PRODUCT_LIST_PAGE_SIZE);
  if (items == NULL || in_page >= items->len)
    return item_new (NULL, NULL);
  return g_object_ref (items->pdata[in_page]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = till_product_list_get_item_type;
  iface->get_n_items = till_product_list_get_n_items;
  iface->get_item = till_product_list_get_item;
}

static void
till_product_list_finalize (GObject *object)
{
  TillProductList *self = TILL_PRODUCT_LIST (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (till_product_list_parent_class)->finalize (object);
}

static void
till_product_list_class_init (TillProductListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = till_product_list_finalize;
}

static void
till_product_list_init (TillProductList *self)
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
  TillProductItem *x = *(TillProductItem **)a;
  TillProductItem *y = *(TillProductItem **)b;
  int order = g_utf8_collate (x->name, y->name);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

static gboolean
passes_filter (TillProductList         *self,
               const TillProductRecord *record)
{
  if (self->category_id != 0 && record->category_id != self->category_id)
    return FALSE;
  if (self->filter == TILL_PRODUCT_FILTER_ACTIVE && !record->active)
    return FALSE;
  if (self->filter == TILL_PRODUCT_FILTER_RETIRED && record->active)
    return FALSE;
  return TRUE;
}

/* Reads the store for the current mode; returns the new number of items. */
static guint
load (TillProductList *self)
{
  TillStore *store = till_context_get_store (self->context);
  GError *error = NULL;

  g_array_set_size (self->keys, 0);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_ptr_array_set_size (self->results, 0);
  remember_error (self, NULL);

  if (self->search == NULL)
    {
      gint64 count = till_catalog_count_products_filtered (store, self->category_id, self->filter, &error);

      if (count < 0)
        {
          remember_error (self, error);
          return 0;
        }
      return (guint)MIN (count, (gint64)G_MAXUINT);
    }
  else
    {
      const TillCurrency *currency = till_settings_service_get_currency (self->context);
      g_autoptr(GArray) ids = till_catalog_service_search_products (self->context, self->search,
                                                                    TILL_PRODUCT_LIST_SEARCH_LIMIT, &error);
      if (ids == NULL)
        {
          remember_error (self, error);
          return 0;
        }
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TillProductRecord) record = till_catalog_get_product (store, g_array_index (ids, gint64, i), NULL);

          if (record != NULL && passes_filter (self, record))
            g_ptr_array_add (self->results, item_new (record, currency));
        }
      g_ptr_array_sort (self->results, compare_by_name);
      return self->results->len;
    }
}

/* The one place the list tells its views it changed. */
static void
reload_and_notify (TillProductList *self)
{
  guint removed = self->n_items;

  self->n_items = load (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

TillProductList *
till_product_list_new (TillContext *context)
{
  TillProductList *self;

  g_return_val_if_fail (TILL_IS_CONTEXT (context), NULL);

  self = g_object_new (TILL_TYPE_PRODUCT_LIST, NULL);
  self->context = g_object_ref (context);
  self->filter = TILL_PRODUCT_FILTER_ACTIVE;
  self->n_items = load (self);
  return self;
}

void
till_product_list_set_search (TillProductList *self,
                              const char      *text)
{
  g_autofree char *tidy = NULL;

  g_return_if_fail (TILL_IS_PRODUCT_LIST (self));

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
till_product_list_get_search (TillProductList *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_LIST (self), NULL);
  return self->search;
}

void
till_product_list_set_filter (TillProductList   *self,
                              gint64             category_id,
                              TillProductFilter  filter)
{
  g_return_if_fail (TILL_IS_PRODUCT_LIST (self));

  if (self->category_id == category_id && self->filter == filter)
    return;
  self->category_id = category_id;
  self->filter = filter;
  reload_and_notify (self);
}

void
till_product_list_refresh (TillProductList *self)
{
  g_return_if_fail (TILL_IS_PRODUCT_LIST (self));
  reload_and_notify (self);
}

int
till_product_list_find (TillProductList *self,
                        gint64           product_id)
{
  g_autoptr(TillProductRecord) record = NULL;
  gint64 before;

  g_return_val_if_fail (TILL_IS_PRODUCT_LIST (self), -1);

  if (self->search != NULL)
    {
      for (guint i = 0; i < self->results->len; i++)
        if (((TillProductItem *)self->results->pdata[i])->id == product_id)
          return (int)i;
      return -1;
    }

  record = till_catalog_get_product (till_context_get_store (self->context), product_id, NULL);
  if (record == NULL || !passes_filter (self, record))
    return -1;
  /* Its place in name order is how many come before it: one indexed count. */
  before = till_catalog_count_products_before (till_context_get_store (self->context), record->name,
                                               record->id, self->category_id, self->filter, NULL);
  if (before < 0 || before >= self->n_items)
    return -1;
  return (int)before;
}

guint
till_product_list_get_n_cached (TillProductList *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_LIST (self), 0);
  return g_hash_table_size (self->pages);
}

const GError *
till_product_list_get_error (TillProductList *self)
{
  g_return_val_if_fail (TILL_IS_PRODUCT_LIST (self), NULL);
  return self->error;
}
