#!/bin/bash
# test-admin-catalog.sh: till-admin settings, import and export, run as a person would.
# TAP output; needs TILL_ADMIN and TILL_SOURCE_ROOT (set by meson) and sqlite3.
set -u

admin=${TILL_ADMIN:?TILL_ADMIN is not set}
demo_dir=${TILL_SOURCE_ROOT:?TILL_SOURCE_ROOT is not set}/data/demo
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

db="$work/shop.db"
t () { "$admin" --database "$db" "$@"; }

"$admin" --database "$db" init >/dev/null

# Settings ---------------------------------------------------------------------

expect 0 "settings list on a new database" t settings list
[ "$(wc -l < "$work/out")" = 22 ]; ok $? "settings list has every key of DESIGN.md's tables"
LC_ALL=C sort -c "$work/out"; ok $? "settings list is sorted by key"
grep -qx 'currency=EUR' "$work/out"; ok $? "an unset key shows its default"
cut -d= -f1 "$work/out" > "$work/keys"

# One valid value for every key, each different from its default
declare -A valid=(
  [card.prefix]=27
  [cash_rounding]=5
  [currency]=CHF
  [discount.approval_amount]=2500
  [discount.approval_percent]=1500
  [loyalty.earn_amount]=200
  [loyalty.earn_points]=2
  [loyalty.expiry_months]=24
  [loyalty.window_days]=180
  [phone.country]=33
  [prices_include_tax]=false
  [print.timeout_seconds]=45
  [receipt.footer]="Merci, à bientôt"
  [receipt.header]="Fresh since 1987"
  [receipt.logo]=images/logo.png
  [scale.rules]="22:weight,24:price"
  [security.pin_cost]=min
  [shop.address]=$'12 rue de Lévis\n75017 Paris'
  [shop.name]="Épicerie Zoë"
  [shop.tax_id]="FR 12 345 678 901"
  [staff.idle_lock_minutes]=0
  [time_zone]=Europe/Paris
)
[ "$(wc -l < "$work/keys")" = "${#valid[@]}" ]; ok $? "the test covers as many keys as there are"

while read -r key; do
  value=${valid[$key]-}
  if [ -z "${valid[$key]+set}" ]; then ok 1 "no test value for $key"; continue; fi
  expect 0 "settings set $key" t settings set "$key" "$value"
  got=$(t settings get "$key")
  [ "$got" = "$value" ]; ok $? "settings get $key gives back what was set"
done < "$work/keys"

t settings list > "$work/list"
grep -qx 'shop.address=12 rue de Lévis\\n75017 Paris' "$work/list"; ok $? "list writes a newline in a value as \\n"
grep -qx 'staff.idle_lock_minutes=0' "$work/list"; ok $? "list shows the values set"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'setting.change'")" = 22 ]
ok $? "every change is audited"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE fields LIKE '%Paris%' OR fields LIKE '%Zoë%'")" = 0 ]
ok $? "audit rows hold key names, never values"

expect 0 "a value is normalised" t settings set cash_rounding " 007 "
grep -qx 'cash_rounding=7' "$work/out"; ok $? "set prints the value as stored"

