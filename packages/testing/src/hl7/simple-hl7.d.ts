/** The parts of simple-hl7 (no types of its own) the tests use as an independent HL7 implementation. */
declare module 'simple-hl7' {
  export interface Segment {
    name: string;
    /** HL7 field numbers for segments; for the header (MSH), the number minus 2 (MSH-3 is 1). */
    getField(index: number): string;
    getComponent(field: number, component: number): string;
  }
  export interface Message {
    header: Segment;
    getSegment(name: string): Segment | undefined;
    getSegments(name: string): Segment[];
    toString(): string;
  }
  export class Parser {
    constructor(options?: { segmentSeperator: string });
    parse(text: string): Message;
  }
  export interface TcpClient {
    send(message: { toString(): string }, callback: (error: Error | null, ack: Message) => void): void;
    close(): void;
  }
  export const Server: {
    createTcpClient(options: { host: string; port: number; keepalive?: boolean }): TcpClient;
  };
}
