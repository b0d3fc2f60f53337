#!/usr/bin/env python3
"""Check that schema/shapes.ttl catches what it is meant to catch.

A small valid graph (one node of every class, written as minutegraph writes
them) must conform; then each case breaks it in one way (drops or adds a few
triples) and pyshacl must report a violation on the expected focus node from
the expected constraint component. Every node shape has at least one case.

Usage: shacl_cases.py [--shapes schema/shapes.ttl]
Prints one line per case and a summary; exits 1 if any case is not caught or
the valid graph does not conform. Needs pyshacl and rdflib.
"""
import argparse
import sys
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
ID = "https://w3id.org/minutegraph/id/"

PREFIXES = """\
@prefix mg: <https://w3id.org/minutegraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/minutegraph/id/> .
@prefix src: <https://w3id.org/minutegraph/id/source/> .
"""

# One triple a line, so a case can drop a line by its exact text.
VALID = """\
id:m a mg:Meeting .
id:m a schema:Event .
id:m schema:name "Weekly sync" .
id:m schema:startDate "2024-03-05"^^xsd:date .
id:m mg:source "a.md" .
id:m mg:line 1 .
id:m mg:endLine 40 .
id:m prov:wasDerivedFrom src:a.md .
id:m schema:attendee id:p .
id:m mg:chair id:p .
id:m schema:mentions id:s .
id:m2 a mg:Meeting .
id:m2 a schema:Event .
id:m2 schema:startDate "2024-02-30" .
id:m2 mg:source "b.md" .
id:m2 mg:line 1 .
id:m2 mg:endLine 9 .
id:m2 prov:wasDerivedFrom src:b.md .
id:i a mg:AgendaItem .
id:i schema:name "Keycloak upgrade" .
id:i mg:meeting id:m .
id:i mg:source "a.md" .
id:i mg:line 8 .
id:i mg:endLine 15 .
id:i prov:wasDerivedFrom src:a.md .
id:i mg:presenter id:p .
id:i mg:topic id:t .
id:i schema:mentions id:issue .
id:i2 a mg:AgendaItem .
id:i2 schema:name "Other" .
id:i2 mg:meeting id:m2 .
id:i2 mg:source "b.md" .
id:i2 mg:line 2 .
id:i2 mg:endLine 2 .
id:i2 prov:wasDerivedFrom src:b.md .
id:d a mg:Decision .
id:d schema:text "Upgrade Keycloak to 24" .
id:d mg:meeting id:m .
id:d mg:agendaItem id:i .
id:d mg:source "a.md" .
id:d mg:line 14 .
id:d mg:endLine 14 .
id:d prov:wasDerivedFrom src:a.md .
id:a a mg:ActionItem .
id:a a schema:Action .
id:a schema:text "Jan will test the upgrade" .
id:a mg:status "open" .
id:a mg:due "2024-03-12"^^xsd:date .
id:a schema:agent id:p .
id:a mg:meeting id:m .
id:a mg:agendaItem id:i .
id:a mg:source "a.md" .
id:a mg:line 16 .
id:a mg:endLine 16 .
id:a prov:wasDerivedFrom src:a.md .
id:a2 a mg:ActionItem .
id:a2 a schema:Action .
id:a2 schema:text "Someone will look" .
id:a2 mg:status "done" .
id:a2 mg:due "next week" .
id:a2 mg:meeting id:m2 .
id:a2 mg:source "b.md" .
id:a2 mg:line 5 .
id:a2 mg:endLine 6 .
id:a2 prov:wasDerivedFrom src:b.md .
id:p a mg:Person .
id:p a schema:Person .
id:p schema:name "Jan Schoone" .
id:p mg:handle "jschoone" .
id:p schema:alternateName "Jan" .
id:p prov:wasDerivedFrom src:a.md .
id:s a mg:Service .
id:s a schema:SoftwareApplication .
id:s schema:name "Keycloak" .
id:s mg:evidence "catalogue" .
id:s prov:wasDerivedFrom src:a.md .
id:issue a mg:Issue .
id:issue schema:name "python-discord/infra#373" .
id:issue mg:key "python-discord/infra#373" .
id:issue mg:number 373 .
id:issue mg:issueKind "pull" .
id:issue schema:url <https://github.com/python-discord/infra/pull/373> .
id:issue mg:closedIn id:m .
id:issue prov:wasDerivedFrom src:a.md .
id:bare a mg:Issue .
id:bare schema:name "#12" .
id:bare mg:key "#12" .
id:bare mg:number 12 .
id:bare mg:issueKind "unknown" .
id:bare prov:wasDerivedFrom src:b.md .
id:ticket a mg:Issue .
id:ticket schema:name "OPS-2281" .
id:ticket mg:key "OPS-2281" .
id:ticket mg:number 2281 .
id:ticket mg:issueKind "issue" .
id:ticket schema:url <https://issues.example.org/browse/OPS-2281> .
id:ticket prov:wasDerivedFrom src:a.md .
id:t a mg:Topic .
id:t schema:name "Keycloak upgrade" .
id:t mg:firstMeeting id:m .
id:t mg:lastMeeting id:m .
id:t mg:firstDate "2024-03-05"^^xsd:date .
id:t mg:lastDate "2024-03-05"^^xsd:date .
id:t mg:meetingCount 1 .
id:t prov:wasDerivedFrom src:a.md .
"""

