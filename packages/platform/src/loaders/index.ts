export { batchLoader, manyByKey, oneByKey } from './batch';
export { default as DataLoader } from 'dataloader';
