#!/usr/bin/env bash
# Starts OpenLink Virtuoso and Oxigraph server on loopback, each with a new
# empty database in a temporary folder, runs check-triple-stores.py against
# both, and stops them again (also when the check fails).
#
# usage: scripts/triple-stores.sh BIN EXAMPLES CORPUS_FOLDER OXIGRAPH
#   BIN       the minutegraph binary
#   OXIGRAPH  the oxigraph command line (from the PyPI wheel)
# Virtuoso must be installed (Debian package virtuoso-opensource); PYTHON
# names the Python to run the check with (default python3).
set -euo pipefail

bin=$1 examples=$2 corpus=$3 oxigraph=$4
python=${PYTHON:-python3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/minutegraph-servers.XXXXXX")
pids=()

stop() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap stop EXIT

# wait_for URL NAME LOG: up to 60 s for URL to answer at all.
wait_for() {
    local i
    for i in $(seq 1 120); do
        if curl -s -o /dev/null "$1"; then
            return 0
        fi
        sleep 0.5
    done
    echo "$2 did not start; its log:" >&2
    tail -20 "$3" >&2 || true
    return 1
}

for port in 8890 1111 7878; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port on 127.0.0.1 is already in use; stop what listens there first" >&2
        exit 1
    fi
done

ini=/etc/virtuoso-opensource-7/virtuoso.ini
mkdir -p "$work/virtuoso"
# The package's configuration, with the database in the temporary folder and
# both ports bound to loopback only.
sed -e "s#/var/lib/virtuoso-opensource-7/db/#$work/virtuoso/#g" \
    -e 's#^ServerPort\([[:space:]]*\)=[[:space:]]*1111#ServerPort = 127.0.0.1:1111#' \
    -e 's#^ServerPort\([[:space:]]*\)=[[:space:]]*8890#ServerPort = 127.0.0.1:8890#' \
    "$ini" >"$work/virtuoso/virtuoso.ini"
(cd "$work/virtuoso" && exec virtuoso-t +configfile "$work/virtuoso/virtuoso.ini" +foreground \
    >"$work/virtuoso/out.log" 2>&1) &
pids+=($!)

"$oxigraph" serve --location "$work/oxigraph" --bind 127.0.0.1:7878 --union-default-graph \
    >"$work/oxigraph.log" 2>&1 &
pids+=($!)

wait_for http://127.0.0.1:8890/sparql Virtuoso "$work/virtuoso/out.log"
wait_for http://127.0.0.1:7878/ "Oxigraph server" "$work/oxigraph.log"
echo "Virtuoso and Oxigraph server are up on 127.0.0.1"

"$python" "$here/check-triple-stores.py" "$bin" "$examples" "$corpus" \
    "virtuoso,http://127.0.0.1:8890/sparql-graph-crud-auth,http://127.0.0.1:8890/sparql,dba:dba" \
    "oxigraph,http://127.0.0.1:7878/store,http://127.0.0.1:7878/query"