# (what is broken, focus node, constraint component, lines dropped, lines added)
CASES = [
    # Meeting
    ("meeting without a date", "m", "MinCount", ['id:m schema:startDate "2024-03-05"^^xsd:date .'], []),
    ("meeting with two dates", "m", "MaxCount", [], ['id:m schema:startDate "2024-03-06"^^xsd:date .']),
    ("meeting date an empty string", "m2", "Node", ['id:m2 schema:startDate "2024-02-30" .'], ['id:m2 schema:startDate "" .']),
    ("meeting date a number", "m", "Node", ['id:m schema:startDate "2024-03-05"^^xsd:date .'], ["id:m schema:startDate 2024 ."]),
    ("meeting without a source", "m", "MinCount", ['id:m mg:source "a.md" .'], []),
    ("meeting without a line", "m", "MinCount", ["id:m mg:line 1 ."], []),
    ("meeting line 0", "m", "MinInclusive", ["id:m mg:line 1 ."], ["id:m mg:line 0 ."]),
    ("meeting line as a string", "m", "Datatype", ["id:m mg:line 1 ."], ['id:m mg:line "1" .']),
    ("meeting ending before it starts", "m", "LessThanOrEquals", ["id:m mg:endLine 40 ."], ["id:m mg:endLine 0 ."]),
    ("meeting from two sources", "m", "MaxCount", [], ["id:m prov:wasDerivedFrom src:b.md ."]),
    ("meeting not a schema:Event", "m", "Class", ["id:m a schema:Event ."], []),
    ("attendee that is a service", "m", "Class", [], ["id:m schema:attendee id:s ."]),
    ("chair that is a meeting", "m", "Class", [], ["id:m mg:chair id:m2 ."]),
    ("meeting mentions a meeting", "m", "Or", [], ["id:m schema:mentions id:m2 ."]),
    ("meeting with an undocumented property", "m", "Closed", [], ['id:m mg:status "open" .']),
    # AgendaItem
    ("agenda item without a name", "i", "MinCount", ['id:i schema:name "Keycloak upgrade" .'], []),
    ("agenda item with an empty name", "i", "MinLength", ['id:i schema:name "Keycloak upgrade" .'], ['id:i schema:name "" .']),
    ("agenda item without a meeting", "i", "MinCount", ["id:i mg:meeting id:m ."], []),
    ("agenda item in two meetings", "i", "MaxCount", [], ["id:i mg:meeting id:m2 ."]),
    ("agenda item topic that is a person", "i", "Class", ["id:i mg:topic id:t ."], ["id:i mg:topic id:p ."]),
    ("presenter that is a service", "i", "Class", [], ["id:i mg:presenter id:s ."]),
    ("agenda item without a line", "i", "MinCount", ["id:i mg:line 8 ."], []),
    # Decision
    ("decision without text", "d", "MinCount", ['id:d schema:text "Upgrade Keycloak to 24" .'], []),
    ("decision without a meeting", "d", "MinCount", ["id:d mg:meeting id:m ."], []),
    ("decision under another meeting's item", "d", "Node", ["id:d mg:agendaItem id:i ."], ["id:d mg:agendaItem id:i2 ."]),
    ("decision with an assignee", "d", "Closed", [], ["id:d schema:agent id:p ."]),
    # ActionItem
    ("action without a status", "a", "MinCount", ['id:a mg:status "open" .'], []),
    ("action status not open, done or unknown", "a", "In", ['id:a mg:status "open" .'], ['id:a mg:status "closed" .']),
    ("action with two statuses", "a", "MaxCount", [], ['id:a mg:status "done" .']),
    ("action due an integer", "a", "Node", ['id:a mg:due "2024-03-12"^^xsd:date .'], ["id:a mg:due 12 ."]),
    ("assignee that is an issue", "a", "Class", [], ["id:a schema:agent id:issue ."]),
    ("action not a schema:Action", "a", "Class", ["id:a a schema:Action ."], []),
    ("action under another meeting's item", "a", "Node", ["id:a mg:agendaItem id:i ."], ["id:a mg:agendaItem id:i2 ."]),
    ("action without a line", "a2", "MinCount", ["id:a2 mg:line 5 ."], []),
    # Person
    ("person without a name", "p", "MinCount", ['id:p schema:name "Jan Schoone" .'], []),
    ("person with two names", "p", "MaxCount", [], ['id:p schema:name "J. Schoone" .']),
    ("handle with its @", "p", "Pattern", ['id:p mg:handle "jschoone" .'], ['id:p mg:handle "@jschoone" .']),
    ("handle with a space", "p", "Pattern", ['id:p mg:handle "jschoone" .'], ['id:p mg:handle "j schoone" .']),
    ("person without a source", "p", "MinCount", ["id:p prov:wasDerivedFrom src:a.md ."], []),
    ("person not a schema:Person", "p", "Class", ["id:p a schema:Person ."], []),
    # Service
    ("service without evidence", "s", "MinCount", ['id:s mg:evidence "catalogue" .'], []),
    ("service not a schema:SoftwareApplication", "s", "Class", ["id:s a schema:SoftwareApplication ."], []),
    ("service with a handle", "s", "Closed", [], ['id:s mg:handle "kc" .']),
    # Issue
    ("issue key with an empty path segment", "issue", "Pattern",
     ['id:issue mg:key "python-discord/infra#373" .'], ['id:issue mg:key "gitlab//repo#373" .']),
    ("issue key with a repository but no owner", "issue", "Pattern",
     ['id:issue mg:key "python-discord/infra#373" .'], ['id:issue mg:key "infra#373" .']),
    ("issue key without a number", "bare", "Pattern", ['id:bare mg:key "#12" .'], ['id:bare mg:key "#" .']),
    ("ticket key in lower case", "ticket", "Pattern",
     ['id:ticket mg:key "OPS-2281" .'], ['id:ticket mg:key "ops-2281" .']),
    ("ticket key without a number", "ticket", "Pattern",
     ['id:ticket mg:key "OPS-2281" .'], ['id:ticket mg:key "OPS-" .']),
    ("issue without a key", "bare", "MinCount", ['id:bare mg:key "#12" .'], []),
    ("issue without a number", "issue", "MinCount", ["id:issue mg:number 373 ."], []),
    ("issue kind not issue, pull or unknown", "issue", "In", ['id:issue mg:issueKind "pull" .'], ['id:issue mg:issueKind "bug" .']),
    ("issue url a string", "issue", "NodeKind",
     ["id:issue schema:url <https://github.com/python-discord/infra/pull/373> ."],
     ['id:issue schema:url "https://github.com/python-discord/infra/pull/373" .']),
    ("issue url not on the web", "issue", "Pattern",
     ["id:issue schema:url <https://github.com/python-discord/infra/pull/373> ."], ["id:issue schema:url <ftp://example.org/1> ."]),
    ("issue closed in an agenda item", "issue", "Class", ["id:issue mg:closedIn id:m ."], ["id:issue mg:closedIn id:i ."]),
    # Topic
    ("topic without a first meeting", "t", "MinCount", ["id:t mg:firstMeeting id:m ."], []),
    ("topic without a last meeting", "t", "MinCount", ["id:t mg:lastMeeting id:m ."], []),
    ("topic last meeting that is an item", "t", "Class", ["id:t mg:lastMeeting id:m ."], ["id:t mg:lastMeeting id:i ."]),
    ("topic first date not its first meeting's", "t", "Equals",
     ['id:t mg:firstDate "2024-03-05"^^xsd:date .'], ['id:t mg:firstDate "2024-03-04"^^xsd:date .']),
    ("topic first date after its last", "t", "LessThanOrEquals",
     ['id:t mg:firstDate "2024-03-05"^^xsd:date .'], ['id:t mg:firstDate "2024-03-06"^^xsd:date .']),
    ("topic without a meeting count", "t", "MinCount", ["id:t mg:meetingCount 1 ."], []),
    ("topic in no meeting", "t", "MinInclusive", ["id:t mg:meetingCount 1 ."], ["id:t mg:meetingCount 0 ."]),
]


