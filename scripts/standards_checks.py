"""One check per independent tool, for scripts/validate_standards.py.

Every check takes paths of exports and returns {tool: value} with plain data
(counts, digests, violations, or a Failure) so it can run in a worker process;
some parse once for two tools. None of them shares code with minutegraph. A digest is the SHA-256 of the sorted N-Triples/N-Quads lines of a
parsed graph, so two syntaxes can be compared without moving the graphs
between processes.
"""
import csv
import hashlib
import io
import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote

import validate_exports

SOURCE_SEGMENT = "source/"
MG = "https://w3id.org/minutegraph/ns#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


class Failure:
    """A check that failed inside a combined task (the other checks still count)."""

    def __init__(self, message):
        self.message = message


def _failure(e):
    return Failure(f"{type(e).__name__}: {' '.join(str(e).split())[:400]}")


def _digest(lines):
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _parse(path, parser):
    from rdflib import Dataset, Graph

    graph = Dataset() if parser in ("nquads", "trig") else Graph()
    graph.parse(str(path), format=parser)
    return graph


def _summary(graph):
    """(statements, triple digest, quad digest or None) of a parsed graph."""
    from rdflib import Dataset

    if isinstance(graph, Dataset):
        quads = [f"{s.n3()} {p.n3()} {o.n3()} {g.n3()}" for s, p, o, g in graph.quads()]
        triples = {q.rsplit(" ", 1)[0] for q in quads}
        return len(quads), _digest(triples), _digest(quads)
    return len(graph), _digest(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph), None


def rdflib_read(path, parser):
    """rdflib parses the file: {"rdflib": (statements, triple digest, quad digest or None)}."""
    return {"rdflib": _summary(_parse(path, parser))}


def ntriples_and_shapes(path, shapes_path):
    """rdflib parses the N-Triples, then pyshacl validates that graph."""
    graph = _parse(path, "nt")
    found = {"rdflib": _summary(graph)}
    try:
        found["pyshacl"] = pyshacl_violations(graph, shapes_path)
    except Exception as e:
        found["pyshacl"] = _failure(e)
    return found


def nquads_and_canonical(path, jsonld_path):
    """rdflib parses the N-Quads, then pyld compares the JSON-LD with them canonically."""
    dataset = _parse(path, "nquads")
    found = {"rdflib": _summary(dataset)}
    try:
        quads, error = pyld_canonical(jsonld_path, dataset)
        found["pyld"] = Failure(error) if error else quads
    except Exception as e:
        found["pyld"] = _failure(e)
    return found


def rapper_count(path, syntax):
    """{"rapper": statements raptor reads}; raises on any error or warning."""
    return {"rapper": validate_exports.rapper_count(path, syntax)}


def _refuse_remote(url, options=None):
    from pyld import jsonld

    raise jsonld.JsonLdError(f"remote document {url} refused: the export must be self-contained",
                             "jsonld.LoadDocumentError", code="loading document failed")


def _pyld_term(term):
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term),
               "datatype": str(term.datatype or XSD.string)}
        if term.language:
            out["datatype"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
            out["language"] = term.language
        return out
    return {"type": "blank node" if isinstance(term, BNode) else "IRI",
            "value": f"_:{term}" if isinstance(term, BNode) else str(term)}


def pyld_canonical(jsonld_path, ds):
    """pyld: the JSON-LD document and the N-Quads dataset `ds` (read by rdflib,
    because pyld's own N-Quads reader mis-reads some escapes) canonicalised
    with URDNA2015 must be identical. Returns (quads, error or None)."""
    from pyld import jsonld
    from pyld.canon import URDNA2015
    from rdflib import URIRef

    with open(jsonld_path, encoding="utf-8") as f:
        doc = json.load(f)
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _refuse_remote}
    from_jsonld = jsonld.normalize(doc, options)
    dataset = {}
    for s, p, o, g in ds.quads():
        name = str(g) if isinstance(g, URIRef) and str(g) != str(ds.default_context.identifier) else "@default"
        dataset.setdefault(name, []).append(
            {"subject": _pyld_term(s), "predicate": _pyld_term(p), "object": _pyld_term(o)})
    from_nquads = URDNA2015().main(dataset, {"algorithm": "URDNA2015", "format": "application/n-quads"})
    quads = from_jsonld.count("\n")
    if from_jsonld == from_nquads:
        return quads, None
    ours, theirs = set(from_nquads.splitlines()), set(from_jsonld.splitlines())
    missing, extra = sorted(ours - theirs), sorted(theirs - ours)
    example = f"missing {missing[0]}" if missing else f"extra {extra[0]}"
    return quads, (f"canonical JSON-LD differs from canonical N-Quads: {len(missing)} missing, "
                   f"{len(extra)} extra; e.g. {example}"[:400])


def _sources(graph, node):
    """Source paths (relative to the input) a node was read from."""
    from rdflib import URIRef

    found = {str(o) for o in graph.objects(node, URIRef(MG + "source"))}
    for o in graph.objects(node, URIRef(PROV_DERIVED)):
        iri = str(o)
        if SOURCE_SEGMENT in iri:
            found.add(unquote(iri.split(SOURCE_SEGMENT, 1)[1]))
    return sorted(found)


