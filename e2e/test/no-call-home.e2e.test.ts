import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { FacilitiesDocument, startTestPlatform } from '../src';

/**
 * A clinic's gateway opens no connection its configuration does not name: no telemetry, no cloud
 * metadata probes, no CDN. Every socket the whole platform opens during a run must be local.
 */
describe('no call home', () => {
  it('opens connections only to 127.0.0.1 during a full run', async () => {
    const remotes = new Set<string>();
    const record = (message: unknown) => {
      const { socket } = message as { socket: Socket };
      socket.once('connect', () => remotes.add(`${socket.remoteAddress}`));
      socket.once('lookup', (_error: Error | null, address: string) => remotes.add(address));
    };
    diagnostics.subscribe('net.client.socket', record);
    try {
      const platform = await startTestPlatform('nocallhome');
      try {
        const result = await platform.execute(await platform.token('admin'), FacilitiesDocument, {});
        expect(result.errors).toBeUndefined();
        // Long enough for telemetry exporters and resource detectors to have tried.
        await new Promise((resolve) => setTimeout(resolve, 3000));
      } finally {
        await platform.stop();
      }
    } finally {
      diagnostics.unsubscribe('net.client.socket', record);
    }
    expect(remotes.size).toBeGreaterThan(0);
    expect([...remotes].filter((address) => address !== '127.0.0.1')).toEqual([]);
  });
});
