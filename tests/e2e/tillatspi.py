"""Helpers for Till's end-to-end tests: the real binary, driven through the
accessibility tree (AT-SPI) as assistive technology would drive it.

Run under `dbus-run-session` with a display (build-aux/test gives both).
"""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time

import pyatspi

TIMEOUT = 10.0


class Failure(Exception):
    pass


def wait_for(what, predicate, timeout=TIMEOUT, interval=0.05):
    """Polls until predicate() returns something true; doAction returning True proves nothing."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # the tree changes under us while the app works
            last_error = error
        time.sleep(interval)
    raise Failure(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


class Till:
    """A running till process on its own copy of a database."""

    def __init__(self, binary, admin, demo=True, days=3):
        self.dir = tempfile.mkdtemp(prefix="till-e2e-")
        self.database = os.path.join(self.dir, "till.db")
        env = dict(os.environ)
        env.setdefault("GDK_DEBUG", "gl-disable")
        self.env = env
        if demo:
            subprocess.run([admin, "--database", self.database, "init"], check=True, env=env,
                           stdout=subprocess.DEVNULL)
            # Cheap PIN hashing for tests, as DESIGN.md's security.pin_cost allows.
            with sqlite3.connect(self.database) as db:
                db.execute("INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')")
            subprocess.run([admin, "--database", self.database, "demo", "--days", str(days)], check=True,
                           env=env, stdout=subprocess.DEVNULL)
        self.process = subprocess.Popen([binary, "--database", self.database], env=env)
        self.name = os.path.basename(binary)
        self.app = wait_for("the app on the accessibility bus", self._find_app)
        self.window = wait_for("the main window", lambda: self.app[0] if self.app.childCount else None)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop[i]
            if app is not None and app.name == self.name:
                return app
        return None

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def db(self):
        return sqlite3.connect(self.database)

    # Finding things -------------------------------------------------------

    def find(self, predicate, root=None, what="a widget"):
        def search():
            return pyatspi.findDescendant(root or self.window, predicate)
        return wait_for(what, search)

    def by_name(self, name, role=None, root=None):
        def match(acc):
            return acc is not None and acc.name == name and (role is None or acc.getRole() == role)
        return self.find(match, root, f"“{name}”")

    def by_description(self, description, root=None):
        return self.find(lambda acc: acc is not None and acc.description == description, root,
                         f"the widget described “{description}”")

    # Acting ---------------------------------------------------------------

    @staticmethod
    def click(acc):
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("click", "activate", "press"):
                action.doAction(i)
                return
        action.doAction(0)

    @staticmethod
    def set_text(acc, text):
        acc.queryEditableText().setTextContents(text)

    @staticmethod
    def text_of(acc):
        if acc.getRole() == pyatspi.ROLE_LABEL:
            return acc.name
        text = acc.queryText()
        return text.getText(0, text.characterCount)

    def screenshot(self, path):
        if path:
            subprocess.run(["import", "-window", "root", path], check=False)
