/* till-customers-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "till-access.h"
#include "till-contact.h"
#include "till-customer-service.h"
#include "till-customers-page.h"
#include "till-loyalty-card.h"
#include "till-privacy-service.h"
#include "till-service-requests.h"

struct _TillCustomersPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkLabel           *form_title;
  GtkLabel           *form_subtitle;
  GtkLabel           *service_summary;
  GtkWidget          *loyalty_card;   /* balance, tier and ledger history */
  GtkEntry           *name_entry;
  GtkEntry           *card_entry;
  GtkEntry           *phone_entry;
  GtkEntry           *email_entry;
  GtkEntry           *birthday_entry;
  GtkTextView        *address_view;
  GtkTextView        *notes_view;
  GtkLabel           *name_error;
  GtkLabel           *card_error;
  GtkLabel           *phone_error;
  GtkLabel           *email_error;
  GtkLabel           *birthday_error;
  GtkLabel           *address_error;
  GtkLabel           *notes_error;

  /* owned */
  TillContext        *context;
  TillCustomerList   *list;
  GtkSingleSelection *selection;
  TillCustomerRecord *shown;        /* what the form was loaded from; NULL: form closed */
  gboolean            revealed;     /* contact details shown unmasked (audited) */
  guint               shown_position;
  gboolean            reverting_selection;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TillCustomersPage, till_customers_page, GTK_TYPE_WIDGET)

