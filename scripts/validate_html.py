#!/usr/bin/env python3
"""Validate the pages of minutegraph report sites with an independent parser.

    validate_html.py SITE_DIR [SITE_DIR...]

Every .html file is parsed by html5lib (the WHATWG parsing algorithm) and
any parse error it reports fails, as its strict mode would (all are listed): stray or unclosed tags, bad attributes,
control characters, a missing doctype. Every .svg file must be well-formed XML
in the SVG namespace. Prints one line per site and exits non-zero on the first
site with an invalid file (after listing all of that site's errors).
"""

import pathlib
import sys
import xml.etree.ElementTree as ElementTree

import html5lib

SVG = "{http://www.w3.org/2000/svg}svg"


def html_errors(path):
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    with open(path, "rb") as f:
        parser.parse(f, transport_encoding="utf-8")
    return [
        f"{path}:{line}:{col}: {code} {data or ''}".rstrip()
        for (line, col), code, data in parser.errors
    ]


def svg_errors(path):
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as e:
        return [f"{path}: {e}"]
    return [] if root.tag == SVG else [f"{path}: root is {root.tag}, not svg"]


def main(sites):
    if not sites:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for site in sites:
        root = pathlib.Path(site)
        pages = sorted(root.rglob("*.html"))
        drawings = sorted(root.rglob("*.svg"))
        errors = []
        for page in pages:
            errors += html_errors(page)
        for drawing in drawings:
            errors += svg_errors(drawing)
        for e in errors:
            print(e)
        status = "ok" if not errors and pages else "FAILED"
        print(f"{site}: {len(pages)} pages, {len(drawings)} drawings, {len(errors)} errors: {status}")
        failed |= bool(errors) or not pages
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
