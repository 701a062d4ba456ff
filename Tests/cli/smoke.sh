#!/usr/bin/env bash
# Runs the real `ketabridge` binary and checks the CLI contracts of DESIGN.md §5: exit codes (0 ok, 1 failure,
# 2 bad input with one line on stderr), the audit chain commands, and serve's refusal of a PostgreSQL schema that
# is behind.  Usage: Tests/cli/smoke.sh BIN [POSTGRES_URL_OF_AN_EMPTY_DATABASE]
set -uo pipefail
BIN=$1
PG_URL=${2:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# expect NAME WANTED_EXIT COMMAND... : runs the command, keeps its stdout/stderr in $TMP/out and $TMP/err.
expect() {
  local name=$1 want=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  local got=$?
  if [[ $got == "$want" ]]; then
    passed=$((passed + 1)); echo "PASS  $name"
  else
    failed=$((failed + 1)); echo "FAIL  $name: exit $got, wanted $want"; sed 's/^/      /' "$TMP/out" "$TMP/err"
  fi
}

# check NAME CONDITION... : a further assertion on the last command's output.
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "PASS  $name"; else failed=$((failed + 1)); echo "FAIL  $name"; sed 's/^/      /' "$TMP/out" "$TMP/err"; fi
}

one_stderr_line() { [[ $(wc -l <"$TMP/err") -eq 1 ]]; }

DB="sqlite:$TMP/cli.sqlite"
expect "help" 0 "$BIN" --help
check "help lists the commands" grep -q "audit" "$TMP/out"
expect "demo creates the clinic" 0 "$BIN" demo --patients 5 --database "$DB"
check "demo prints the logins" grep -q "nurse@demo.test" "$TMP/out"
expect "demo again changes nothing" 0 "$BIN" demo --patients 5 --database "$DB"
check "demo again says so" grep -q "already present" "$TMP/out"
expect "audit verify on an intact chain" 0 "$BIN" audit verify --database "$DB"
expect "audit anchor" 0 "$BIN" audit anchor --database "$DB"
ANCHOR=$(cat "$TMP/out")
check "anchor is SEQ:HASH" grep -Eq '^[0-9]+:[0-9a-f]{64}$' "$TMP/out"
expect "audit verify against the anchor" 0 "$BIN" audit verify --anchor "$ANCHOR" --database "$DB"
expect "audit verify with a malformed anchor" 2 "$BIN" audit verify --anchor nonsense --database "$DB"
check "malformed anchor: one line on stderr" one_stderr_line
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_events SET action='update' WHERE seq=3\"); c.commit()" "$TMP/cli.sqlite"
expect "audit verify after an edit" 1 "$BIN" audit verify --database "$DB"
check "the broken row is named" grep -q "broken at row 3" "$TMP/err"

expect "user create with a short password" 2 bash -c "printf 'short' | '$BIN' user create --role nurse --email n@x.org --name N --clinic New --create-clinic --database 'sqlite:$TMP/u.sqlite'"
check "short password: one line on stderr" one_stderr_line
check "short password: nothing was written" test ! -e "$TMP/u.sqlite"
expect "user create" 0 bash -c "printf 'a long passphrase' | '$BIN' user create --role nurse --email n@x.org --name N --clinic New --create-clinic --database 'sqlite:$TMP/u.sqlite'"
expect "user create with a taken e-mail" 2 bash -c "printf 'a long passphrase' | '$BIN' user create --role nurse --email n@x.org --name N --database 'sqlite:$TMP/u.sqlite'"
expect "user create with an unknown role" 2 bash -c "printf 'a long passphrase' | '$BIN' user create --role wizard --email w@x.org --name W --database 'sqlite:$TMP/u.sqlite'"
expect "a bad database URL" 2 "$BIN" migrate --database nonsense
check "bad URL: one line on stderr" one_stderr_line
expect "demo with zero patients" 2 "$BIN" demo --patients 0 --database "$DB"

if [[ -n "$PG_URL" ]]; then
  expect "serve refuses a PostgreSQL schema that is behind" 1 timeout 60 "$BIN" serve --port 0 --database "$PG_URL"
  check "and says to run migrate" grep -q "ketabridge migrate" "$TMP/err"
  expect "migrate on PostgreSQL" 0 "$BIN" migrate --database "$PG_URL"
  expect "migrate again on PostgreSQL" 0 "$BIN" migrate --database "$PG_URL"
  check "the schema is current" grep -q "schema is current" "$TMP/out"
  expect "demo on PostgreSQL" 0 "$BIN" demo --patients 5 --database "$PG_URL"
  expect "audit verify on PostgreSQL" 0 "$BIN" audit verify --database "$PG_URL"
fi

echo "cli: $passed passed, $failed failed"
((failed == 0))
