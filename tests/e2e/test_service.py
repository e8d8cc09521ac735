#!/usr/bin/python3
"""End to end, on the real binary: a cashier records a complaint from the Sell page for the
attached customer, the desktop notification is raised (python3-dbusmock's notification daemon
logs it), the complaint gets its outcome and is moved to resolved with a note, and the customer's
detail on the Customers page lists it."""
import os
import subprocess
import sys
import tempfile
import time

import dbus
import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from tillatspi import Failure, Till, wait_for  # noqa: E402

KEY_RETURN = 0xFF0D
TITLE = "Croissants were stale – two replaced"
NOTE = "Gave two fresh ones; the baker checks Tuesday's batch"


def start_notification_daemon(log):
    bus = dbus.SessionBus()
    if bus.name_has_owner("org.freedesktop.Notifications"):
        raise Failure("a notification server already runs on this session bus")
    server = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--session", "--template",
                               "notification_daemon", "-l", log],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for("python3-dbusmock's notification daemon",
             lambda: bus.name_has_owner("org.freedesktop.Notifications"))
    return server


def sign_in(till, name, pin):
    staff = till.by_name("Staff", pyatspi.ROLE_LIST)
    names = [staff[i].name for i in range(staff.childCount)]
    staff.querySelection().selectChild(next(i for i, n in enumerate(names) if name in n))
    till.set_text(till.by_name("PIN", pyatspi.ROLE_PASSWORD_TEXT), pin)
    till.click(till.by_description("sign-in-button"))
    wait_for("the signed-in staff member", lambda: name in till.by_description("signed-in-staff").name)


def main():
    log_dir = tempfile.mkdtemp(prefix="till-e2e-notify-")
    log = os.path.join(log_dir, "notify.log")
    server = start_notification_daemon(log)
    till = Till(os.environ["TILL_BIN"], os.environ["TILL_ADMIN"])
    shots = os.environ.get("TILL_SCREENSHOTS")
    try:
        with till.db() as db:
            customer_id, name, card = db.execute(
                "SELECT id, name, card FROM customers WHERE card IS NOT NULL AND name LIKE '% %'"
                " ORDER BY id LIMIT 1").fetchone()

        sign_in(till, "Lena Vogel", "1111")

        # The Sell page: the customer's card is scanned, then Request.
        sell = till.by_description("sell-page")
        entry = till.by_description("scan-entry", root=sell)
        ext = entry.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        pyatspi.Registry.generateMouseEvent(ext.x + 30, ext.y + ext.height // 2, "b1c")
        time.sleep(0.3)
        # The card as a scanner types it: the text, then Enter.
        till.set_text(entry, card)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
        attached = till.by_description("customer-attached", root=sell)
        wait_for("the customer on the order", lambda: attached.name not in ("", "No customer"))
        till.click(till.by_description("record-request", root=sell))

        # The Service page's form, for that customer: a complaint.
        page = till.by_description("page-service")
        till.click(till.by_description("request-kind-complaint", root=page))
        till.set_text(till.by_description("request-title", root=page), TITLE)
        till.click(till.by_description("request-record", root=page))

        def stored():
            with till.db() as db:
                return db.execute("SELECT id, status, complaint_outcome FROM requests WHERE kind = 'complaint'"
                                  " AND customer_id = ? AND title = ?", (customer_id, TITLE)).fetchone()
        request_id = wait_for("the complaint in the database", stored)[0]

        def notified():
            with open(log, encoding="utf-8", errors="replace") as f:
                text = f.read()
            return "New complaint" in text and TITLE in text
        wait_for("the request alert in the notification daemon's log", notified)
        print("ok 1 - a complaint recorded from the Sell page raises the request alert")

        # Its outcome, then resolved with a note.
        till.click(till.by_description("request-set-outcome", root=page))
        wait_for("the outcome", lambda: stored()[2] == "refund")
        till.set_text(till.by_description("request-note", root=page), NOTE)
        till.click(till.by_description("request-move-resolved", root=page))
        wait_for("the complaint resolved", lambda: stored()[1] == "resolved")
        with till.db() as db:
            notes = [row[0] for row in db.execute("SELECT body FROM request_notes WHERE request_id = ?"
                                                  " ORDER BY id", (request_id,))]
        if NOTE not in notes:
            raise Failure(f"the note is not on the timeline: {notes}")
        if shots:
            till.screenshot(os.path.join(shots, "service-e2e.png"))
        print("ok 2 - the complaint is resolved with a note on its timeline")

        # The customer's detail lists it.
        till.click(till.by_name("Customers", pyatspi.ROLE_PAGE_TAB))
        till.set_text(till.by_description("customer-search"), card)
        listview = till.by_description("customer-list")
        inner = listview if listview.getRole() == pyatspi.ROLE_LIST else till.find(
            lambda a: a is not None and a.getRole() == pyatspi.ROLE_LIST, listview)

        def labels(acc):
            found = [acc.name] if acc.getRole() == pyatspi.ROLE_LABEL else []
            for j in range(acc.childCount):
                found += labels(acc[j])
            return found

        def row_index():
            for i in range(inner.childCount):
                if card in labels(inner[i]):
                    return i + 1
            return None
        inner.querySelection().selectChild(wait_for(f"{name} in the list", row_index) - 1)
        summary = till.by_description("customer-service-summary")
        wait_for("the complaint in the customer's detail",
                 lambda: TITLE in summary.name and "resolved" in summary.name)
        print("ok 3 - the customer's detail lists the resolved complaint")
    finally:
        till.close()
        server.terminate()
        server.wait(timeout=5)


if __name__ == "__main__":
    print("1..3")
    try:
        main()
    except Failure as error:
        print(f"not ok - {error}")
        sys.exit(1)