# Every bound refused, with the key named first
long=$(head -c 501 /dev/zero | tr '\0' x)
refused=(
  "cash_rounding=-1" "cash_rounding=1000001" "cash_rounding=abc" "cash_rounding=1.5"
  "discount.approval_percent=-1" "discount.approval_percent=10001"
  "discount.approval_amount=-1" "discount.approval_amount=1000000001"
  "loyalty.earn_points=-1" "loyalty.earn_points=1001"
  "loyalty.earn_amount=0" "loyalty.earn_amount=1000001"
  "loyalty.window_days=0" "loyalty.window_days=3661"
  "loyalty.expiry_months=-1" "loyalty.expiry_months=121"
  "print.timeout_seconds=0" "print.timeout_seconds=601"
  "staff.idle_lock_minutes=-1" "staff.idle_lock_minutes=1441"
  "shop.name=$long" "shop.address=$long" "shop.tax_id=$long" "receipt.header=$long" "receipt.footer=$long"
  "shop.name=two"$'\n'"lines"
  "currency=XYZ" "currency=euro"
  "time_zone=Mars/Olympus_Mons" "time_zone=../../etc/passwd"
  "prices_include_tax=yes"
  "card.prefix=2" "card.prefix=290" "card.prefix=22"
  "scale.rules=19:weight" "scale.rules=29:weight" "scale.rules=21:volume" "scale.rules=21:weight,21:price"
  "scale.rules=27:weight"
  "phone.country=+49" "phone.country=999"
  "receipt.logo=/etc/logo.png" "receipt.logo=../logo.png" "receipt.logo=logo.jpg"
  "security.pin_cost=max"
)
for pair in "${refused[@]}"; do
  key=${pair%%=*}
  value=${pair#*=}
  before=$(t settings get "$key")
  expect 1 "settings set $key ${value:0:30} is refused" t settings set "$key" "$value"
  head -n1 "$work/err" | grep -q "^error: $key"; ok $? "the refusal of $key names the key"
  [ "$(t settings get "$key")" = "$before" ]; ok $? "$key is unchanged after the refusal"
done

expect 1 "an unknown key is refused" t settings get no.such.key
expect 2 "settings without an action is a usage error" t settings
expect 2 "settings set without a value is a usage error" t settings set shop.name
expect 2 "settings get with two keys is a usage error" t settings get shop.name currency
expect 3 "settings on a missing database cannot open it" "$admin" --database "$work/none.db" settings list

# A paid order: the currency stays.
sqlite3 "$db" "INSERT INTO orders (uuid, status, register_id, receipt_number, opened_at, paid_at, currency,
  prices_include_tax, earn_points, earn_amount) VALUES ('u-1', 'paid', 1, 1, '2026-11-25T08:00:00.000000Z',
  '2026-11-25T08:01:00.000000Z', 'CHF', 1, 1, 100)"
expect 1 "the currency is refused once sales exist" t settings set currency EUR
grep -q 'sales exist' "$work/err"; ok $? "the refusal explains why"
[ "$(t settings get currency)" = CHF ]; ok $? "the currency is unchanged"

# Import and export ------------------------------------------------------------

cat="$work/cat.db"
"$admin" --database "$cat" init >/dev/null
c () { "$admin" --database "$cat" "$@"; }

expect 0 "import categories of the demo" c import categories "$demo_dir/categories.csv"
expect 0 "import products of the demo into an empty catalog" c import products "$demo_dir/products.csv" --report "$work/report.csv"
grep -q 'added' "$work/out"; ok $? "import says what it did"
[ "$(cat "$work/report.csv")" = "row,field,reason" ]; ok $? "a clean import writes an empty report"
[ "$(sqlite3 "$cat" 'SELECT count(*) FROM products')" -ge 60 ]; ok $? "the demo products are in"
[ "$(sqlite3 "$cat" 'SELECT count(*) FROM tax_rates')" = 3 ]; ok $? "the three tax rates were created from the percents"
expect 0 "export products" c export products "$work/products.csv"
cmp -s "$work/products.csv" "$demo_dir/products.csv"; ok $? "the products export is byte-identical to the file imported"
expect 0 "export categories" c export categories "$work/categories.csv"
cmp -s "$work/categories.csv" "$demo_dir/categories.csv"; ok $? "the categories export is byte-identical"
expect 0 "export to standard output" c export categories -
cmp -s "$work/out" "$demo_dir/categories.csv"; ok $? "export - writes the file to standard output"

expect 0 "importing the same file again" c import products "$demo_dir/products.csv"
[ "$(sqlite3 "$cat" 'SELECT count(*) FROM products')" = "$(($(wc -l < "$demo_dir/products.csv") - 1))" ]
ok $? "importing twice never duplicates"
grep -q ' 0 added, 0 updated' "$work/out"; ok $? "the second import changes nothing"