static void
toast (TillCustomersPage *self,
       const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
entry_set (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static char *
entry_dup (GtkEntry *entry)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
}

typedef struct
{
  const char *field;
  gsize       widget_offset;
  gsize       error_offset;
} FieldWidgets;

static const FieldWidgets field_widgets[] = {
  { "name",     G_STRUCT_OFFSET (TillCustomersPage, name_entry),     G_STRUCT_OFFSET (TillCustomersPage, name_error) },
  { "card",     G_STRUCT_OFFSET (TillCustomersPage, card_entry),     G_STRUCT_OFFSET (TillCustomersPage, card_error) },
  { "phone",    G_STRUCT_OFFSET (TillCustomersPage, phone_entry),    G_STRUCT_OFFSET (TillCustomersPage, phone_error) },
  { "email",    G_STRUCT_OFFSET (TillCustomersPage, email_entry),    G_STRUCT_OFFSET (TillCustomersPage, email_error) },
  { "birthday", G_STRUCT_OFFSET (TillCustomersPage, birthday_entry), G_STRUCT_OFFSET (TillCustomersPage, birthday_error) },
  { "address",  G_STRUCT_OFFSET (TillCustomersPage, address_view),   G_STRUCT_OFFSET (TillCustomersPage, address_error) },
  { "notes",    G_STRUCT_OFFSET (TillCustomersPage, notes_view),     G_STRUCT_OFFSET (TillCustomersPage, notes_error) },
};

#define FIELD_WIDGET(self, f) (*(GtkWidget **)G_STRUCT_MEMBER_P (self, (f)->widget_offset))
#define FIELD_ERROR(self, f)  (*(GtkLabel **)G_STRUCT_MEMBER_P (self, (f)->error_offset))

/* Shows each problem under its field; returns the first field's widget. */
static GtkWidget *
show_problems (TillCustomersPage *self,
               GPtrArray         *problems)
{
  GtkWidget *first = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (field_widgets); i++)
    {
      const FieldWidgets *f = &field_widgets[i];
      const char *message = problems != NULL ? till_field_problems_lookup (problems, f->field) : NULL;
      GtkWidget *widget = FIELD_WIDGET (self, f);
      GtkLabel *label = FIELD_ERROR (self, f);

      gtk_label_set_text (label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
      if (message != NULL)
        {
          gtk_widget_add_css_class (widget, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
          if (first == NULL)
            first = widget;
        }
      else
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }
  return first;
}

#define BIRTHDAY_MASK "••••-••-••"

/* What the form shows of a contact field until it is revealed (DESIGN.md's
 * masked forms); NULL: the value itself. */
static char *
masked_value (TillCustomersPage *self,
              const char        *field,
              const char        *value)
{
  if (self->revealed || self->shown == NULL || self->shown->id == 0 || value == NULL || value[0] == '\0')
    return NULL;
  if (g_str_equal (field, "phone"))
    return till_phone_mask (value);
  if (g_str_equal (field, "email"))
    return till_email_mask (value);
  if (g_str_equal (field, "address"))
    return till_address_mask (value);
  return g_strdup (BIRTHDAY_MASK);
}

/* A masked field left as shown keeps the stored value. */
static void
keep_if_masked (TillCustomersPage  *self,
                const char         *field,
                char              **value,
                const char         *stored)
{
  g_autofree char *mask = masked_value (self, field, stored);

  if (mask != NULL && g_strcmp0 (*value != NULL ? *value : "", mask) == 0)
    {
      g_free (*value);
      *value = g_strdup (stored);
    }
}

/* Shows the contact fields masked or not: a cashier sees the masked forms
 * only, read-only. */
static void
show_contact (TillCustomersPage *self)
{
  const TillCustomerRecord *record = self->shown;
  gboolean editable = self->revealed || record->id == 0;
  g_autofree char *phone = masked_value (self, "phone", record->phone);
  g_autofree char *email = masked_value (self, "email", record->email);
  g_autofree char *birthday = masked_value (self, "birthday", record->birthday);
  g_autofree char *address = masked_value (self, "address", record->address);

  entry_set (self->phone_entry, phone != NULL ? phone : record->phone);
  entry_set (self->email_entry, email != NULL ? email : record->email);
  entry_set (self->birthday_entry, birthday != NULL ? birthday : record->birthday);
  text_view_set (self->address_view, address != NULL ? address : record->address);
  gtk_editable_set_editable (GTK_EDITABLE (self->phone_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->email_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->birthday_entry), editable);
  gtk_text_view_set_editable (self->address_view, editable);
}

static gboolean
has_contact (const TillCustomerRecord *record)
{
  return (record->phone != NULL && record->phone[0] != '\0') ||
         (record->email != NULL && record->email[0] != '\0') ||
         (record->birthday != NULL && record->birthday[0] != '\0') ||
         (record->address != NULL && record->address[0] != '\0');
}

/* A manager or admin opening a customer sees the details unmasked: the
 * reveal is recorded once per customer opened (not again when the form
 * reloads the same customer after a save). */
static gboolean
reveal (TillCustomersPage        *self,
        const TillCustomerRecord *record,
        gint64                    previous_id,
        gboolean                  previously_revealed)
{
  g_autoptr(GError) error = NULL;

  if (record->id == 0 || !has_contact (record))
    return TRUE;
  if (!till_access_may (self->context, TILL_OPERATION_REVEAL_CONTACT))
    return FALSE;
  if (previously_revealed && previous_id == record->id)
    return TRUE;
  if (!till_privacy_service_reveal_contact (self->context, record->id, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Contact details stay masked: %s"), error->message);
      toast (self, message);
      return FALSE;
    }
  return TRUE;
}

/* The form's contents over a copy of the record it was loaded from */
static TillCustomerRecord *
draft_from_form (TillCustomersPage *self)
{
  TillCustomerRecord *draft = till_customer_record_copy (self->shown);

  g_free (draft->name);
  draft->name = entry_dup (self->name_entry);
  g_free (draft->card);
  draft->card = entry_dup (self->card_entry);
  g_free (draft->phone);
  draft->phone = entry_dup (self->phone_entry);
  g_free (draft->email);
  draft->email = entry_dup (self->email_entry);
  g_free (draft->birthday);
  draft->birthday = entry_dup (self->birthday_entry);
  g_free (draft->address);
  draft->address = text_view_get (self->address_view);
  g_free (draft->notes);
  draft->notes = text_view_get (self->notes_view);
  keep_if_masked (self, "phone", &draft->phone, self->shown->phone);
  keep_if_masked (self, "email", &draft->email, self->shown->email);
  keep_if_masked (self, "birthday", &draft->birthday, self->shown->birthday);
  keep_if_masked (self, "address", &draft->address, self->shown->address);
  return draft;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

gboolean
till_customers_page_is_dirty (TillCustomersPage *self)
{
  g_autoptr(TillCustomerRecord) draft = NULL;

  g_return_val_if_fail (TILL_IS_CUSTOMERS_PAGE (self), FALSE);

  if (self->shown == NULL)
    return FALSE;
  draft = draft_from_form (self);
  return !(same_text (draft->name, self->shown->name) &&
           same_text (draft->card, self->shown->card) &&
           same_text (draft->phone, self->shown->phone) &&
           same_text (draft->email, self->shown->email) &&
           same_text (draft->birthday, self->shown->birthday) &&
           same_text (draft->address, self->shown->address) &&
           same_text (draft->notes, self->shown->notes));
}

/* Preferences, favourites and requests (issue 10), read-only under the form */
static void
show_service_summary (TillCustomersPage  *self,
                      TillCustomerRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) favourites = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  TillRequestFilter mine = { 0 };

  if (record == NULL || record->id == 0)
    {
      gtk_label_set_text (self->service_summary, "");
      return;
    }
  g_string_append_printf (text, _("Contact: %s · receipt: %s · marketing: %s"), record->contact_channel,
                          record->receipt_preference,
                          record->marketing_consent ? record->marketing_consent_date : _("no"));
  if (record->allergies != NULL && record->allergies[0] != '\0')
    g_string_append_printf (text, _("\nAllergies: %s"), record->allergies);
  if (record->dietary_notes != NULL && record->dietary_notes[0] != '\0')
    g_string_append_printf (text, _("\nDiet: %s"), record->dietary_notes);
  favourites = till_service_requests_favourites (self->context, record->id, 3, NULL);
  for (guint i = 0; favourites != NULL && i < favourites->len; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? _("\nFavourites: ") : ", ",
                            ((TillFavouriteProduct *)favourites->pdata[i])->name);
  mine.customer_id = record->id;
  requests = till_service_requests_list (self->context, &mine, 0, 10, NULL);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      TillRequestRecord *request = requests->pdata[i];

      g_string_append_printf (text, _("\nRequest: %s (%s, %s)"), request->title, request->kind, request->status);
    }
  gtk_label_set_text (self->service_summary, text->str);
}

static void
load_form (TillCustomersPage  *self,
           TillCustomerRecord *record)
{
  gint64 previous_id = self->shown != NULL ? self->shown->id : 0;
  gboolean previously_revealed = self->revealed;

  g_clear_pointer (&self->shown, till_customer_record_free);
  self->shown = record;
  self->revealed = FALSE;

  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  entry_set (self->name_entry, record->name);
  entry_set (self->card_entry, record->card);
  self->revealed = reveal (self, record, previous_id, previously_revealed);
  show_contact (self);
  text_view_set (self->notes_view, record->notes);
  show_problems (self, NULL);
  show_service_summary (self, record);
  till_loyalty_card_show (self->loyalty_card, self->context, record->id);

  if (record->id == 0)
    {
      gtk_label_set_text (self->form_title, _("New Customer"));
      gtk_label_set_text (self->form_subtitle, _("A name is enough; card, phone and e-mail must not belong to anybody else."));
    }
  else
    {
      g_autofree char *since = NULL;

      gtk_label_set_text (self->form_title, record->name);
      since = g_strdup_printf (_("Customer since %.10s"), record->created_at != NULL ? record->created_at : "");
      gtk_label_set_text (self->form_subtitle, since);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "form");
}

static void
load_customer (TillCustomersPage *self,
               gint64             id)
{
  g_autoptr(GError) error = NULL;
  TillCustomerRecord *record;

  record = till_customers_get (till_context_get_store (self->context), id, &error);
  if (record == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This customer could not be opened: %s"), error->message);
      toast (self, message);
      return;
    }
  load_form (self, record);
}

static void
update_count (TillCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const GError *error = till_customer_list_get_error (self->list);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Customers could not be read: %s"), error->message);
  else if (till_customer_list_get_search (self->list) == NULL)
    text = g_strdup_printf (ngettext ("%u customer", "%u customers", n), n);
  else if (n >= TILL_CUSTOMER_LIST_SEARCH_LIMIT)
    text = g_strdup_printf (_("The first %u matches: type more to narrow them"), n);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static gboolean
save (TillCustomersPage *self)
{
  g_autoptr(TillCustomerRecord) draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first;

  if (self->shown == NULL)
    return FALSE;

  draft = draft_from_form (self);
  if (!till_customer_service_save (self->context, draft, &problems, &error))
    {
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);
          toast (self, message);
          return FALSE;
        }
      first = show_problems (self, problems);
      toast (self, _("Not saved: correct the fields marked in red."));
      if (first != NULL)
        gtk_widget_grab_focus (first);
      return FALSE;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Saved %s"), draft->name);
    toast (self, message);
  }
  till_customer_list_refresh (self->list);
  update_count (self);
  load_customer (self, draft->id);
  return TRUE;
}

typedef struct
{
  TillCustomersPage *self;
  gint64             next_id;
  guint              next_position;
} Pending;

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Pending *pending = user_data;
  TillCustomersPage *self = pending->self;

  if (g_str_equal (response, "save") && save (self))
    {
      if (pending->next_id >= 0)
        load_customer (self, pending->next_id);
    }
  else if (g_str_equal (response, "discard"))
    {
      if (pending->next_id > 0)
        load_customer (self, pending->next_id);
      else
        load_form (self, NULL);
    }
  g_object_unref (self);
  g_free (pending);
}

