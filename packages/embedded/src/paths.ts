import { resolve } from 'node:path';

/** The repository's top folder, from this package's place in it (packages/embedded/{src,dist}). */
export const repositoryRoot = (): string => resolve(__dirname, '..', '..', '..');

/** Where embedded mode keeps its database, keys and other state. */
export const dataDirectory = (): string =>
  resolve(process.env.CLINICFLOW_DATA_DIR ?? resolve(repositoryRoot(), '.data'));

export const issuerKeyPath = (): string => resolve(dataDirectory(), 'issuer-key.json');
