import {
  conflict,
  type Database,
  isUniqueViolation,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
} from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import type { PatientChanges, PatientRegistration } from '../schema/patient.inputs';
import { type Jobs, publishSyncedChanges } from '../events/sync-events';
import { Patient } from './patient.entity';
import { syncedValuesOf } from './sync-fields';

export class PatientService {
  private readonly patients: Repository<Patient>;

  constructor(
    database: Database,
    private readonly jobs: Jobs,
  ) {
    this.patients = database.dataSource.getRepository(Patient);
  }

  /** Patients by family name, then given name; `search` matches the start of either name or the MRN. */
  async list(args: PageArgs & { search?: string | null }): Promise<Page<Patient>> {
    const query = this.patients.createQueryBuilder('patient');
    if (args.search) {
      const prefix = `${args.search.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
      query.where(
        '(lower(patient.family_name) LIKE :prefix OR lower(patient.given_name) LIKE :prefix OR lower(patient.mrn) LIKE :prefix)',
        { prefix },
      );
    }
    return keysetPage(
      query,
      [
        {
          column: 'lower(patient.family_name)',
          direction: 'ASC',
          type: 'text',
          valueOf: (p) => p.familyName.toLowerCase(),
        },
        {
          column: 'lower(patient.given_name)',
          direction: 'ASC',
          type: 'text',
          valueOf: (p) => p.givenName.toLowerCase(),
        },
        { column: 'patient.id', direction: 'ASC', type: 'uuid', valueOf: (p) => p.id },
      ],
      args,
    );
  }

  async register(registration: PatientRegistration): Promise<Patient> {
    try {
      return await this.patients.save(this.patients.create(registration));
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Saves the changes and, with them, a `patient.updated` event of the synced fields (for the EHR sync). */
  async update(id: string, changes: PatientChanges): Promise<Patient> {
    try {
      return await this.patients.manager.transaction(async (manager) => {
        const patient = await manager.findOne(Patient, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!patient) throw notFound('Patient', id);
        const before = syncedValuesOf(patient);
        const saved = await manager.save(Object.assign(patient, changes));
        await publishSyncedChanges(this.jobs, manager, id, before, syncedValuesOf(saved));
        return saved;
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (isUniqueViolation(error)) {
      return conflict('Another patient already has this medical record number', { field: 'mrn' });
    }
    return error;
  }
}
