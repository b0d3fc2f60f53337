#!/usr/bin/env bash
# Times the extraction cache: a cold export of the shared corpora without the
# cache and with an empty one, a warm export, a warm export after one file's
# contents changed, and `timeline` on 1,000 files just exported, cold and warm.
# The corpora are copied to a temporary folder (one file there is changed) with
# the cache beside them; both are removed afterwards.
#
#   bench/incremental.sh [SHARED_DIR]      (default: ../shared; MG=path picks the binary)
#
# Prints, per step: CPU seconds, wall seconds, peak RSS, and the cache's count
# of hits and misses; then the cache's size. Checks that every warm output is
# the same bytes as the cold one. Never run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="$(cd "${1:-../shared}" && pwd)"
mg="$(pwd)/${MG:-${CARGO_TARGET_DIR:-target}/release/minutegraph}"
[ -x "$mg" ] || cargo build --release --quiet --bin minutegraph
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$shared/corpus" "$shared/corpus-wide" "$tmp/"
cd "$tmp"
# The first 1,000 minutes files in path order (ethpm, i2p and ipfs).
mkdir sub1000
find corpus corpus-wide -type f \( -name '*.md' -o -name '*.txt' -o -name '*.log' \) |
  LC_ALL=C sort > files
head -1000 files | xargs -d '\n' cp --parents -t sub1000
changed=corpus/seeds/$(LC_ALL=C ls corpus/seeds | head -1)

measure() { # label, output file, command...
  local label="$1" out="$2"; shift 2
  /usr/bin/time -f "%U %S %e %M" -o time "$@" -v > "$out" 2> err || true
  read -r user sys wall rss < time
  local counts
  counts=$(sed -n 's/^minutegraph: cache: \([^(]*\) (.*/\1/p' err)
  printf '%-44s %7.2f %7.2f %8.0f  %s\n' "$label" "$(awk "BEGIN { print $user + $sys }")" \
    "$wall" "$((rss / 1024))" "${counts:--}"
  grep -v '^minutegraph: cache: ' err > "$out.err"
}

same() { # a, b
  cmp -s "$1" "$2" && cmp -s "$1.err" "$2.err" || { echo "DIFFERENT: $1 $2" >&2; exit 1; }
}

export MINUTEGRAPH_CACHE_DIR="$tmp/cache"
both="corpus corpus-wide"
printf '%-44s %7s %7s %8s  %s\n' "step" "CPU s" "wall s" "RSS MB" "cache"
# shellcheck disable=SC2086
{
  measure "export, --no-cache" nocache.ttl "$mg" export --format turtle --no-cache $both
  measure "export, empty cache (cold)" cold.ttl "$mg" export --format turtle $both
  measure "export, warm" warm.ttl "$mg" export --format turtle $both
  same nocache.ttl cold.ttl
  same cold.ttl warm.ttl
  echo "- Decision: one more line in one file" >> "$changed"
  measure "export, --no-cache, one file changed" changed-cold.ttl "$mg" export --format turtle --no-cache $both
  measure "export, warm, one file changed" changed-warm.ttl "$mg" export --format turtle $both
  same changed-cold.ttl changed-warm.ttl
  measure "stats, warm" stats.md "$mg" stats $both
  measure "timeline --topic Demos, 1,000 files, --no-cache" timeline-cold.md "$mg" timeline --topic Demos --no-cache sub1000
  measure "export, 1,000 files (fills the cache)" sub.ttl "$mg" export --format turtle sub1000
  measure "timeline --topic Demos, 1,000 files, warm" timeline-warm.md "$mg" timeline --topic Demos sub1000
  same timeline-cold.md timeline-warm.md
}
"$mg" cache info
echo "minutes: $(du -sh corpus corpus-wide | awk '{ print $1 }' | paste -sd+)"
