export { clinicalSubgraph, createClinicalSubgraph } from './subgraph';
export { parseHl7 } from './hl7/hl7-library';
