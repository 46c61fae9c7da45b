#!/usr/bin/env bash
# Checks the PostgreSQL migrations (migrations/postgresql/) against the SQLite ones
# (migrations/sqlite/) and src/db/schema.rs, on a throwaway cluster (tests/postgres/cluster.sh):
#
#   1. the same folders, each with up.sql and down.sql, no BEGIN/COMMIT, the SQLite comments first;
#   2. every up.sql applies in order (on PostgreSQL as diesel runs it: the whole file at once, in one
#      transaction) on the cluster and on a temporary SQLite file, with data written between the
#      migrations, so that the back-fills are compared;
#   3. the schemas are the same: per table the columns in order with their NOT NULL, the primary
#      keys, UNIQUE constraints, foreign keys, the number of CHECKs, the indexes (columns, unique,
#      partial) and the triggers (table, timing, event; each PostgreSQL trigger calls the function
#      of its name); and every column of src/db/schema.rs has its PostgreSQL type and nullability;
#   4. every trigger refuses, on both, what it refuses, with the same message, and lets through
#      what it lets through; the decision log's search finds "år" and not "ar" on both;
#   5. every down.sql applies in reverse order, on both; the schemas still match after each, and
#      at the end no table, index, sequence or function is left.
#
#   tests/postgres/check-migrations.sh      # from anywhere; needs psql and sqlite3
#
# Any difference is printed and the script exits with 1.
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=tests/postgres/cluster.sh
source tests/postgres/cluster.sh

WORK=$(mktemp -d /tmp/styr-migrations.XXXXXX)
FAILURES=0
finish() {
    pg_cluster_stop
    rm -rf "$WORK"
}
trap finish EXIT

pg_cluster_start
psql "$STYR_PG_URL" -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE styr_migrations'
PG_URL="${STYR_PG_URL%/*}/styr_migrations"
SQLITE_DB="$WORK/styr.sqlite3"

fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

