#!/usr/bin/env python3
"""Prove the exports standards-grade with independent tools.

Exports the whole corpus once per format (and DOT view), plus a spread sample
of single files, then checks every export with tools that share no code with
minutegraph:

- N-Triples, Turtle, TriG, N-Quads, RDF/XML: rdflib and raptor (`rapper -c`)
  both parse them and agree on the count; Turtle and RDF/XML hold exactly the
  N-Triples triples; N-Quads and TriG hold the same quads, whose union is the
  N-Triples;
- JSON-LD: jsonld.js (safe mode) and pyld convert it to RDF, and its canonical
  form (RDFC-1.0 / URDNA2015) is byte-identical to that of the N-Quads;
- SHACL: pyshacl validates the N-Triples against schema/shapes.ttl, and
  scripts/shacl_cases.py shows every shape catching its broken graphs;
- JSON Schema: the JSON-LD against schema/export.schema.json (python jsonschema);
- GraphML: NetworkX reads it, with as many nodes and edges as the CSV tables;
- CSV: Python's csv module reads nodes.csv and edges.csv in strict mode;
- DOT: Graphviz renders (`dot -Tsvg`) the full and topics views of the whole
  corpus and all three views of every sampled file, and parses (`nop`) the
  meeting view of the whole corpus.

Prints a table (format, exports checked, statements in the whole-corpus
export, errors per tool) and exits 1 on any error.

Usage: validate_standards.py --bin BINARY --corpus DIR --out DIR [--sample N]
       [--jobs N]
"""
import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import standards_checks as checks

HERE = Path(__file__).resolve().parent
# row name, --format, extension (None: a folder), DOT view
EXPORTS = [
    ("ntriples", "ntriples", "nt", None),
    ("turtle", "turtle", "ttl", None),
    ("trig", "trig", "trig", None),
    ("nquads", "nquads", "nq", None),
    ("rdfxml", "rdfxml", "rdf", None),
    ("jsonld", "jsonld", "jsonld", None),
    ("graphml", "graphml", "graphml", None),
    ("csv", "csv", None, None),
    ("dot full", "dot", "full.dot", "full"),
    ("dot topics", "dot", "topics.dot", "topics"),
    ("dot meeting", "dot", "meeting.dot", "meeting"),
]
RDF = {"ntriples": ("nt", "ntriples"), "turtle": ("turtle", "turtle"), "trig": ("trig", "trig"),
       "nquads": ("nquads", "nquads"), "rdfxml": ("xml", "rdfxml")}
TOOLS = ["rapper", "rdflib", "pyld", "jsonld.js", "pyshacl", "jsonschema", "networkx", "csv", "dot"]
SUFFIXES = (".md", ".txt", ".markdown")
EXPORT_TIMEOUT = 300
DOT_TIMEOUT = 300


def find_minutes(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / n for n in filenames if not n.startswith(".") and n.endswith(SUFFIXES)]
    return sorted(found)


def pick_sample(files, size):
    """Every k-th file, so the sample spreads over all folders, plus the three largest."""
    if size >= len(files):
        return list(files)
    step = len(files) / max(size - 3, 1)
    chosen = {files[int(i * step)] for i in range(max(size - 3, 1))}
    chosen.update(sorted(files, key=lambda f: (f.stat().st_size, f))[-3:])
    return sorted(chosen)


def export(job):
    binary, source, fmt, target, view = job
    target.parent.mkdir(parents=True, exist_ok=True)
    cmd = [binary, "export", "--quiet", "--format", fmt, "-o", str(target), str(source)]
    if view:
        cmd += ["--view", view]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=EXPORT_TIMEOUT)
    if run.returncode != 0:
        return f"export {fmt} {view or ''} exited {run.returncode}: {run.stderr.strip()[:300]}"
    return None


class Run:
    """Exports of one input (the whole corpus, or one file) and their findings."""

    def __init__(self, label, source, stem, corpus_path):
        self.label, self.source, self.stem = label, source, stem
        self.corpus_path = corpus_path  # the file relative to the corpus; None for the whole corpus
        self.paths = {row: Path(f"{stem}.{ext}") if ext else Path(f"{stem}.csv.d") for row, _, ext, _ in EXPORTS}
        self.values = {}  # (row, tool) -> value
        self.errors = []  # (row, tool, message)

    def fail(self, row, tool, message):
        self.errors.append((row, tool, message))


