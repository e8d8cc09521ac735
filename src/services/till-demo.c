/* till-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-arith.h"
#include "till-audit.h"
#include "till-catalog.h"
#include "till-catalog-csv.h"
#include "till-catalog-service.h"
#include "till-context.h"
#include "till-customers.h"
#include "till-demo.h"
#include "till-demo-resources.h"
#include "till-error.h"
#include "till-pin.h"
#include "till-staff.h"

#define N_DEMO_CUSTOMERS 240

static const TillDemoStaff demo_staff[] = {
  { "Ingrid Hoffmann", "admin",   "135790" },
  { "Marc Lefèvre",    "manager", "2468" },
  { "Aiko Tanaka",     "manager", "8642" },
  { "Lena Vogel",      "cashier", "1111" },
  { "Tomasz Nowak",    "cashier", "2222" },
};

const TillDemoStaff *
till_demo_get_staff (gsize *n_staff)
{
  *n_staff = G_N_ELEMENTS (demo_staff);
  return demo_staff;
}

/* German rates: food to take away, the standard rate, and none (vouchers).
 * The catalog's CSV files name rates by percent, so these come first and
 * keep their names. */
static const struct
{
  const char *name;
  const char *percent;
} demo_rates[] = {
  { "Reduced 7 %",   "7" },
  { "Standard 19 %", "19" },
  { "None 0 %",      "0" },
};

typedef struct
{
  const char *name;
  const char *ascii;    /* for e-mail addresses */
} DemoName;

static const DemoName first_names[] = {
  { "Hélène", "helene" },   { "François", "francois" }, { "Zoë", "zoe" },
  { "Jürgen", "juergen" },  { "Müge", "muge" },         { "Søren", "soren" },
  { "Łukasz", "lukasz" },   { "Ångström", "angstrom" }, { "Inès", "ines" },
  { "José", "jose" },       { "Anaïs", "anais" },       { "Björn", "bjorn" },
  { "Çağla", "cagla" },     { "Dóra", "dora" },         { "Émile", "emile" },
  { "Greta", "greta" },     { "Hannah", "hannah" },     { "Jonas", "jonas" },
  { "Karim", "karim" },     { "Lea", "lea" },           { "Mia", "mia" },
  { "Noah", "noah" },       { "Olivia", "olivia" },     { "Paul", "paul" },
  { "Sophie", "sophie" },   { "Yusuf", "yusuf" },       { "Anna", "anna" },
  { "Maximilian", "max" },  { "Νίκος", "nikos" },       { "Ольга", "olga" },
};

static const DemoName last_names[] = {
  { "Dubois", "dubois" },       { "Müller", "mueller" },     { "Schröder", "schroeder" },
  { "Weiß", "weiss" },          { "Lefèvre", "lefevre" },    { "Øster", "oster" },
  { "Wiśniewska", "wisniewska" }, { "Yılmaz", "yilmaz" },   { "García", "garcia" },
  { "Nguyễn", "nguyen" },       { "Schmidt", "schmidt" },    { "Fischer", "fischer" },
  { "Becker", "becker" },       { "Martin", "martin" },      { "Bernard", "bernard" },
  { "Rossi", "rossi" },         { "Kowalski", "kowalski" },  { "Novák", "novak" },
  { "Papadopoulos", "papadopoulos" }, { "Öztürk", "ozturk" }, { "Hoffmann", "hoffmann" },
  { "Petit", "petit" },
};

/* Written without spaces, as these names are: one word for search. */
static const DemoName whole_names[] = {
  { "王小明", "wang.xiaoming" }, { "李娜", "li.na" },       { "张伟", "zhang.wei" },
  { "陈静", "chen.jing" },       { "山田花子", "yamada.hanako" }, { "佐藤健", "sato.ken" },
  { "鈴木一郎", "suzuki.ichiro" }, { "김민준", "kim.minjun" },
};

static const char *dietary[] = {
  "", "", "", "", "vegetarian", "vegan", "gluten-free", "lactose-free", "halal", "no pork",
};
static const char *allergies[] = {
  "", "", "", "", "", "", "nuts", "peanuts", "sesame", "milk", "eggs", "celery",
};
static const char *streets[] = {
  "Kastanienallee", "Oderberger Straße", "Schönhauser Allee", "Bergmannstraße", "Wörther Straße",
  "Rue de Lévis", "Lychener Straße",
};

