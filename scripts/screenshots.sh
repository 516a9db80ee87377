#!/usr/bin/env bash
# Screenshots of every page of the web app, for the README (docs/screenshots/*.png): the demo's
# photos (scripts/demo.sh makes them) served by `likeness serve`, its jobs started through the
# JSON API, each page drawn by headless Chromium at 1280×900.
# Usage: scripts/screenshots.sh   (after `make demo`, which builds the release binary and the photos)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="${LIKENESS_BIN:-$here/.build/release/likeness}"   # LIKENESS_BIN: another build, e.g. .build/debug/likeness
photos="$cache/demo/photos"
out="$here/docs/screenshots"
[ -x "$likeness" ] && [ -d "$photos" ] || { echo "run make demo first (it builds the binary and the demo photos)" >&2; exit 1; }
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
base="http://127.0.0.1:$port"
post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$base$1"; }
finish() { curl -sfN "$base/api/v1/jobs/$1/events" > /dev/null; }
shot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
    --virtual-time-budget=4000 --screenshot="$out/$1.png" "$base$2" 2> /dev/null
  echo "docs/screenshots/$1.png  ←  $2"
}

"$likeness" serve --root "$photos" --catalog "$work/catalog.sqlite" --trash "$work/trash" --port "$port" 2> "$work/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$base/api/v1/library" > /dev/null && break; sleep 0.2; done
finish "$(post /api/v1/jobs "{\"kind\":\"dupes\",\"folders\":[\"$photos\"]}" | json "d['id']")"
finish "$(post /api/v1/jobs "{\"kind\":\"novelty\",\"reference\":\"$photos/mate\",\"query\":\"$photos/copies\",\"threshold\":0.8}" | json "d['id']")"
finish "$(post /api/v1/jobs "{\"kind\":\"cluster\",\"folders\":[\"$photos\"],\"cluster\":{\"algorithm\":\"kmeans\",\"k\":6}}" | json "d['id']")"
finish "$(post /api/v1/jobs "{\"kind\":\"sample\",\"folders\":[\"$photos\"],\"count\":20}" | json "d['id']")"
group=$(curl -sf "$base/api/v1/dupes?limit=1" | json "d['groups'][0]['id']")
image=$(curl -sf "$base/api/v1/dupes?limit=1" | json "d['groups'][0]['members'][0]['image']['id']")

shot library /
shot dupes /dupes
shot compare "/dupes/$group"
shot search "/search?image=$image"
shot novelty /novelty
shot clusters /clusters
shot calibrate /calibrate
