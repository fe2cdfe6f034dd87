export { buildFederatedSchema, type ClassList, type ReferenceResolver, type SchemaSpec } from './federated-schema';
export {
  defineSubgraph,
  type BaseContext,
  type Environment,
  type SubgraphDefinition,
  type SubgraphResources,
} from './subgraph-definition';
export { startSubgraph, type RunningSubgraph, type SubgraphRuntime } from './subgraph-server';
