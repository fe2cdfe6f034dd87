import {
  type AppError,
  type Database,
  ErrorCode,
  type Logger,
  notFound,
  recordBackgroundRead,
} from '@clinicflow/platform';
import type { Patient as FhirPatient } from '../adapters/fhir/fhir-types';
import type { EntityManager } from 'typeorm';
import type { EhrAdapter } from '../adapters/fhir/ehr-adapter';
import type { Stored } from '../adapters/fhir/fhir-client';
import type { Jobs, PatientUpdated } from '../events/sync-events';
import { EhrLink } from './ehr-link.entity';
import { mrnOf, newFhirPatient, syncedValuesOfFhir, withSyncedValues } from './fhir-patient';
import { Patient } from './patient.entity';
import type { ConflictingField } from './sync-conflict.entity';
import { raiseConflict } from './sync-conflict.service';
import {
  differingFields,
  REQUIRED_FIELDS,
  SYNC_FIELDS,
  type SyncedValues,
  type SyncField,
  syncedValuesOf,
} from './sync-fields';

/** What became of one EHR version the poller saw. */
export type InboundOutcome = 'unlinked' | 'echo' | 'applied' | 'conflict';

/** Writes the EHR's values for `fields` into our patient; a required field the EHR left empty keeps ours. */
function takeEhrValues(patient: Patient, theirs: SyncedValues, fields: readonly SyncField[]): void {
  for (const field of fields) {
    if (theirs[field] === null && REQUIRED_FIELDS.has(field)) continue;
    Object.assign(patient, { [field]: theirs[field] });
  }
}

/**
 * Keeps patients and their EHR records in step. Each side's changes are measured from the values
 * both held at the last sync (the link's `syncedValues`): a field only the EHR changed is taken,
 * one only we changed is sent, and one both changed differently raises a conflict and is written
 * nowhere. An EHR version we already hold (our own write coming back) is skipped by its versionId,
 * and a version whose values equal ours changes nothing, so no write ever loops.
 */
