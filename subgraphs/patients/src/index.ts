export { patientsSubgraph } from './subgraph';
