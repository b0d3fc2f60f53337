#!/usr/bin/env bash
# Times `export --format turtle` of the release binary on generated files of one
# hostile shape each, at growing sizes, to show the time grows linearly with the
# file. The files are generated into a temporary folder and removed afterwards;
# nothing generated is committed.
#
#   bench/growth.sh [SHAPE...]     (default: all shapes; MG=path picks the binary)
#
# Shapes: item-bullets (`- item N` under an Agenda heading, 5k..1M),
# item-headings (`## Item N`, 5k..1M), decisions (`- Decision: x`, 5k..80k),
# actions (`- AI @x: y`, 5k..100k), handles (one line of `@a `, 100k..1M);
# and lists that grow with the file, 5k..80k: item-issues (`- item N (#N)`),
# task-issues (`- [ ] @userN to fix #N`), attendees (one `Present:` line of N
# names), chat (`[10:00] <nickN> action: ...`), repo-links (a link to a new
# repository per line), repo-headings (`## orgN/repoN` over a link each, 2k..8k),
# link-items (items that differ only in a link).
# Prints: shape, items, file size, wall seconds, CPU seconds, peak RSS. A run
# over 120 s is stopped and shown as such. Never run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mg="${MG:-${CARGO_TARGET_DIR:-target}/release/minutegraph}"
[ -x "$mg" ] || cargo build --release --quiet --bin minutegraph
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

header() { printf '# Call 2025-01-01\n\nAttendees: Ann Lee, Bob Ray\n\n'; }

repeat() { # n, text (`\n` ends a line)
  awk -v n="$1" -v t="$2" 'BEGIN { gsub(/\\n/, "\n", t); for (i = 0; i < n; i++) printf "%s", t }'
}

generate() { # shape, n -> file on stdout
  case "$1" in
  item-bullets) header; printf '## Agenda\n\n'; seq -f '- item %.0f' 1 "$2" ;;
  item-headings) header; printf '# Agenda\n\n'; seq -f '## Item %.0f' 1 "$2" ;;
  decisions) header; printf '## Decisions\n\n'; repeat "$2" '- Decision: x\n' ;;
  actions) header; printf '## Actions\n\n'; repeat "$2" '- AI @x: y\n' ;;
  handles) header; repeat "$2" '@a '; echo ;;
  item-issues) header; printf '## Agenda\n\n'; seq 1 "$2" | awk '{print "- item " $1 " (#" $1 ")"}' ;;
  task-issues) header; printf '## Action items\n\n'; seq 1 "$2" | awk '{print "- [ ] @user" $1 " to fix #" $1}' ;;
  attendees) header; printf 'Present: '; seq 1 "$2" | awk '{printf "Person%s Lee, ", $1}'; echo ;;
  chat) header; seq 1 "$2" | awk '{print "[10:00] <nick" $1 "> action: nick" $1 " to do " $1}' ;;
  repo-links) header; seq 1 "$2" | awk '{print "- see https://github.com/o/r" $1 "/issues/" $1}' ;;
  repo-headings) header; seq 1 "$2" | awk '{print "## org" $1 "/repo" $1 "\n\n- see #1 and https://github.com/o/r" $1 "/issues/2\n"}' ;;
  link-items) header; printf '## Agenda\n\n'; seq 1 "$2" | awk '{print "- see https://host" $1 ".example.org/page"}' ;;
  *) echo "unknown shape $1" >&2; exit 2 ;;
  esac
}

sizes() {
  case "$1" in
  item-bullets | item-headings) echo 5000 10000 20000 40000 80000 160000 320000 640000 1000000 ;;
  decisions) echo 5000 10000 20000 40000 80000 ;;
  actions) echo 5000 10000 20000 40000 80000 100000 ;;
  handles) echo 100000 200000 400000 1000000 ;;
  repo-headings) echo ${REPO_HEADINGS:-2000 4000 8000} ;;
  *) echo 5000 10000 20000 40000 80000 ;;
  esac
}

shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(item-bullets item-headings decisions actions handles item-issues
  task-issues attendees chat repo-links repo-headings link-items)
printf '%-14s %9s %10s %8s %8s %8s\n' shape items bytes "wall s" "CPU s" "RSS MB"
for shape in "${shapes[@]}"; do
  for n in $(sizes "$shape"); do
    file="$tmp/2025-01-01.md"
    generate "$shape" "$n" > "$file"
    bytes=$(stat -c %s "$file")
    if /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
      timeout 120 "$mg" export -q --no-cache --format turtle "$file" > /dev/null; then
      read -r wall user sys rss < "$tmp/time"
      cpu=$(awk "BEGIN { print $user + $sys }")
      printf '%-14s %9s %10s %8.2f %8.2f %8.0f\n' "$shape" "$n" "$bytes" "$wall" "$cpu" "$((rss / 1024))"
    else
      printf '%-14s %9s %10s %8s\n' "$shape" "$n" "$bytes" "stopped"
    fi
  done
done
