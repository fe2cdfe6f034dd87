import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Checks the files that `npm run build -w web/display` wrote, as the gateway will serve them: it
 * builds nothing itself (the root `npm test` runs the turbo build first).
 */
const distDir = path.join(__dirname, '..', 'dist');

function readDist(): Map<string, string> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `${distDir}/index.html is missing: build the display first with \`npm run build -w web/display\` ` +
        '(this test checks the built files and builds nothing itself).',
    );
  }
  const files = new Map<string, string>();
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(distDir, file), readFileSync(file, 'latin1'));
    }
  }
  return files;
}

describe('the built display (web/display/dist)', () => {
  it('names no other host anywhere: no CDN, no font host, no absolute URL at all', () => {
    const absolute = /(?:https?|wss?):\/\/|url\(\s*['"]?\/\//gi;
    const found = [...readDist()].flatMap(([file, text]) =>
      [...text.matchAll(absolute)].map((match) => `${file}: ...${text.slice(match.index, match.index + 60)}...`),
    );
    expect(found).toEqual([]);
  });

  it('loads its script and styles from /display/assets/, where the gateway serves them', () => {
    const files = readDist();
    const html = files.get('index.html') ?? '';
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const bundled = urls.filter((url) => !url.startsWith('data:'));
    expect(bundled.length).toBeGreaterThanOrEqual(2);
    for (const url of bundled) {
      expect(url).toMatch(/^\/display\/assets\//);
      expect(files.has(url.replace(/^\/display\//, ''))).toBe(true);
    }
    expect([...files.keys()].every((file) => file === 'index.html' || file.startsWith('assets/'))).toBe(true);
  });

  it('stays small enough for a TV browser to load in an instant', () => {
    const bytes = [...readDist().values()].reduce((total, text) => total + text.length, 0);
    expect(bytes).toBeLessThan(100_000);
  });
});
