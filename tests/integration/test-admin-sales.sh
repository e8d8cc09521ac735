#!/bin/bash
# test-admin-sales.sh: till-admin quote, sale, refund and loyalty tier, as scripts use them.
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

# json FILE EXPRESSION: a value out of a JSON file, by a Python expression over `d`
json () {
  /usr/bin/python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"
}

"$admin" --database "$db" init >/dev/null
sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('security.pin_cost', 'min')"
expect 0 "demo with a week of sales" "$admin" --database "$db" demo --days 7
grep -q 'paid orders' "$work/out"; ok $? "demo says how many orders it made"
expect 0 "check passes on the demo with its sales" "$admin" --database "$db" check

card=$(sqlite3 "$db" "SELECT card FROM customers WHERE card IS NOT NULL ORDER BY id LIMIT 1")
label=$(sqlite3 "$db" "SELECT code FROM barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = 'DEL-001'")
# A scale label for that template: 350 g, value digits set and the check digit recomputed.
scale=$(/usr/bin/python3 -c "
t = '$label'[:7] + '00350'
s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(t))
print(t + str((10 - s % 10) % 10))")

cat > "$work/basket.json" <<JSON
{"customer": "card:$card",
 "lines": [{"code": "VIE-001", "qty": "2", "note": "warm it up"},
           {"code": "$scale"},
           {"code": "HOT-002", "qty": "1", "discount": "10%"},
           {"code": "4012345000016", "qty": "1", "discount": "0.20"}],
 "order_discount": "5%"}
JSON
expect 0 "quote prices a basket" "$admin" --database "$db" quote "$work/basket.json"
cp "$work/out" "$work/quote.out"
[ "$(json "$work/quote.out" "d['lines'][1]['qty']")" = 350 ]; ok $? "a scale label gives its weight in grams"
[ "$(json "$work/quote.out" "sum(l['paid'] for l in d['lines']) == d['total']")" = True ]; ok $? "the total is the sum of what the lines paid"
[ "$(json "$work/quote.out" "sum(t['gross'] for t in d['taxes']) == d['total']")" = True ]; ok $? "the tax rows add up to the total"
orders_before=$(sqlite3 "$db" "SELECT count(*) FROM orders")
[ "$(sqlite3 "$db" "SELECT count(*) FROM orders")" = "$orders_before" ]; ok $? "quote stores nothing"
expect 0 "quote reads standard input" sh -c "'$admin' --database '$db' quote - < '$work/basket.json'"

/usr/bin/python3 - "$work/basket.json" "$work/sale.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["tenders"] = [{"kind": "card", "amount": "5.00"}, {"kind": "cash", "amount": "50.00"}]
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "sale completes the same basket" "$admin" --database "$db" sale "$work/sale.json"
cp "$work/out" "$work/sale.out"
[ "$(json "$work/sale.out" "d['lines']")" = "$(json "$work/quote.out" "d['lines']")" ]; ok $? "quote and sale agree on every line figure"
[ "$(json "$work/sale.out" "(d['total'], d['taxes'], d['points'])")" = "$(json "$work/quote.out" "(d['total'], d['taxes'], d['points'])")" ]
ok $? "quote and sale agree on the total, taxes and points"
receipt=$(json "$work/sale.out" "d['receipt']")
[ "$(json "$work/sale.out" "d['payment']['change'] == 500 + 5000 - d['total']")" = True ]; ok $? "sale gives the change"
[ "$(json "$work/sale.out" "d['loyalty']['balance_after'] - d['loyalty']['balance_before'] == d['points']")" = True ]
ok $? "sale reports the points earned and the new balance"
[ "$(sqlite3 "$db" "SELECT total FROM orders WHERE register_id = 1 AND receipt_number = $receipt")" = "$(json "$work/quote.out" "d['total']")" ]
ok $? "the stored order has the quoted total"

