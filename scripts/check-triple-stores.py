#!/usr/bin/env python3
"""Round trips through real triple stores: `minutegraph push` into a running
server, every ready-made query over the server's own SPARQL endpoint compared
with `minutegraph query` on the same minutes, a re-push after one file changed
(exactly one graph sent, and the server's own per-graph counts show only that
graph changed), and `--prune` when the input changes to another folder.

usage: check-triple-stores.py BIN EXAMPLES CORPUS_FOLDER SERVER...
where SERVER is NAME,GRAPH_STORE_URL,QUERY_URL[,USER:PASSWORD]

Prints the triple counts pushed and each query's row count on the server and
in the embedded store; exits non-zero at the first difference.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def run(bin_path, args, env=None):
    done = subprocess.run(
        [bin_path, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        sys.exit(f"minutegraph {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def query_names(bin_path):
    listed = run(bin_path, ["query", "--list"])
    return [l.split()[0] for l in listed.splitlines() if l and not l.startswith(" ")]


# Values for the ready-made queries that need one; the first that gives
# any row on a folder is used there, so the comparison is not of empty answers.
TOPICS = ["keycloak", "security", "release"]


def variables_of(bin_path, name, folder):
    if name != "decisions-about":
        return {}
    for topic in TOPICS:
        csv = run(bin_path, ["query", folder, "--name", name, "--var", f"topic={topic}", "-f", "csv"])
        if len(csv.splitlines()) > 1:
            return {"topic": topic}
    return {"topic": TOPICS[0]}


def server_text(query_text, variables):
    """The ready-made query with each --var written in as a string literal."""
    for var, value in variables.items():
        query_text = re.sub(r"[?$]" + var + r"\b", json.dumps(value), query_text)
    return query_text


def ask_server(query_url, text):
    data = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(
        query_url,
        data=data,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=300) as answer:
        return json.loads(answer.read().decode("utf-8"))


def normal_rows(results):
    """Rows as sorted tuples of (variable, kind, value, datatype), comparable
    across servers: typed-literal is literal, xsd:string is a plain literal."""
    rows = []
    for binding in results["results"]["bindings"]:
        row = []
        for var, term in sorted(binding.items()):
            kind = term["type"]
            if kind == "typed-literal":
                kind = "literal"
            datatype = term.get("datatype", "")
            if datatype == XSD_STRING:
                datatype = ""
            row.append((var, kind, term["value"], datatype))
        rows.append(tuple(row))
    return sorted(rows)


def compare_queries(bin_path, folder, server, repo):
    counts = {}
    for name in query_names(bin_path):
        variables = variables_of(bin_path, name, folder)
        args = ["query", folder, "--name", name, "--format", "json"]
        for var, value in variables.items():
            args += ["--var", f"{var}={value}"]
        embedded = normal_rows(json.loads(run(bin_path, args)))
        with open(os.path.join(repo, "queries", f"{name}.rq"), encoding="utf-8") as f:
            text = server_text(f.read(), variables)
        remote = normal_rows(ask_server(server["query"], text))
        if embedded != remote:
            only_here = [r for r in embedded if r not in remote][:5]
            only_there = [r for r in remote if r not in embedded][:5]
            sys.exit(
                f"{server['name']}: {name} differs on {folder}: "
                f"{len(embedded)} rows embedded, {len(remote)} on the server\n"
                f"only embedded: {only_here}\nonly on the server: {only_there}"
            )
        counts[name] = len(remote)
    return counts


def graph_counts(server):
    answer = ask_server(
        server["query"],
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    )
    return {
        b["g"]["value"]: int(b["n"]["value"])
        for b in answer["results"]["bindings"]
        if "/minutegraph/id/" in b["g"]["value"]
    }


def push(bin_path, folder, server, extra=()):
    env = dict(os.environ)
    env.pop("MINUTEGRAPH_USER", None)
    env.pop("MINUTEGRAPH_PASSWORD", None)
    if server.get("user"):
        env["MINUTEGRAPH_USER"], env["MINUTEGRAPH_PASSWORD"] = server["user"]
    out = run(
        bin_path,
        ["push", folder, "--endpoint", server["store"], "--quiet", *extra],
        env=env,
    )
    summary = out.strip().splitlines()[-1]
    found = re.match(
        r"put (\d+) graph\(s\) \((\d+) triples\), (\d+) unchanged, delete (\d+)", summary
    )
    if not found:
        sys.exit(f"unexpected push summary: {summary}")
    put, triples, unchanged, deleted = map(int, found.groups())
    return {"put": put, "triples": triples, "unchanged": unchanged, "deleted": deleted}


def edit_one_file(folder):
    """Adds a decision to the first Markdown file that has an H3 heading."""
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".md"):
            continue
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        if "\n### " in text:
            text = text.rstrip("\n") + "\n- Decision: move the round trip check to the new runner\n"
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return name
    sys.exit(f"no Markdown file with an H3 heading in {folder}")


def check_server(bin_path, examples, corpus, server, repo, work):
    name = server["name"]
    folder = os.path.join(work, f"{name}-examples")
    shutil.copytree(examples, folder)
    first = push(bin_path, folder, server)
    files = len([f for f in os.listdir(folder) if not f.startswith(".")])
    if first["put"] != files + 1 or first["unchanged"] != 0:
        sys.exit(f"{name}: first push of {files} files: {first}")
    print(f"{name}: pushed {first['put']} graphs, {first['triples']} triples (examples)")
    counts = compare_queries(bin_path, folder, server, repo)
    print(f"{name}: examples, rows per query (server = embedded): {counts}")

    before = graph_counts(server)
    edited = edit_one_file(folder)
    second = push(bin_path, folder, server)
    after = graph_counts(server)
    changed = sorted(g for g in set(before) | set(after) if before.get(g) != after.get(g))
    manifest = [g for g in changed if g.endswith("/graph/manifest")]
    data_changed = [g for g in changed if g not in manifest]
    if second["put"] != 1 or len(data_changed) != 1 or not data_changed[0].endswith(edited):
        sys.exit(
            f"{name}: after editing {edited}: push {second}, graphs whose count changed "
            f"on the server: {changed}"
        )
    graph = data_changed[0]
    print(
        f"{name}: re-push after editing {edited}: {second['put']} graph sent "
        f"({second['triples']} triples), {second['unchanged']} unchanged; server count of "
        f"<{graph}> {before.get(graph)} -> {after.get(graph)}, every other graph unchanged"
    )
    counts = compare_queries(bin_path, folder, server, repo)
    print(f"{name}: edited examples, rows per query: {counts}")

    third = push(bin_path, corpus, server, ["--prune"])
    if third["deleted"] != files:
        sys.exit(f"{name}: pushing another folder with --prune: {third}")
    print(
        f"{name}: pushed {third['put']} graphs, {third['triples']} triples "
        f"({os.path.basename(corpus)}), pruned {third['deleted']}"
    )
    left = [g for g in graph_counts(server) if "/source/" in g]
    stale = [g for g in left if g.rsplit("/", 1)[-1] in os.listdir(examples)]
    if stale:
        sys.exit(f"{name}: graphs of pruned files remain: {stale[:3]}")
    counts = compare_queries(bin_path, corpus, server, repo)
    print(f"{name}: {os.path.basename(corpus)}, rows per query: {counts}")


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    bin_path, examples, corpus = sys.argv[1:4]
    bin_path = os.path.abspath(bin_path)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    servers = []
    for spec in sys.argv[4:]:
        parts = spec.split(",")
        server = {"name": parts[0], "store": parts[1], "query": parts[2]}
        if len(parts) > 3:
            server["user"] = tuple(parts[3].split(":", 1))
        servers.append(server)
    with tempfile.TemporaryDirectory(prefix="minutegraph-stores.") as work:
        for server in servers:
            check_server(bin_path, examples, corpus, server, repo, work)
    print("triple stores: every round trip matched")


if __name__ == "__main__":
    main()
