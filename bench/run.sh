#!/usr/bin/env bash
# Times the release binary as a whole process against the floor (read + CommonMark
# parse of the same files on all cores), in the same run.
#
#   bench/run.sh [SHARED_DIR]          the shared corpora (default: ../shared)
#   bench/run.sh --generated [DIR]     generated corpora (default DIR: target/gen-corpus)
#
# The shared run prints, per corpus and command: CPU seconds, wall seconds, peak
# RSS and the CPU ratio to the floor. The generated run writes corpora with
# examples/gen_corpus (GEN_FILES, default "10000 100000"; GEN_SEED, default 1)
# into DIR/files-N-seed-S, reuses one whose stamp says it came from the same
# count, seed and generator source, and prints files, MB, files/s, MB/s, CPU s,
# wall s, peak RSS and the CPU ratio to the floor for `export --format turtle`
# and `stats`. At about 1 MB/s the 100,000 files (900 MB) take some 15 minutes
# of CPU per command and many GB of memory; GEN_FILES=10000 runs only the small
# corpus. Runs are cold (`--no-cache`); the cache's own timings are in
# BENCHMARKS.md, "Incremental runs". Never run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
mg="$target/release/minutegraph"
floor="$target/release/examples/floor"
gen="$target/release/examples/gen_corpus"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%U %S %e %M" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || true
  read -r user sys wall rss < "$tmp/time"
  cpu=$(awk "BEGIN { print $user + $sys }")
  echo "$label $cpu $wall $rss"
}

shared() { # SHARED_DIR
  local shared="$1"
  cargo build --release --quiet --bin minutegraph --example floor
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
}

# What a generated corpus depends on: count, seed and the generator's source.
stamp() { # FILES SEED
  # shellcheck disable=SC2046
  echo "files=$1 seed=$2 source=$(cat examples/gen_corpus/main.rs \
    $(find examples/gen_corpus/generate -name '*.rs' | sort) | sha256sum | cut -c1-16)"
}

row() { # label cpu wall rss ratio, with $count files and $mb MB
  local fps mbs
  fps=$(awk "BEGIN { printf \"%.0f\", $count / ($3 > 0 ? $3 : 0.01) }")
  mbs=$(awk "BEGIN { printf \"%.2f\", $mb / ($3 > 0 ? $3 : 0.01) }")
  printf '%-24s %8s %8s %9.2f %8.2f %8.0f %8s\n' "$1" "$fps" "$mbs" "$2" "$3" "$(($4 / 1024))" "$5"
}

generated() { # DIR
  local root="$1" seed="${GEN_SEED:-1}"
  cargo build --release --quiet --bin minutegraph --example floor --example gen_corpus
  mkdir -p "$root"
  for files in ${GEN_FILES:-10000 100000}; do
    local dir="$root/files-$files-seed-$seed"
    local want; want=$(stamp "$files" "$seed")
    if [ -f "$dir.stamp" ] && [ "$(cat "$dir.stamp")" = "$want" ]; then
      echo "reusing $dir"
    else
      rm -rf "$dir" "$dir.stamp"
      /usr/bin/time -f "generated in %e s wall, %U s user, %S s system, peak RSS %M KB" \
        "$gen" --files "$files" --seed "$seed" --out "$dir"
      echo "$want" > "$dir.stamp"
    fi
    count=$(find "$dir" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.log' \) | wc -l)
    bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
    mb=$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")
    echo "$dir: $count files, $mb MB"
    printf '%-24s %8s %8s %9s %8s %8s %8s\n' "command" "files/s" "MB/s" "CPU s" "wall s" "RSS MB" "x floor"
    read -r _ fcpu fwall frss < <(measure floor "$floor" "$dir")
    row "floor" "$fcpu" "$fwall" "$frss" 1
    for cmd in "export --format turtle" "stats"; do
      # shellcheck disable=SC2086
      read -r _ cpu wall rss < <(measure run $mg $cmd --no-cache "$dir")
      ratio=$(awk "BEGIN { printf \"%.0f\", $cpu / ($fcpu > 0 ? $fcpu : 0.01) }")
      row "$cmd" "$cpu" "$wall" "$rss" "$ratio"
    done
  done
}

if [ "${1:-}" = "--generated" ]; then
  generated "${2:-$target/gen-corpus}"
else
  shared "${1:-../shared}"
fi
