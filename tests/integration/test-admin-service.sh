#!/bin/bash
# test-admin-service.sh: till-admin requests and customers merge, run as a person would.
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

db="$work/shop.db"
t () { "$admin" --database "$db" "$@"; }
t init >/dev/null
sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"
t demo --days 2 >/dev/null

card=$(sqlite3 "$db" "SELECT card FROM customers WHERE card IS NOT NULL ORDER BY id LIMIT 1")
injection="'); DROP TABLE customers;--"

expect 0 "a complaint for a customer by card" t requests add complaint "Stale bread" --customer "card:$card" --due 2026-01-01
id=$(cat "$work/out")
[ "$(sqlite3 "$db" "SELECT kind || ' ' || status FROM requests WHERE id = $id")" = "complaint open" ]; ok $? "it is stored open"
expect 0 "a note of any text" t requests note "$id" "$injection"
[ "$(sqlite3 "$db" "SELECT body FROM request_notes WHERE request_id = $id AND kind = 'note'")" = "$injection" ]; ok $? "the note is stored exactly"
[ "$(sqlite3 "$db" "SELECT count(*) FROM customers")" -gt 0 ]; ok $? "the customers are all there"
expect 1 "resolving a complaint without an outcome is refused" t requests move "$id" resolved
grep -q "outcome" "$work/err"; ok $? "and says why"
expect 0 "moving it in progress with a note" t requests move "$id" in_progress --note "Looking into it"
expect 0 "show lists the timeline" t requests show "$id"
grep -q "Looking into it" "$work/out"; ok $? "the note is on the timeline"
expect 0 "list the overdue ones" t requests list --overdue
grep -q "Stale bread" "$work/out"; ok $? "the complaint due on 2026-01-01 is overdue"
expect 2 "an unknown action is a usage error" t requests frobnicate
expect 1 "an unknown kind is refused" t requests add gripe "Whatever"

first=$(sqlite3 "$db" "SELECT id FROM customers WHERE card IS NOT NULL ORDER BY id LIMIT 1")
a=$(sqlite3 "$db" "SELECT id FROM customers WHERE card IS NOT NULL AND id > $first ORDER BY id LIMIT 1")
b=$(sqlite3 "$db" "SELECT id FROM customers WHERE card IS NOT NULL AND id > $a ORDER BY id LIMIT 1")
before=$(sqlite3 "$db" "SELECT (SELECT balance FROM customers WHERE id = $a) + (SELECT balance FROM customers WHERE id = $b)")
expect 0 "merging two customers" t customers merge "id:$a" "id:$b"
[ "$(sqlite3 "$db" "SELECT balance FROM customers WHERE id = $b")" = "$before" ]; ok $? "the points moved"
[ "$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE customer_id = $a")" = 0 ]; ok $? "the orders moved"
expect 1 "merging it again is refused" t customers merge "id:$a" "id:$b"
expect 0 "a special order of a free-text item" t requests special "card:$card" "Wedding cake" --qty 1 --item "Wedding cake, three tiers" --price 120.00 --tax-rate "$(sqlite3 "$db" "SELECT name FROM tax_rates ORDER BY id LIMIT 1")"
so=$(cat "$work/out")
last=$(sqlite3 "$db" "SELECT last_number FROM receipt_series WHERE register_id = 1")
expect 0 "a deposit" t requests deposit "$so" 30.00 cash
[ "$(cat "$work/out")" = $((last + 1)) ]; ok $? "the deposit takes the register's next receipt number"
expect 1 "closing it with the deposit held is refused" t requests move "$so" closed
grep -q "deposit" "$work/err"; ok $? "and says the deposit is why"
expect 0 "it arrived" t requests arrived "$so"
expect 0 "cancelled by till-admin, the deposit refunded" t requests cancel "$so"
[ "$(sqlite3 "$db" "SELECT deposit_state FROM special_orders WHERE request_id = $so")" = refunded ]; ok $? "the deposit is refunded"
expect 0 "now it closes" t requests move "$so" closed
expect 0 "check passes" t check

echo "1..$n"
exit $((failed > 0))
