import {
  badUserInput,
  type Caller,
  conflict,
  type Database,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  publishEvent,
  type SortKey,
} from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { EhrLink } from './ehr-link.entity';
import { Patient } from './patient.entity';
import { type ConflictingField, SyncConflict, SyncConflictStatus, SyncSide } from './sync-conflict.entity';
import { REQUIRED_FIELDS, SYNC_FIELDS, type SyncedValues, type SyncField } from './sync-fields';
import { type Jobs, publishPatientUpdated } from '../events/sync-events';

export const SYNC_CONFLICT_RAISED = 'patient.sync-conflict-raised';

const NEWEST_FIRST: SortKey<SyncConflict>[] = [
  { column: 'conflict.raised_at', direction: 'DESC', type: 'timestamp', valueOf: (row) => row.raisedAt },
  { column: 'conflict.id', direction: 'DESC', type: 'uuid', valueOf: (row) => row.id },
];

export interface FieldChoice {
  field: SyncField;
  side: SyncSide;
}

/**
 * Raises a conflict for fields both sides changed differently, or adds them to the patient's open
 * one (a patient has at most one). Nothing is written to either side. Runs in the caller's transaction.
 */
export async function raiseConflict(
  manager: EntityManager,
  jobs: Jobs,
  patientId: string,
  ehrVersionId: string,
  fields: ConflictingField[],
): Promise<SyncConflict> {
  const open = await manager.findOne(SyncConflict, {
    where: { patientId, status: SyncConflictStatus.OPEN },
    lock: { mode: 'pessimistic_write' },
  });
  if (open) {
    const byField = new Map(open.fields.map((entry) => [entry.field, entry]));
    for (const entry of fields)
      byField.set(entry.field, { ...entry, base: byField.get(entry.field)?.base ?? entry.base });
    open.fields = SYNC_FIELDS.filter((field) => byField.has(field)).map((field) => byField.get(field)!);
    open.ehrVersionId = ehrVersionId;
    return manager.save(open);
  }
  const ordered = SYNC_FIELDS.flatMap((field) => fields.filter((entry) => entry.field === field));
  const raised = await manager.save(
    manager.create(SyncConflict, { patientId, ehrVersionId, fields: ordered, status: SyncConflictStatus.OPEN }),
  );
  await publishEvent(jobs, manager, SYNC_CONFLICT_RAISED, { conflictId: raised.id, patientId }, { key: patientId });
  return raised;
}

/** Sync conflicts for staff to resolve: listing, and resolving field by field. */
export class SyncConflictService {
  constructor(
    private readonly database: Database,
    private readonly jobs: Jobs,
  ) {}

  list(
    args: PageArgs & { status?: SyncConflictStatus | null; patientId?: string | null },
  ): Promise<Page<SyncConflict>> {
    const query = this.database.dataSource.getRepository(SyncConflict).createQueryBuilder('conflict');
    if (args.status) query.andWhere('conflict.status = :status', { status: args.status });
    if (args.patientId) query.andWhere('conflict.patient_id = :patientId', { patientId: args.patientId });
    return keysetPage(query, NEWEST_FIRST, args);
  }

  /**
   * Applies staff's choice for every field of an open conflict: an EHR value replaces ours; one of
   * ours is sent to the EHR through the ordered write queue (as a change from the EHR's value).
   * All or nothing, in one transaction; the conflict keeps who chose what, and the change is audited.
   */
  async resolve(id: string, choices: FieldChoice[], caller: Caller): Promise<SyncConflict> {
    return this.database.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(SyncConflict, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound('SyncConflict', id);
      if (found.status !== SyncConflictStatus.OPEN) {
        throw conflict(`Sync conflict ${id} is already resolved`, { status: 'RESOLVED' });
      }
      const chosen = new Map(choices.map((choice) => [choice.field, choice.side]));
      if (chosen.size !== choices.length) throw badUserInput('Each field may be chosen once', { argument: 'choices' });
      const expected = found.fields.map((entry) => entry.field);
      const missing = expected.filter((field) => !chosen.has(field));
      const extra = [...chosen.keys()].filter((field) => !expected.includes(field));
      if (missing.length > 0 || extra.length > 0) {
        throw badUserInput(
          `Choose a side for exactly the conflicting fields (${expected.join(', ')})` +
            (missing.length ? `; missing: ${missing.join(', ')}` : '') +
            (extra.length ? `; not in conflict: ${extra.join(', ')}` : ''),
          { argument: 'choices' },
        );
      }
      const patient = await manager.findOneOrFail(Patient, {
        where: { id: found.patientId },
        lock: { mode: 'pessimistic_write' },
      });
      const link = await manager.findOneOrFail(EhrLink, {
        where: { patientId: found.patientId },
        lock: { mode: 'pessimistic_write' },
      });
      const from: Partial<SyncedValues> = {};
      const to: Partial<SyncedValues> = {};
      for (const entry of found.fields) {
        // Both sides are now measured from the EHR's value; ours, when chosen, is a change to send.
        link.syncedValues = { ...link.syncedValues, [entry.field]: entry.ehr };
        if (chosen.get(entry.field) === SyncSide.EHR) {
          if (entry.ehr !== null || !REQUIRED_FIELDS.has(entry.field))
            Object.assign(patient, { [entry.field]: entry.ehr });
        } else {
          Object.assign(patient, { [entry.field]: entry.clinicflow });
          from[entry.field] = entry.ehr;
          to[entry.field] = entry.clinicflow;
        }
      }
      await manager.save(patient);
      await manager.save(link);
      if (Object.keys(to).length > 0) await publishPatientUpdated(this.jobs, manager, patient.id, from, to);
      found.status = SyncConflictStatus.RESOLVED;
      found.resolvedAt = new Date();
      found.resolvedBy = caller.subject;
      found.resolution = found.fields.map((entry) => ({ field: entry.field, side: chosen.get(entry.field)! }));
      return manager.save(found);
    });
  }
}
