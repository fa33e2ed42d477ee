#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 300), seeded from the small committed seeds and the repository's own test fixtures.
# Usage: fuzz/run-all.sh [SECONDS_PER_TARGET] [TARGET...]; prints runs, corpus size and crashes per target, and appends them to fuzz/runs.log.
set -euo pipefail
cd "$(dirname "$0")"
SECS="${1:-300}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=(ingest_csv ingest_text ingest_binary mapping lists reference api_bodies); fi
# cargo fuzz passes nightly-only flags (sanitizer, coverage passes); the stable toolchain accepts them under RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds from the fixtures the tests already use: a first byte picks the format, encoding or parser inside each target.
gen() { # target pick file
  mkdir -p "seeds-gen/$1"
  { printf "\\x$(printf %02x "$2")"; cat "$3"; } > "seeds-gen/$1/$(basename "$3").$2"
}
rm -rf seeds-gen
mkdir -p seeds-gen/ingest_csv
cp ../crates/ingest/tests/data/*/* seeds-gen/ingest_csv/
gen ingest_text 16 ../crates/ingest/tests/data/canonical/export.csv
gen ingest_text 32 ../crates/ingest/tests/data/ru-vendor/vendor_export.csv
gen ingest_text 56 ../crates/ingest/tests/data/ru-customs/declarations_cp1251.csv
gen lists 0 ../crates/lists/tests/data/ofac-sdn-csv/sdn.csv
gen lists 1 ../crates/lists/tests/data/ofac-sdn-csv/alt.csv
gen lists 2 ../crates/lists/tests/data/ofac-xml/CONS_ENHANCED.XML
gen lists 3 ../crates/lists/tests/data/un-xml/un_sample.xml
gen lists 4 ../crates/lists/tests/data/csl-csv/consolidated.csv
gen lists 5 ../crates/lists/tests/data/us-restricted-json/bis_entity_list.json
gen lists 6 ../crates/lists/tests/data/eu-csv/32014R0833.csv
gen lists 7 ../crates/lists/tests/data/ftm-json/entities.ftm.json

cargo fuzz build
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  dirs=("corpus/$t")
  [ -d "seeds/$t" ] && dirs+=("seeds/$t")
  [ -d "seeds-gen/$t" ] && dirs+=("seeds-gen/$t")
  log="$(mktemp)"
  status=ok
  cargo fuzz run "$t" "${dirs[@]}" -- -max_total_time="$SECS" -max_len=65536 -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 >"$log" 2>&1 || status=CRASH
  runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
  crashes="$(find "artifacts/$t" -type f | wc -l)"
  line="$(date -u +%FT%TZ) target=$t seconds=$SECS runs=${runs:-?} corpus=$(find "corpus/$t" -type f | wc -l) artifacts=$crashes status=$status"
  echo "$line" | tee -a runs.log
  if [ "$status" = CRASH ]; then grep -E 'panicked|ERROR|SUMMARY' "$log" | head -5; fi
  rm -f "$log"
done
