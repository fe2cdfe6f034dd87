export { queueSubgraph } from './subgraph';
