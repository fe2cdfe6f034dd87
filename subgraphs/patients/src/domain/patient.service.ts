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
import { Patient } from './patient.entity';

export class PatientService {
  private readonly patients: Repository<Patient>;

  constructor(database: Database) {
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

  async update(id: string, changes: PatientChanges): Promise<Patient> {
    const patient = await this.patients.findOneBy({ id });
    if (!patient) throw notFound('Patient', id);
    try {
      return await this.patients.save(this.patients.merge(patient, changes));
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
