export { clinicalSubgraph } from './subgraph';
