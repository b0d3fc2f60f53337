#!/usr/bin/env bash
# Times the release binary as a whole process against the floor (read + CommonMark
# parse of the same files on all cores), in the same run, on the shared corpora.
#
#   bench/run.sh [SHARED_DIR]      (default: ../shared)
#
# Prints, per corpus and command: files, MB, CPU seconds, wall seconds, peak RSS
# and the CPU ratio to the floor. Runs are cold (`--no-cache`); the cache's own
# timings are in BENCHMARKS.md, "Incremental runs". Never run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
cargo build --release --quiet --bin minutegraph --example floor
mg=target/release/minutegraph
floor=target/release/examples/floor
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%U %S %e %M" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || true
  read -r user sys wall rss < "$tmp/time"
  cpu=$(awk "BEGIN { print $user + $sys }")
  echo "$label $cpu $wall $rss"
}

printf '%-34s %8s %8s %9s %8s\n' "corpus / command" "CPU s" "wall s" "RSS MB" "x floor"
for corpus in "$shared/corpus" "$shared/corpus-wide" "$shared/corpus $shared/corpus-wide"; do
  # shellcheck disable=SC2086
  read -r _ fcpu fwall frss < <(measure floor "$floor" $corpus)
  name=$(echo "$corpus" | sed "s|$shared/||g")
  printf '%-34s %8.2f %8.2f %9.0f %8s\n' "$name: floor" "$fcpu" "$fwall" "$((frss / 1024))" 1
  for cmd in "export --format turtle" "export --format ntriples" "export --format jsonld" "export -j 1 --format turtle" "stats"; do
    # shellcheck disable=SC2086
    read -r _ cpu wall rss < <(measure run $mg $cmd --no-cache $corpus)
    ratio=$(awk "BEGIN { printf \"%.0f\", $cpu / ($fcpu > 0 ? $fcpu : 0.01) }")
    printf '%-34s %8.2f %8.2f %9.0f %8s\n' "$name: $cmd" "$cpu" "$wall" "$((rss / 1024))" "$ratio"
  done
done
