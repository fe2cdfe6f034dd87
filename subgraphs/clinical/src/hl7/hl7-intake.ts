import type { AuditActor, LivePubSub, Logger } from '@clinicflow/platform';
import type PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { applierFor } from './appliers';
import { ApplyContext } from './appliers/apply-context';
import { type AckCode, Hl7ErrorCode, hl7ErrorName, Hl7Rejection, rejected } from './hl7-errors';
import { valueAt } from './hl7-fields';
import { hl7Segment, type Hl7Message } from './hl7-library';
import { Hl7MessageRecord, Hl7MessageStatus } from './hl7-message.entity';
import type { SenderConfigs } from './sender-config.loader';

/** What became of one attempt to apply a message: what its ACK says. */
export interface Outcome {
  ackCode: AckCode;
  errorCode: number | null;
  errorText: string | null;
}

export interface Hl7IntakeDependencies {
  dataSource: DataSource;
  jobs: PgBoss;
  liveEvents: LivePubSub;
  logger: Logger;
  configs: SenderConfigs;
}

/** Identifies a message: `APPLICATION/FACILITY` from MSH-3 and MSH-4, its control id and type. */
export function headerOf(message: Hl7Message) {
  const application = valueAt(message, 'MSH-3');
  const facility = valueAt(message, 'MSH-4');
  return {
    application,
    facility,
    sender: `${application}/${facility}`,
    controlId: valueAt(message, 'MSH-10') || null,
    type: valueAt(message, 'MSH-9.1').toUpperCase(),
    trigger: valueAt(message, 'MSH-9.2').toUpperCase(),
  };
}

/** One sender's messages are applied one at a time (any connection, any replica): this lock's key. */
export const lockSender = (manager: EntityManager, sender: string) =>
  manager.query(`SELECT pg_advisory_xact_lock(hashtext('clinicflow.hl7.' || $1))`, [sender]);

/**
 * Stores and applies inbound HL7 v2 messages. A message is stored and applied in one transaction,
 * under its sender's lock, and its ACK is built only once that has committed: AA when it was
 * applied, AE or AR (with an ERR segment saying why) when it was not, in which case it is stored
 * with status `error` for staff to fix and reprocess. A message the sender sends again (same sender
 * and MSH-10) is acknowledged as it was the first time and applied only once.
 */
export class Hl7Intake {
  constructor(private readonly deps: Hl7IntakeDependencies) {}

  /** Stores and applies a message and returns its ACK. */
  async receive(message: Hl7Message): Promise<Hl7Message> {
    const header = headerOf(message);
    let outcome: Outcome;
    let applied: ApplyContext | null = null;
    try {
      const { outcome: result, context } = await this.deps.dataSource.transaction(async (manager) => {
        await lockSender(manager, header.sender);
        const inserted = (await manager.query(
          `INSERT INTO clinical.hl7_message (sender, control_id, message_type, raw, status)
           VALUES ($1, $2, $3, $4, 'received')
           ON CONFLICT (sender, control_id) DO NOTHING
           RETURNING id`,
          [header.sender, header.controlId, `${header.type}^${header.trigger}`, message.toString()],
        )) as { id: string }[];
        const id = inserted[0]?.id;
        if (!id)
          return { outcome: await this.earlierOutcome(manager, header.sender, header.controlId!), context: null };
        return this.applyStored(manager, id, message);
      });
      outcome = result;
      applied = context;
    } catch (error) {
      // Not stored: the sender keeps the message and sends it again.
      this.deps.logger.error({ err: error, sender: header.sender }, 'an HL7 message could not be stored');
      outcome = {
        ackCode: 'AE',
        errorCode: Hl7ErrorCode.ApplicationInternalError,
        errorText: 'the message could not be stored; send it again',
      };
    }
    // Committed: live events now; their failure does not undo the message, which stands applied.
    await applied?.committed().catch((error: unknown) => {
      this.deps.logger.warn({ err: error, sender: header.sender }, 'live events of an HL7 message were not published');
    });
    return acknowledgment(message, outcome);
  }