echo '{"lines": [{"line": "1", "qty": "1"}], "tender": "cash"}' > "$work/refund.json"
expect 0 "refund one croissant" "$admin" --database "$db" refund "$receipt" --register 1 "$work/refund.json"
[ "$(json "$work/out" "d['lines'][0]['amount'] > 0 and d['payout']['cash'] == d['amount']")" = True ]; ok $? "refund pays back in cash"
echo '{"lines": [{"line": "1", "qty": "5"}]}' > "$work/toomuch.json"
expect 1 "refunding more than is left is refused" "$admin" --database "$db" refund "$receipt" "$work/toomuch.json"
echo '{"lines": [{"line": "9", "qty": "1"}]}' > "$work/noline.json"
expect 1 "refunding a line the order does not have is refused" "$admin" --database "$db" refund "$receipt" "$work/noline.json"
expect 1 "refunding an unknown receipt is refused" "$admin" --database "$db" refund 999999 "$work/refund.json"
expect 0 "check passes after sales and refunds" "$admin" --database "$db" check

# Refusals name the line and the field, and exit 1.
printf '{"lines": [{"code": "VIE-001", "qty": "1"}, {"code": "NOPE", "qty": "1"}]}' > "$work/bad.json"
expect 1 "an unknown code is refused" "$admin" --database "$db" quote "$work/bad.json"
head -n1 "$work/err" | grep -q '^error: line 2, code'; ok $? "the message names line 2 and the code"
printf '{"lines": [{"code": "VIE-001", "qty": "1.5"}]}' > "$work/bad.json"
expect 1 "a fractional croissant is refused" "$admin" --database "$db" quote "$work/bad.json"
grep -qi 'line 1' "$work/err"; ok $? "the message names line 1"
printf '{"lines": [{"code": "VIE-001", "qty": "1", "discount": "120%%"}]}' > "$work/bad.json"
expect 1 "a discount above 100 %% is refused" "$admin" --database "$db" quote "$work/bad.json"
printf '{"lines": [{"code": "VIE-001", "qty": 1}]}' > "$work/bad.json"
expect 1 "a number where a string belongs is refused" "$admin" --database "$db" quote "$work/bad.json"
printf 'not json' > "$work/bad.json"
expect 1 "malformed JSON is refused" "$admin" --database "$db" quote "$work/bad.json"
printf '{"lines": [{"code": "VIE-001", "qty": "1"}], "tenders": [{"kind": "cash", "amount": "0.50"}]}' > "$work/bad.json"
count=$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE status = 'paid'")
expect 1 "a sale its tenders do not cover is refused" "$admin" --database "$db" sale "$work/bad.json"
[ "$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE status = 'paid'")" = "$count" ]; ok $? "nothing was sold"
[ "$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE status = 'open'")" = 0 ]; ok $? "no order is left open"
expect 2 "quote without a file is a usage error" "$admin" --database "$db" quote

# Tiers
expect 0 "tier list" "$admin" --database "$db" loyalty tier list
grep -q '^name	threshold	discount	multiplier$' "$work/out"; ok $? "tier list has a header line"
grep -q '^Silver	150.00	5	1.25$' "$work/out"; ok $? "tier list shows the demo's Silver tier"
expect 0 "tier add" "$admin" --database "$db" loyalty tier add Platinum --threshold 1000.00 --discount 12.5 --multiplier 2
grep -q '^Platinum' <("$admin" --database "$db" loyalty tier list); ok $? "the new tier is listed"
expect 1 "a tier at a threshold another has is refused" "$admin" --database "$db" loyalty tier add Twin --threshold 1000.00 --discount 1 --multiplier 1
expect 1 "a discount above 100 % is refused" "$admin" --database "$db" loyalty tier add Odd --threshold 2000 --discount 101 --multiplier 1
expect 1 "a multiplier above 10 is refused" "$admin" --database "$db" loyalty tier add Odd --threshold 2000 --discount 1 --multiplier 11
expect 0 "an unused tier can be removed" "$admin" --database "$db" loyalty tier remove Platinum
printf '{"customer": "card:%s", "lines": [{"code": "CAK-007", "qty": "4"}], "tenders": [{"kind": "cash", "amount": "100.00"}]}' "$card" > "$work/tarts.json"
expect 0 "a big sale lifts the customer into a tier" "$admin" --database "$db" sale "$work/tarts.json"
held=$(sqlite3 "$db" "SELECT t.name FROM customers c JOIN tiers t ON t.id = c.tier_id WHERE c.card = '$card'")
[ -n "$held" ]; ok $? "the customer holds a tier"
expect 1 "a tier customers hold stays" "$admin" --database "$db" loyalty tier remove "$held"
expect 0 "check still passes" "$admin" --database "$db" check

echo "1..$n"
exit $((failed > 0))