def graph_of(drop, add):
    lines = VALID.splitlines()
    for line in drop:
        if line not in lines:
            raise SystemExit(f"case drops a line the valid graph does not have: {line}")
        lines.remove(line)
    data = Graph()
    data.parse(data=PREFIXES + "\n".join(lines + add) + "\n", format="turtle")
    return data


def violations(data, shapes):
    """(focus node, constraint component local name) of every violation."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        component = str(report.value(result, SH.sourceConstraintComponent))
        name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        found.add((str(focus), name))
    return conforms, found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent
    ap.add_argument("--shapes", default=str(here.parent / "schema" / "shapes.ttl"))
    args = ap.parse_args()
    shapes = Graph()
    shapes.parse(args.shapes, format="turtle")

    failures = 0
    conforms, found = violations(graph_of([], []), shapes)
    if not conforms:
        print(f"FAIL  the valid graph does not conform: {sorted(found)}")
        failures += 1
    targeted = {str(o).rsplit("#", 1)[-1] for o in shapes.objects(None, SH.targetClass)}
    covered = set()
    for what, focus, component, drop, add in CASES:
        conforms, found = violations(graph_of(drop, add), shapes)
        expected = (ID + focus, component)
        caught = not conforms and expected in found
        if caught:
            data = graph_of([], [])
            covered.update(str(c).rsplit("#", 1)[-1] for c in data.objects(URIRef(ID + focus), RDF.type))
        else:
            failures += 1
        print(f"{'ok  ' if caught else 'FAIL'}  {what}" + ("" if caught else f": got {sorted(found)}"))
    missing = targeted - covered
    if missing:
        print(f"FAIL  shapes without a case: {', '.join(sorted(missing))}")
        failures += 1
    print(f"shacl cases: {len(CASES) + 1 - failures} of {len(CASES) + 1} as expected, "
          f"{len(targeted & covered)} of {len(targeted)} node shapes covered")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
