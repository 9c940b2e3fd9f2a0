// Lint Cypher with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, the front end Neo4j's editors use).
//
// stdin:  {"name": "cypher text", ...}
// stdout: {"name": [{"severity", "message", "line", "column"}, ...], ...}
//         line and column are 1-based; severity is "error" (the library's severity 1),
//         "warning" (2), "information" (3) or "hint" (4).
//
// A text may hold several statements separated by `;` (a schema file): the library
// splits and checks each one. Parameters ($name) are declared from the text itself,
// using the library's own parameter parser, so they never count as undefined. Functions
// are checked against the registry dumped from the real Neo4j (neo4j-functions.json):
// with a registry the library reports an unknown function as an error, without one it
// does not check function names at all.
import { readFileSync } from 'node:fs';
import {
  lintCypherQuery,
  parseParameters,
} from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const registry = JSON.parse(
  readFileSync(new URL('./neo4j-functions.json', import.meta.url), 'utf8'),
);
if (!registry[VERSION] || Object.keys(registry[VERSION]).length === 0) {
  throw new Error(`neo4j-functions.json has no "${VERSION}" functions`);
}
const functions = { [VERSION]: registry[VERSION] };

function lintOne(text) {
  // Console commands (:param, :use) are Browser-only: in a .cypher file they are errors.
  const options = { consoleCommandsEnabled: false };
  const parameters = Object.fromEntries(
    parseParameters(text, false).map((name) => [name, null]),
  );
  const dbSchema = { parameters, functions, defaultLanguage: VERSION };
  const { diagnostics } = lintCypherQuery(text, dbSchema, options);
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}

const queries = JSON.parse(readFileSync(0, 'utf8'));
if (queries === null || typeof queries !== 'object' || Array.isArray(queries)) {
  throw new Error('stdin must be a JSON object {"name": "cypher text", ...}');
}
const results = {};
for (const [name, text] of Object.entries(queries)) {
  if (typeof text !== 'string') {
    throw new Error(`query ${JSON.stringify(name)} is not a string`);
  }
  results[name] = lintOne(text);
}
process.stdout.write(JSON.stringify(results));
