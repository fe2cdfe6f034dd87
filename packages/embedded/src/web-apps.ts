import { existsSync } from 'node:fs';
import { distDir as displayDist } from '@clinicflow/display';
import { distDir as explorerDist } from '@clinicflow/explorer';

const ifBuilt = (dir: string) => (existsSync(dir) ? dir : undefined);

/** The front-end apps the gateway serves, when they have been built. */
export const webApps = () => ({ explorerDir: ifBuilt(explorerDist), displayDir: ifBuilt(displayDist) });
