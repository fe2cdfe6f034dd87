import dns from 'node:dns';
import net, { isIP } from 'node:net';

/**
 * Records every TCP connection this process opens and every name it resolves. It hooks
 * `net.Socket.prototype.connect`, which plain sockets, http, https (TLS) and undici's fetch all go
 * through, and `dns.lookup`, which resolves any host that is not an IP address.
 */
export function watchOutboundConnections() {
  const connect = jest.spyOn(net.Socket.prototype, 'connect');
  const lookup = jest.spyOn(dns, 'lookup');
  const hostOf = (args: unknown[]): string => {
    const [first, second] = args;
    // net.connect hands its already-normalised arguments over as one array.
    if (Array.isArray(first)) return hostOf(first);
    if (typeof first === 'object' && first !== null) {
      const options = first as { host?: string; path?: string };
      return options.path ? `unix:${options.path}` : (options.host ?? 'localhost');
    }
    if (typeof first === 'string' && typeof second !== 'string') return `unix:${first}`;
    return typeof second === 'string' ? second : 'localhost';
  };
  return {
    hosts: () => new Set(connect.mock.calls.map((args) => hostOf(args))),
    // Clients also pass IP literals to dns.lookup, which answers those without asking anyone.
    lookups: () => lookup.mock.calls.map(([hostname]) => hostname).filter((hostname) => isIP(hostname) === 0),
    stop: () => {
      connect.mockRestore();
      lookup.mockRestore();
    },
  };
}
