#!/usr/bin/python3
"""End to end: a manager signs in, finds a customer by the start of the
surname, changes the phone number and saves; the database has it."""
import os
import sys

import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from tillatspi import Failure, Till, wait_for  # noqa: E402


def main():
    till = Till(os.environ["TILL_BIN"], os.environ["TILL_ADMIN"])
    shots = os.environ.get("TILL_SCREENSHOTS")
    try:
        with till.db() as db:
            customer_id, name, card = db.execute(
                "SELECT id, name, card FROM customers WHERE name LIKE '% Schröder' AND card IS NOT NULL"
                " ORDER BY id LIMIT 1").fetchone()
        surname_start = "schr"

        # Sign in: choose the manager, type the PIN, press Sign in.
        staff = till.by_name("Staff", pyatspi.ROLE_LIST)
        names = [staff[i].name for i in range(staff.childCount)]
        staff.querySelection().selectChild(next(i for i, n in enumerate(names) if "Marc Lefèvre" in n))
        till.set_text(till.by_name("PIN", pyatspi.ROLE_PASSWORD_TEXT), "2468")
        if shots:
            till.screenshot(os.path.join(shots, "sign-in.png"))
        till.click(till.by_description("sign-in-button"))
        wait_for("the signed-in staff member in the header",
                 lambda: "Marc Lefèvre" in till.by_description("signed-in-staff").name)

        # The Customers page.
        till.click(till.by_name("Customers", pyatspi.ROLE_PAGE_TAB))
        search = till.by_description("customer-search")
        till.set_text(search, surname_start)
        count = till.by_description("customer-count")
        wait_for("the search to narrow the list", lambda: "match" in count.name)

        # Select the customer in the list, as a person clicks a row.
        listview = till.by_description("customer-list")
        inner = listview if listview.getRole() == pyatspi.ROLE_LIST else till.find(
            lambda a: a is not None and a.getRole() == pyatspi.ROLE_LIST, listview)

        def labels(acc):
            found = [acc.name] if acc.getRole() == pyatspi.ROLE_LABEL else []
            for j in range(acc.childCount):
                found += labels(acc[j])
            return found

        def row_index():
            # Rows are recycled and not in model order: find the one showing this card.
            for i in range(inner.childCount):
                shown = labels(inner[i])
                if name in shown and card in shown:
                    return i + 1
            return None
        index = wait_for(f"{name} in the list", row_index) - 1
        inner.querySelection().selectChild(index)

        title = till.by_description("customer-form-title")
        wait_for("the customer's form", lambda: title.name == name)
        if shots:
            till.screenshot(os.path.join(shots, "customers.png"))

        phone = till.by_description("customer-phone")
        till.set_text(phone, "0171 555 0199")
        till.click(till.by_description("customer-save"))

        def stored_phone():
            with till.db() as db:
                return db.execute("SELECT phone FROM customers WHERE id = ?", (customer_id,)).fetchone()[0]
        wait_for("the new phone number in the database", lambda: stored_phone() == "+491715550199")
        with till.db() as db:
            audited = db.execute("SELECT count(*) FROM audit_log WHERE action = 'customer.update'"
                                 " AND entity_id = ? AND fields = 'phone'", (str(customer_id),)).fetchone()[0]
        if audited != 1:
            raise Failure(f"expected one audit row for the phone change, found {audited}")
        print("ok 1 - a manager finds a customer by surname and changes the phone")
    finally:
        till.close()


if __name__ == "__main__":
    print("1..1")
    try:
        main()
    except Failure as error:
        print(f"not ok 1 - {error}")
        sys.exit(1)
