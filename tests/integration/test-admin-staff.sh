#!/bin/bash
# test-admin-staff.sh: till-admin staff and privacy, run as a person would.
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

# expect CODE DESCRIPTION COMMAND...: runs the command with $stdin on standard input
stdin=""
expect () {
  local want=$1 what=$2
  shift 2
  printf '%s' "$stdin" | "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "# expected exit $want, got $got: $*" ; sed 's/^/# /' "$work/err"
    ok 1 "$what"
  else
    ok 0 "$what"
  fi
}

db="$work/shop/till.db"
expect 0 "init" "$admin" --database "$db" init
sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"

expect 2 "staff without a verb is a usage error" "$admin" --database "$db" staff
expect 2 "staff add without a role is a usage error" "$admin" --database "$db" staff add Ada
expect 2 "a PIN is never an argument" "$admin" --database "$db" staff set-pin Ada 1234
stdin=$'1234\n'
expect 0 "staff add reads the PIN from standard input" "$admin" --database "$db" staff add "Ada Sommer" --role admin
[ "$(sqlite3 "$db" "SELECT role FROM staff WHERE name = 'Ada Sommer'")" = admin ]; ok $? "the admin is stored"
! sqlite3 "$db" "SELECT pin_hash FROM staff" | grep -q '^1234$'; ok $? "the PIN is stored hashed"
stdin=$'12\n'
expect 1 "a PIN of two digits is refused" "$admin" --database "$db" staff add "Noah" --role cashier
grep -q '^error: ' "$work/err"; ok $? "the refusal starts with error:"
stdin=""
expect 1 "no PIN on standard input is refused" "$admin" --database "$db" staff add "Noah" --role cashier
stdin=$'5678\n'
expect 1 "an unknown role is refused" "$admin" --database "$db" staff add "Noah" --role owner
expect 0 "a cashier is added" "$admin" --database "$db" staff add "Lena Vogel" --role=cashier
expect 1 "a name is taken once" "$admin" --database "$db" staff add "Lena Vogel" --role cashier

expect 0 "staff list" "$admin" --database "$db" staff list
head -1 "$work/out" | grep -q $'^name\trole\tactive'; ok $? "the list has a header line"
grep -q $'^Lena Vogel\tcashier\ttrue\t0\t$' "$work/out"; ok $? "the list shows the cashier, active"

expect 1 "the last admin cannot be disabled" "$admin" --database "$db" staff disable "Ada Sommer"
expect 1 "the last admin cannot be demoted" "$admin" --database "$db" staff set-role "Ada Sommer" cashier
expect 1 "an unknown member is refused" "$admin" --database "$db" staff disable "Nobody"
expect 0 "a cashier becomes a manager" "$admin" --database "$db" staff set-role "Lena Vogel" manager
[ "$(sqlite3 "$db" "SELECT role FROM staff WHERE name = 'Lena Vogel'")" = manager ]; ok $? "the role is stored"
old_hash=$(sqlite3 "$db" "SELECT pin_hash FROM staff WHERE name = 'Lena Vogel'")
stdin=$'8765\n'
expect 0 "set-pin reads the new PIN" "$admin" --database "$db" staff set-pin "Lena Vogel"
[ "$(sqlite3 "$db" "SELECT pin_hash FROM staff WHERE name = 'Lena Vogel'")" != "$old_hash" ]; ok $? "the PIN changed"
expect 0 "a member is disabled" "$admin" --database "$db" staff disable "Lena Vogel"
[ "$(sqlite3 "$db" "SELECT active FROM staff WHERE name = 'Lena Vogel'")" = 0 ]; ok $? "disabled is stored"

[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action LIKE 'staff.%' AND actor = 'till-admin'")" = 5 ]
ok $? "every change is audited as till-admin"
! sqlite3 "$db" "SELECT fields FROM audit_log" | grep -q '8765\|1234'; ok $? "no PIN is in the audit log"
expect 0 "check passes" "$admin" --database "$db" check

# privacy export and erase, on the demo shop with a few days of sales
db="$work/demo/till.db"
stdin=""
expect 0 "init the demo" "$admin" --database "$db" init
sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"
expect 0 "demo with sales" "$admin" --database "$db" demo --days 10
id=$(sqlite3 "$db" "SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND status = 'paid' GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1")
card=$(sqlite3 "$db" "SELECT card FROM customers WHERE id = $id")
name=$(sqlite3 "$db" "SELECT name FROM customers WHERE id = $id")
expect 2 "privacy without a verb is a usage error" "$admin" --database "$db" privacy
expect 1 "an unknown customer is refused" "$admin" --database "$db" privacy export card:2900000000000
expect 0 "privacy export by card" "$admin" --database "$db" privacy export "$card"
cp "$work/out" "$work/export.json"
json () { /usr/bin/python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"; }
[ "$(json "$work/export.json" "d['customer']['name']")" = "$name" ]; ok $? "the export names the customer"
[ "$(json "$work/export.json" "sorted(d.keys())")" = "['customer', 'ledger', 'orders', 'requests']" ]; ok $? "the export has customer, orders, ledger and requests"
[ "$(json "$work/export.json" "len(d['orders']) > 0 and all(isinstance(o['total'], int) and o['lines'] and o['payments'] for o in d['orders'])")" = True ]
ok $? "orders carry integer amounts, their lines and payments"
[ "$(json "$work/export.json" "all(o['paid_at'] is None or o['paid_at'].endswith('Z') for o in d['orders'])")" = True ]; ok $? "times are ISO 8601 UTC"
[ "$(json "$work/export.json" "sum(r['points'] for r in d['ledger']) == d['customer']['balance']")" = True ]; ok $? "the ledger adds up to the balance"
expect 0 "privacy export by id" "$admin" --database "$db" privacy export "id:$id"
before=$(sqlite3 "$db" "SELECT substr(paid_at, 1, 10), sum(total) FROM orders WHERE status = 'paid' GROUP BY 1")
expect 0 "privacy erase" "$admin" --database "$db" privacy erase "id:$id"
[ "$(sqlite3 "$db" "SELECT substr(paid_at, 1, 10), sum(total) FROM orders WHERE status = 'paid' GROUP BY 1")" = "$before" ]; ok $? "the days' totals are unchanged"
! grep -aqF "$name" "$db"; ok $? "the name is gone from the file"
expect 1 "an erased customer is not found by card" "$admin" --database "$db" privacy export "$card"
expect 1 "a second erasure is refused" "$admin" --database "$db" privacy erase "id:$id"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action IN ('customer.export', 'customer.erase') AND entity_id = '$id' AND actor = 'till-admin'")" = 3 ]
ok $? "exports and the erasure are audited by id"
expect 0 "check passes after the erasure" "$admin" --database "$db" check

echo "1..$n"
exit $((failed > 0))