header='sku,name,category,price,tax_rate,sold_by,barcodes,active,discountable'
printf '%s\nNEW-1,Fougasse,Bread,3.20,7,unit,,true,true\nNEW-2,"Pain\nde mie",Bread,2.405,7,unit,4006381333932,true,true\nNEW-1,Again,Bread,1.00,7,unit,,true,true\n' "$header" > "$work/bad.csv"
count=$(sqlite3 "$cat" 'SELECT count(*) FROM products')
expect 1 "an import with bad rows is refused" c import products "$work/bad.csv" --report "$work/bad-report.csv"
head -n1 "$work/err" | grep -q '^error: bad.csv: row 3'; ok $? "the refusal names the first bad row"
[ "$(sqlite3 "$cat" 'SELECT count(*) FROM products')" = "$count" ]; ok $? "nothing was imported, not even the good row"
grep -q '^3,name,' "$work/bad-report.csv"; ok $? "the report names the newline in the name"
grep -q '^3,price,' "$work/bad-report.csv"; ok $? "the report names the price"
grep -q '^3,barcodes,' "$work/bad-report.csv"; ok $? "the report names the bad check digit"
grep -q '^4,sku,' "$work/bad-report.csv"; ok $? "the report names the duplicate SKU"
head -n1 "$work/bad-report.csv" | grep -qx 'row,field,reason'; ok $? "the report has its header"

expect 0 "--skip-invalid imports the good rows" c import products "$work/bad.csv" --skip-invalid --report "$work/skip-report.csv"
[ "$(sqlite3 "$cat" "SELECT name FROM products WHERE sku = 'NEW-1'")" = Fougasse ]; ok $? "the good row is in"
grep -q '^4,sku,' "$work/skip-report.csv"; ok $? "the skipped rows are reported"

printf 'sku,name,price\nX,Y,1\n' > "$work/header.csv"
expect 1 "a wrong header is refused" c import products "$work/header.csv" --report "$work/header-report.csv"
grep -q '^1,category,this column is missing' "$work/header-report.csv"; ok $? "the report names each missing column"

expect 1 "a missing file is refused" c import products "$work/none.csv"
expect 2 "import of an unknown kind is a usage error" c import stock "$demo_dir/products.csv"
expect 2 "import without a file is a usage error" c import products
expect 2 "an unknown option is a usage error" c import products "$demo_dir/products.csv" --force
expect 2 "export without a file is a usage error" c export products

# Customers (issue 10): DESIGN.md's columns, a report naming each bad row
cust_header='card,name,phone,email,address,birthday,contact_channel,marketing_consent,marketing_consent_date,receipt_preference,dietary_notes,allergies'
expect 1 "a missing customers file is refused" c import customers "$work/none.csv"
printf '%s\n,Ada Lovelace,,ada@example.org,,,email,true,2026-01-02,paper,,peanuts\n' "$cust_header" > "$work/customers.csv"
expect 0 "customers import" c import customers "$work/customers.csv"
grep -q '^customers: 1 row read: 1 added' "$work/out"; ok $? "the import tells what it did"
expect 0 "customers export" c export customers "$work/customers-out.csv"
head -1 "$work/customers-out.csv" | grep -qx "$cust_header"; ok $? "the export has DESIGN.md's header"
grep -q '^,Ada Lovelace,,ada@example.org,,,email,true,2026-01-02,paper,,peanuts$' "$work/customers-out.csv"; ok $? "the customer is exported"
expect 0 "customers import of the export" c import customers "$work/customers-out.csv"
grep -q '1 unchanged' "$work/out"; ok $? "importing the export changes nothing"
printf '%s\n,Bad Mail,,not-an-address,,,none,false,,paper,,\n,Good,,,,,none,false,,paper,,\n' "$cust_header" > "$work/bad-customers.csv"
expect 1 "a customers file with a bad row is refused" c import customers "$work/bad-customers.csv" --report "$work/cust-report.csv"
grep -q '^2,email,' "$work/cust-report.csv"; ok $? "the report names the bad row and field"
[ "$(sqlite3 "$cat" "SELECT count(*) FROM customers WHERE name = 'Good'")" = 0 ]; ok $? "nothing was imported"
expect 0 "--skip-invalid keeps the good rows" c import customers "$work/bad-customers.csv" --skip-invalid
[ "$(sqlite3 "$cat" "SELECT count(*) FROM customers WHERE name = 'Good'")" = 1 ]; ok $? "the good row is in"
expect 0 "check passes after the imports" c check

echo "1..$n"
exit $((failed > 0))
