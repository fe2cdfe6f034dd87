export { devicesSubgraph } from './subgraph';
