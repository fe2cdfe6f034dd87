import { AuditAction, type AuditActor, auditInsertStatement, type LivePubSub } from '@clinicflow/platform';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { cannotApply, Hl7ErrorCode } from '../hl7-errors';
import { valueAt } from '../hl7-fields';
import type { Hl7Message } from '../hl7-library';
import { PatientLink } from '../patient-link.entity';
import type { SenderConfig } from '../sender-config';

/** What an applier works with: the message, its sender's mapping, and the transaction it is stored in. */
export class ApplyContext {
  /** The patient the message turned out to be about, recorded on the stored message. */
  patientId: string | null = null;
  private readonly afterCommit: (() => Promise<void>)[] = [];
  private readonly changed = new Map<string, { patientId: string; entityType: string }>();

  constructor(
    readonly manager: EntityManager,
    readonly jobs: PgBoss,
    readonly liveEvents: LivePubSub,
    readonly message: Hl7Message,
    readonly sender: string,
    readonly config: SenderConfig,
    /** Who the audit log names for the changes: the sender, or the staff member who reprocessed the message. */
    private readonly actor: AuditActor = {
      subject: `hl7:${sender}`,
      role: 'system',
      clientId: null,
      ip: null,
      service: 'clinical',
      operationName: null,
    },
  ) {}

  /** Runs once the message's transaction has committed (live events). */
  onCommit(action: () => Promise<void>): void {
    this.afterCommit.push(action);
  }

  async committed(): Promise<void> {
    for (const action of this.afterCommit) await action();
  }

  /** Notes a change of patient data, written to the audit log with the change (see `writeAudit`). */
  audit(patientId: string, entityType: string): void {
    this.changed.set(`${patientId}:${entityType}`, { patientId, entityType });
  }

  /** The audit rows of the changes, in the message's transaction. */
  async writeAudit(): Promise<void> {
    if (this.changed.size === 0) return;
    const { sql, parameters } = auditInsertStatement(
      [...this.changed.values()].map((change) => ({
        ...this.actor,
        operationName: `HL7 ${valueAt(this.message, 'MSH-9.1')}^${valueAt(this.message, 'MSH-9.2')}`,
        patientId: change.patientId,
        action: AuditAction.Change,
        entityType: change.entityType,
      })),
    );
    await this.manager.query(sql, parameters);
  }

  /** The patient the message names by MRN, who must be known from an earlier ADT message. */
  async knownPatient(): Promise<string> {
    const mrn = this.mrn();
    const link = await this.manager.findOneBy(PatientLink, { mrn });
    if (!link) {
      throw cannotApply(
        Hl7ErrorCode.UnknownKeyIdentifier,
        `no patient is registered under the MRN in ${this.config.mrn}; send the patient's ADT first`,
      );
    }
    this.patientId = link.patientId;
    return link.patientId;
  }

  mrn(): string {
    const mrn = valueAt(this.message, this.config.mrn);
    if (!mrn) throw cannotApply(Hl7ErrorCode.RequiredFieldMissing, `${this.config.mrn} (the MRN) is required`);
    return mrn;
  }
}
