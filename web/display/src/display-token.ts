/** The parts of `window` this module touches, so a test can pass its own. */
export interface DisplayPage {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The facility a display shows: the last segment of `/display/:facilityId`. */
export function facilityIdFromPath(pathname: string): string | undefined {
  const match = /^\/display\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export const tokenStorageKey = (facilityId: string) => `clinicflow.display.token.${facilityId}`;

/**
 * The display's token. A display link carries it as `#token=<jwt>` (a fragment is never sent to
 * the server): it is kept in localStorage, keyed by facility, so the screen comes back by itself
 * after a reload or a power cut, and the fragment is removed from the address bar and history.
 * Without a fragment, the stored token is used.
 */
export function displayToken(page: DisplayPage, facilityId: string): string | undefined {
  const fragment = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  if (fragment.has('token')) {
    const { pathname, search } = page.location;
    page.history.replaceState(page.history.state, '', `${pathname}${search}`);
    const token = fragment.get('token')?.trim();
    if (token) {
      storeQuietly(page, tokenStorageKey(facilityId), token);
      return token;
    }
  }
  return readQuietly(page, tokenStorageKey(facilityId)) ?? undefined;
}

/** Storage can be disabled or full; the display then works until the next reload. */
function storeQuietly(page: DisplayPage, key: string, value: string): void {
  try {
    page.localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the token in memory still serves this page.
  }
}

function readQuietly(page: DisplayPage, key: string): string | null {
  try {
    return page.localStorage.getItem(key);
  } catch {
    return null;
  }
}
