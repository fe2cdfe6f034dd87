import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildFederatedSchema, createLiveEvents } from '@clinicflow/platform';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { SUBGRAPHS } from './subgraph-registry';

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface Composition {
  supergraphSdl: string;
  subgraphs: { name: string; url: string; sdl: string }[];
}

/**
 * Composes the subgraphs listed in `supergraph.yaml` offline: each subgraph's SDL comes from its
 * code and is written to the file the YAML names (so rover can compose the same files).
 */
export async function composeSupergraph(root: string): Promise<Composition> {
  const config = parseYaml(await readFile(resolve(root, 'supergraph.yaml'), 'utf8')) as SupergraphConfig;
  const subgraphs = [];
  // Only the schema is wanted here; subscriptions still need a pub/sub to be declared.
  const { pubSub } = createLiveEvents();
  for (const [name, entry] of Object.entries(config.subgraphs)) {
    const definition = SUBGRAPHS[name as keyof typeof SUBGRAPHS];
    if (!definition) throw new Error(`supergraph.yaml lists ${name}, which is not a ClinicFlow subgraph`);
    const { sdl } = await buildFederatedSchema(definition, pubSub);
    const file = resolve(root, entry.schema.file);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, sdl);
    subgraphs.push({ name, url: entry.routing_url, sdl });
  }
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, subgraphs };
}
