#!/usr/bin/env node
// Checks JSON-LD exports with jsonld.js: each document is converted to RDF in
// safe mode (any dropped key, relative IRI or other lossy construct is an
// error) and canonicalised with RDFC-1.0, and so is the N-Quads export of the
// same input; the two canonical forms must be byte-identical.
//
//   node scripts/jsonld_canon.js PAIRS
//
// PAIRS is a file of lines `DOC.jsonld<TAB>EXPORT.nq`. One JSON object per
// pair is printed on standard output: {"doc", "quads", "error"} where error is
// null when the document converted safely and matched the N-Quads.
// Needs the npm package `jsonld` (found through the usual module resolution,
// e.g. node_modules/ at the repository root, or NODE_PATH).
'use strict';

const fs = require('fs');
const jsonld = require('jsonld');

const CANON = { algorithm: 'RDFC-1.0', format: 'application/n-quads' };

async function check(docPath, nquadsPath) {
  const doc = JSON.parse(fs.readFileSync(docPath, 'utf8'));
  // No document loader: a remote context would fail to load, and must not be needed.
  const fromJsonLd = await jsonld.canonize(doc, { ...CANON, safe: true });
  const fromNQuads = await jsonld.canonize(fs.readFileSync(nquadsPath, 'utf8'), {
    ...CANON,
    inputFormat: 'application/n-quads',
  });
  const quads = fromJsonLd.split('\n').filter((l) => l).length;
  if (fromJsonLd === fromNQuads) {
    return { quads, error: null };
  }
  const ours = new Set(fromNQuads.split('\n'));
  const theirs = new Set(fromJsonLd.split('\n'));
  const missing = [...ours].filter((l) => l && !theirs.has(l));
  const extra = [...theirs].filter((l) => l && !ours.has(l));
  const example = missing.length ? `missing ${missing[0]}` : `extra ${extra[0]}`;
  return {
    quads,
    error: `canonical JSON-LD differs from canonical N-Quads: ${missing.length} missing, ${extra.length} extra; e.g. ${example}`,
  };
}

async function main() {
  if (process.argv.length !== 3) {
    console.error('usage: jsonld_canon.js PAIRS');
    process.exit(2);
  }
  const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l);
  for (const line of lines) {
    const [doc, nquads] = line.split('\t');
    let result;
    try {
      result = await check(doc, nquads);
    } catch (e) {
      const detail = e.details && e.details.event ? ` (${e.details.event.code}: ${e.details.event.message})` : '';
      result = { quads: 0, error: `${e.name || 'Error'}: ${e.message}${detail}` };
    }
    process.stdout.write(JSON.stringify({ doc, ...result }) + '\n');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