def plan_checks(run, shapes, schema):
    """(run, row, tool, function, args) for every check of one run's exports;
    each function returns {tool: value}, and a failure counts against `tool`."""
    p, whole = run.paths, run.corpus_path is None
    tasks = [
        (run, "ntriples", "rdflib", checks.ntriples_and_shapes, (p["ntriples"], shapes)),
        (run, "nquads", "rdflib", checks.nquads_and_canonical, (p["nquads"], p["jsonld"])),
        (run, "jsonld", "jsonschema", checks.json_schema_violations, (p["jsonld"], schema)),
        (run, "graphml", "networkx", checks.networkx_counts, (p["graphml"],)),
        (run, "csv", "csv", checks.csv_counts, (p["csv"],)),
    ]
    for row, (parser, syntax) in RDF.items():
        if row not in ("ntriples", "nquads"):
            tasks.append((run, row, "rdflib", checks.rdflib_read, (p[row], parser)))
        tasks.append((run, row, "rapper", checks.rapper_count, (p[row], syntax)))
    for row in ("dot full", "dot topics", "dot meeting"):
        render = not (whole and row == "dot meeting")
        tasks.append((run, row, "dot", checks.dot_render, (p[row], DOT_TIMEOUT, render)))
    return tasks


def jsonld_js(runs, out):
    """jsonld.js over every run's JSON-LD at once: {doc path: (quads, error)}."""
    pairs = out / "jsonld-pairs.tsv"
    pairs.write_text("".join(f"{r.paths['jsonld']}\t{r.paths['nquads']}\n" for r in runs), encoding="utf-8")
    proc = subprocess.run(["node", str(HERE / "jsonld_canon.js"), str(pairs)], capture_output=True, text=True)
    results = {}
    for line in proc.stdout.splitlines():
        item = json.loads(line)
        results[item["doc"]] = (item["quads"], item["error"])
    if proc.returncode != 0:
        results["*"] = (0, f"jsonld_canon.js exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    return results


def compare(run):
    """Cross-format comparisons of one run, once every check has a value."""
    v = run.values
    ref = v.get(("ntriples", "rdflib"))
    for row in RDF:
        got, count = v.get((row, "rdflib")), v.get((row, "rapper"))
        if got is None:
            continue
        if count is not None and count != got[0]:
            run.fail(row, "rapper", f"rapper counts {count} statements, rdflib {got[0]}")
        if ref is None or row == "ntriples":
            continue
        if got[1] != ref[1]:
            run.fail(row, "rdflib", f"its triples differ from the N-Triples ({got[0]} statements, N-Triples {ref[0]})")
    nq, trig = v.get(("nquads", "rdflib")), v.get(("trig", "rdflib"))
    if nq and trig and nq[2] != trig[2]:
        run.fail("trig", "rdflib", f"its quads differ from the N-Quads ({trig[0]} vs {nq[0]})")
    for tool in ("pyld", "jsonld.js"):
        quads = v.get(("jsonld", tool))
        if nq and quads is not None and quads != nq[0]:
            run.fail("jsonld", tool, f"{quads} canonical quads, N-Quads has {nq[0]}")
    graphml, tables = v.get(("graphml", "networkx")), v.get(("csv", "csv"))
    if graphml and tables and graphml != tables:
        run.fail("graphml", "networkx", f"{graphml} nodes/edges, the CSV tables {tables}")


# The row a tool's findings are shown in, when it is not the row of its task.
TOOL_ROW = {"pyld": "jsonld", "pyshacl": "ntriples"}


def record(run, row, found):
    """Store the values of one task; SHACL and JSON Schema findings become errors."""
    for tool, value in found.items():
        row = TOOL_ROW.get(tool, row)
        if isinstance(value, checks.Failure):
            run.fail(row, tool, value.message)
            continue
        if tool in ("pyshacl", "jsonschema"):
            for node, sources, message in value:
                text = f"{node}: {message}" + (f" [{', '.join(sources)}]" if sources else "")
                run.fail(row, tool, text)
            value = len(value)
        run.values[(row, tool)] = value


def statements(run, row):
    v = run.values
    if row in RDF:
        return str(v.get((row, "rdflib"), (0,))[0])
    if row == "jsonld":
        return str(v.get(("jsonld", "jsonld.js"), v.get(("jsonld", "pyld"), 0)))
    if row in ("graphml", "csv"):
        counts = v.get((row, "networkx" if row == "graphml" else "csv"), (0, 0))
        return f"{counts[0]}n {counts[1]}e"
    if row.startswith("dot"):
        edges, took = v.get((row, "dot"), (0, 0.0))
        return f"{edges}e {took:.1f}s"
    return ""


def print_table(runs, extra_rows):
    applies = {(row, tool) for r in runs for (row, tool) in r.values} | {(r, t) for r, t, _ in extra_rows}
    whole = runs[0]
    header = f"{'format':<12} {'files':>5} {'statements':>14} " + " ".join(f"{t:>10}" for t in TOOLS)
    print(header)
    print("-" * len(header))
    rows = [row for row, *_ in EXPORTS] + sorted({r for r, _, _ in extra_rows} - {row for row, *_ in EXPORTS})
    for row in rows:
        files = sum(1 for r in runs if any(k[0] == row for k in r.values)) or ""
        cells = []
        for tool in TOOLS:
            if (row, tool) not in applies:
                cells.append("-")
                continue
            errs = sum(1 for r in runs for e in r.errors if e[:2] == (row, tool))
            errs += sum(1 for r, t, ok in extra_rows if (r, t) == (row, tool) and not ok)
            cells.append(str(errs))
        print(f"{row:<12} {files:>5} {statements(whole, row):>14} " + " ".join(f"{c:>10}" for c in cells))


def timed(function, *args):
    started = time.monotonic()
    value = function(*args)
    return value, time.monotonic() - started


def export_run(binary, run, threads):
    """Every export of one run; returns the error messages."""
    jobs = [(binary, run.source, fmt, run.paths[row], view) for row, fmt, _, view in EXPORTS]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [err for err in pool.map(export, jobs) if err]


def validate_runs(runs, binary, out, jobs):
    """Export every run and check it; a run's checks start while the next run
    is exported. Returns (seconds spent exporting, the slowest checks)."""
    shapes, schema = HERE.parent / "schema" / "shapes.ttl", HERE.parent / "schema" / "export.schema.json"
    futures, exported, export_time = [], [], 0.0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for run in runs:
            errors, took = timed(export_run, binary, run, jobs)
            export_time += took
            for error in errors:
                run.fail("export", "minutegraph", error)
            if not errors:
                exported.append(run)
                tasks = plan_checks(run, shapes, schema)
                futures += [(t, pool.submit(timed, t[3], *t[4])) for t in tasks]
        js, took = timed(jsonld_js, exported, out)
        slowest = [(took, "all", "jsonld", "jsonld.js")]
        for (run, row, tool, _, _), future in futures:
            try:
                found, took = future.result()
                slowest.append((took, run.label, row, ",".join(found)))
                record(run, row, found)
            except Exception as e:  # a parser failure is a finding, not a crash
                run.fail(row, tool, f"{type(e).__name__}: {' '.join(str(e).split())[:400]}")
    for run in exported:
        quads, error = js.get(str(run.paths["jsonld"]), js.get("*", (0, "no result from jsonld_canon.js")))
        run.values[("jsonld", "jsonld.js")] = quads
        if error:
            run.fail("jsonld", "jsonld.js", error)
        compare(run)
    return export_time, sorted(slowest, reverse=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sample", type=int, default=24, help="single files exported and checked (default 24)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=25, help="errors to print")
    args = ap.parse_args()

    started = time.monotonic()
    binary, corpus, out = str(Path(args.bin).resolve()), Path(args.corpus).resolve(), Path(args.out).resolve()
    files = find_minutes(corpus)
    if not files:
        print(f"no minutes files under {corpus}", file=sys.stderr)
        return 2
    sample = pick_sample(files, args.sample)
    runs = [Run(str(corpus), corpus, out / "corpus" / "all", None)]
    for f in sample:
        rel = f.relative_to(corpus)
        runs.append(Run(str(rel), f, out / "files" / rel, rel.as_posix()))

    export_time, slowest = validate_runs(runs, binary, out, args.jobs)
    cases = subprocess.run([sys.executable, str(HERE / "shacl_cases.py")], capture_output=True, text=True)
    summary = (cases.stdout.strip().splitlines() or ["no output"])[-1]
    extra = [("shacl cases", "pyshacl", cases.returncode == 0)]
    total = time.monotonic() - started

    print(f"\n{len(files)} minutes files under {corpus}: the whole folder and {len(sample)} single files, "
          f"{len(runs) * len(EXPORTS)} exports ({export_time:.0f}s, overlapping the checks); "
          f"{total:.0f}s in all with {args.jobs} workers\n")
    print_table(runs, extra)
    print(f"\nshacl cases: {summary}")
    print("slowest checks: " + ", ".join(f"{row} ({tools}) {took:.0f}s" for took, _, row, tools in slowest[:6]))
    errors = [(r.label, *e) for r in runs for e in r.errors]
    if cases.returncode != 0:
        print(cases.stdout, file=sys.stderr)
    if errors or cases.returncode != 0:
        print(f"\n{len(errors)} errors; the first {min(args.show, len(errors))}:", file=sys.stderr)
        for label, row, tool, message in errors[: args.show]:
            print(f"  {row} / {tool}: {label}: {message}", file=sys.stderr)
        return 1
    print("\nevery export passed every validator")
    return 0


if __name__ == "__main__":
    sys.exit(main())
