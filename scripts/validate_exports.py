#!/usr/bin/env python3
"""Export a folder of minutes in every format and check each export with tools
that share no code with minutegraph.

For every minutes file (and once for the whole folder) it runs
`minutegraph export` in all six formats, then:

- parses N-Triples, Turtle, N-Quads and RDF/XML with rdflib and with raptor
  (`rapper -c`), and requires both to agree on the number of triples;
- expands the JSON-LD to N-Quads with pyld (network access refused, so the
  document must carry its own context);
- requires Turtle, RDF/XML, N-Quads (graphs dropped) and JSON-LD to hold exactly
  the same triples as the N-Triples of the same input;
- renders each file's DOT with `dot -Tsvg` (Graphviz). The whole-folder graph is
  too large for a layout in reasonable time, so it is only parsed (`nop`).

Usage: validate_exports.py --bin BINARY --corpus DIR --out DIR [--files LIST] [--jobs N]
Needs rdflib and pyld (pip), rapper (raptor2-utils) and dot (graphviz).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pyld import jsonld
from rdflib import Dataset, Graph

# name given to --format, file extension, rdflib parser, rapper syntax
FORMATS = [
    ("ntriples", "nt", "nt", "ntriples"),
    ("turtle", "ttl", "turtle", "turtle"),
    ("nquads", "nq", "nquads", "nquads"),
    ("rdfxml", "rdf", "xml", "rdfxml"),
    ("jsonld", "jsonld", None, None),
    ("dot", "dot", None, None),
]
SUFFIXES = (".md", ".txt", ".markdown")
EXPORT_TIMEOUT = 120
DOT_TIMEOUT = 300
RAPPER_COUNT = re.compile(r"Parsing returned (\d+) triples")


def find_minutes(root):
    """Minutes files under root, skipping hidden folders and files, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith(".") and name.endswith(SUFFIXES):
                found.append(Path(dirpath) / name)
    return sorted(found)


def refuse_remote(url, options=None):
    raise jsonld.JsonLdError(f"remote context {url} refused: the export must be self-contained",
                             "jsonld.LoadDocumentError", code="loading document failed")


