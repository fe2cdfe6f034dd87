export { batchLoader, manyByKey, oneByKey } from './batch';
export { loaderPerArguments, uuidKeys } from './keys';
export { default as DataLoader } from 'dataloader';
