#!/usr/bin/python3
"""End to end, on the real binary: the cashier Lena Vogel opens one of
yesterday's orders on the Orders page, tries to refund one line, gets the
manager Marc Lefèvre's approval with his PIN in the refund dialog, and the
refund is in the database with the line's points taken back."""
import datetime
import os
import sqlite3
import subprocess
import sys
import tempfile
import zoneinfo

# The app keeps G_DEBUG=fatal-warnings; this process does not: libatspi warns
# ("Error in GetItems … /org/a11y/atspi/cache") when GTK 4.8, which has no
# AT-SPI cache, registers while the desktop is being read, and a fatal
# warning would kill the test, not the app.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

import pyatspi  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from tillatspi import Failure, Till, wait_for  # noqa: E402


class TillWithHistory(Till):
    """Till on the demo shop with `till-admin demo --days 3`: yesterday's sales to look back on."""

    def __init__(self, binary, admin, days=3):
        self.dir = tempfile.mkdtemp(prefix="till-e2e-")
        self.database = os.path.join(self.dir, "till.db")
        env = dict(os.environ)
        env.setdefault("GDK_DEBUG", "gl-disable")
        if APP_G_DEBUG is not None:
            env["G_DEBUG"] = APP_G_DEBUG
        self.env = env
        subprocess.run([admin, "--database", self.database, "init"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        with sqlite3.connect(self.database) as db:
            db.execute("INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')")
        subprocess.run([admin, "--database", self.database, "demo", "--days", str(days)], check=True,
                       env=env, stdout=subprocess.DEVNULL)
        self.process = subprocess.Popen([binary, "--database", self.database], env=env)
        self.name = os.path.basename(binary)
        self.app = wait_for("the app on the accessibility bus", self._find_app)
        self.window = wait_for("the main window", lambda: self.app[0] if self.app.childCount else None)


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def yesterdays_order(till):
    """A paid order of yesterday in the shop's time zone, nothing refunded yet,
    with a line sold by unit that earned points when a customer was there."""
    with till.db() as db:
        zone = zoneinfo.ZoneInfo(db.execute("SELECT value FROM settings WHERE key = 'time_zone'").fetchone()[0])
        today = datetime.datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
        start = today - datetime.timedelta(days=1)
        row = db.execute(
            "SELECT o.id, o.register_id, o.receipt_number, l.position, l.qty, l.points, o.customer_id"
            " FROM orders o JOIN order_lines l ON l.order_id = o.id"
            " WHERE o.status = 'paid' AND o.refunded_amount = 0 AND o.paid_at >= ? AND o.paid_at < ?"
            " AND l.sold_by = 'unit' AND l.qty >= 1000"
            " ORDER BY o.customer_id IS NULL, l.points DESC, o.paid_at DESC LIMIT 1",
            (iso(start), iso(today))).fetchone()
    if row is None:
        raise Failure("the demo has no order of yesterday to refund")
    return row


def sign_in(till, name, pin):
    staff = till.by_name("Staff", pyatspi.ROLE_LIST)
    names = [staff[i].name for i in range(staff.childCount)]
    staff.querySelection().selectChild(next(i for i, n in enumerate(names) if name in n))
    till.set_text(till.by_name("PIN", pyatspi.ROLE_PASSWORD_TEXT), pin)
    till.click(till.by_description("sign-in-button"))
    wait_for("the signed-in staff member", lambda: name in till.by_description("signed-in-staff").name)


def labels(acc):
    found = [acc.name] if acc.getRole() == pyatspi.ROLE_LABEL else []
    for j in range(acc.childCount):
        found += labels(acc[j])
    return found


def main():
    till = TillWithHistory(os.environ["TILL_BIN"], os.environ["TILL_ADMIN"])
    shots = os.environ.get("TILL_SCREENSHOTS")
    try:
        order_id, register_id, number, position, qty, points, customer_id = yesterdays_order(till)
        receipt = f"{register_id}-{number:06d}"
        with till.db() as db:
            marc = db.execute("SELECT id FROM staff WHERE name = 'Marc Lefèvre'").fetchone()[0]
            lena = db.execute("SELECT id FROM staff WHERE name = 'Lena Vogel'").fetchone()[0]
            balance = (db.execute("SELECT balance FROM customers WHERE id = ?", (customer_id,)).fetchone()[0]
                       if customer_id else None)

        sign_in(till, "Lena Vogel", "1111")

        # The Orders page, narrowed to yesterday through the day button's menu.
        till.click(till.by_name("Orders", pyatspi.ROLE_PAGE_TAB))
        day = till.by_description("orders-day")
        till.click(day if day.queryAction().nActions else day[0])
        till.click(till.by_description("orders-yesterday"))
        count = till.by_description("orders-count")
        wait_for("yesterday's orders", lambda: "yesterday" in count.name)

        # Yesterday's order, picked in the list as a person clicks its row.
        listview = till.by_description("orders-list")
        inner = listview if listview.getRole() == pyatspi.ROLE_LIST else till.find(
            lambda a: a is not None and a.getRole() == pyatspi.ROLE_LIST, listview)

        def row_index():
            for i in range(inner.childCount):
                if receipt in labels(inner[i]):
                    return i + 1
            return None
        inner.querySelection().selectChild(wait_for(f"receipt {receipt} in the list", row_index) - 1)
        title = till.by_description("order-title")
        wait_for("the order's detail", lambda: title.name == f"Receipt {receipt}")
        if shots:
            till.screenshot(os.path.join(shots, "orders.png"))

        # The refund dialog: one of the line, back as it was paid.
        till.click(till.by_description("order-refund"))
        dialog = wait_for("the refund dialog", lambda: next(
            (till.app[i] for i in range(till.app.childCount) if till.app[i].name == "Refund"), None))
        field = till.by_description(f"refund-qty-{position}", root=dialog)
        field.queryValue().currentValue = 1.0
        summary = till.by_description("refund-summary", root=dialog)
        wait_for("what the refund pays back", lambda: summary.name.startswith("Refund "))

        # A cashier alone cannot refund: the dialog says a manager approves, and nothing is written.
        confirm = till.by_description("refund-confirm", root=dialog)
        till.click(confirm)
        error = till.by_description("refund-error", root=dialog)
        wait_for("the dialog to ask for a manager", lambda: "manager" in error.name)
        with till.db() as db:
            if db.execute("SELECT count(*) FROM refunds WHERE order_id = ?", (order_id,)).fetchone()[0] != 0:
                raise Failure("a refund was written without a manager's approval")

        # Marc Lefèvre approves in the dialog with his PIN.
        # (GTK 4.8 reports the managers' toggle buttons as push buttons.)
        till.click(till.find(lambda a: a is not None and a.name == "Marc Lefèvre" and a.getRole() in (
            pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON), dialog, "Marc Lefèvre's button"))
        till.set_text(till.by_description("refund-pin", root=dialog), "2468")
        if shots:
            till.screenshot(os.path.join(shots, "refund-dialog.png"))
        till.click(confirm)

        def stored_refund():
            with till.db() as db:
                return db.execute("SELECT id, staff_id, approved_by, points FROM refunds WHERE order_id = ?",
                                  (order_id,)).fetchone()
        refund_id, staff_id, approved_by, reversed_points = wait_for("the refund in the database", stored_refund)
        if (staff_id, approved_by) != (lena, marc):
            raise Failure(f"refund by staff {staff_id} approved by {approved_by}, expected {lena} and {marc}")
        with till.db() as db:
            refunded_qty = db.execute("SELECT refunded_qty FROM order_lines WHERE order_id = ? AND position = ?",
                                      (order_id, position)).fetchone()[0]
            others = db.execute("SELECT coalesce (sum (refunded_qty), 0) FROM order_lines"
                                " WHERE order_id = ? AND position <> ?", (order_id, position)).fetchone()[0]
            ledger = db.execute("SELECT coalesce (sum (points), 0) FROM loyalty_ledger WHERE refund_id = ?",
                                (refund_id,)).fetchone()[0]
            now_balance = (db.execute("SELECT balance FROM customers WHERE id = ?", (customer_id,)).fetchone()[0]
                           if customer_id else None)
        if refunded_qty != 1000 or others != 0:
            raise Failure(f"refunded {refunded_qty} of line {position} and {others} of the others, expected 1000 and 0")
        # round(points × 1 / q) of the line, as RULES.md says (half away from zero)
        expected_points = (points * 1000 * 2 + qty) // (2 * qty)
        if reversed_points != expected_points or ledger != -expected_points:
            raise Failure(f"{reversed_points} points reversed, ledger {ledger}; expected {expected_points}")
        if customer_id and now_balance != balance - expected_points:
            raise Failure(f"balance {now_balance}, expected {balance - expected_points}")

        # The audit log tells who did it: Lena's sign-in, her refund approved by Marc without a
        # failed approval, and no PIN or name anywhere in it.
        with till.db() as db:
            signed_in = db.execute("SELECT count(*) FROM audit_log WHERE action = 'staff.sign-in'"
                                   " AND staff_id = ?", (lena,)).fetchone()[0]
            failed = db.execute("SELECT count(*) FROM audit_log WHERE action = 'approval.failed'").fetchone()[0]
            leaked = db.execute("SELECT count(*) FROM audit_log WHERE fields LIKE '%2468%'"
                                " OR fields LIKE '%Lena%' OR entity_id LIKE '%Marc%'").fetchone()[0]
        if signed_in != 1 or failed != 0 or leaked != 0:
            raise Failure(f"audit: {signed_in} sign-ins by Lena, {failed} failed approvals, {leaked} rows"
                          " with personal values; expected 1, 0 and 0")

        # The detail follows, and the dialog has gone.
        status = till.by_description("order-status")
        wait_for("the order shown as partly refunded", lambda: status.name == "Partly refunded")
        if shots:
            till.screenshot(os.path.join(shots, "refunded.png"))
        print(f"ok 1 - a cashier refunds one line of yesterday's order {receipt} with a manager's PIN "
              f"({expected_points} points taken back)")
    finally:
        till.close()


if __name__ == "__main__":
    print("1..1")
    try:
        main()
    except Failure as error:
        print(f"not ok 1 - {error}")
        sys.exit(1)
