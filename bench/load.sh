#!/usr/bin/env bash
# Load test of `likeness serve` with wrk on loopback: search by a catalogued image, the duplicate
# group list (JSON) and the review page, each for SECONDS, over a collection the script catalogs
# first (scan, embed and a dupes job through the server). Prints requests/s, p50/p99 latency,
# errors, and the server's resident memory before and after each run (flat memory = no growth
# with requests).
#
# Usage: bench/load.sh DIR [SECONDS] [CONNECTIONS]   (run `make build` first; wrk comes with `make setup`)
# Example, 10,000 Fashion-MNIST images written as PNGs:
#   ~/.cache/likeness/venv/bin/python bench/idx_to_png.py \
#       /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz /tmp/fmnist --count 10000
#   bench/load.sh /tmp/fmnist 60 8
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(cd "${1:?usage: bench/load.sh DIR [SECONDS] [CONNECTIONS]}" && pwd)"
seconds="${2:-60}"
connections="${3:-8}"
likeness="$here/.build/release/likeness"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is missing: run make setup" >&2; exit 1; }
work="$(mktemp -d)"
# The catalog is kept between runs (scan and embed then only check an unchanged collection).
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
catalog="$cache/bench/load/$(echo "$dir" | tr '/' '_').sqlite"
mkdir -p "$(dirname "$catalog")"
port=$((20000 + RANDOM % 20000))
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }

echo "collection: $(find "$dir" -type f ! -name '.*' | wc -l) files in $dir"
"$likeness" scan "$dir" --catalog "$catalog" --json > /dev/null
"$likeness" embed --catalog "$catalog" --json > /dev/null
"$likeness" serve --root "$dir" --catalog "$catalog" --trash "$work/trash" --port "$port" 2> "$work/server.log" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/api/v1/library" > /dev/null && break; sleep 0.2; done
job=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"kind\":\"dupes\",\"folders\":[\"$dir\"]}" "$base/api/v1/jobs" | json "d['id']")
curl -sfN "$base/api/v1/jobs/$job/events" > /dev/null
groups=$(curl -sf "$base/api/v1/dupes?limit=1" | json "d['total']")
images=$(curl -sf "$base/api/v1/dupes?limit=1" | json "d['images']")
query=$(curl -sf "$base/api/v1/dupes?limit=1" | json "d['groups'][0]['members'][0]['image']['id'] if d['groups'] else 1")
echo "catalogued and compared: $images images, $groups duplicate groups; wrk -t2 -c$connections -d${seconds}s, load average $(cut -d' ' -f1-3 /proc/loadavg)"

cat > "$work/search.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"image": $query, "k": 12}'
EOF

printf '%-34s %10s %10s %10s %8s %14s\n' endpoint "req/s" "p50" "p99" errors "RSS MB before→after"
run() {
  local name="$1" url="$2"; shift 2
  local before out errors
  before=$(rss)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url")
  errors=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
  printf '%-34s %10s %10s %10s %8s %14s\n' "$name" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$errors" "$before→$(rss)"
}
run "POST /api/v1/search (by id, k 12)" "$base/api/v1/search" -s "$work/search.lua"
run "GET /api/v1/dupes?limit=50" "$base/api/v1/dupes?limit=50"
run "GET /dupes (review page)" "$base/dupes"
