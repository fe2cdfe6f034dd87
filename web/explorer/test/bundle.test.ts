import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findExternalReferences, type ExternalReference } from './external-references';

/**
 * Checks the files that `npm run build -w web/explorer` wrote: it builds nothing
 * itself, so that the root `npm test` (turbo build, then jest) checks exactly what
 * the gateway will serve.
 */
const distDir = path.join(__dirname, '..', 'dist');

function readDist(): Map<string, string> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `${distDir}/index.html is missing: build the explorer first with \`npm run build -w web/explorer\` ` +
        '(this test checks the built files and builds nothing itself).',
    );
  }
  const files = new Map<string, string>();
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    // latin1 maps every byte to one character, so binary files (fonts) are scanned too.
    files.set(path.relative(distDir, file), readFileSync(file, 'latin1'));
  }
  return files;
}

function describeReferences(references: ExternalReference[]): string {
  return references.map((r) => `  ${r.file}: ${r.kind} -> ${r.url}\n      ...${r.excerpt}...`).join('\n');
}

describe('the external-reference scanner', () => {
  it.each([
    ['<script type="module" src="https://cdn.example/app.js"></script>', 'https://cdn.example/app.js'],
    [
      '<link rel="stylesheet" href="https://fonts.example/css?family=Roboto">',
      'https://fonts.example/css?family=Roboto',
    ],
    ['@font-face{src:url(https://fonts.example/roboto.woff2)}', 'https://fonts.example/roboto.woff2'],
    ["@import url('//fonts.example/x.css');", '//fonts.example/x.css'],
    ['@import "https://fonts.example/x.css";', 'https://fonts.example/x.css'],
    ['const m = await import("https://esm.example/monaco.js")', 'https://esm.example/monaco.js'],
    ['import{a as b}from"https://esm.example/react.js";', 'https://esm.example/react.js'],
    ['fetch(`https://telemetry.example/v1`,{method:"POST"})', 'https://telemetry.example/v1'],
    [
      "new Worker(new URL('https://esm.example/json.worker.js', import.meta.url))",
      'https://esm.example/json.worker.js',
    ],
    ['new WebSocket("wss://other.example/graphql")', 'wss://other.example/graphql'],
  ])('reports %s', (text, url) => {
    expect(findExternalReferences('sample', text).map((r) => r.url)).toContain(url);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    [`background:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E")`],
    ['{href:"https://github.com/graphql/graphiql",target:"_blank"}'],
    ['{$schema:"http://json-schema.org/draft-04/schema"}'],
    ['<script type="module" crossorigin src="/explorer/assets/index.js"></script>'],
    ['new Worker(new URL("/explorer/assets/json.worker.js", import.meta.url))'],
    ['fetch("/graphql",{method:"POST"})'],
    ['const re = /^https?:\\/\\//; // see https://example.org/docs'],
  ])('lets %s pass', (text) => {
    expect(findExternalReferences('sample', text)).toEqual([]);
  });

  it('reports a CDN host named anywhere, even in a plain string', () => {
    expect(findExternalReferences('sample', 'const base = "fonts.googleapis.com";')).toHaveLength(1);
  });
});

describe('the built explorer (web/explorer/dist)', () => {
  it('fetches nothing from any host but its own origin', () => {
    const references = [...readDist()].flatMap(([file, text]) => findExternalReferences(file, text));
    if (references.length > 0) {
      throw new Error(
        `dist/ would make the browser fetch from another host (fonts, workers and scripts must be bundled):\n` +
          describeReferences(references),
      );
    }
  });

  it('loads its scripts and styles from /explorer/, where the gateway serves dist/', () => {
    const files = readDist();
    const html = files.get('index.html') ?? '';
    const assetUrls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const bundled = assetUrls.filter((url) => !url.startsWith('data:'));
    expect(bundled.length).toBeGreaterThan(0);
    for (const url of bundled) {
      expect(url).toMatch(/^\/explorer\/assets\//);
      expect(files.has(url.replace(/^\/explorer\//, ''))).toBe(true);
    }
  });

  it('bundles the Monaco workers (editor, JSON, GraphQL) as its own files', () => {
    const names = [...readDist().keys()].map((file) => path.basename(file));
    for (const worker of ['editor.worker', 'json.worker', 'graphql.worker']) {
      expect(names.some((name) => name.startsWith(`${worker}-`) && name.endsWith('.js'))).toBe(true);
    }
  });
});
