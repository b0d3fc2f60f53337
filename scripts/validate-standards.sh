#!/usr/bin/env bash
# Export a folder of minutes in every format (the whole folder once, plus a
# sample of single files) and prove each export standards-grade with
# independent tools: rapper and rdflib (N-Triples, Turtle, TriG, N-Quads,
# RDF/XML), jsonld.js in safe mode and pyld (JSON-LD, compared with the N-Quads
# after RDF canonicalisation), pyshacl (schema/shapes.ttl, plus a broken graph
# per shape), python jsonschema (schema/export.schema.json), NetworkX (GraphML),
# Python's csv module (CSV) and Graphviz (DOT views). Prints a table of errors
# per format and tool and exits non-zero on any error.
#
#   scripts/validate-standards.sh BINARY CORPUS_DIR OUT_DIR [--sample N] [--jobs N]
#
# Needs rapper (raptor2-utils), dot and nop (graphviz), node with the npm
# package jsonld (node_modules/ here or NODE_PATH), and a Python with rdflib,
# pyld, pyshacl, networkx and jsonschema: $PYTHON if set, else .venv/bin/python
# of this repository, else python3. See validate_standards.py for the details.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 BINARY CORPUS_DIR OUT_DIR [--sample N] [--jobs N]" >&2
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
for tool in rapper dot nop node; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if command -v node >/dev/null && ! (cd "$here" && node -e "require('jsonld')" 2>/dev/null); then
    missing+=("npm package jsonld")
fi
"$python" -c 'import rdflib, pyld, pyshacl, networkx, jsonschema' 2>/dev/null ||
    missing+=("rdflib/pyld/pyshacl/networkx/jsonschema for $python")
[ -x "$binary" ] || missing+=("executable $binary")
[ -d "$corpus" ] || missing+=("folder $corpus")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'validate-standards: missing: %s\n' "${missing[@]}" >&2
    exit 2
fi

mkdir -p "$out"
exec "$python" "$here/validate_standards.py" --bin "$binary" --corpus "$corpus" --out "$out" "$@"
