/** The subgraphs the supergraph is composed of, in `supergraph.yaml` order. */
export const SUBGRAPH_NAMES = ['patients', 'queue', 'billing', 'clinical', 'devices'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