pg() { psql "$PG_URL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
lite() { sqlite3 -bail -batch "$SQLITE_DB" "$@"; }

mapfile -t MIGRATIONS < <(ls migrations/sqlite)

# --- 1. The files ---------------------------------------------------------------------------

echo "== the files" >&2
if ! diff <(ls migrations/sqlite) <(ls migrations/postgresql) >"$WORK/names.diff"; then
    fail "the migration folders differ (< sqlite, > postgresql):"; cat "$WORK/names.diff" >&2
fi
for name in "${MIGRATIONS[@]}"; do
    for file in up.sql down.sql; do
        pg_path="migrations/postgresql/$name/$file"
        [ -f "$pg_path" ] || { fail "$pg_path is missing"; continue; }
        if grep -qiE '^[[:space:]]*(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)[[:space:]]*;' "$pg_path"; then
            fail "$pg_path manages its own transaction (diesel runs each migration in one)"
        fi
        # The SQLite twin's leading comments come first, unchanged.
        leading=$(awk '/^--/ { print; next } { exit }' "migrations/sqlite/$name/$file")
        if [ -n "$leading" ] && [ "$(head -n "$(wc -l <<<"$leading")" "$pg_path")" != "$leading" ]; then
            fail "$pg_path does not start with the comments of its SQLite twin"
        fi
    done
done
[ "$FAILURES" -eq 0 ] || exit 1

# --- 2. The ups, with data written between them ---------------------------------------------

# As diesel runs a migration: the whole file sent at once, in one transaction.
pg_file() {
    pg -c "BEGIN; $(cat "$1"); COMMIT;"
}

up() {
    local name=$1
    pg_file "migrations/postgresql/$name/up.sql" >/dev/null \
        || { echo "FAIL: migrations/postgresql/$name/up.sql does not apply" >&2; exit 1; }
    { echo "PRAGMA foreign_keys = ON; BEGIN;"; cat "migrations/sqlite/$name/up.sql"; echo "COMMIT;"; } \
        | lite >/dev/null \
        || { echo "FAIL: migrations/sqlite/$name/up.sql does not apply" >&2; exit 1; }
}

up_to() {
    local last=$1 name
    for name in "${MIGRATIONS[@]}"; do
        if [ -z "${APPLIED[$name]:-}" ]; then
            up "$name"
            APPLIED[$name]=1
        fi
        [ "$name" = "$last" ] && return 0
    done
}
declare -A APPLIED

# SQL read from stdin runs on both databases; every statement must succeed.
allowed() {
    local sql
    sql=$(cat)
    pg <<<"$sql" >/dev/null 2>"$WORK/err" \
        || fail "PostgreSQL refused what must pass: $sql"$'\n'"$(cat "$WORK/err")"
    lite <<<"PRAGMA foreign_keys = ON; $sql" >/dev/null 2>"$WORK/err" \
        || fail "SQLite refused what must pass: $sql"$'\n'"$(cat "$WORK/err")"
}

# One statement read from stdin; both databases refuse it with the message given.
refused() {
    local message=$1 sql
    sql=$(cat)
    if pg <<<"$sql" >/dev/null 2>"$WORK/err"; then
        fail "PostgreSQL allowed what must be refused ($message): $sql"
    elif ! grep -qxF "ERROR:  $message" "$WORK/err"; then
        fail "PostgreSQL refused, but not with '$message': $sql"$'\n'"$(cat "$WORK/err")"
    fi
    if lite <<<"PRAGMA foreign_keys = ON; $sql" >/dev/null 2>"$WORK/err"; then
        fail "SQLite allowed what must be refused ($message): $sql"
    elif ! grep -qF ": $message (19)" "$WORK/err"; then
        fail "SQLite refused, but not with '$message': $sql"$'\n'"$(cat "$WORK/err")"
    fi
}

# One statement read from stdin that a constraint refuses on both (their messages differ).
refused_by_constraint() {
    local sql
    sql=$(cat)
    pg <<<"$sql" >/dev/null 2>&1 && fail "PostgreSQL allowed what a constraint must refuse: $sql"
    lite <<<"PRAGMA foreign_keys = ON; $sql" >/dev/null 2>&1 \
        && fail "SQLite allowed what a constraint must refuse: $sql"
    return 0
}

# A query read from stdin prints the lines given on both databases.
expect() {
    local want=$1 sql got
    sql=$(cat)
    got=$(pg <<<"$sql" 2>&1) || true
    [ "$got" = "$want" ] || fail "PostgreSQL: $sql"$'\n'"  wanted: ${want//$'\n'/ / }"$'\n'"  got:    ${got//$'\n'/ / }"
    got=$(lite <<<"$sql" 2>&1) || true
    [ "$got" = "$want" ] || fail "SQLite: $sql"$'\n'"  wanted: ${want//$'\n'/ / }"$'\n'"  got:    ${got//$'\n'/ / }"
}

# Each database answers its own query (read from stdin: PostgreSQL's, a line "--", SQLite's) with
# the lines given.
expect_each() {
    local want=$1 both pg_sql lite_sql got
    both=$(cat)
    pg_sql=${both%%$'\n'--$'\n'*}
    lite_sql=${both#*$'\n'--$'\n'}
    got=$(pg <<<"$pg_sql" 2>&1) || true
    [ "$got" = "$want" ] || fail "PostgreSQL: $pg_sql"$'\n'"  wanted: ${want//$'\n'/ / }"$'\n'"  got:    ${got//$'\n'/ / }"
    got=$(lite <<<"$lite_sql" 2>&1) || true
    [ "$got" = "$want" ] || fail "SQLite: $lite_sql"$'\n'"  wanted: ${want//$'\n'/ / }"$'\n'"  got:    ${got//$'\n'/ / }"
}

T="'2026-11-01 08:00:00'"

echo "== the ups, with the back-fills of the data written before them" >&2
up_to 2026-12-01-000001_login_sessions
allowed <<SQL
INSERT INTO boards (id, name, created_at) VALUES (1, 'Socialnämnden', $T);
INSERT INTO units (id, board_id, name, created_at) VALUES (1, 1, 'Digitalisering', $T);
INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES
    (1, 'admin', 'Admin', 'administrator', 'x', $T, $T),
    (2, 'lead', 'Lead', 'project_lead', 'x', $T, $T),
    (3, 'chair', 'Chair', 'management_group', 'x', $T, $T),
    (4, 'adjuster', 'Adjuster', 'management_group', 'x', $T, $T);
INSERT INTO projects (id, code, name, unit_id, phase, project_lead_id, created_at, updated_at)
VALUES (1, 'DIG-1', 'Projekt', 1, 'planning', 2, $T, $T);
INSERT INTO decisions (id, body, numbering_key, year, number, decided_on, kind, text, project_id,
                       recorded_by, created_at)
VALUES (1, 'development_manager', 'development_manager', 2026, 1, '2026-11-01', 'phase',
        'Beslut om Året och budgeten för år 2027', 1, 3, $T);
INSERT INTO directives (id, project_id, kind, version, status, created_by, created_at, updated_at)
VALUES (1, 1, 'project', 1, 'approved', 2, $T, $T),
       (2, 1, 'project', 2, 'submitted', 2, $T, $T),
       (3, 1, 'pre_study', 1, 'draft', 2, $T, $T);
INSERT INTO plans (id, project_id, version, directive_id, status, created_by, created_at, updated_at)
VALUES (1, 1, 1, 1, 'approved', 2, $T, $T),
       (2, 1, 2, 1, 'submitted', 2, $T, $T),
       (3, 1, 3, 1, 'draft', 2, $T, $T);
INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, project_id) VALUES
    (1, '2026-11-10 09:00:00', 1, 'update', 'directive', 2, 1),
    (2, '2026-11-20 14:30:00', 2, 'update', 'directive', 2, 1),
    (3, '2026-11-21 10:00:00', 1, 'create', 'directive', 2, 1),
    (4, '2026-11-22 16:45:00', 4, 'update', 'plan', 2, 1),
    (5, '2026-11-23 11:00:00', 3, 'update', 'plan', 1, 1),
    (6, '2026-11-24 11:00:00', 3, 'update', 'directive', 1, 1);
SQL
expect '1000000' <<<"SELECT value FROM settings WHERE key = 'management_group_threshold_sek';"

up_to 2026-12-01-000002_authors_and_submissions
# A submitted version learns its submitter and day from its newest update; the others stay empty.
expect $'1|||\n2|2|2|2026-11-20\n3|||' <<<"SELECT id, edited_by, submitted_by, submitted_on FROM directives ORDER BY id;"
expect $'1|||\n2|2|4|2026-11-22\n3|||' <<<"SELECT id, edited_by, submitted_by, submitted_on FROM plans ORDER BY id;"

up_to 2026-12-01-000003_status_reports
# Adding a column with its default is no update of an approved plan.
expect $'1|30|10\n3|30|10' <<<"SELECT id, time_tolerance_days, cost_tolerance_percent FROM plans WHERE id IN (1, 3) ORDER BY id;"

up_to 2026-12-02-000001_meetings_decision_log
# A decision recorded before was decided by who entered it, and the search finds it.
expect '1|3|0' <<<"SELECT id, decided_by, CASE WHEN delegated THEN 1 ELSE 0 END FROM decisions;"
expect_each '1' <<'SQL'
SELECT id FROM decisions WHERE search @@ plainto_tsquery('swedish', 'år');
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'år';
SQL

up_to "${MIGRATIONS[-1]}"
expect '1|0' <<<"SELECT id, value FROM data_generation;"

# --- 3. The schemas -------------------------------------------------------------------------

echo "== the schemas: PostgreSQL against SQLite" >&2

# Tables of ours: not SQLite's own, not FTS5's shadow tables, not diesel's.
LITE_TABLES="SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND name NOT LIKE 'decisions_fts%' AND name <> '__diesel_schema_migrations'"

compare() {
    local what=$1 pg_sql=$2 lite_sql=$3
    pg -F '|' <<<"$pg_sql" 2>&1 | sort >"$WORK/pg.txt" || fail "$what: PostgreSQL's query failed"
    lite <<<"$lite_sql" 2>&1 | sort >"$WORK/lite.txt" || fail "$what: SQLite's query failed"
    if ! diff "$WORK/lite.txt" "$WORK/pg.txt" >"$WORK/diff.txt"; then
        fail "$what differ (< sqlite, > postgresql):"$'\n'"$(grep '^[<>]' "$WORK/diff.txt")"
    elif [ "$NONEMPTY" = 1 ] && [ ! -s "$WORK/pg.txt" ]; then
        fail "$what: none found"
    fi
}

compare_schemas() {
    compare "tables" \
        "SELECT table_name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
           AND table_name <> '__diesel_schema_migrations'" \
        "$LITE_TABLES"

    # Columns in their order, with NOT NULL (decisions.search is PostgreSQL's search column).
    compare "columns" \
        "SELECT table_name || '|' || to_char(row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position), 'FM00')
                || '|' || column_name || '|' || CASE is_nullable WHEN 'NO' THEN 1 ELSE 0 END
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'
           AND NOT (table_name = 'decisions' AND column_name = 'search')" \
        "SELECT t.name || '|' || printf('%02d', p.cid + 1) || '|' || p.name || '|' || p.\"notnull\"
         FROM ($LITE_TABLES) t, pragma_table_info(t.name) p"

    compare "primary keys" \
        "SELECT c.conrelid::regclass::text || '|' || string_agg(a.attname, ',' ORDER BY k.ord)
         FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace
           AND c.conrelid::regclass::text <> '__diesel_schema_migrations'
         GROUP BY c.oid, c.conrelid" \
        "SELECT t.name || '|' || (SELECT group_concat(name, ',') FROM
                (SELECT name FROM pragma_table_info(t.name) WHERE pk > 0 ORDER BY pk))
         FROM ($LITE_TABLES) t"

    compare "UNIQUE constraints" \
        "SELECT c.conrelid::regclass::text || '|' || string_agg(a.attname, ',' ORDER BY k.ord)
         FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.contype = 'u' AND c.connamespace = 'public'::regnamespace
         GROUP BY c.oid, c.conrelid" \
        "SELECT t.name || '|' || (SELECT group_concat(name, ',') FROM
                (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
         FROM ($LITE_TABLES) t, pragma_index_list(t.name) i WHERE i.origin = 'u'"

    compare "foreign keys" \
        "SELECT c.conrelid::regclass::text || '|' || a.attname || '|' || c.confrelid::regclass::text
                || '|' || r.attname
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace" \
        "SELECT t.name || '|' || f.\"from\" || '|' || f.\"table\" || '|' || f.\"to\"
         FROM ($LITE_TABLES) t, pragma_foreign_key_list(t.name) f"

    # SQLite keeps no list of CHECKs, only the table's text: count them there.
    compare "the number of CHECK constraints of each table" \
        "SELECT t.table_name || '|' || count(c.oid)
         FROM information_schema.tables t
         LEFT JOIN pg_constraint c ON c.conrelid = t.table_name::regclass AND c.contype = 'c'
         WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND t.table_name <> '__diesel_schema_migrations'
         GROUP BY t.table_name" \
        "SELECT name || '|' || ((length(sql) - length(replace(sql, 'CHECK', ''))) / 5)
         FROM sqlite_master WHERE name IN ($LITE_TABLES)"

    # Indexes made by CREATE INDEX (not those of a key or constraint), with their columns, unique or
    # not, partial or not (decisions_search is PostgreSQL's search index).
    compare "indexes" \
        "SELECT c.relname || '|' || i.relname || '|'
                || (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                    FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum)
                || '|' || x.indisunique::int || '|' || (x.indpred IS NOT NULL)::int
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class c ON c.oid = x.indrelid
         WHERE c.relnamespace = 'public'::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
           AND i.relname <> 'decisions_search'" \
        "SELECT t.name || '|' || i.name || '|' || (SELECT group_concat(name, ',') FROM
                (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
                || '|' || i.\"unique\" || '|' || i.partial
         FROM ($LITE_TABLES) t, pragma_index_list(t.name) i WHERE i.origin = 'c'"

    # Triggers by table, timing and event (decisions_fts_insert keeps SQLite's FTS5 table).
    compare "triggers" \
        "SELECT event_object_table || '|' || trigger_name || '|' || action_timing || '|' || event_manipulation
         FROM information_schema.triggers WHERE trigger_schema = 'public'" \
        "SELECT tbl_name || '|' || name || '|'
                || CASE WHEN instr(sql, ' BEFORE ') > 0 THEN 'BEFORE' ELSE 'AFTER' END || '|'
                || CASE WHEN instr(sql, ' INSERT ON ') > 0 THEN 'INSERT'
                        WHEN instr(sql, ' UPDATE ON ') > 0 THEN 'UPDATE' ELSE 'DELETE' END
         FROM sqlite_master WHERE type = 'trigger' AND name <> 'decisions_fts_insert'"

    misnamed=$(pg <<<"SELECT tgname || ' calls ' || tgfoid::regproc FROM pg_trigger
                        WHERE NOT tgisinternal AND tgname <> tgfoid::regproc::text") || true
    [ -z "$misnamed" ] || fail "triggers whose function is not named after them: $misnamed"
}

NONEMPTY=1
compare_schemas
NONEMPTY=0

echo "== the schemas: PostgreSQL against src/db/schema.rs" >&2
# Every column of schema.rs: column|type|nullable, in diesel's words.
awk '
    /^diesel::table! \{/ { intable = 1; next }
    intable && /^    [a-z_]+ \(/ { table = $1; next }
    intable && /^    \}/ { table = ""; next }
    table != "" && / -> / {
        column = $1; type = $3; sub(/,$/, "", type); nullable = 0
        if (type ~ /^Nullable</) { nullable = 1; sub(/^Nullable</, "", type); sub(/>$/, "", type) }
        print table "|" column "|" type "|" nullable
    }
' src/db/schema.rs | sort >"$WORK/schema.txt"
TABLES_IN_SCHEMA=$(cut -d'|' -f1 "$WORK/schema.txt" | sort -u | sed "s/.*/'&'/" | paste -sd, -)
pg -F '|' <<SQL | sort >"$WORK/pg-types.txt"
SELECT table_name, column_name,
       CASE data_type
           WHEN 'bigint' THEN 'BigInt' WHEN 'integer' THEN 'Integer' WHEN 'text' THEN 'Text'
           WHEN 'boolean' THEN 'Bool' WHEN 'timestamp without time zone' THEN 'Timestamp'
           WHEN 'date' THEN 'Date' WHEN 'double precision' THEN 'Double' ELSE data_type
       END,
       CASE is_nullable WHEN 'YES' THEN 1 ELSE 0 END
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name IN ($TABLES_IN_SCHEMA)
  AND NOT (table_name = 'decisions' AND column_name = 'search');
SQL
if ! diff "$WORK/schema.txt" "$WORK/pg-types.txt" >"$WORK/diff.txt"; then
    fail "columns differ from src/db/schema.rs (< schema.rs, > postgresql):"$'\n'"$(grep '^[<>]' "$WORK/diff.txt")"
fi
# PostgreSQL's own: decisions.search, generated from the text and registry number, GIN-indexed.
search=$(pg <<'SQL'
SELECT a.attgenerated::text || '|' || format_type(a.atttypid, a.atttypmod) || '|'
       || pg_get_expr(d.adbin, d.adrelid) || '|'
       || (SELECT count(*) FROM pg_indexes WHERE indexname = 'decisions_search'
           AND indexdef LIKE '%USING gin (search)')
FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = 'decisions'::regclass AND a.attname = 'search';
SQL
) || true
[ "$search" = "s|tsvector|to_tsvector('swedish'::regconfig, translate(((text || ' '::text) || COALESCE(registry_number, ''::text)), '/-.@:_+'::text, '       '::text))|1" ] \
    || fail "decisions.search is not the stored Swedish tsvector of the text and registry number with its GIN index: $search"

# --- 4. The triggers, on both -----------------------------------------------------------------

echo "== the triggers refuse and allow the same on both" >&2

echo "-- decisions and the audit log" >&2
refused 'a decision is never changed: record a new one' <<<"UPDATE decisions SET text = 'Ändrad' WHERE id = 1;"
refused 'a decision is never changed: record a new one' <<<"UPDATE decisions SET follow_up_on = '2027-01-01';"
refused 'a decision is never deleted' <<<"DELETE FROM decisions WHERE id = 1;"
expect '1|Beslut om Året och budgeten för år 2027|' <<<"SELECT id, text, follow_up_on FROM decisions;"
allowed <<SQL
INSERT INTO decisions (id, body, numbering_key, year, number, decided_on, kind, text, recorded_by,
                       decided_by, created_at)
VALUES (2, 'management_group', 'management_group', 2026, 1, '2026-11-02', 'other',
        'Styrgruppen ar sammankallad', 3, 3, $T);
INSERT INTO decision_projects (decision_id, project_id) VALUES (1, 1);
INSERT INTO audit_log (id, at, user_id, action, entity, entity_id) VALUES (7, $T, 1, 'create', 'decision', 2);
SQL
refused 'a decision is never changed: record a new one' <<<"UPDATE decision_projects SET project_id = 1 WHERE decision_id = 1;"
refused 'a decision is never changed: record a new one' <<<"DELETE FROM decision_projects WHERE decision_id = 1;"
refused 'the audit log is append-only' <<<"UPDATE audit_log SET action = 'delete' WHERE id = 7;"
refused 'the audit log is append-only' <<<"DELETE FROM audit_log WHERE id = 7;"
expect '7' <<<"SELECT count(*) FROM audit_log;"

echo "-- the search of the decision log" >&2
expect_each '1' <<'SQL'
SELECT id FROM decisions WHERE search @@ plainto_tsquery('swedish', 'år') ORDER BY id;
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'år' ORDER BY rowid;
SQL
expect_each '1' <<'SQL'
SELECT id FROM decisions WHERE search @@ plainto_tsquery('swedish', 'ÅR') ORDER BY id;
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'ÅR' ORDER BY rowid;
SQL
expect_each '2' <<'SQL'
SELECT id FROM decisions WHERE search @@ plainto_tsquery('swedish', 'ar') ORDER BY id;
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'ar' ORDER BY rowid;
SQL

echo "-- directives and their goals" >&2
allowed <<SQL
INSERT INTO directive_goals (id, directive_id, position, text) VALUES (1, 3, 1, 'Mål'), (2, 3, 2, 'Mål 2');
UPDATE directive_goals SET text = 'Målet' WHERE id = 1;
DELETE FROM directive_goals WHERE id = 2;
UPDATE directives SET purpose = 'Syfte' WHERE id = 3;
UPDATE directives SET status = 'submitted' WHERE id = 3;
SQL
G='the goals of a submitted or approved directive never change'
refused "$G" <<<"INSERT INTO directive_goals (id, directive_id, position, text) VALUES (3, 3, 3, 'Nytt');"
refused "$G" <<<"UPDATE directive_goals SET text = 'Annat' WHERE id = 1;"
refused "$G" <<<"DELETE FROM directive_goals WHERE id = 1;"
refused 'only a draft directive can be deleted' <<<"DELETE FROM directives WHERE id = 3;"
allowed <<<"UPDATE directives SET status = 'approved' WHERE id = 3;"
refused 'an approved directive never changes: revise it as a new version' <<<"UPDATE directives SET purpose = 'Annat' WHERE id = 3;"
refused 'an approved directive never changes: revise it as a new version' <<<"UPDATE directives SET status = 'draft' WHERE id = 1;"
refused 'only a draft directive can be deleted' <<<"DELETE FROM directives WHERE id = 1;"
refused "$G" <<<"UPDATE directive_goals SET position = 5 WHERE id = 1;"
allowed <<SQL
INSERT INTO directives (id, project_id, kind, version, status, created_by, created_at, updated_at)
VALUES (4, 1, 'project', 3, 'draft', 2, $T, $T), (5, 1, 'project', 4, 'returned', 2, $T, $T);
UPDATE directives SET status = 'draft' WHERE id = 5;
UPDATE directives SET status = 'returned' WHERE id = 5;
DELETE FROM directives WHERE id = 4;
SQL
refused 'only a draft directive can be deleted' <<<"DELETE FROM directives WHERE id = 5;"
expect $'1|approved\n2|submitted\n3|approved\n5|returned' <<<"SELECT id, status FROM directives ORDER BY id;"
expect '1|3|1|Målet' <<<"SELECT id, directive_id, position, text FROM directive_goals;"

echo "-- plans and their rows" >&2
allowed <<SQL
INSERT INTO plan_goal_answers (id, plan_id, goal_id, answer) VALUES (1, 3, 1, 'Svar');
INSERT INTO plan_milestones (id, plan_id, position, name, planned_on) VALUES (1, 3, 1, 'M1', '2027-01-01'), (2, 3, 2, 'M2', '2027-02-01');
INSERT INTO plan_budget_lines (id, plan_id, position, year, category, amount_sek) VALUES (1, 3, 1, 2027, 'staff', 100), (2, 3, 2, 2027, 'other', 5);
INSERT INTO plan_risks (id, plan_id, position, description, probability, consequence) VALUES (1, 3, 1, 'Risk', 2, 3), (2, 3, 2, 'Risk 2', 1, 1);
INSERT INTO plan_benefits (id, plan_id, position, indicator, target) VALUES (1, 3, 1, 'Ledtid', '5 dagar'), (2, 3, 2, 'Nöjdhet', '80 %');
UPDATE plan_goal_answers SET answer = 'Svaret' WHERE id = 1;
UPDATE plan_milestones SET name = 'Milstolpe 1' WHERE id = 1;
UPDATE plan_budget_lines SET amount_sek = 200 WHERE id = 1;
UPDATE plan_risks SET mitigation = 'Åtgärd' WHERE id = 1;
UPDATE plan_benefits SET owner = 'Lead' WHERE id = 1;
DELETE FROM plan_milestones WHERE id = 2;
DELETE FROM plan_budget_lines WHERE id = 2;
DELETE FROM plan_risks WHERE id = 2;
DELETE FROM plan_benefits WHERE id = 2;
UPDATE plans SET communication = 'Intranätet' WHERE id = 3;
UPDATE plans SET status = 'submitted' WHERE id = 3;
SQL
P='the rows of a submitted or approved plan never change'
for plan in 3 2; do
    refused "$P" <<<"INSERT INTO plan_goal_answers (id, plan_id, goal_id, answer) VALUES (9, $plan, 1, 'Nytt');"
    refused "$P" <<<"INSERT INTO plan_milestones (id, plan_id, position, name, planned_on) VALUES (9, $plan, 9, 'Ny', '2027-01-01');"
    refused "$P" <<<"INSERT INTO plan_budget_lines (id, plan_id, position, year, category, amount_sek) VALUES (9, $plan, 9, 2027, 'staff', 1);"
    refused "$P" <<<"INSERT INTO plan_risks (id, plan_id, position, description, probability, consequence) VALUES (9, $plan, 9, 'Ny', 1, 1);"
    refused "$P" <<<"INSERT INTO plan_benefits (id, plan_id, position, indicator, target) VALUES (9, $plan, 9, 'Ny', 'Mål');"
done
check_plan_rows_fixed() {
    refused "$P" <<<"UPDATE plan_goal_answers SET answer = 'Annat' WHERE id = 1;"
    refused "$P" <<<"UPDATE plan_milestones SET actual_on = '2027-01-02' WHERE id = 1;"
    refused "$P" <<<"UPDATE plan_budget_lines SET amount_sek = 1 WHERE id = 1;"
    refused "$P" <<<"UPDATE plan_risks SET probability = 5 WHERE id = 1;"
    refused "$P" <<<"UPDATE plan_benefits SET target = 'Annat' WHERE id = 1;"
    refused "$P" <<<"DELETE FROM plan_goal_answers WHERE id = 1;"
    refused "$P" <<<"DELETE FROM plan_milestones WHERE id = 1;"
    refused "$P" <<<"DELETE FROM plan_budget_lines WHERE id = 1;"
    refused "$P" <<<"DELETE FROM plan_risks WHERE id = 1;"
    refused "$P" <<<"DELETE FROM plan_benefits WHERE id = 1;"
}
check_plan_rows_fixed
refused 'only a draft plan can be deleted' <<<"DELETE FROM plans WHERE id = 3;"
allowed <<<"UPDATE plans SET status = 'approved' WHERE id = 3;"
check_plan_rows_fixed
refused 'an approved plan never changes: revise it as a new version' <<<"UPDATE plans SET communication = 'Annat' WHERE id = 3;"
refused 'an approved plan never changes: revise it as a new version' <<<"UPDATE plans SET time_tolerance_days = 60 WHERE id = 1;"
refused 'only a draft plan can be deleted' <<<"DELETE FROM plans WHERE id = 1;"
allowed <<SQL
INSERT INTO plans (id, project_id, version, directive_id, status, created_by, created_at, updated_at)
VALUES (4, 1, 4, 1, 'draft', 2, $T, $T);
INSERT INTO plan_milestones (id, plan_id, position, name, planned_on) VALUES (3, 4, 1, 'M', '2027-01-01');
DELETE FROM plan_milestones WHERE plan_id = 4;
DELETE FROM plans WHERE id = 4;
SQL
expect $'1|Svaret|Milstolpe 1|200|Åtgärd|Lead' <<<"SELECT a.id, a.answer, m.name, b.amount_sek, r.mitigation, n.owner FROM plan_goal_answers a, plan_milestones m, plan_budget_lines b, plan_risks r, plan_benefits n;"

echo "-- steering group meeting records" >&2
allowed <<<"INSERT INTO steering_meetings (id, project_id, held_on, recorded_by, created_at) VALUES (1, 1, '2026-11-05', 2, $T);"
refused 'a meeting record is never changed' <<<"UPDATE steering_meetings SET notes = 'Annat' WHERE id = 1;"
refused 'a meeting record is never deleted' <<<"DELETE FROM steering_meetings WHERE id = 1;"

echo "-- status reports, their milestones, escalations, reviews and roll-ups" >&2
allowed <<SQL
INSERT INTO status_reports (id, project_id, period, version, status, plan_id, created_by, created_at, updated_at)
VALUES (1, 1, '2026-11', 1, 'draft', 3, 2, $T, $T), (2, 1, '2026-10', 1, 'draft', 3, 2, $T, $T);
INSERT INTO report_milestones (id, report_id, milestone_id, forecast_on) VALUES (1, 1, 1, '2027-01-10'), (2, 2, 1, NULL);
UPDATE report_milestones SET forecast_on = '2027-01-15' WHERE id = 1;
INSERT INTO escalations (id, report_id, project_id, text, kind, addressed_to, created_by, created_at)
VALUES (1, 1, 1, 'Mer pengar', 'economic', 'management_group', 2, $T),
       (2, 1, 1, 'Fel', 'economic', 'management_group', 2, $T),
       (3, 2, 1, 'Tid', 'strategic', 'steering_group', 2, $T);
UPDATE escalations SET text = 'Mer pengar behövs' WHERE id = 1;
DELETE FROM escalations WHERE id = 2;
UPDATE status_reports SET done = 'Klart', exception = TRUE WHERE id = 1;
UPDATE status_reports SET status = 'submitted', submitted_by = 2, submitted_on = '2026-11-05' WHERE id = 1;
DELETE FROM report_milestones WHERE report_id = 2;
DELETE FROM escalations WHERE report_id = 2;
DELETE FROM status_reports WHERE id = 2;
SQL
refused 'a submitted status report never changes: revise it' <<<"UPDATE status_reports SET done = 'Annat' WHERE id = 1;"
refused 'a submitted status report never changes: revise it' <<<"UPDATE status_reports SET status = 'draft' WHERE id = 1;"
refused 'a submitted status report is never deleted' <<<"DELETE FROM status_reports WHERE id = 1;"
M='the milestones of a submitted status report never change'
refused "$M" <<<"INSERT INTO report_milestones (id, report_id, milestone_id) VALUES (3, 1, 1);"
refused "$M" <<<"UPDATE report_milestones SET actual_on = '2027-01-01' WHERE id = 1;"
refused "$M" <<<"DELETE FROM report_milestones WHERE id = 1;"
E='a raised escalation never changes; it is answered once'
refused "$E" <<<"UPDATE escalations SET text = 'Annat' WHERE id = 1;"
refused "$E" <<<"UPDATE escalations SET addressed_to = 'development_manager' WHERE id = 1;"
allowed <<<"UPDATE escalations SET answered_by_decision_id = 2, answered_at = '2026-11-06 10:00:00' WHERE id = 1;"
refused "$E" <<<"UPDATE escalations SET answered_at = '2026-11-07 10:00:00' WHERE id = 1;"
refused 'a raised escalation is never deleted' <<<"DELETE FROM escalations WHERE id = 1;"
expect '1|Mer pengar behövs|2|2026-11-06 10:00:00' <<<"SELECT id, text, answered_by_decision_id, answered_at FROM escalations;"
expect '1|1|2027-01-15' <<<"SELECT id, report_id, forecast_on FROM report_milestones;"
expect '1|submitted|Klart|1' <<<"SELECT id, status, done, CASE WHEN exception THEN 1 ELSE 0 END FROM status_reports;"
allowed <<SQL
INSERT INTO report_reviews (report_id, reviewed_by, reviewed_at, comment) VALUES (1, 1, $T, 'Sett');
INSERT INTO rollups (id, period, issued_by, issued_at, content) VALUES (1, '2026-11', 1, $T, '{}');
SQL
refused 'a review never changes' <<<"UPDATE report_reviews SET comment = 'Annat' WHERE report_id = 1;"
refused 'a review is never deleted' <<<"DELETE FROM report_reviews WHERE report_id = 1;"
refused 'an issued roll-up never changes' <<<"UPDATE rollups SET content = '[]' WHERE id = 1;"
refused 'an issued roll-up is never deleted' <<<"DELETE FROM rollups WHERE id = 1;"

echo "-- meetings, their minutes and action items" >&2
# 1 planned, 2 held, 3 adjusted by the chair (adjusting), 4 adjusted by both (locked), 5 held
# without items, 6 planned without items.
allowed <<SQL
INSERT INTO meetings (id, body, project_id, held_on, starts_at, place, chair_id, secretary_id, adjuster_id, state, created_by, created_at) VALUES
    (1, 'management_group', NULL, '2026-12-01', '13:00', 'Rum 1', 3, 1, 4, 'planned', 1, $T),
    (2, 'management_group', NULL, '2026-11-10', '13:00', 'Rum 1', 3, 1, 4, 'held', 1, $T),
    (3, 'management_group', NULL, '2026-11-11', '13:00', 'Rum 1', 3, 1, 4, 'held', 1, $T),
    (4, 'steering_group', 1, '2026-11-12', '09:00', 'Rum 2', 3, 1, 4, 'held', 1, $T),
    (5, 'management_group', NULL, '2026-11-13', '13:00', 'Rum 1', 3, 1, 4, 'held', 1, $T),
    (6, 'management_group', NULL, '2026-12-02', '13:00', 'Rum 1', 3, 1, 4, 'planned', 1, $T);
INSERT INTO meeting_items (id, meeting_id, section, position, title, created_at) VALUES
    (1, 2, 'decisions', 1, 'Punkt', $T), (2, 3, 'decisions', 1, 'Punkt', $T),
    (3, 4, 'decisions', 1, 'Punkt', $T), (4, 1, 'decisions', 1, 'Punkt', $T);
INSERT INTO meeting_attendance (meeting_id, user_id, present) VALUES (2, 3, TRUE), (3, 3, TRUE), (4, 3, TRUE);
INSERT INTO action_items (id, text, due_on, item_id, created_by, created_at) VALUES
    (1, 'Gör 1', '2026-12-31', 1, 1, $T), (2, 'Gör 2', '2026-12-31', 2, 1, $T),
    (3, 'Gör 3', '2026-12-31', 2, 1, $T), (4, 'Gör 4', '2026-12-31', 3, 1, $T),
    (5, 'Gör 5', '2026-12-31', NULL, 1, $T), (7, 'Gör 7', '2026-12-31', NULL, 1, $T);
INSERT INTO action_item_owners (action_item_id, user_id) VALUES (1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (7, 2);
INSERT INTO decisions (id, body, numbering_key, year, number, decided_on, kind, text, recorded_by,
                       decided_by, item_id, registry_number, created_at)
VALUES (3, 'management_group', 'management_group', 2026, 2, '2026-11-11', 'other', 'Beslut i mötet', 1, 3, 2,
        'KS 2026/0815', $T);
UPDATE meetings SET place = 'Rum 3', attendance_taken = TRUE WHERE id = 3;
UPDATE meetings SET state = 'adjusting', chair_signed_at = '2026-11-14 10:00:00' WHERE id = 3;
UPDATE meetings SET state = 'adjusting', adjuster_signed_at = '2026-11-14 11:00:00' WHERE id = 4;
UPDATE meetings SET state = 'locked', chair_signed_at = '2026-11-15 10:00:00' WHERE id = 4;
SQL
# As the log searches (Search::tsquery, Search::fts5): the words, all required, the last a prefix.
expect_each '3' <<'SQL'
SELECT id FROM decisions WHERE search @@ to_tsquery('swedish', '''2026'' & ''0815'':*');
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH '"2026" "0815"*';
SQL
expect_each '3' <<'SQL'
SELECT id FROM decisions WHERE search @@ to_tsquery('swedish', '''0815'':*');
--
SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH '"0815"*';
SQL
A='adjusted minutes never change'
refused "$A" <<<"UPDATE meetings SET place = 'Rum 9' WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET state = 'held' WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET attendance_taken = FALSE WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET chair_signed_at = NULL WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET state = 'locked', adjuster_signed_at = '2026-11-16 10:00:00', chair_signed_at = '2026-11-16 10:00:00' WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET state = 'locked', adjuster_signed_at = '2026-11-16 10:00:00', place = 'Rum 9' WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET state = 'locked' WHERE id = 4;"
refused "$A" <<<"UPDATE meetings SET place = 'Rum 9' WHERE id = 4;"
refused 'held minutes are never deleted' <<<"DELETE FROM meetings WHERE id = 5;"
refused 'held minutes are never deleted' <<<"DELETE FROM meetings WHERE id = 3;"
for meeting in 3 4; do
    refused "$A" <<<"INSERT INTO meeting_items (id, meeting_id, section, position, title, created_at) VALUES (9, $meeting, 'other', 9, 'Ny', $T);"
    refused "$A" <<<"INSERT INTO meeting_attendance (meeting_id, user_id, present) VALUES ($meeting, 1, FALSE);"
    refused "$A" <<<"UPDATE meeting_attendance SET present = FALSE WHERE meeting_id = $meeting;"
    refused "$A" <<<"DELETE FROM meeting_attendance WHERE meeting_id = $meeting;"
done
for item in 2 3; do
    refused "$A" <<<"UPDATE meeting_items SET notes = 'Annat' WHERE id = $item;"
    refused "$A" <<<"DELETE FROM meeting_items WHERE id = $item;"
    refused "$A" <<<"INSERT INTO action_items (id, text, due_on, item_id, created_by, created_at) VALUES (9, 'Ny', '2026-12-31', $item, 1, $T);"
    refused "$A" <<<"INSERT INTO decisions (id, body, numbering_key, year, number, decided_on, kind, text, recorded_by, item_id, created_at) VALUES (9, 'management_group', 'management_group', 2026, 9, '2026-11-11', 'other', 'Sent', 1, $item, $T);"
done
# The second signature locks the minutes; the first signature, once given, stays.
allowed <<<"UPDATE meetings SET state = 'locked', adjuster_signed_at = '2026-11-16 10:00:00' WHERE id = 3;"
refused "$A" <<<"UPDATE meetings SET adjuster_signed_at = '2026-11-17 10:00:00' WHERE id = 3;"
expect $'3|locked|2026-11-14 10:00:00|2026-11-16 10:00:00|Rum 3\n4|locked|2026-11-15 10:00:00|2026-11-14 11:00:00|Rum 2' \
    <<<"SELECT id, state, chair_signed_at, adjuster_signed_at, place FROM meetings WHERE id IN (3, 4) ORDER BY id;"
allowed <<SQL
INSERT INTO meeting_items (id, meeting_id, section, position, title, created_at) VALUES (5, 2, 'other', 2, 'Ny', $T);
UPDATE meeting_items SET notes = 'Anteckning' WHERE id = 1;
DELETE FROM meeting_items WHERE id = 5;
INSERT INTO meeting_attendance (meeting_id, user_id, present) VALUES (2, 4, FALSE);
UPDATE meeting_attendance SET present = TRUE WHERE meeting_id = 2 AND user_id = 4;
DELETE FROM meeting_attendance WHERE meeting_id = 2 AND user_id = 4;
UPDATE meetings SET place = 'Rum 4' WHERE id = 1;
DELETE FROM meeting_items WHERE id = 4;
DELETE FROM meetings WHERE id = 6;
INSERT INTO action_items (id, text, due_on, item_id, created_by, created_at) VALUES (6, 'Gör 6', '2026-12-31', 1, 1, $T);
INSERT INTO action_item_owners (action_item_id, user_id) VALUES (6, 2), (6, 3), (3, 3);
INSERT INTO decisions (id, body, numbering_key, year, number, decided_on, kind, text, recorded_by, item_id, created_at)
VALUES (4, 'management_group', 'management_group', 2026, 3, '2026-11-10', 'other', 'I tid', 1, 1, $T);
UPDATE action_items SET comment = 'På gång' WHERE id = 1;
UPDATE action_items SET state = 'done', comment = 'Klart', closed_by = 2, closed_at = '2026-11-20 10:00:00' WHERE id = 2;
UPDATE action_items SET state = 'cancelled', closed_by = 3, closed_at = '2026-11-20 10:00:00' WHERE id = 4;
UPDATE action_items SET state = 'done', closed_by = 2, closed_at = '2026-11-20 10:00:00' WHERE id = 7;
DELETE FROM action_item_owners WHERE action_item_id = 6 AND user_id = 3;
DELETE FROM action_item_owners WHERE action_item_id = 6;
DELETE FROM action_items WHERE id = 6;
DELETE FROM action_item_owners WHERE action_item_id = 5;
DELETE FROM action_items WHERE id = 5;
SQL
C='an action item is only closed, once'
refused "$C" <<<"UPDATE action_items SET state = 'cancelled' WHERE id = 2;"
refused "$C" <<<"UPDATE action_items SET comment = 'Annat' WHERE id = 4;"
refused "$C" <<<"UPDATE action_items SET text = 'Annat' WHERE id = 1;"
refused "$C" <<<"UPDATE action_items SET due_on = '2027-01-31' WHERE id = 1;"
refused "$C" <<<"UPDATE action_items SET item_id = NULL WHERE id = 1;"
refused "$C" <<<"UPDATE action_items SET created_at = '2026-11-02 08:00:00' WHERE id = 1;"
D='an action item of adjusted minutes is never deleted'
refused "$D" <<<"DELETE FROM action_items WHERE id = 3;"
refused "$D" <<<"DELETE FROM action_items WHERE id = 2;"
refused "$D" <<<"DELETE FROM action_items WHERE id = 7;"
refused "an action item's owners never change" <<<"UPDATE action_item_owners SET user_id = 3 WHERE action_item_id = 1;"
refused "$A" <<<"DELETE FROM action_item_owners WHERE action_item_id = 3;"
refused "$A" <<<"DELETE FROM action_item_owners WHERE action_item_id = 4;"
expect $'1|Anteckning\n2|\n3|' <<<"SELECT id, notes FROM meeting_items ORDER BY id;"
expect $'2|3|1\n3|3|1\n4|3|1' <<<"SELECT meeting_id, user_id, CASE WHEN present THEN 1 ELSE 0 END FROM meeting_attendance ORDER BY meeting_id;"
expect $'1|Rum 4\n2|Rum 1\n3|Rum 3\n4|Rum 2\n5|Rum 1' <<<"SELECT id, place FROM meetings ORDER BY id;"
expect $'1|open|På gång\n2|done|Klart\n3|open|\n4|cancelled|\n7|done|' <<<"SELECT id, state, comment FROM action_items ORDER BY id;"
expect $'1|2\n2|2\n3|2\n3|3\n4|2\n7|2' <<<"SELECT action_item_id, user_id FROM action_item_owners ORDER BY action_item_id, user_id;"
expect $'1|\n2|\n3|2\n4|1' <<<"SELECT id, item_id FROM decisions ORDER BY id;"

echo "-- constraints" >&2
refused_by_constraint <<<"INSERT INTO meetings (id, body, held_on, starts_at, place, chair_id, secretary_id, adjuster_id, created_by, created_at) VALUES (9, 'management_group', '2026-12-01', '13:00', 'Rum', 3, 1, 3, 1, $T);"
refused_by_constraint <<<"INSERT INTO meetings (id, body, held_on, starts_at, place, chair_id, secretary_id, adjuster_id, created_by, created_at) VALUES (9, 'steering_group', '2026-12-01', '13:00', 'Rum', 3, 1, 4, 1, $T);"
allowed <<SQL
INSERT INTO steering_group_members (id, project_id, user_id, role, created_at) VALUES (1, 1, 3, 'chair', $T);
INSERT INTO follow_ups (period, board_id, budget, forecast_deviation, recorded_by, recorded_at) VALUES ('2026-11', 1, 1000, -5, 1, $T);
INSERT INTO follow_ups (period, unit_id, budget, forecast_deviation, recorded_by, recorded_at) VALUES ('2026-11', 1, 500, 5, 1, $T);
SQL
refused_by_constraint <<<"INSERT INTO steering_group_members (id, project_id, user_id, role, created_at) VALUES (2, 1, 4, 'chair', $T);"
refused_by_constraint <<<"INSERT INTO follow_ups (period, board_id, budget, forecast_deviation, recorded_by, recorded_at) VALUES ('2026-11', 1, 1, 1, 1, $T);"
refused_by_constraint <<<"INSERT INTO follow_ups (period, board_id, unit_id, budget, forecast_deviation, recorded_by, recorded_at) VALUES ('2026-12', 1, 1, 1, 1, 1, $T);"
refused_by_constraint <<<"INSERT INTO follow_ups (period, budget, forecast_deviation, recorded_by, recorded_at) VALUES ('2026-12', 1, 1, 1, $T);"
refused_by_constraint <<<"INSERT INTO projects (id, code, name, unit_id, phase, created_at, updated_at) VALUES (9, 'DIG-9', 'X', 1, 'dreaming', $T, $T);"
refused_by_constraint <<<"INSERT INTO action_item_owners (action_item_id, user_id) VALUES (99, 2);"
# An id left to the database is given by it (the identity on PostgreSQL, the rowid on SQLite).
expect $'1|1|\n2||1' <<<"SELECT id, board_id, unit_id FROM follow_ups ORDER BY id;"

# --- 5. The downs -----------------------------------------------------------------------------

echo "== the downs, in reverse order, the schemas compared after each" >&2
for ((i = ${#MIGRATIONS[@]} - 1; i >= 0; i--)); do
    name=${MIGRATIONS[i]}
    pg_file "migrations/postgresql/$name/down.sql" >/dev/null \
        || { fail "migrations/postgresql/$name/down.sql does not apply"; break; }
    { echo "PRAGMA foreign_keys = ON; BEGIN;"; cat "migrations/sqlite/$name/down.sql"; echo "COMMIT;"; } \
        | lite >/dev/null \
        || { fail "migrations/sqlite/$name/down.sql does not apply"; break; }
    compare_schemas
done
left=$(pg <<'SQL'
SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public'
UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public'
UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
UNION ALL SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = 'public';
SQL
) || true
[ -z "$left" ] || fail "left behind by the downs on PostgreSQL: ${left//$'\n'/, }"
left=$(lite <<<"SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%';") || true
[ -z "$left" ] || fail "left behind by the downs on SQLite: ${left//$'\n'/, }"

if [ "$FAILURES" -gt 0 ]; then
    echo "== $FAILURES failures" >&2
    exit 1
fi
echo "== the PostgreSQL migrations match the SQLite ones" >&2
