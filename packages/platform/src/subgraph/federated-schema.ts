import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { auditResolvers } from '../audit/audit-resolvers';
import { roleAuthChecker } from '../auth/auth-checker';
import { restoreEnumDefaults } from './enum-defaults';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ClassList = NonEmptyArray<Function>;

/** Resolves an entity from the representation the gateway sends (`{ __typename, id }`). */
export type ReferenceResolver<TContext> = (reference: { id: string }, context: TContext) => unknown;

export interface SchemaSpec<TContext> {
  resolvers: ClassList;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers: Record<string, ReferenceResolver<TContext>>;
}

/** type-graphql has no place to describe the root types; the explorer shows these. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = "What can be read: each field is one entry point into the clinic's data";
  if (mutation) mutation.description = 'What can be changed: each field is one action, checked and recorded';
  if (subscription) subscription.description = 'What can be followed live over graphql-ws on the same endpoint';
}

/**
 * Turns a type-graphql schema into a Federation 2 subgraph schema: the decorators stay the one
 * place the schema is declared, and this adds the federation link and entity reference resolvers,
 * and audits every resolver that hands out patient data (see ../audit/audit-resolvers.ts).
 */
export async function buildFederatedSchema<TContext>(
  spec: SchemaSpec<TContext>,
  pubSub?: PubSub,
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeSchema = await buildSchema({
    resolvers: spec.resolvers,
    orphanedTypes: spec.orphanedTypes ?? [],
    authChecker: roleAuthChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    ...(pubSub ? { pubSub } : {}),
  });
  describeRootTypes(typeSchema);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}`;
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<TContext>;
  for (const [typeName, resolveReference] of Object.entries(spec.referenceResolvers)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: resolveReference,
    } as GraphQLResolverMap<TContext>[string];
  }
  auditResolvers(typeSchema, resolvers);
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  restoreEnumDefaults(schema);
  return { schema, sdl };
}
