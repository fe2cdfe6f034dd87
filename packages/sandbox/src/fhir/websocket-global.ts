import { WebSocket } from 'ws';

/**
 * Medplum 5 reads the global `WebSocket` when its modules load, which Node 20 has only behind
 * `--experimental-websocket`. Imported before any @medplum module, this gives it the `ws` one.
 */
if (typeof globalThis.WebSocket === 'undefined') {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
}
