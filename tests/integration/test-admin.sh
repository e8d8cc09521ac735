#!/bin/bash
# test-admin.sh: till-admin's commands and exit codes, run as a person would.
# TAP output; needs TILL_ADMIN (set by meson) and sqlite3.
set -u

admin=${TILL_ADMIN:?TILL_ADMIN is not set}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# expect CODE DESCRIPTION COMMAND...: runs the command, checks its exit code
expect () {
  local want=$1 what=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "# expected exit $want, got $got: $*" ; sed 's/^/# /' "$work/err"
    ok 1 "$what"
  else
    ok 0 "$what"
  fi
}

db="$work/shop/till.db"

expect 0 "--version prints the version" "$admin" --version
grep -q '^till-admin [0-9]' "$work/out"; ok $? "--version names the program"
expect 0 "--help" "$admin" --help
grep -q 'check' "$work/out"; ok $? "--help lists the commands"
expect 2 "no command is a usage error" "$admin"
expect 2 "an unknown command is a usage error" "$admin" --database "$db" frobnicate
expect 2 "init takes no arguments" "$admin" --database "$db" init extra
expect 3 "check on a missing database cannot open it" "$admin" --database "$db" check
[ ! -e "$db" ]; ok $? "check does not create a database"

expect 0 "init creates the database" "$admin" init --database "$db"
[ "$(stat -c %a "$db")" = 600 ]; ok $? "the database file is 0600"
[ "$(stat -c %a "$(dirname "$db")")" = 700 ]; ok $? "its folder is 0700"
expect 0 "init again is fine" "$admin" --database "$db" init

sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"
expect 0 "demo fills the database" "$admin" --database "$db" demo
grep -q 'Ingrid Hoffmann' "$work/out"; ok $? "demo lists the staff and their PINs"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM products')" -ge 60 ]; ok $? "demo has at least 60 products"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM customers')" -ge 200 ]; ok $? "demo has at least 200 customers"
[ "$(sqlite3 "$db" "SELECT count(*) FROM products WHERE sold_by = 'weight'")" -ge 5 ]; ok $? "demo has weighed deli items"
[ "$(sqlite3 "$db" "SELECT count(*) FROM barcodes b JOIN products p ON p.id = b.product_id WHERE p.sold_by = 'weight' AND b.code LIKE '21_____00000_'")" -ge 5 ]
ok $? "weighed items carry scale-label templates"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM tax_rates')" = 3 ]; ok $? "demo has three tax rates"
expect 1 "demo refuses a filled database" "$admin" --database "$db" demo
grep -q '^error: ' "$work/err"; ok $? "a refusal starts with error:"

expect 0 "check passes on the demo database" "$admin" --database "$db" check

# Edit one audit row behind Till's back: check must fail and name the row.
cp "$db" "$work/edited.db"
sqlite3 "$work/edited.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET entity_id = '999' WHERE id = 17;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE (ABORT, 'x'); END;"
expect 1 "check fails on an edited audit row" "$admin" --database "$work/edited.db" check
grep -q 'audit row 17' "$work/err"; ok $? "check names the edited row"

cp "$db" "$work/deleted.db"
sqlite3 "$work/deleted.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 30;"
expect 1 "check fails when the append-only guard is gone" "$admin" --database "$work/deleted.db" check
grep -q 'triggers were removed' "$work/err"; ok $? "check says the guard was removed"
sqlite3 "$work/deleted.db" "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE (ABORT, 'x'); END;"
expect 1 "check fails when an audit row was deleted" "$admin" --database "$work/deleted.db" check
grep -q 'row 30' "$work/err"; ok $? "check names the deleted row"

# Files that are not Till databases are refused with exit 3 and left as they were.
printf 'sku,name\nBRD-001,Baguette\n' > "$work/text.db"
cp "$work/text.db" "$work/text.orig"
expect 3 "a text file is refused" "$admin" --database "$work/text.db" check
cmp -s "$work/text.db" "$work/text.orig"; ok $? "the text file is unchanged"
grep -q 'not a Till database' "$work/err"; ok $? "the message says it is not a Till database"

sqlite3 "$work/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
cp "$work/other.db" "$work/other.orig"
expect 3 "another program's SQLite file is refused" "$admin" --database "$work/other.db" init
cmp -s "$work/other.db" "$work/other.orig"; ok $? "the other program's file is unchanged"

sqlite3 "$work/newer.db" "PRAGMA application_id = 1414089804; PRAGMA user_version = 999; CREATE TABLE t (x);"
cp "$work/newer.db" "$work/newer.orig"
expect 3 "a database from a newer Till is refused" "$admin" --database "$work/newer.db" check
cmp -s "$work/newer.db" "$work/newer.orig"; ok $? "the newer database is unchanged"
grep -q 'newer version of Till' "$work/err"; ok $? "the message says a newer Till made it"

printf 'x' > "$work/blocker"
expect 3 "a folder that cannot be made is refused" "$admin" --database "$work/blocker/till.db" init

echo "1..$n"
exit $((failed > 0))
