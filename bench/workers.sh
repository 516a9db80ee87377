#!/usr/bin/env bash
# Workers embedding one collection through a shared PostgreSQL catalog on this machine.
#
#   bash bench/workers.sh [LIKENESS_BINARY] [COPIES]
#
# The collection is the photos `make setup` extracts (12-megapixel JPEGs, Debian's MATE
# backgrounds and OpenCV's sample images), copied COPIES times (default 5) under new names into
# a temporary folder; the copies are separate images to the catalog. For 1, 2 and 3 workers: a
# fresh database on the local test cluster (scripts/postgres.sh), one `scan`, then the workers
# started together; the wall time runs from their start until the last one exits. Then a
# correctness run: two workers, one killed with SIGKILL mid-run, the other finishing; the
# database must hold exactly one vector and one done item per image.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/.build/release/likeness}"
copies="${2:-5}"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
[ -x "$bin" ] || { echo "no likeness binary at $bin (make build, or pass .build/debug/likeness)" >&2; exit 1; }

bash "$here/scripts/postgres.sh" start
server="$(bash "$here/scripts/postgres.sh" url)"
work="$(mktemp -d /tmp/likeness-workers-XXXXXX)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/photos"
for copy in $(seq 1 "$copies"); do
  for source in "$cache"/photos/large/* "$cache"/photos/mate/* "$cache"/photos/opencv/*; do
    name="$(basename "$source")"
    cp "$source" "$work/photos/c${copy}-${name}"
  done
done
images="$(ls "$work/photos" | wc -l)"
echo "collection: $images files in $work/photos ($(du -sh "$work/photos" | cut -f1)); binary $bin"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# A fresh database on the test server; prints its URL.
fresh_database() {
  local name="likeness_bench_$1"
  psql -q "$server" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null
  echo "${server%/*}/$name"
}

count() { psql -tA "$1" -c "$2"; }

for workers in 1 2 3; do
  url="$(fresh_database "w$workers")"
  "$bin" scan "$work/photos" --catalog "$url" --json >"$work/scan.json" 2>/dev/null
  started=$(date +%s.%N)
  pids=()
  for i in $(seq 1 "$workers"); do
    "$bin" worker --catalog "$url" --json >"$work/worker-$workers-$i.json" 2>/dev/null &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  ended=$(date +%s.%N)
  vectors=$(count "$url" "SELECT count(*) FROM image_embedding")
  per=$(for i in $(seq 1 "$workers"); do python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['embedded'])" "$work/worker-$workers-$i.json"; done | paste -sd+)
  python3 - "$workers" "$started" "$ended" "$vectors" "$per" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
workers, start, end, vectors, per, load = sys.argv[1:]
seconds = float(end) - float(start)
print(f"{workers} worker(s): {vectors} vectors in {seconds:.1f} s = {int(vectors)/seconds:.1f} images/s (per worker: {per}; load after {load})")
PY
done

# Correctness under SIGKILL: two workers with 5-second leases; one is killed once 40 items are done.
url="$(fresh_database kill)"
"$bin" scan "$work/photos" --catalog "$url" --json >/dev/null 2>&1
"$bin" worker --catalog "$url" --lease 5 --json >"$work/victim.json" 2>/dev/null &
victim=$!
"$bin" worker --catalog "$url" --lease 5 --json >"$work/survivor.json" 2>/dev/null &
survivor=$!
until [ "$(count "$url" "SELECT count(*) FROM work_item WHERE state = 'done'" 2>/dev/null || echo 0)" -ge 40 ]; do sleep 0.05; done
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
held=$(count "$url" "SELECT count(*) FROM work_item w JOIN worker k ON k.id = w.leased_by WHERE k.pid = $victim AND w.state = 'pending'")
echo "killed worker $victim with SIGKILL; it held $held leased items at that moment"
wait "$survivor"
echo "after the survivor finished:"
count "$url" "SELECT '  images ' || count(*) FROM image WHERE NOT gone AND failure_kind IS NULL"
count "$url" "SELECT '  vectors ' || count(*) || ', distinct images with a vector ' || count(DISTINCT image_id) FROM image_embedding"
count "$url" "SELECT '  items ' || state || ': ' || count(*) FROM work_item GROUP BY state ORDER BY state"
count "$url" "SELECT '  images with other than one item: ' || count(*) FROM (SELECT image_id FROM work_item GROUP BY image_id HAVING count(*) <> 1) t"
count "$url" "SELECT '  items leased more than once: ' || count(*) FROM work_item WHERE attempts > 1"
count "$url" "SELECT '  worker pid ' || pid || ': ' || done || ' done' || CASE WHEN finished_at IS NULL THEN ' (never finished: killed)' ELSE '' END FROM worker ORDER BY pid"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
