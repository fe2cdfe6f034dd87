import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, freePorts, hl7Sample, type TestDatabase, withHl7Field } from '@clinicflow/testing';
import { DataSource } from 'typeorm';

const MESSAGES = 5_000;
const KILL_AFTER = 1_500;
const MRN = 'FAULT-MRN-1';

const result = (n: number) =>
  [
    `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|FAULT-${n}|P|2.5`,
    `PID|1||${MRN}||ROE^MARY||19700101|F`,
    'OBR|1|PL-1||2345-7^Glucose^LN|||20261122080000',
    `OBX|1|NM|2345-7^Glucose^LN||${n}|mg/dL|0-99999|N|||F`,
  ].join('\r');

/** The clinical subgraph, built, in a child process. */
function startListener(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'hl7-listener.cjs'), databaseUrl, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the listener exited with ${code} before listening`)));
  });
}

/**
 * An MLLP sender as interface engines behave: one message at a time, each sent until it gets an ACK;
 * when the connection fails it reconnects and sends the same message again.
 */
class ResendingSender {
  private socket: Socket | null = null;
  private buffer = '';
  private waiting: ((ack: string) => void) | null = null;
  reconnects = 0;

  constructor(private readonly port: number) {}

  async send(text: string): Promise<string> {
    for (;;) {
      try {
        const socket = this.socket ?? (await this.connect());
        let timer: NodeJS.Timeout | undefined;
        let onClose: (() => void) | undefined;
        const ack = new Promise<string>((resolve, reject) => {
          this.waiting = resolve;
          onClose = () => reject(new Error('closed'));
          socket.once('close', onClose);
          timer = setTimeout(() => reject(new Error('no ACK')), 10_000);
        }).finally(() => {
          clearTimeout(timer);
          socket.off('close', onClose!);
        });
        socket.write(`\x0b${text}\x1c\r`);
        return await ack;
      } catch {
        this.socket?.destroy();
        this.socket = null;
        this.reconnects += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  close(): void {
    this.socket?.destroy();
  }

  private connect(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: this.port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        socket.on('data', (chunk) => {
          this.buffer += chunk.toString();
          const end = this.buffer.indexOf('\x1c\r');
          if (end < 0) return;
          const frame = this.buffer.slice(1, end);
          this.buffer = this.buffer.slice(end + 2);
          const msa = frame.split('\r').find((segment) => segment.startsWith('MSA|'));
          this.waiting?.(msa?.split('|')[1] ?? '');
        });
        this.buffer = '';
        this.socket = socket;
        resolve(socket);
      });
    });
  }
}

/**
 * The fault test of issue 6: the listener's process is killed (SIGKILL) while a sender streams 5,000
 * results, and started again; every message the sender got AA for is stored and applied exactly once.
 */
describe('HL7 intake killed mid-stream', () => {
  let database: TestDatabase;
  let sql: DataSource;
  let listener: ChildProcess | null = null;

  beforeAll(async () => {
    database = await createTestDatabase('hl7-fault');
    sql = await new DataSource({ type: 'postgres', url: database.url }).initialize();
  });
  afterAll(async () => {
    listener?.kill('SIGKILL');
    await sql?.destroy();
    await database?.drop();
  });

  it('stores and applies every acknowledged message exactly once across a SIGKILL', async () => {
    const port = await freePorts(1);
    listener = await startListener(database.url, port);
    const sender = new ResendingSender(port);
    const register = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'FAULT-REG'), 'PID', 3, MRN);
    expect(await sender.send(register)).toBe('AA');

    const acked: number[] = [];
    let restarted: Promise<void> | null = null;
    for (let n = 0; n < MESSAGES; n += 1) {
      if (n === KILL_AFTER) {
        const killed = listener;
        // Killed while the sender is mid-message: no ACK comes for it, and the sender sends it again.
        restarted = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          killed.kill('SIGKILL');
          await new Promise((resolve) => killed.once('exit', resolve));
          listener = await startListener(database.url, port);
        })();
      }
      const ack = await sender.send(result(n));
      if (ack === 'AA') acked.push(n);
    }
    await restarted;
    sender.close();

    expect(sender.reconnects).toBeGreaterThan(0);
    expect(acked).toHaveLength(MESSAGES);
    const [messages] = (await sql.query(
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'processed')::int AS processed
       FROM clinical.hl7_message WHERE control_id LIKE 'FAULT-%' AND control_id <> 'FAULT-REG'`,
    )) as { stored: number; processed: number }[];
    expect(messages).toEqual({ stored: MESSAGES, processed: MESSAGES });
    const [results] = (await sql.query(
      `SELECT count(*)::int AS rows, count(DISTINCT r.value_quantity)::int AS values,
              min(r.value_quantity)::int AS first, max(r.value_quantity)::int AS last
       FROM clinical.lab_result r JOIN clinical.hl7_patient p ON p.patient_id = r.patient_id WHERE p.mrn = $1`,
      [MRN],
    )) as { rows: number; values: number; first: number; last: number }[];
    expect(results).toEqual({ rows: MESSAGES, values: MESSAGES, first: 0, last: MESSAGES - 1 });
  }, 240_000);
});