export class EhrSyncService {
  /**
   * Patients the poller found no EHR record for: not searched again by demographics (an EHR record
   * that later carries their MRN links them when the poller sees it).
   */
  private readonly unmatched = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly jobs: Jobs,
    private readonly ehr: EhrAdapter,
    private readonly logger: Logger,
  ) {}

  /**
   * Finds patients without an EHR link in the EHR: all their MRNs in one search, then, for those not
   * found, by name and date of birth (exactly one match links). Those still unmatched are created in
   * the EHR when the facility's setting says so. Returns how many were linked.
   */
  async matchUnlinked(limit = 50): Promise<number> {
    const patients = await this.database.dataSource
      .getRepository(Patient)
      .createQueryBuilder('patient')
      .leftJoin(EhrLink, 'link', 'link.patient_id = patient.id')
      .where('link.patient_id IS NULL')
      // An erased patient is never matched again, nor created in the EHR (decision 0017).
      .andWhere('patient.erased_at IS NULL')
      .andWhere('NOT (patient.id = ANY(:tried))', { tried: [...this.unmatched] })
      .orderBy('patient.created_at', 'ASC')
      .limit(limit)
      .getMany();
    return (await this.match(patients)).length;
  }

  /** Matches one patient now (staff asked), by demographics too even if the poller found none: their link, or null. */
  async matchPatient(patientId: string): Promise<EhrLink | null> {
    const links = this.database.dataSource.getRepository(EhrLink);
    const existing = await links.findOneBy({ patientId });
    if (existing) return existing;
    const patient = await this.database.dataSource.getRepository(Patient).findOneBy({ id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    await this.match([patient]);
    return links.findOneBy({ patientId });
  }

  /** Links each patient found; returns the ids of those linked. Those not found are not tried again by the poller. */
  private async match(patients: Patient[]): Promise<string[]> {
    if (patients.length === 0) return [];
    const system = this.ehr.settings.EHR_MRN_SYSTEM;
    const byMrn = await this.ehr.client.search<FhirPatient>('Patient', {
      identifier: patients.map((patient) => `${system}|${patient.mrn.replace(/[,|\\]/g, '\\$&')}`).join(','),
    });
    const linked: string[] = [];
    for (const patient of patients) {
      recordBackgroundRead(patient.id, 'Patient');
      const found =
        byMrn.find((resource) => mrnOf(resource, system) === patient.mrn) ?? (await this.byDemographics(patient));
      const resource = found ?? (this.ehr.settings.EHR_CREATE_PATIENTS ? await this.createInEhr(patient) : null);
      if (resource && (await this.link(patient.id, resource))) linked.push(patient.id);
      else this.unmatched.add(patient.id);
    }
    return linked;
  }

  private async byDemographics(patient: Patient): Promise<Stored<FhirPatient> | null> {
    const system = this.ehr.settings.EHR_MRN_SYSTEM;
    const matches = await this.ehr.client.search<FhirPatient>('Patient', {
      family: patient.familyName,
      given: patient.givenName,
      birthdate: patient.birthDate,
    });
    // A record carrying another of our MRNs is another patient, whatever the names say.
    const candidates = matches.filter((resource) => [null, patient.mrn].includes(mrnOf(resource, system)));
    return candidates.length === 1 ? candidates[0]! : null;
  }

  private createInEhr(patient: Patient): Promise<Stored<FhirPatient>> {
    return this.ehr.client.create(newFhirPatient(patient, this.ehr.settings.EHR_MRN_SYSTEM, syncedValuesOf(patient)));
  }

  /** Links the patient to the EHR record and takes the EHR's details; false when either is linked already. */
  private async link(patientId: string, resource: Stored<FhirPatient>): Promise<boolean> {
    return this.database.dataSource.transaction(async (manager) => {
      const patient = await manager.findOne(Patient, { where: { id: patientId }, lock: { mode: 'pessimistic_write' } });
      if (!patient || patient.erasedAt) return false;
      if (await manager.existsBy(EhrLink, [{ patientId }, { ehrId: resource.id }])) return false;
      const theirs = syncedValuesOfFhir(resource);
      takeEhrValues(patient, theirs, SYNC_FIELDS);
      await manager.save(patient);
      await manager.insert(EhrLink, {
        patientId,
        ehrId: resource.id,
        versionId: resource.meta.versionId,
        syncedValues: syncedValuesOf(patient),
        syncedAt: new Date(),
      });
      return true;
    });
  }

  /** Applies one EHR version of a patient record (from the poller). */
  async applyEhrPatient(resource: Stored<FhirPatient>): Promise<InboundOutcome> {
    const outcome = await this.database.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(EhrLink, {
        where: { ehrId: resource.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) return 'unlinked' as const;
      if (link.versionId === resource.meta.versionId) return 'echo' as const;
      const patient = await manager.findOneOrFail(Patient, {
        where: { id: link.patientId },
        lock: { mode: 'pessimistic_write' },
      });
      recordBackgroundRead(patient.id, 'Patient');
      const base = link.syncedValues;
      const theirs = syncedValuesOfFhir(resource);
      const ours = syncedValuesOf(patient);
      const ehrChanged = differingFields(theirs, base);
      const weChanged = new Set(differingFields(ours, base));
      const clashing = ehrChanged.filter((field) => weChanged.has(field) && ours[field] !== theirs[field]);
      const taken = ehrChanged.filter((field) => !clashing.includes(field));
      takeEhrValues(patient, theirs, taken);
      await manager.save(patient);
      link.versionId = resource.meta.versionId;
      link.syncedValues = { ...base, ...Object.fromEntries(taken.map((field) => [field, theirs[field]])) };
      link.syncedAt = new Date();
      await manager.save(link);
      if (clashing.length === 0) return 'applied' as const;
      await raiseConflict(
        manager,
        this.jobs,
        patient.id,
        resource.meta.versionId,
        conflictingFields(clashing, ours, theirs, base),
      );
      return 'conflict' as const;
    });
    if (outcome === 'unlinked') await this.linkByMrn(resource);
    return outcome;
  }

  /** An EHR record carrying the MRN of a patient not linked yet links them (a record made in the EHR first). */
  private async linkByMrn(resource: Stored<FhirPatient>): Promise<EhrLink | null> {
    const mrn = mrnOf(resource, this.ehr.settings.EHR_MRN_SYSTEM);
    if (!mrn) return null;
    const patient = await this.database.dataSource.getRepository(Patient).findOneBy({ mrn });
    if (!patient) return null;
    await this.link(patient.id, resource);
    return this.database.dataSource.getRepository(EhrLink).findOneBy({ ehrId: resource.id });
  }

  /** The link of an EHR patient record, linking it by MRN first if it is not linked yet. */
  async linkOfEhrRecord(ehrId: string): Promise<EhrLink | null> {
    const link = await this.database.dataSource.getRepository(EhrLink).findOneBy({ ehrId });
    return link ?? this.linkByMrn(await this.ehr.client.read<FhirPatient>('Patient', ehrId));
  }

  /**
   * Sends one change made in ClinicFlow to the EHR, on the current EHR version (If-Match): each
   * field the EHR still holds as it was before our change is written; a field the EHR changed to
   * something else meanwhile joins the patient's conflict instead. A version conflict on the write
   * (the EHR changed under us) fails the delivery, which is retried from a fresh read. The link stays
   * locked while the write is in flight, so the poller never weighs our write before it is recorded.
   */
  async pushChange(change: PatientUpdated): Promise<void> {
    await this.database.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(EhrLink, {
        where: { patientId: change.patientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) return;
      const current = await this.ehr.client.read<FhirPatient>('Patient', link.ehrId);
      const theirs = syncedValuesOfFhir(current);
      const changed = SYNC_FIELDS.filter((field) => field in change.to);
      const fields = changed.filter((field) => theirs[field] !== change.to[field]);
      const writable = fields.filter((field) => theirs[field] === (change.from[field] ?? null));
      const clashing = fields.filter((field) => !writable.includes(field));
      if (writable.length > 0) {
        const values = Object.fromEntries(writable.map((field) => [field, change.to[field] ?? null]));
        const stored = await this.ehr.client.update(
          { ...withSyncedValues(current, values), id: current.id },
          current.meta.versionId,
        );
        // Our own write is the version the poller will see next: recording it is what makes it an echo.
        link.versionId = stored.meta.versionId;
      }
      const sent = changed.filter((field) => !clashing.includes(field));
      link.syncedValues = { ...link.syncedValues, ...Object.fromEntries(sent.map((f) => [f, change.to[f] ?? null])) };
      link.syncedAt = new Date();
      await manager.save(link);
      if (clashing.length > 0)
        await this.conflictOnPush(manager, change.patientId, current, clashing, link.syncedValues);
    });
  }

  private async conflictOnPush(
    manager: EntityManager,
    patientId: string,
    current: Stored<FhirPatient>,
    clashing: SyncField[],
    base: SyncedValues,
  ): Promise<void> {
    const patient = await manager.findOneByOrFail(Patient, { id: patientId });
    recordBackgroundRead(patientId, 'Patient');
    const fields = conflictingFields(clashing, syncedValuesOf(patient), syncedValuesOfFhir(current), base);
    await raiseConflict(manager, this.jobs, patientId, current.meta.versionId, fields);
  }

  /** Whether an EHR write failure is worth another attempt (the EHR down, or changed under us). */
  isRetriable(error: unknown): boolean {
    const code = (error as AppError).extensions?.code;
    if (code === ErrorCode.BadUserInput || code === ErrorCode.NotFound) {
      this.logger.error({ code }, 'EHR refused a patient change; it is not retried');
      return false;
    }
    return true;
  }
}

function conflictingFields(
  fields: readonly SyncField[],
  ours: SyncedValues,
  theirs: SyncedValues,
  base: SyncedValues,
): ConflictingField[] {
  return fields.map((field) => ({ field, clinicflow: ours[field], ehr: theirs[field], base: base[field] }));
}
