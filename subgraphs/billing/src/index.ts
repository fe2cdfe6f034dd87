export { billingSubgraph } from './subgraph';
