import { readFileSync } from 'node:fs';
import { buildSafelistManifest } from './safelist';

/**
 * Prints the safelist manifest for GraphQL documents:
 * `node gateway/dist/safelist/safelist-cli.js e2e/operations/*.graphql > safelist.json`.
 */
const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: safelist-cli <operations.graphql>... > safelist.json\n');
  process.exit(2);
}
const manifest = buildSafelistManifest(files.map((file) => readFileSync(file, 'utf8')));
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
