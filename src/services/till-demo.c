/* till-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "till-arith.h"
#include "till-audit.h"
#include "till-catalog.h"
#include "till-customers.h"
#include "till-demo.h"
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

typedef struct
{
  const char *name;
  gint64      rate_bp;
} DemoRate;

/* German rates: food to take away, the standard rate, and none (vouchers). */
static const DemoRate demo_rates[] = {
  { "Reduced 7 %",   700 },
  { "Standard 19 %", 1900 },
  { "None 0 %",      0 },
};

typedef struct
{
  const char *name;
  const char *colour;
  gboolean    earns_points;
} DemoCategory;

static const DemoCategory demo_categories[] = {
  { "Bread",        "#c64600", TRUE },
  { "Viennoiserie", "#e5a50a", TRUE },
  { "Cakes",        "#c061cb", TRUE },
  { "Sweets",       "#e01b24", TRUE },
  { "Deli",         "#2ec27e", TRUE },
  { "Cheese",       "#f6d32d", TRUE },
  { "Sandwiches",   "#986a44", TRUE },
  { "Hot drinks",   "#63452c", TRUE },
  { "Cold drinks",  "#1c71d8", TRUE },
  { "Vouchers",     "#77767b", FALSE },
};

typedef struct
{
  const char *sku;
  const char *name;
  guint       category;       /* index into demo_categories */
  gint64      price;          /* cents; per kg for weighed products */
  guint       rate;           /* index into demo_rates */
  gboolean    weighed;
  gboolean    discountable;
} DemoProduct;

