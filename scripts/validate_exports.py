#!/usr/bin/env python3
"""Export a folder of minutes in every format and check each export with tools
that share no code with minutegraph.

It runs `minutegraph export` once for the whole folder and once per minutes
file, then:

- parses N-Triples, Turtle, N-Quads and RDF/XML with rdflib, and counts their
  triples with raptor (`rapper -c`), which must agree;
- expands the JSON-LD to N-Quads with pyld (network access refused, so the
  document must carry its own context);
- requires Turtle, RDF/XML, N-Quads (graphs dropped) and JSON-LD to hold exactly
  the same triples as the N-Triples of the same input;
- renders DOT with `dot -Tsvg` (Graphviz).

Every file is exported and checked with rdflib and pyld in N-Triples, Turtle,
RDF/XML and JSON-LD. Starting the exporter once per file and format is most of
the cost, so N-Quads, DOT, raptor and the DOT layout are per file only for a
spread sample (--sample N, or --full for all); the whole-folder exports pass
every file's content through every writer and get every check, except that
their DOT is too large to lay out and is only parsed (`nop`).

Usage: validate_exports.py --bin BINARY --corpus DIR --out DIR [--files LIST]
       [--sample N | --full] [--jobs N]
Needs rdflib and pyld (pip), rapper (raptor2-utils), dot and nop (graphviz).
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
ALL_FORMATS = {f[0] for f in FORMATS}
# Checked for every file; the rest (and raptor, and DOT layout) for a sample
# unless --full. The whole-folder exports carry the content of every file
# through every writer, so the sample loses little.
EVERY_FILE_FORMATS = {"ntriples", "turtle", "rdfxml", "jsonld"}
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
        run = subprocess.run([binary, "export", "--format", fmt, "-o", str(target), str(source)],
                             capture_output=True, text=True, timeout=EXPORT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"export timed out after {EXPORT_TIMEOUT}s"
    if run.returncode != 0:
        return f"export exited {run.returncode}: {run.stderr.strip()[:300]}"
    if not target.exists():
        return "export wrote nothing"
    if target.stat().st_size == 0 and "not read as minutes" not in run.stderr:
        return "export wrote nothing, and said of no file that it is not minutes"
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


def validate(binary, source, stem, formats, raptor, dot_mode):
    """Export source in the given formats under stem.* and check each output.

    raptor: also count triples with rapper; dot_mode: "svg" renders with dot,
    "nop" only parses. Returns {format: (count, error or None)}; count is triples,
    or edges for DOT."""
    results = {}
    paths = {}
    for fmt, ext, _, _ in FORMATS:
        if fmt in formats:
            paths[fmt] = Path(f"{stem}.{ext}")
            err = export(binary, source, fmt, paths[fmt])
            if err:
                results[fmt] = (0, err)
    reference = None
    if "ntriples" not in results:
        try:
            reference = triple_set_of(paths["ntriples"], "nt")
            if raptor:
                count = rapper_count(paths["ntriples"], "ntriples")
                if count != len(reference):
                    raise ValueError(f"rapper counts {count} triples, rdflib {len(reference)}")
            results["ntriples"] = (len(reference), None)
        except Exception as e:  # any parser failure is a finding, not a crash
            results["ntriples"] = (0, f"{type(e).__name__}: {e}")
            reference = None
    for fmt, _, parser, syntax in FORMATS[1:4]:
        if fmt in results or fmt not in formats:
            continue
        try:
            found = triple_set_of(paths[fmt], parser)
            if raptor:
                count = rapper_count(paths[fmt], syntax)
                # N-Quads may repeat a triple in several graphs; raptor counts every quad.
                if fmt != "nquads" and count != len(found):
                    raise ValueError(f"rapper counts {count} triples, rdflib {len(found)}")
                if fmt == "nquads" and count < len(found):
                    raise ValueError(f"rapper counts {count} quads, fewer than {len(found)} distinct triples")
            err = compare(fmt, found, reference) if reference is not None else "no N-Triples to compare with"
            results[fmt] = (len(found), err)
        except Exception as e:
            results[fmt] = (0, f"{type(e).__name__}: {e}")
    if "jsonld" in formats and "jsonld" not in results:
        try:
            found = jsonld_triples(paths["jsonld"])
            err = compare("JSON-LD (pyld)", found, reference) if reference is not None else "no N-Triples to compare with"
            results["jsonld"] = (len(found), err)
        except Exception as e:
            results["jsonld"] = (0, f"{type(e).__name__}: {e}")
    if "dot" in formats and "dot" not in results:
        try:
            results["dot"] = (check_dot(paths["dot"], dot_mode == "svg"), None)
        except Exception as e:
            results["dot"] = (0, f"{type(e).__name__}: {e}")
    return results


def validate_file(job):
    binary, source, stem, sampled = job
    formats = ALL_FORMATS if sampled else EVERY_FILE_FORMATS
    return str(source), validate(binary, source, stem, formats, raptor=sampled, dot_mode="svg")


def pick_sample(files, size):
    """Every k-th file, so that about `size` files spread over all folders, plus
    the three largest (the slowest to lay out and the most varied)."""
    if size >= len(files):
        return set(files)
    step = len(files) / max(size - 3, 1)
    chosen = {files[int(i * step)] for i in range(max(size - 3, 1))}
    chosen.update(sorted(files, key=lambda f: f.stat().st_size)[-3:])
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the minutegraph binary")
    ap.add_argument("--corpus", required=True, help="folder of minutes")
    ap.add_argument("--out", required=True, help="folder for the exports")
    ap.add_argument("--files", help="file listing the minutes to check, one path a line (default: walk --corpus)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sample", type=int, default=120,
                    help="files also checked in N-Quads and DOT, with raptor and a DOT layout (default 120)")
    ap.add_argument("--full", action="store_true", help="check every file in every way (slow)")
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

    sample = set(files) if args.full else pick_sample(files, args.sample)
    started = time.monotonic()
    jobs = [(binary, f, out / "files" / f.relative_to(corpus), f in sample) for f in files]
    per_file = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        # The whole-folder check is the longest single task: start it first so it
        # overlaps with the per-file checks instead of running after them. Its DOT
        # is far too large to lay out, so it is only parsed.
        folder_job = pool.submit(validate, binary, corpus, out / "folder" / "all", ALL_FORMATS, True, "nop")
        for source, results in pool.map(validate_file, jobs, chunksize=4):
            per_file[source] = results
        folder = folder_job.result()
    total_time = time.monotonic() - started

    failures = []
    print(f"\nPer file ({len(files)} files under {corpus}; {len(sample)} also with raptor, "
          f"N-Quads and DOT layout; {total_time:.0f}s in all on {args.jobs} workers):\n")
    print(f"{'format':<10} {'files':>6} {'triples':>9} {'errors':>7}")
    for fmt, *_ in FORMATS:
        rows = [(src, r[fmt]) for src, r in per_file.items() if fmt in r]
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
