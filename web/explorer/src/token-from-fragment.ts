/** The parts of `window` this module touches, so a test can pass its own. */
export interface AddressBar {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
}

/**
 * Reads `#token=<jwt>` from the page's address and removes the fragment with
 * `history.replaceState`, so the token is neither left in the address bar nor in
 * the browser's history. A fragment is never sent to the server, which is why
 * links from `npm run token` put the token there and not in the query string.
 */
export function takeTokenFromFragment(addressBar: AddressBar): string | undefined {
  const fragment = new URLSearchParams(addressBar.location.hash.replace(/^#/, ''));
  if (!fragment.has('token')) return undefined;
  const { pathname, search } = addressBar.location;
  addressBar.history.replaceState(addressBar.history.state, '', `${pathname}${search}`);
  const token = fragment.get('token')?.trim();
  return token ? token : undefined;
}

/** The request headers for a bearer token, as the gateway expects them. */
export function bearerHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
