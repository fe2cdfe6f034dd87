import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * An open EHR sync conflict of a patient (their EHR link and a conflict on the phone number), as the
 * EHR sync leaves one when both sides changed, made directly so that tests about who may resolve it
 * need no EHR.
 */
export async function openSyncConflict(databaseUrl: string, patientId: string): Promise<string> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    const values = {
      givenName: 'Wren',
      familyName: 'Matrix',
      birthDate: '1985-05-05',
      gender: 'unknown',
      phone: null,
      email: null,
      preferredLanguage: 'en',
    };
    await dataSource.query(
      `INSERT INTO patients.ehr_link (patient_id, ehr_id, version_id, synced_values) VALUES ($1, $2, 'v1', $3)`,
      [patientId, `matrix-${randomUUID()}`, values],
    );
    const [row] = (await dataSource.query(
      `INSERT INTO patients.sync_conflict (patient_id, ehr_version_id, fields) VALUES ($1, 'v2', $2) RETURNING id`,
      [patientId, JSON.stringify([{ field: 'phone', clinicflow: '+15555550101', ehr: '+15555550102', base: null }])],
    )) as { id: string }[];
    return row!.id;
  } finally {
    await dataSource.destroy();
  }
}