/* Asks before the form's unsaved changes would be lost. */
static void
ask_unsaved (TillCustomersPage *self,
             gint64             next_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Pending *pending = g_new0 (Pending, 1);
  GtkWidget *dialog;

  pending->self = g_object_ref (self);
  pending->next_id = next_id;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Changes?"),
                                   _("This customer has changes that are not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      TillCustomersPage *self)
{
  g_autoptr(TillCustomerItem) item = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->reverting_selection || selected == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->list), selected);
  if (item == NULL || till_customer_item_get_id (item) == 0)
    return;
  if (self->shown != NULL && self->shown->id == till_customer_item_get_id (item))
    return;

  if (till_customers_page_is_dirty (self))
    {
      ask_unsaved (self, till_customer_item_get_id (item));
      return;
    }
  self->shown_position = selected;
  load_customer (self, till_customer_item_get_id (item));
}

static void
on_list_activate (GtkListView       *view,
                  guint              position,
                  TillCustomersPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
on_search_changed (GtkSearchEntry    *entry,
                   TillCustomersPage *self)
{
  self->reverting_selection = TRUE;
  till_customer_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->reverting_selection = FALSE;
  update_count (self);
}

static void
on_search_activate (GtkSearchEntry    *entry,
                    TillCustomersPage *self)
{
  /* Enter opens the first match, as a cashier expects after typing a name. */
  on_search_changed (entry, self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
}

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (widget);

  if (till_customers_page_is_dirty (self))
    {
      ask_unsaved (self, 0);
      return;
    }
  load_form (self, till_customer_record_new ());
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (TILL_CUSTOMERS_PAGE (widget));
}

static void
action_revert (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (widget);

  if (self->shown == NULL)
    return;
  if (self->shown->id > 0)
    load_customer (self, self->shown->id);
  else
    load_form (self, till_customer_record_new ());
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TILL_CUSTOMERS_PAGE (widget)->search_entry));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TillCustomerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);

  gtk_label_set_text (GTK_LABEL (name), till_customer_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (detail), till_customer_item_get_detail (item));
}

