/**
 * Finds places in built files where a browser would fetch an absolute URL: the
 * explorer must load everything from the page's own origin (STACK.md, "no call
 * home"), so any absolute or protocol-relative URL in such a place is another host.
 * Plain strings (links in help texts, JSON Schema ids, XML namespaces) are not
 * fetched and are not reported.
 */

export interface ExternalReference {
  readonly file: string;
  readonly kind: string;
  readonly url: string;
  readonly excerpt: string;
}

/** An absolute http(s)/ws(s) URL, or a protocol-relative one (`//host/...`). */
const URL_PATTERN = String.raw`(?<url>(?:(?:https?|wss?):)?//[A-Za-z0-9\[][^\s'"\x60)<>,]*)`;
const QUOTE = String.raw`['"\x60]`;

const FETCHING_CONTEXTS: ReadonlyArray<readonly [kind: string, pattern: string]> = [
  ['HTML src/srcset/poster attribute', String.raw`\s(?:src|srcset|poster|data)\s*=\s*['"]?\s*${URL_PATTERN}`],
  ['HTML <link>/<base> href', String.raw`<(?:link|base)\b[^>]*?\shref\s*=\s*['"]?\s*${URL_PATTERN}`],
  ['HTML meta refresh', String.raw`http-equiv\s*=\s*['"]?refresh[^>]*url\s*=\s*${URL_PATTERN}`],
  ['CSS url()', String.raw`url\(\s*['"]?\s*${URL_PATTERN}`],
  ['CSS @import', String.raw`@import\s+(?:url\(\s*)?['"]?\s*${URL_PATTERN}`],
  ['JS dynamic import()', String.raw`\bimport\s*\(\s*${QUOTE}${URL_PATTERN}`],
  ['JS static import', String.raw`\b(?:import|export)\b[^;'"\x60]*?\bfrom\s*${QUOTE}${URL_PATTERN}`],
  ['JS side-effect import', String.raw`\bimport\s*${QUOTE}${URL_PATTERN}`],
  ['JS fetch()', String.raw`\bfetch\s*\(\s*${QUOTE}${URL_PATTERN}`],
  ['JS new Worker()', String.raw`\bnew\s+(?:Shared)?Worker\s*\(\s*(?:new\s+URL\s*\(\s*)?${QUOTE}${URL_PATTERN}`],
  ['JS serviceWorker.register()', String.raw`\bregister\s*\(\s*${QUOTE}${URL_PATTERN}`],
  ['JS importScripts()', String.raw`\bimportScripts\s*\([^)]*?${QUOTE}${URL_PATTERN}`],
  ['JS WebSocket/EventSource', String.raw`\bnew\s+(?:WebSocket|EventSource)\s*\(\s*${QUOTE}${URL_PATTERN}`],
  ['JS sendBeacon()', String.raw`\bsendBeacon\s*\(\s*${QUOTE}${URL_PATTERN}`],
  ['JS XMLHttpRequest.open()', String.raw`\.open\s*\(\s*${QUOTE}[A-Za-z]+${QUOTE}\s*,\s*${QUOTE}${URL_PATTERN}`],
  ['JS element.src =', String.raw`\.src\s*=\s*${QUOTE}${URL_PATTERN}`],
  ['JS setAttribute(src/href)', String.raw`setAttribute\(\s*${QUOTE}(?:src|href)${QUOTE}\s*,\s*${QUOTE}${URL_PATTERN}`],
];

/** XML namespaces are identifiers, never fetched, even where they look like one of the above. */
const NAMESPACE_URIS = [
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace',
  'http://www.w3.org/2000/xmlns/',
];

/** Hosts that serve fonts or packages to pages: none of them may be named anywhere in the bundle. */
export const CDN_HOSTS = [
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'unpkg.com',
  'cdn.jsdelivr.net',
  'esm.sh',
  'cdnjs.cloudflare.com',
  'cdn.skypack.dev',
  'ga.jspm.io',
];

function excerptAround(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 60), index + length + 20)
    .replace(/\s+/g, ' ')
    .trim();
}

export function findExternalReferences(file: string, text: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const [kind, pattern] of FETCHING_CONTEXTS) {
    for (const match of text.matchAll(new RegExp(pattern, 'gi'))) {
      const url = match.groups?.url ?? '';
      if (NAMESPACE_URIS.some((namespace) => url.startsWith(namespace))) continue;
      found.push({ file, kind, url, excerpt: excerptAround(text, match.index, match[0].length) });
    }
  }
  for (const host of CDN_HOSTS) {
    const pattern = new RegExp(
      String.raw`(?<![A-Za-z0-9.-])${host.replaceAll('.', String.raw`\.`)}(?![A-Za-z0-9-])`,
      'gi',
    );
    for (const match of text.matchAll(pattern)) {
      found.push({ file, kind: 'CDN host named', url: host, excerpt: excerptAround(text, match.index, host.length) });
    }
  }
  return found;
}