def pyshacl_violations(data, shapes_path):
    """pyshacl over the union graph `data`: [(focus node, sources, message)]."""
    from pyshacl import validate
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph()
    shapes.parse(str(shapes_path), format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = []
    for result in report.subjects(RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        component = str(report.value(result, sh.sourceConstraintComponent)).rsplit("#", 1)[-1]
        path = report.value(result, sh.resultPath)
        value = report.value(result, sh.value)
        message = f"{component} on {path.n3() if path is not None else 'the node'}"
        if value is not None:
            message += f" (value {value.n3()[:80]})"
        found.append((str(focus), _sources(data, focus), message))
    if not conforms and not found:
        found.append(("", [], "pyshacl reports non-conformance without results"))
    return sorted(found)


def _node_class(node):
    types = node.get("@type")
    last = types[-1] if isinstance(types, list) and types else types
    return last.split(":", 1)[-1] if isinstance(last, str) else ""


def _node_sources(node):
    found = set()
    if isinstance(node.get("source"), str):
        found.add(node["source"])
    derived = node.get("wasDerivedFrom", [])
    for iri in derived if isinstance(derived, list) else [derived]:
        if isinstance(iri, str) and SOURCE_SEGMENT in iri:
            found.add(unquote(iri.split(SOURCE_SEGMENT, 1)[1]))
    return sorted(found)


def json_schema_violations(jsonld_path, schema_path):
    """The document against schema/export.schema.json: the skeleton (context,
    graph objects) at once, then each node against the schema of its class, so
    every error names its node. Returns {"jsonschema": [(node id, sources, message)]}."""
    from jsonschema import Draft202012Validator

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(jsonld_path, encoding="utf-8") as f:
        doc = json.load(f)
    Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]
    node = {"type": "object", "not": {"required": ["@graph"]}}
    skeleton = dict(schema, **{"$defs": dict(defs, node=node)})
    found = [("", [], f"{e.json_path}: {e.message[:200]}")
             for e in Draft202012Validator(skeleton).iter_errors(doc)]
    validators = {}
    for entry in doc.get("@graph", []) if isinstance(doc, dict) else []:
        nodes = entry.get("@graph", [entry]) if isinstance(entry, dict) else []
        for node in nodes:
            cls = _node_class(node) if isinstance(node, dict) else ""
            if cls not in defs or cls in ("node", "context"):
                found.append((str(node.get("@id", "")), _node_sources(node), "unknown @type"))
                continue
            if cls not in validators:
                validators[cls] = Draft202012Validator({"$ref": f"#/$defs/{cls}", "$defs": defs})
            for e in validators[cls].iter_errors(node):
                found.append((node["@id"], _node_sources(node), f"{e.json_path}: {e.message[:200]}"))
    return {"jsonschema": sorted(found)}


def networkx_counts(path):
    """NetworkX reads the GraphML: {"networkx": (nodes, edges)}; every node has kind and name."""
    import networkx as nx

    g = nx.read_graphml(str(path))
    missing = [n for n, d in g.nodes(data=True) if not d.get("kind") or "name" not in d]
    if missing:
        raise ValueError(f"{len(missing)} nodes without kind or name, e.g. {missing[0]}")
    bad = [(a, b) for a, b, d in g.edges(data=True) if not d.get("kind")]
    if bad:
        raise ValueError(f"{len(bad)} edges without kind, e.g. {bad[0]}")
    return {"networkx": (g.number_of_nodes(), g.number_of_edges())}


NODE_HEADER = ["id", "iri", "kind", "name", "date", "source", "line"]
EDGE_HEADER = ["from", "to", "kind", "source", "line"]


def _read_table(path, header):
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw and not raw.endswith("\r\n"):
        raise ValueError(f"{path.name}: records must end with CRLF")
    rows = list(csv.reader(io.StringIO(raw, newline=""), strict=True))
    if not rows or rows[0] != header:
        raise ValueError(f"{path.name}: header {rows[0] if rows else None}, expected {header}")
    bad = [r for r in rows[1:] if len(r) != len(header)]
    if bad:
        raise ValueError(f"{path.name}: {len(bad)} rows with the wrong number of fields, e.g. {bad[0][:3]}")
    return rows[1:]


def csv_counts(folder):
    """The CSV tables read with Python's csv module in strict mode: {"csv": (nodes, edges)}."""
    folder = Path(folder)
    nodes = _read_table(folder / "nodes.csv", NODE_HEADER)
    edges = _read_table(folder / "edges.csv", EDGE_HEADER)
    ids = [r[0] for r in nodes]
    if len(set(ids)) != len(ids) or ids != sorted(ids):
        raise ValueError("nodes.csv: ids are not unique and sorted")
    known = set(ids)
    dangling = [r for r in edges if r[0] not in known or r[1] not in known]
    if dangling:
        raise ValueError(f"edges.csv: {len(dangling)} edges to unknown nodes, e.g. {dangling[0][:3]}")
    return {"csv": (len(nodes), len(edges))}


def dot_render(path, timeout, render=True):
    """`dot -Tsvg` (or `nop`, which only parses): {"dot": (edges, seconds)}."""
    cmd = ["dot", "-Tsvg", "-o", "/dev/null", str(path)] if render else ["nop", str(path)]
    started = time.monotonic()
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ValueError(f"{cmd[0]} did not finish in {timeout}s")
    took = time.monotonic() - started
    if run.returncode != 0 or run.stderr.strip():
        raise ValueError(f"{cmd[0]} exited {run.returncode}: {run.stderr.strip()[:300]}")
    with open(path, encoding="utf-8") as f:
        return {"dot": (sum(1 for line in f if " -> " in line), took)}