def export(binary, source, fmt, target):
    """Run the exporter; return an error message or None."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        run = subprocess.run([binary, "export", "--quiet", "--format", fmt, "-o", str(target), str(source)],
                             capture_output=True, text=True, timeout=EXPORT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"export timed out after {EXPORT_TIMEOUT}s"
    if run.returncode != 0:
        return f"export exited {run.returncode}: {run.stderr.strip()[:300]}"
    if not target.exists() or target.stat().st_size == 0:
        return "export wrote nothing"
    return None


def rapper_count(path, syntax):
    """Triples raptor reads from path; raises on any parse error or warning."""
    # Without -q, rapper reports the count on stderr; -q would hide it.
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    problems = [l for l in run.stderr.splitlines() if "Error" in l or "Warning" in l]
    if run.returncode != 0 or problems:
        raise ValueError(f"rapper -i {syntax}: " + "; ".join(problems or [run.stderr.strip()])[:300])
    match = RAPPER_COUNT.search(run.stderr)
    if not match:
        raise ValueError(f"rapper -i {syntax}: no triple count in {run.stderr.strip()[:200]!r}")
    return int(match.group(1))


def triple_set_of(path, parser):
    if parser == "nquads":
        ds = Dataset()
        ds.parse(str(path), format="nquads")
        return {(s, p, o) for s, p, o, _ in ds.quads()}
    g = Graph()
    g.parse(str(path), format=parser)
    return set(g)


def jsonld_triples(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": refuse_remote})
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    return {(s, p, o) for s, p, o, _ in ds.quads()}


def compare(label, found, reference):
    if found == reference:
        return None
    missing, extra = reference - found, found - reference
    example = next(iter(sorted(missing or extra)))
    return (f"{label} has {len(found)} triples, N-Triples {len(reference)} "
            f"({len(missing)} missing, {len(extra)} extra; e.g. {'missing' if missing else 'extra'} "
            f"{' '.join(t.n3() for t in example)})")


def check_dot(path, render):
    cmd = ["dot", "-Tsvg", "-o", os.devnull, str(path)] if render else ["nop", str(path)]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=DOT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ValueError(f"{cmd[0]} timed out after {DOT_TIMEOUT}s")
    if run.returncode != 0 or "Error" in run.stderr or "syntax error" in run.stderr:
        raise ValueError(f"{cmd[0]} exited {run.returncode}: {run.stderr.strip()[:300]}")
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if "->" in line)


def validate(binary, source, stem, render_dot=True):
    """Export source in every format under stem.* and check each output.

    Returns {format: (count, error or None)}; count is triples, or edges for DOT."""
    results = {}
    paths = {}
    for fmt, ext, _, _ in FORMATS:
        paths[fmt] = Path(f"{stem}.{ext}")
        err = export(binary, source, fmt, paths[fmt])
        if err:
            results[fmt] = (0, err)
    reference = None
    if "ntriples" not in results:
        try:
            reference = triple_set_of(paths["ntriples"], "nt")
            raptor = rapper_count(paths["ntriples"], "ntriples")
            if raptor != len(reference):
                raise ValueError(f"rapper counts {raptor} triples, rdflib {len(reference)}")
            results["ntriples"] = (len(reference), None)
        except Exception as e:  # any parser failure is a finding, not a crash
            results["ntriples"] = (0, f"{type(e).__name__}: {e}")
            reference = None
    for fmt, _, parser, syntax in FORMATS[1:4]:
        if fmt in results:
            continue
        try:
            found = triple_set_of(paths[fmt], parser)
            raptor = rapper_count(paths[fmt], syntax)
            # N-Quads may repeat a triple in several graphs; raptor counts every quad.
            if fmt != "nquads" and raptor != len(found):
                raise ValueError(f"rapper counts {raptor} triples, rdflib {len(found)}")
            if fmt == "nquads" and raptor < len(found):
                raise ValueError(f"rapper counts {raptor} quads, fewer than {len(found)} distinct triples")
            err = compare(fmt, found, reference) if reference is not None else "no N-Triples to compare with"
            results[fmt] = (len(found), err)
        except Exception as e:
            results[fmt] = (0, f"{type(e).__name__}: {e}")
    if "jsonld" not in results:
        try:
            found = jsonld_triples(paths["jsonld"])
            err = compare("JSON-LD (pyld)", found, reference) if reference is not None else "no N-Triples to compare with"
            results["jsonld"] = (len(found), err)
        except Exception as e:
            results["jsonld"] = (0, f"{type(e).__name__}: {e}")
    if "dot" not in results:
        try:
            results["dot"] = (check_dot(paths["dot"], render_dot), None)
        except Exception as e:
            results["dot"] = (0, f"{type(e).__name__}: {e}")
    return results


def validate_file(job):
    binary, source, stem = job
    return str(source), validate(binary, source, stem)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the minutegraph binary")
    ap.add_argument("--corpus", required=True, help="folder of minutes")
    ap.add_argument("--out", required=True, help="folder for the exports")
    ap.add_argument("--files", help="file listing the minutes to check, one path a line (default: walk --corpus)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=20, help="failures to print")
    args = ap.parse_args()

    binary = str(Path(args.bin).resolve())
    corpus = Path(args.corpus).resolve()
    out = Path(args.out).resolve()
    if args.files:
        with open(args.files, encoding="utf-8") as f:
            files = [Path(line.rstrip("\n")).resolve() for line in f if line.strip()]
    else:
        files = find_minutes(corpus)
    if not files:
        print(f"no minutes files under {corpus}", file=sys.stderr)
        return 2

    started = time.monotonic()
    jobs = [(binary, f, out / "files" / f.relative_to(corpus)) for f in files]
    per_file = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        # The whole-folder check is the longest single task: start it first so it
        # overlaps with the per-file checks instead of running after them.
        folder_job = pool.submit(validate, binary, corpus, out / "folder" / "all", False)
        for source, results in pool.map(validate_file, jobs, chunksize=4):
            per_file[source] = results
        folder = folder_job.result()
    total_time = time.monotonic() - started

    failures = []
    print(f"\nPer file ({len(files)} files under {corpus}; {total_time:.0f}s in all on {args.jobs} workers):\n")
    print(f"{'format':<10} {'files':>6} {'triples':>9} {'errors':>7}")
    for fmt, *_ in FORMATS:
        rows = [(src, r[fmt]) for src, r in per_file.items()]
        total = sum(count for _, (count, _) in rows)
        errors = [(src, err) for src, (_, err) in rows if err]
        failures += [(fmt, src, err) for src, err in errors]
        shown = f"{total} edges" if fmt == "dot" else str(total)
        print(f"{fmt:<10} {len(rows):>6} {shown:>9} {len(errors):>7}")

    print("\nWhole folder (one export per format; DOT parsed, not laid out):\n")
    print(f"{'format':<10} {'triples':>9} {'errors':>7}")
    for fmt, *_ in FORMATS:
        count, err = folder[fmt]
        if err:
            failures.append((fmt, f"{corpus} (whole folder)", err))
        shown = f"{count} edges" if fmt == "dot" else str(count)
        print(f"{fmt:<10} {shown:>9} {1 if err else 0:>7}")

    if failures:
        print(f"\n{len(failures)} failures; the first {min(args.show, len(failures))}:", file=sys.stderr)
        for fmt, src, err in failures[: args.show]:
            print(f"  {fmt}: {src}: {' '.join(err.split())}", file=sys.stderr)
        return 1
    print("\nall exports valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
