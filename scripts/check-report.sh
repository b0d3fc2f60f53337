#!/usr/bin/env bash
# Build `minutegraph report` sites and check them as a reader would get them:
# every page valid HTML (html5lib, scripts/validate_html.py; the standalone
# `timeline --format html` page too), then pages loaded
# from file:// in headless Chromium, whose rendered DOM must show the chart,
# the meeting count, topic links and each meeting's diagram. A screenshot of
# each overview is left in the output folder for a person to look at.
#
#   scripts/check-report.sh BINARY OUT_DIR [MINUTES_DIR...]
#
# MINUTES_DIR defaults to examples/minutes and ../shared/corpus/ossf-tac (or
# $MINUTEGRAPH_SHARED/corpus/ossf-tac) when it is there. Needs chromium and a
# Python with html5lib: $PYTHON if set, else .venv/bin/python, else python3.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 BINARY OUT_DIR [MINUTES_DIR...]" >&2
    exit 2
fi
binary=$1
out=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${MINUTEGRAPH_SHARED:-$repo/../shared}

python=${PYTHON:-}
if [ -z "$python" ]; then
    if [ -x "$repo/.venv/bin/python" ]; then python="$repo/.venv/bin/python"; else python=python3; fi
fi
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium is not installed" >&2; exit 2; }
"$python" -c 'import html5lib' 2>/dev/null || { echo "html5lib missing for $python" >&2; exit 2; }

inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
    inputs=("$repo/examples/minutes")
    [ -d "$shared/corpus/ossf-tac" ] && inputs+=("$shared/corpus/ossf-tac")
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/minutegraph-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT

# browse MODE URL [ARG]: Chromium without network, sync, updates or a GPU.
browse() {
    local mode=$1 url=$2
    shift 2
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1280,1600 --hide-scrollbars \
        "$mode" "$@" "$url" 2>>"$out/chromium.log"
}

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

expect() { # expect FILE TEXT WHAT
    grep -qF -- "$2" "$1" || fail "$3 (no '$2' in $1)"
}

for input in "${inputs[@]}"; do
    name=$(basename "$input")
    site="$out/$name"
    started=$SECONDS
    "$binary" report "$input" -o "$site" --force -q
    pages=$(find "$site" -name '*.html' | wc -l)
    meetings=$(find "$site/meeting" -name '*.html' | wc -l)
    echo "$name: $pages pages, $(du -sk "$site" | cut -f1) KiB, built in $((SECONDS - started))s"

    "$python" "$here/validate_html.py" "$site"

    dom="$out/$name.index.dom.html"
    browse --dump-dom "file://$site/index.html" >"$dom"
    expect "$dom" '<svg' "$name: overview has no chart"
    expect "$dom" '<rect class="bar"' "$name: chart has no bars"
    expect "$dom" "<span class=\"value\">$meetings</span> <span class=\"label\">meetings</span>" \
        "$name: overview does not count $meetings meetings"
    expect "$dom" 'href="topic/' "$name: overview links no topic"

    # awk reads all of sort's output; `head -1` would leave sort to die of
    # SIGPIPE (a failure under pipefail) when the list outgrows one write.
    first_meeting=$(find "$site/meeting" -name '*.html' | sort | awk 'NR == 1')
    dom="$out/$name.meeting.dom.html"
    browse --dump-dom "file://$first_meeting" >"$dom"
    expect "$dom" 'id="agenda"' "$name: meeting page has no agenda"
    grep -qE '<img src="[^"]+\.svg"|<svg ' "$dom" || fail "$name: meeting page has no diagram"
    expect "$dom" 'href="../index.html"' "$name: meeting page has no way back"

    browse --screenshot="$out/$name.overview.png" "file://$site/index.html" >/dev/null
    [ -s "$out/$name.overview.png" ] || fail "$name: no screenshot"
    echo "$name: rendered in Chromium; screenshot $out/$name.overview.png ($((SECONDS - started))s)"
done
# The timeline's standalone page comes from the same templates.
mkdir -p "$out/timeline"
"$binary" timeline "$repo/examples/minutes" --service keycloak -f html -q >"$out/timeline/keycloak.html"
"$python" "$here/validate_html.py" "$out/timeline"
echo "report sites: ${#inputs[@]} checked"
