#!/usr/bin/env bash
# Export every minutes file under a folder (and the whole folder at once) in all
# formats, and validate the exports with independent tools: raptor and rdflib for
# RDF syntaxes, pyld for JSON-LD, Graphviz for DOT. Prints a summary table and
# exits non-zero on any failure.
#
#   scripts/validate-exports.sh BINARY CORPUS_DIR OUT_DIR [--full | --sample N]
#
# Every file is checked in N-Triples, Turtle, RDF/XML and JSON-LD; N-Quads, DOT
# layout and raptor per file only for a sample unless --full (see
# validate_exports.py). The whole-folder exports get every check.
# Needs rapper (raptor2-utils), dot and nop (graphviz), and a Python with rdflib
# and pyld: $PYTHON if set, else .venv/bin/python of this repository, else python3.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 BINARY CORPUS_DIR OUT_DIR [--full | --sample N]" >&2
    exit 2
fi
binary=$1
corpus=$2
out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

python=${PYTHON:-}
if [ -z "$python" ]; then
    if [ -x "$here/../.venv/bin/python" ]; then
        python="$here/../.venv/bin/python"
    else
        python=python3
    fi
fi

missing=()
for tool in rapper dot nop; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
"$python" -c 'import rdflib, pyld' 2>/dev/null || missing+=("rdflib/pyld for $python")
[ -x "$binary" ] || missing+=("executable $binary")
[ -d "$corpus" ] || missing+=("folder $corpus")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'validate-exports: missing: %s\n' "${missing[@]}" >&2
    exit 2
fi

mkdir -p "$out"
# Minutes files, skipping hidden folders (and hidden files such as .authors.yml).
find "$corpus" -mindepth 1 -name '.*' -prune -o -type f \
    \( -name '*.md' -o -name '*.txt' -o -name '*.markdown' \) -print |
    LC_ALL=C sort >"$out/files.txt"

exec "$python" "$here/validate_exports.py" --bin "$binary" --corpus "$corpus" --out "$out" --files "$out/files.txt" "$@"
