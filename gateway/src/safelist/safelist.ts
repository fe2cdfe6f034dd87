import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@clinicflow/platform';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  parse,
  print,
  visit,
} from 'graphql';
import { type GatewayCaller, isThirdParty } from '../auth/claims';

/**
 * A safelist manifest, as a JSON file: the sha256 (lowercase hex) of each normalized operation
 * document, mapped to that document. Normalized means printed by graphql-js `print(parse(text))`:
 * comments and insignificant white space go, so the hash does not depend on how a client formats it.
 */
export type SafelistManifest = Record<string, string>;

export const normalizeOperation = (document: DocumentNode | string): string =>
  print(typeof document === 'string' ? parse(document) : document);

export const operationHash = (normalized: string): string => createHash('sha256').update(normalized).digest('hex');

/**
 * The manifest for these GraphQL documents (e.g. `e2e/operations/*.graphql`, or a third party's
 * operations): each operation alone with the fragments it uses, which is what a client sends.
 */
export function buildSafelistManifest(sources: string[]): SafelistManifest {
  const definitions = sources.flatMap((source) => parse(source).definitions);
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const manifest: SafelistManifest = {};
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = fragmentsUsedBy(definition, fragments);
    const normalized = normalizeOperation({ kind: Kind.DOCUMENT, definitions: [definition, ...used] });
    manifest[operationHash(normalized)] = normalized;
  }
  return manifest;
}

function fragmentsUsedBy(
  root: DefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FragmentDefinitionNode[] {
  const used: FragmentDefinitionNode[] = [];
  visit(root, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (!fragment || seen.has(fragment.name.value)) return;
      seen.add(fragment.name.value);
      used.push(fragment, ...fragmentsUsedBy(fragment, fragments, seen));
    },
  });
  return used;
}

/** Reads and checks a manifest: every key must be the hash of its normalized document. */
export function readSafelistManifest(path: string, variable = 'SAFELIST_PATH'): SafelistManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read a JSON safelist manifest (${(error as Error).message})`]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError([`${variable}: the manifest must be a JSON object of sha256 hash to operation`]);
  const problems: string[] = [];
  const manifest: SafelistManifest = {};
  for (const [hash, text] of Object.entries(parsed)) {
    try {
      const normalized = normalizeOperation(String(text));
      if (operationHash(normalized) !== hash)
        problems.push(`${variable}: entry ${hash} is not the hash of its operation`);
      else manifest[hash] = normalized;
    } catch {
      problems.push(`${variable}: entry ${hash} is not a GraphQL document`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return manifest;
}

export interface SafelistOptions {
  operations: SafelistManifest;
  /** Refuse third-party apps any operation not on the list (`SAFELIST_MODE=enforce`). */
  enforce: boolean;
}

/** Which operations third-party apps may run; staff and patients' own apps are not restricted. */
export class Safelist {
  private readonly operations: ReadonlyMap<string, string>;
  /** Apollo keeps one parsed document per query text, so each is hashed once. */
  private readonly hashes = new WeakMap<DocumentNode, string>();

  constructor(private readonly options: SafelistOptions) {
    this.operations = new Map(Object.entries(options.operations));
  }

  /** The registered document with this hash, for a client that sends only the hash. */
  operation(hash: string): string | undefined {
    return this.operations.get(hash);
  }

  allows(caller: GatewayCaller, document: DocumentNode): boolean {
    if (!this.options.enforce || !isThirdParty(caller)) return true;
    let hash = this.hashes.get(document);
    if (!hash) {
      hash = operationHash(normalizeOperation(document));
      this.hashes.set(document, hash);
    }
    return this.operations.has(hash);
  }
}

export const notSafelisted = () =>
  new GraphQLError(
    'This operation is not on the safelist of persisted operations that third-party apps may run; ' +
      'ask the clinic to register it.',
    { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
  );