static void
till_customers_page_constructed (GObject *object)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (till_customers_page_parent_class)->constructed (object);

  self->list = till_customer_list_new (till_context_get_store (self->context));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_count (self);
}

static void
till_customers_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
till_customers_page_dispose (GObject *object)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (object);

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TILL_TYPE_CUSTOMERS_PAGE);
  /* The template's top widget is not bound: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (till_customers_page_parent_class)->dispose (object);
}

static void
till_customers_page_finalize (GObject *object)
{
  TillCustomersPage *self = TILL_CUSTOMERS_PAGE (object);

  g_clear_pointer (&self->shown, till_customer_record_free);
  G_OBJECT_CLASS (till_customers_page_parent_class)->finalize (object);
}

static void
till_customers_page_class_init (TillCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = till_customers_page_constructed;
  object_class->dispose = till_customers_page_dispose;
  object_class->finalize = till_customers_page_finalize;
  object_class->set_property = till_customers_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TILL_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "customers.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "customers.revert", NULL, action_revert);
  gtk_widget_class_install_action (widget_class, "customers.search", NULL, action_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "customers.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "customers.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "customers.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tillpos/Till/till-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, form_title);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, form_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, card_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, birthday_entry);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, address_view);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, name_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, card_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, birthday_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, address_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, notes_error);
  gtk_widget_class_bind_template_child (widget_class, TillCustomersPage, service_summary);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
till_customers_page_init (TillCustomersPage *self)
{
  GtkWidget *parent;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->loyalty_card = till_loyalty_card_new ();
  parent = gtk_widget_get_parent (GTK_WIDGET (self->service_summary));
  if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), self->loyalty_card, GTK_WIDGET (self->service_summary));
  else
    g_object_ref_sink (self->loyalty_card);
}

TillCustomerList *
till_customers_page_get_list (TillCustomersPage *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMERS_PAGE (self), NULL);
  return self->list;
}

gint64
till_customers_page_get_shown_id (TillCustomersPage *self)
{
  g_return_val_if_fail (TILL_IS_CUSTOMERS_PAGE (self), -1);
  return self->shown != NULL ? self->shown->id : -1;
}
