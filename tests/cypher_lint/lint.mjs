// Lint Cypher with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support). Reads {"name": "cypher text", ...} on stdin and
// writes {"name": [{severity, message, line, column}], ...} on stdout.
// Parameters ($name) are declared from the text itself, so they never count as errors;
// functions are checked against the registry dumped from the real Neo4j.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const registry = JSON.parse(
  readFileSync(new URL('./neo4j-functions.json', import.meta.url), 'utf8'),
);
const functions = { 'CYPHER 5': registry['CYPHER 5'] };
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function parametersOf(text) {
  const parameters = {};
  for (const match of text.matchAll(/\$`?([A-Za-z_][A-Za-z0-9_]*)`?/g)) {
    parameters[match[1]] = null;
  }
  return parameters;
}

const queries = JSON.parse(readFileSync(0, 'utf8'));
const results = {};
for (const [name, text] of Object.entries(queries)) {
  const { diagnostics } = lintCypherQuery(text, {
    parameters: parametersOf(text),
    functions,
    defaultLanguage: 'CYPHER 5',
  });
  results[name] = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}
process.stdout.write(JSON.stringify(results));
