import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { composeSupergraph } from './compose-supergraph';
import { repositoryRoot } from './paths';

/** `npm run compose` writes supergraph.graphql; `--check` fails when the checked-in file is stale. */
async function main(): Promise<void> {
  const root = repositoryRoot();
  const target = resolve(root, 'supergraph.graphql');
  const { supergraphSdl } = await composeSupergraph(root);
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== supergraphSdl) {
      process.stderr.write('supergraph.graphql is stale: run `npm run compose` and commit the result\n');
      process.exit(1);
    }
    process.stdout.write('supergraph.graphql is up to date\n');
    return;
  }
  await writeFile(target, supergraphSdl);
  process.stdout.write(`composed ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
