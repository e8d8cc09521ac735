#!/bin/bash
# test-admin-loyalty.sh: till-admin loyalty reward, adjust and maintain, the reward field of
# quote and sale, refunds giving a reward's cost back, and check on corrupted rows.
# TAP output; needs TILL_ADMIN, sqlite3 and /usr/bin/python3 (for reading JSON).
set -u

admin=${TILL_ADMIN:?TILL_ADMIN is not set}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0
db="$work/till.db"

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
    echo "# expected exit $want, got $got: $*"; sed 's/^/# /' "$work/err"
    ok 1 "$what"
  else
    ok 0 "$what"
  fi
}

json () {
  /usr/bin/python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"
}

A () { "$admin" --database "$db" "$@"; }

A init >/dev/null
sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"
expect 0 "demo" A demo --days 3

# Rewards
expect 0 "reward add amount off" A loyalty reward add "Two off" --cost 50 --amount-off 2.00
expect 0 "reward add percent off with dates" A loyalty reward add "Ten percent" --cost 80 --percent-off 10 --from 2020-01-01 --until 2099-12-31
expect 0 "reward add free product" A loyalty reward add "Free baguette" --cost 100 --free-product BRD-001
expect 1 "a duplicate name is refused" A loyalty reward add "Two off" --cost 5 --amount-off 1.00
grep -q '^error: name' "$work/err"; ok $? "…naming the argument"
expect 1 "a cost of 0 is refused" A loyalty reward add "Nothing" --cost 0 --amount-off 1.00
expect 1 "a weighed free product is refused" A loyalty reward add "Cheese" --cost 10 --free-product "$(sqlite3 "$db" "SELECT sku FROM products WHERE sold_by = 'weight' LIMIT 1")"
expect 1 "a percent above 100 is refused" A loyalty reward add "Too much" --cost 10 --percent-off 150
expect 1 "a bad date is refused" A loyalty reward add "Bad" --cost 10 --amount-off 1.00 --from 2026-02-30
expect 2 "two kinds at once are a usage error" A loyalty reward add "Two" --cost 10 --amount-off 1.00 --percent-off 5
expect 0 "reward list" A loyalty reward list
[ "$(head -1 "$work/out")" = "$(printf 'name\tcost\tkind\tvalue\tfrom\tuntil\tstatus')" ]; ok $? "list has its header"
grep -q "$(printf 'Free baguette\t100\tfree-product\tBRD-001\t\t\tactive')" "$work/out"; ok $? "the free product by SKU"
grep -q "$(printf 'Ten percent\t80\tpercent-off\t10\t2020-01-01\t2099-12-31\tactive')" "$work/out"; ok $? "a percent with its dates"

# A customer with a known balance
card=$(sqlite3 "$db" "SELECT card FROM customers WHERE card IS NOT NULL ORDER BY id LIMIT 1")
id=$(sqlite3 "$db" "SELECT id FROM customers WHERE card = '$card'")
before=$(sqlite3 "$db" "SELECT balance FROM customers WHERE id = $id")
expect 1 "an adjustment without a reason is refused" A loyalty adjust "$card" 100 --reason " "
expect 1 "an adjustment below zero is refused" A loyalty adjust "$card" "-$((before + 1))" --reason "too much"
expect 0 "adjust +100 with a reason" A loyalty adjust "card:$card" 100 --reason "welcome gift"
[ "$(sqlite3 "$db" "SELECT balance FROM customers WHERE id = $id")" = $((before + 100)) ]; ok $? "the balance moved by 100"

cat > "$work/basket.json" <<JSON
{"customer": "card:$card", "lines": [{"code": "BRD-001", "qty": "2"}, {"code": "BRD-002", "qty": "1"}],
 "reward": "Free baguette"}