static char *
ean13 (const char *payload12)
{
  int check = till_gs1_check_digit (payload12, 12);

  g_assert (check >= 0);
  return g_strdup_printf ("%s%d", payload12, check);
}

typedef struct
{
  TillClock  *clock;
  const char *actor;
} FillData;

static gboolean
audit (TillStore   *store,
       FillData    *data,
       const char  *action,
       const char  *entity,
       gint64       id,
       const char  *fields,
       GError     **error)
{
  g_autoptr(GDateTime) now = till_clock_now (data->clock);
  g_autofree char *id_text = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");

  return till_audit_append (store, now, data->actor, 0, action, entity, id_text, fields, error);
}

static gboolean
fill_settings (TillStore  *store,
               GError    **error)
{
  static const char *settings[][2] = {
    { "shop.name",      "Boulangerie Lumière" },
    { "shop.address",   "Kastanienallee 12\n10435 Berlin" },
    { "shop.tax_id",    "DE 123 456 789" },
    { "receipt.header", "Fresh from our oven since 1987" },
    { "receipt.footer", "Merci et à bientôt! Collect points with your Lumière card." },
    { "currency",       "EUR" },
    { "time_zone",      "Europe/Berlin" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    if (!till_store_set_setting (store, settings[i][0], settings[i][1], error))
      return FALSE;
  return TRUE;
}

/* A demo file compiled into libtill */
static GBytes *
demo_file (const char  *name,
           GError     **error)
{
  g_autofree char *path = g_strconcat ("/io/github/tillpos/Till/demo/", name, NULL);

  return g_resource_lookup_data (till_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static gboolean
import_demo_file (TillContext         *context,
                  TillCatalogCsvKind   kind,
                  const char          *name,
                  GError             **error)
{
  g_autoptr(GBytes) bytes = demo_file (name, error);
  g_autoptr(TillImportReport) report = NULL;
  gsize len;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (!till_catalog_import (context, kind, data, len, FALSE, &report, error))
    {
      g_prefix_error (error, "The demo file %s: ", name);
      return FALSE;
    }
  return TRUE;
}

/* The catalog goes through the same import as any shop's CSV files:
 * data/demo/categories.csv and data/demo/products.csv. */
static gboolean
fill_catalog (TillStore  *store,
              FillData   *data,
              GError    **error)
{
  g_autoptr(TillNotifier) notifier = till_recording_notifier_new ();
  g_autoptr(TillContext) context = till_context_new (store, data->clock, notifier, data->actor);

  for (gsize i = 0; i < G_N_ELEMENTS (demo_rates); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      GError *local_error = NULL;

      if (!till_catalog_service_save_tax_rate (context, 0, demo_rates[i].name, demo_rates[i].percent,
                                               TILL_NOTATION_FILE, NULL, &problems, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, TILL_ERROR, TILL_ERROR_FAILED, "The demo tax rate %s: %s",
                         demo_rates[i].name, ((TillFieldProblem *)problems->pdata[0])->message);
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  return import_demo_file (context, TILL_CATALOG_CSV_CATEGORIES, "categories.csv", error) &&
         import_demo_file (context, TILL_CATALOG_CSV_PRODUCTS, "products.csv", error);
}

static gboolean
fill_customers (TillStore  *store,
                FillData   *data,
                GError    **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);

  for (guint i = 0; i < N_DEMO_CUSTOMERS; i++)
    {
      g_autoptr(TillCustomerRecord) c = till_customer_record_new ();
      g_autoptr(GDateTime) now = till_clock_now (data->clock);
      g_autofree char *local = NULL;
      g_autofree char *card_payload = NULL;
      guint kind = g_rand_int_range (rand, 0, 100);

      if (i % 30 == 7)
        {
          const DemoName *whole = &whole_names[(i / 30) % G_N_ELEMENTS (whole_names)];
          c->name = g_strdup (whole->name);
          local = g_strdup (whole->ascii);
        }
      else
        {
          const DemoName *first = &first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
          const DemoName *last = &last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
          c->name = g_strdup_printf ("%s %s", first->name, last->name);
          local = g_strdup_printf ("%s.%s", first->ascii, last->ascii);
        }

      /* The first two customers are the README's examples and always complete. */
      if (i < 2 || kind < 85)
        {
          card_payload = g_strdup_printf ("29%010u", 4821 + i * 37);
          c->card = ean13 (card_payload);
        }
      if (i < 2 || kind % 4 != 0)
        c->phone = g_strdup_printf ("+49151%08u", 20000000 + i * 7919 % 80000000);
      if (i < 2 || kind % 5 != 0)
        c->email = g_strdup_printf ("%s%u@example.org", local, i);
      if (kind % 3 == 0)
        c->address = g_strdup_printf ("%s %u\n104%02u Berlin",
                                      streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                      (guint)g_rand_int_range (rand, 1, 120),
                                      (guint)g_rand_int_range (rand, 5, 99));
      if (kind % 7 == 0)
        c->birthday = g_strdup_printf ("19%02u-%02u-%02u", (guint)g_rand_int_range (rand, 45, 99),
                                       (guint)g_rand_int_range (rand, 1, 13),
                                       (guint)g_rand_int_range (rand, 1, 29));
      c->dietary_notes = g_strdup (dietary[g_rand_int_range (rand, 0, G_N_ELEMENTS (dietary))]);
      c->allergies = g_strdup (allergies[g_rand_int_range (rand, 0, G_N_ELEMENTS (allergies))]);
      if (c->email != NULL && kind % 2 == 0)
        {
          g_free (c->contact_channel);
          c->contact_channel = g_strdup ("email");
          c->marketing_consent = TRUE;
          c->marketing_consent_date = g_strdup ("2026-03-14");
        }

      if (!till_customers_insert (store, c, now, error) ||
          !audit (store, data, "customer.add", "customer", c->id, "", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fill_staff (TillStore  *store,
            FillData   *data,
            GError    **error)
{
  g_autofree char *cost_setting = till_store_get_setting (store, "security.pin_cost");
  TillPinCost cost = till_pin_cost_from_setting (cost_setting);

  for (gsize i = 0; i < G_N_ELEMENTS (demo_staff); i++)
    {
      g_autoptr(GDateTime) now = till_clock_now (data->clock);
      g_autofree char *hash = till_pin_hash (demo_staff[i].pin, cost, error);
      gint64 id;

      if (hash == NULL ||
          !till_staff_insert (store, demo_staff[i].name, demo_staff[i].role, hash, now, &id, error) ||
          !audit (store, data, "staff.add", "staff", id, "role", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_empty (TillStore  *store,
          gboolean   *out_empty,
          GError    **error)
{
  gint64 products, customers, staff;

  if ((products = till_catalog_count_products (store, error)) < 0 ||
      (customers = till_customers_count (store, error)) < 0 ||
      (staff = till_staff_count (store, FALSE, error)) < 0)
    return FALSE;
  *out_empty = products == 0 && customers == 0 && staff == 0;
  return TRUE;
}

static gboolean
fill_in_transaction (TillStore  *store,
                     gpointer    user_data,
                     GError    **error)
{
  FillData *data = user_data;
  gboolean empty = FALSE;

  if (!is_empty (store, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error_literal (error, TILL_ERROR, TILL_ERROR_REFUSED,
                           "The database already holds products, customers or staff; the demo "
                           "shop is only added to a new, empty database.");
      return FALSE;
    }

  return fill_settings (store, error) &&
         fill_catalog (store, data, error) &&
         fill_customers (store, data, error) &&
         fill_staff (store, data, error) &&
         audit (store, data, "demo.fill", "", 0, "", error);
}

gboolean
till_demo_fill (TillStore   *store,
                TillClock   *clock,
                const char  *actor,
                GError     **error)
{
  FillData data = { clock, actor };

  g_return_val_if_fail (TILL_IS_STORE (store), FALSE);
  g_return_val_if_fail (TILL_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return till_store_transaction (store, fill_in_transaction, &data, error);
}
