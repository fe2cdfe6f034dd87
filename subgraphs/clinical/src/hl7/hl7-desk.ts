import {
  actorOf,
  badUserInput,
  type Caller,
  conflict,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  type SortKey,
} from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { ClinicalAlert } from './clinical-alert.entity';
import { headerOf, type Hl7Intake, lockSender } from './hl7-intake';
import { type Hl7Message, parseHl7 } from './hl7-library';
import { Hl7MessageRecord, Hl7MessageStatus } from './hl7-message.entity';

const NEWEST_FIRST: SortKey<Hl7MessageRecord>[] = [
  { column: 'message.received_at', direction: 'DESC', type: 'timestamp', valueOf: (row) => row.receivedAt },
  { column: 'message.id', direction: 'ASC', type: 'uuid', valueOf: (row) => row.id },
];

/** What staff do with stored messages through the API: list them, read one, fix and reprocess it. */
export class Hl7Desk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: () => Hl7Intake,
  ) {}

  async list(args: PageArgs & { status?: Hl7MessageStatus | null }): Promise<Page<Hl7MessageRecord>> {
    const query = this.dataSource.getRepository(Hl7MessageRecord).createQueryBuilder('message');
    if (args.status) query.where('message.status = :status', { status: args.status });
    return keysetPage(query, NEWEST_FIRST, args);
  }

  async get(id: string): Promise<Hl7MessageRecord> {
    const message = await this.dataSource.getRepository(Hl7MessageRecord).findOneBy({ id });
    if (!message) throw notFound('Hl7Message', id);
    return message;
  }

  alert(id: string): Promise<ClinicalAlert | null> {
    return this.dataSource.getRepository(ClinicalAlert).findOneBy({ id });
  }

  /**
   * Applies a message that failed again, with its text as staff corrected it (`raw`) or as it is.
   * The corrected text must keep the message's sender and control id. The outcome is recorded on
   * the message: a message that fails again stays in `error` with the new reason.
   */
  async reprocess(id: string, raw: string | null | undefined, caller: Caller): Promise<Hl7MessageRecord> {
    const { context } = await this.dataSource.transaction(async (manager) => {
      // The sender's lock first, as the listener takes it, then the message's row.
      const found = await manager.findOneBy(Hl7MessageRecord, { id });
      if (!found) throw notFound('Hl7Message', id);
      await lockSender(manager, found.sender);
      const stored = await manager.findOneOrFail(Hl7MessageRecord, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (stored.status !== Hl7MessageStatus.ERROR) {
        throw conflict(`Only a message in error can be reprocessed; this one is ${stored.status}`, {
          status: stored.status,
        });
      }
      const message = raw ? corrected(raw, stored) : parseHl7(stored.raw);
      if (raw) {
        await manager.update(Hl7MessageRecord, id, {
          raw: message.toString(),
          messageType: `${headerOf(message).type}^${headerOf(message).trigger}`,
          editedAt: () => 'now()',
          editedBy: caller.subject,
        });
      }
      return this.intake().applyStored(manager, id, message, actorOf(caller, 'clinical'));
    });
    await context?.committed();
    return this.get(id);
  }
}

/** Staff's corrected text, which must still be this sender's message with this control id. */
function corrected(raw: string, stored: Hl7MessageRecord): Hl7Message {
  let message: Hl7Message;
  try {
    message = parseHl7(raw.trim().replace(/\r?\n/g, '\r'));
  } catch {
    throw badUserInput('raw is not an HL7 v2 message: it must start with an MSH segment', { argument: 'raw' });
  }
  const header = headerOf(message);
  if (header.sender !== stored.sender || header.controlId !== stored.controlId) {
    throw badUserInput('raw must keep the sender (MSH-3, MSH-4) and control id (MSH-10) of the message', {
      argument: 'raw',
    });
  }
  return message;
}