JSON
expect 0 "quote takes the reward" A quote "$work/basket.json"
[ "$(json "$work/out" "d['lines'][0]['reward'] > 0")" = True ]; ok $? "the reward takes from the baguettes' line"
/usr/bin/python3 - "$work/basket.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["tenders"] = [{"kind": "cash", "amount": "50.00"}]
json.dump(d, open(sys.argv[1], "w"))
PY
expect 0 "sale with the reward" A sale "$work/basket.json"
receipt=$(json "$work/out" "d['receipt']")
[ "$(json "$work/out" "d['loyalty']['redeemed']")" = 100 ]; ok $? "the sale says what was redeemed"
after_sale=$(json "$work/out" "d['loyalty']['balance_after']")
[ "$(sqlite3 "$db" "SELECT balance FROM customers WHERE id = $id")" = "$after_sale" ]; ok $? "balance_after is the stored balance"
[ "$(sqlite3 "$db" "SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeem' AND points = -100")" = 1 ]; ok $? "one redeem row of -100"

echo '{"customer": "card:'"$card"'", "lines": [{"code": "BRD-001", "qty": "1"}], "reward": "Nope"}' > "$work/bad.json"
expect 1 "an unknown reward is refused" A quote "$work/bad.json"
grep -q '^error: reward' "$work/err"; ok $? "…with the reward field named"
expect 0 "retire" A loyalty reward retire "Ten percent"
echo '{"customer": "card:'"$card"'", "lines": [{"code": "BRD-001", "qty": "1"}], "reward": "Ten percent"}' > "$work/bad.json"
expect 1 "a retired reward is refused" A quote "$work/bad.json"
grep -q 'retired' "$work/err"; ok $? "…saying it is retired"
echo '{"lines": [{"code": "BRD-002", "qty": "1"}], "reward": "Two off"}' > "$work/bad.json"
expect 1 "a reward without a customer is refused" A quote "$work/bad.json"

# A whole-order refund gives the cost back
echo '{"lines": [{"line": "1", "qty": "2"}, {"line": "2", "qty": "1"}]}' > "$work/refund.json"
expect 0 "refund the whole order" A refund "$receipt" "$work/refund.json"
[ "$(sqlite3 "$db" "SELECT count(*) FROM loyalty_ledger WHERE kind = 'restore' AND points = 100")" = 1 ]; ok $? "the cost comes back as one restore row"
[ "$(sqlite3 "$db" "SELECT balance FROM customers WHERE id = $id")" = $((before + 100)) ]; ok $? "the balance is back to before the sale"
expect 0 "check passes" A check

# Maintenance, twice
A settings set loyalty.expiry_months 1 >/dev/null
expect 0 "maintain" A loyalty maintain
grep -q '^expired_rows' "$work/out"; ok $? "maintain reports what it did"
rows=$(sqlite3 "$db" "SELECT count(*) FROM loyalty_ledger")
tiers=$(sqlite3 "$db" "SELECT count(*) FROM tier_events")
expect 0 "maintain again" A loyalty maintain
grep -q "$(printf '^expired_rows\t0$')" "$work/out"; ok $? "the second run expires nothing"
[ "$(sqlite3 "$db" "SELECT count(*) FROM loyalty_ledger")" = "$rows" ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM tier_events")" = "$tiers" ]
ok $? "the second run writes nothing"
expect 0 "check passes after maintenance" A check

# Corruption is caught
sqlite3 "$db" "UPDATE customers SET balance = balance + 1 WHERE id = $id"
expect 1 "check catches a balance off by one" A check
grep -q "customer $id: cached balance" "$work/out" "$work/err"; ok $? "…naming the customer"
sqlite3 "$db" "UPDATE customers SET balance = balance - 1 WHERE id = $id"
echo '{"customer": "card:'"$card"'", "lines": [{"code": "BRD-001", "qty": "1"}], "tenders": [{"kind": "cash", "amount": "5.00"}]}' > "$work/plain.json"
A sale "$work/plain.json" >/dev/null
order=$(sqlite3 "$db" "SELECT max(id) FROM orders WHERE status = 'paid' AND customer_id = $id")
sqlite3 "$db" "INSERT INTO loyalty_ledger (customer_id, kind, points, at, lot_date, order_id) VALUES ($id, 'restore', 7, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', $order); UPDATE customers SET balance = balance + 7 WHERE id = $id"
expect 1 "check catches a restore without a full refund" A check
grep -q "restore row without a fully refunded order" "$work/out" "$work/err"; ok $? "…saying so"

echo "1..$n"
[ "$failed" = 0 ]
