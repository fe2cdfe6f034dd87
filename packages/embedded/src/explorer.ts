import { existsSync } from 'node:fs';
import { distDir } from '@clinicflow/explorer';

/** The built API explorer, when its package has been built. */
export function explorerDirectory(): string | undefined {
  return existsSync(distDir) ? distDir : undefined;
}