  /**
   * Applies a stored message (new, or reprocessed by staff) inside the caller's transaction, and
   * records the outcome on it. A failed application rolls back to a savepoint, so nothing of it is
   * kept but the message and why it failed.
   */
  async applyStored(
    manager: EntityManager,
    id: string,
    message: Hl7Message,
    actor?: AuditActor,
  ): Promise<{ outcome: Outcome; context: ApplyContext | null }> {
    const header = headerOf(message);
    await manager.query('SAVEPOINT hl7_apply');
    let outcome: Outcome;
    let context: ApplyContext | null = null;
    try {
      if (!header.controlId)
        throw rejected(Hl7ErrorCode.RequiredFieldMissing, 'MSH-10 (message control id) is required');
      const applier = applierFor(header.type, header.trigger);
      const config = this.deps.configs.forSender(header.application, header.facility);
      if (!config)
        throw rejected(
          Hl7ErrorCode.UnknownKeyIdentifier,
          `MSH-3/MSH-4: no mapping is configured for sender ${header.sender}`,
        );
      context = new ApplyContext(manager, this.deps.jobs, this.deps.liveEvents, message, header.sender, config, actor);
      await applier(context);
      await context.writeAudit();
      await manager.query('RELEASE SAVEPOINT hl7_apply');
      outcome = { ackCode: 'AA', errorCode: null, errorText: null };
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT hl7_apply');
      outcome = outcomeOf(error, this.deps.logger, header.sender);
      context = null;
    }
    await manager.update(Hl7MessageRecord, id, {
      status: outcome.ackCode === 'AA' ? Hl7MessageStatus.PROCESSED : Hl7MessageStatus.ERROR,
      ackCode: outcome.ackCode,
      errorCode: outcome.errorCode,
      errorText: outcome.errorText,
      processedAt: outcome.ackCode === 'AA' ? () => 'now()' : null,
      attempts: () => 'attempts + 1',
      ...(context?.patientId ? { patientId: context.patientId } : {}),
    });
    return { outcome, context };
  }

  /** A resent message: acknowledged as the stored one stands now (AA once it has been applied). */
  private async earlierOutcome(manager: EntityManager, sender: string, controlId: string): Promise<Outcome> {
    const stored = await manager.findOneByOrFail(Hl7MessageRecord, { sender, controlId });
    if (stored.status === Hl7MessageStatus.PROCESSED) return { ackCode: 'AA', errorCode: null, errorText: null };
    return {
      ackCode: (stored.ackCode as AckCode | null) ?? 'AE',
      errorCode: stored.errorCode,
      errorText: stored.errorText,
    };
  }
}

function outcomeOf(error: unknown, logger: Logger, sender: string): Outcome {
  if (error instanceof Hl7Rejection)
    return { ackCode: error.ackCode, errorCode: error.errorCode, errorText: error.message };
  // Anything else is ours, not the sender's: its text may quote data, so only the log has it.
  logger.error({ err: error, sender }, 'an HL7 message failed to apply');
  return {
    ackCode: 'AE',
    errorCode: Hl7ErrorCode.ApplicationInternalError,
    errorText: 'the message could not be applied (internal error); staff can reprocess it',
  };
}

/** HL7's escapes for the delimiters, so a reason can sit in ERR-8. */
const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\');

/** The ACK: MSA with the code and the message's control id, and for AE/AR an ERR (ERR-3 code, ERR-4 severity, ERR-8 text). */
export function acknowledgment(message: Hl7Message, outcome: Outcome): Hl7Message {
  if (outcome.ackCode === 'AA' || outcome.errorCode === null) return message.buildAck({ ackCode: outcome.ackCode });
  const code = outcome.errorCode as Hl7ErrorCode;
  const err = hl7Segment([
    'ERR',
    '',
    '',
    `${code}^${hl7ErrorName(code)}^HL70357`,
    'E',
    '',
    '',
    '',
    escapeText(outcome.errorText ?? ''),
  ]);
  return message.buildAck({ ackCode: outcome.ackCode, errSegment: err });
}
