import net, { type AddressInfo } from 'node:net';
import type { Logger } from '@clinicflow/platform';
import { Hl7Connection, type Hl7ErrorEvent, type Hl7MessageEvent } from '@medplum/hl7';
import type { Hl7Message } from './hl7-library';

export interface MllpListener {
  address: AddressInfo;
  stop(): Promise<void>;
}

/**
 * HL7 v2 over MLLP (TCP, each message framed by VT … FS CR) with @medplum/hl7's connection, which
 * frames, decodes and parses. Each connection's messages are handled one at a time in arrival order
 * and each gets its reply before the next is read from the queue: `handle` returns the ACK. Bytes
 * that are not an HL7 message (no MSH) cannot be acknowledged, having no control id: the connection
 * is closed, so the sender reconnects and sends again.
 */
export async function startMllpListener(options: {
  host: string;
  port: number;
  logger: Logger;
  handle(message: Hl7Message): Promise<Hl7Message>;
}): Promise<MllpListener> {
  const connections = new Set<Hl7Connection>();
  const server = net.createServer((socket) => {
    const connection = new Hl7Connection(socket);
    connections.add(connection);
    let queue = Promise.resolve();
    connection.addEventListener('message', (event: Hl7MessageEvent) => {
      queue = queue
        .then(async () => {
          const ack = await options.handle(event.message);
          if (!connection.isClosed()) connection.send(ack);
        })
        .catch((error: unknown) => options.logger.error({ err: error }, 'an HL7 message got no acknowledgment'));
    });
    connection.addEventListener('error', (event: Hl7ErrorEvent) => {
      // A socket error, or bytes that are not an HL7 message (the library's buffer is then spoilt).
      options.logger.warn({ error: event.error.message }, 'MLLP connection failed; closing it');
      void connection.close();
    });
    connection.addEventListener('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  options.logger.info({ port: address.port }, 'HL7 MLLP listener started');
  return {
    address,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((connection) => connection.close()));
      await closed;
    },
  };
}
