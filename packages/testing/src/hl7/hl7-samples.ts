import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Parser, Server, type TcpClient } from 'simple-hl7';

/** The sample messages shipped with simple-hl7 (test/samples), which the team did not write. */
const SAMPLES = join(dirname(require.resolve('simple-hl7/package.json')), 'test', 'samples');

/** A sample's text with its segments separated by CR, as MLLP carries them. */
export const hl7Sample = (name: 'adt.hl7' | 'orm.hl7' | 'oru.hl7'): string =>
  readFileSync(join(SAMPLES, name), 'utf8').trim().replace(/\r?\n/g, '\r');

/** A segment as simple-hl7 reads it: HL7 field numbers, except the header's (MSH-n is `getField(n - 2)`). */
export interface ParsedSegment {
  name: string;
  getField(index: number): string;
  getComponent(field: number, component: number): string;
}

export interface ParsedMessage {
  header: ParsedSegment;
  getSegment(name: string): ParsedSegment | undefined;
  getSegments(name: string): ParsedSegment[];
}

/** simple-hl7's own parse of a message: an HL7 implementation apart from the intake's, where tests read expected values from. */
export const parseHl7Sample = (text: string): ParsedMessage => new Parser({ segmentSeperator: '\r' }).parse(text);

/** The message text with one field of its first segment of that name replaced: `withHl7Field(text, 'MSH', 10, 'X')`. */
export function withHl7Field(text: string, segment: string, field: number, value: string): string {
  return text
    .split('\r')
    .map((line) => {
      if (!line.startsWith(`${segment}|`)) return line;
      const fields = line.split('|');
      // MSH-1 is the separator itself, so MSH-n is at index n - 1.
      const index = segment === 'MSH' ? field - 1 : field;
      while (fields.length <= index) fields.push('');
      fields[index] = value;
      return fields.join('|');
    })
    .join('\r');
}

/** An MLLP sender on simple-hl7's client, one message at a time, as senders in original mode do. */
export class Hl7Sender {
  private readonly client: TcpClient;

  constructor(port: number) {
    this.client = Server.createTcpClient({ host: '127.0.0.1', port, keepalive: true });
  }

  /** Sends a message and waits for its ACK: `{ code: 'AA', controlId, errorCode, errorText }`. */
  send(text: string): Promise<Hl7Ack> {
    return new Promise((resolve, reject) => {
      this.client.send(text, (error, ack) => {
        if (error) return reject(error);
        const msa = ack.getSegment('MSA');
        const err = ack.getSegment('ERR');
        resolve({
          code: msa?.getField(1) ?? '',
          controlId: msa?.getField(2) ?? '',
          errorCode: err ? err.getComponent(3, 1) : null,
          errorText: err ? err.getField(8) : null,
        });
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

export interface Hl7Ack {
  code: string;
  controlId: string;
  errorCode: string | null;
  errorText: string | null;
}