static const DemoProduct demo_products[] = {
  { "BRD-001", "Baguette tradition",            0,  130, 0, FALSE, TRUE },
  { "BRD-002", "Pain de campagne",              0,  420, 0, FALSE, TRUE },
  { "BRD-003", "Roggenmischbrot 750 g",         0,  390, 0, FALSE, TRUE },
  { "BRD-004", "Dinkel-Vollkornbrot",           0,  450, 0, FALSE, TRUE },
  { "BRD-005", "Sourdough loaf",                0,  520, 0, FALSE, TRUE },
  { "BRD-006", "Brötchen",                      0,   45, 0, FALSE, TRUE },
  { "BRD-007", "Laugenbrezel",                  0,   95, 0, FALSE, TRUE },
  { "BRD-008", "Ciabatta",                      0,  240, 0, FALSE, TRUE },
  { "VIE-001", "Croissant",                     1,  120, 0, FALSE, TRUE },
  { "VIE-002", "Pain au chocolat",              1,  140, 0, FALSE, TRUE },
  { "VIE-003", "Croissant aux amandes",         1,  230, 0, FALSE, TRUE },
  { "VIE-004", "Chausson aux pommes",           1,  210, 0, FALSE, TRUE },
  { "VIE-005", "Pain aux raisins",              1,  190, 0, FALSE, TRUE },
  { "VIE-006", "Zimtschnecke",                  1,  250, 0, FALSE, TRUE },
  { "VIE-007", "Brioche",                       1,  180, 0, FALSE, TRUE },
  { "CAK-001", "Tarte au citron (slice)",       2,  380, 0, FALSE, TRUE },
  { "CAK-002", "Käsekuchen (slice)",            2,  340, 0, FALSE, TRUE },
  { "CAK-003", "Schwarzwälder Kirschtorte (slice)", 2, 420, 0, FALSE, TRUE },
  { "CAK-004", "Éclair au café",                2,  320, 0, FALSE, TRUE },
  { "CAK-005", "Paris-Brest",                   2,  450, 0, FALSE, TRUE },
  { "CAK-006", "Apfelstrudel (slice)",          2,  360, 0, FALSE, TRUE },
  { "CAK-007", "Tarte aux fraises, whole",      2, 2490, 0, FALSE, TRUE },
  { "SWT-001", "Macaron",                       3,  180, 0, FALSE, TRUE },
  { "SWT-002", "Madeleine",                     3,   90, 0, FALSE, TRUE },
  { "SWT-003", "Cookie double chocolat",        3,  210, 0, FALSE, TRUE },
  { "SWT-004", "Florentiner",                   3,  160, 0, FALSE, TRUE },
  { "SWT-005", "Canelé",                        3,  200, 0, FALSE, TRUE },
  { "SWT-006", "Mochi (matcha)",                3,  250, 0, FALSE, TRUE },
  { "DEL-001", "Jambon de Bayonne",             4, 3290, 0, TRUE,  TRUE },
  { "DEL-002", "Prosciutto di Parma",           4, 3990, 0, TRUE,  TRUE },
  { "DEL-003", "Salami Milano",                 4, 2490, 0, TRUE,  TRUE },
  { "DEL-004", "Olives de Kalamata",            4, 1890, 0, TRUE,  TRUE },
  { "DEL-005", "Hummus",                        4, 1490, 0, TRUE,  TRUE },
  { "DEL-006", "Kartoffelsalat",                4,  990, 0, TRUE,  TRUE },
  { "DEL-007", "Quiche lorraine",               4, 1990, 0, TRUE,  TRUE },
  { "CHE-001", "Comté 18 mois",                 5, 3490, 0, TRUE,  TRUE },
  { "CHE-002", "Brie de Meaux",                 5, 2890, 0, TRUE,  TRUE },
  { "CHE-003", "Roquefort",                     5, 3190, 0, TRUE,  TRUE },
  { "CHE-004", "Allgäuer Bergkäse",             5, 2990, 0, TRUE,  TRUE },
  { "CHE-005", "Manchego",                      5, 2790, 0, TRUE,  TRUE },
  { "SAN-001", "Jambon-beurre",                 6,  450, 0, FALSE, TRUE },
  { "SAN-002", "Croque-monsieur",               6,  590, 0, FALSE, TRUE },
  { "SAN-003", "Caprese panino",                6,  620, 0, FALSE, TRUE },
  { "SAN-004", "Bagel saumon",                  6,  690, 0, FALSE, TRUE },
  { "SAN-005", "Falafel wrap",                  6,  640, 0, FALSE, TRUE },
  { "HOT-001", "Espresso",                      7,  220, 1, FALSE, TRUE },
  { "HOT-002", "Café crème",                    7,  310, 1, FALSE, TRUE },
  { "HOT-003", "Cappuccino",                    7,  350, 1, FALSE, TRUE },
  { "HOT-004", "Latte macchiato",               7,  380, 1, FALSE, TRUE },
  { "HOT-005", "Chocolat chaud",                7,  360, 1, FALSE, TRUE },
  { "HOT-006", "Thé vert sencha",               7,  290, 1, FALSE, TRUE },
  { "HOT-007", "Chai latte",                    7,  390, 1, FALSE, TRUE },
  { "COL-001", "Eau minérale 0,5 l",            8,  190, 1, FALSE, TRUE },
  { "COL-002", "Apfelschorle 0,33 l",           8,  250, 1, FALSE, TRUE },
  { "COL-003", "Citronnade maison",             8,  350, 1, FALSE, TRUE },
  { "COL-004", "Orange pressée",                8,  420, 1, FALSE, TRUE },
  { "COL-005", "Iced latte",                    8,  410, 1, FALSE, TRUE },
  { "COL-006", "Kombucha",                      8,  390, 1, FALSE, TRUE },
  { "VOU-010", "Gift voucher 10 €",             9, 1000, 2, FALSE, FALSE },
  { "VOU-025", "Gift voucher 25 €",             9, 2500, 2, FALSE, FALSE },
  { "VOU-050", "Gift voucher 50 €",             9, 5000, 2, FALSE, FALSE },
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

static gboolean
fill_catalog (TillStore  *store,
              FillData   *data,
              GError    **error)
{
  gint64 rate_ids[G_N_ELEMENTS (demo_rates)];
  gint64 category_ids[G_N_ELEMENTS (demo_categories)];

  for (gsize i = 0; i < G_N_ELEMENTS (demo_rates); i++)
    if (!till_catalog_insert_tax_rate (store, demo_rates[i].name, demo_rates[i].rate_bp,
                                       &rate_ids[i], error))
      return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    if (!till_catalog_insert_category (store, demo_categories[i].name, demo_categories[i].colour,
                                       (int)i, demo_categories[i].earns_points,
                                       &category_ids[i], error))
      return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (demo_products); i++)
    {
      const DemoProduct *p = &demo_products[i];
      TillProductDraft draft = {
        .sku = p->sku,
        .name = p->name,
        .category_id = category_ids[p->category],
        .price = p->price,
        .tax_rate_id = rate_ids[p->rate],
        .sold_by_weight = p->weighed,
        .active = TRUE,
        .discountable = p->discountable,
      };
      g_autofree char *payload = NULL;
      g_autofree char *code = NULL;
      const char *codes[2] = { NULL, NULL };
      gint64 id;

      if (p->weighed)
        /* A scale-label template: prefix 21 (weight), item code, value zeroed. */
        payload = g_strdup_printf ("21%05u00000", (guint)(100 + i));
      else
        payload = g_strdup_printf ("40123450%04u", (guint)(1 + i));
      code = ean13 (payload);
      codes[0] = code;

      if (!till_catalog_insert_product (store, &draft, codes, &id, error) ||
          !audit (store, data, "product.add", "product", id, "", error))
        return FALSE;
    }
  return TRUE;
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
