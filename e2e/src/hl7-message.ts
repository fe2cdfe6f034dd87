import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * An inbound HL7 message kept in ERROR, as the intake leaves a result for a patient it does not
 * know (AE 204), made directly so that tests about who may read or reprocess it need no MLLP sender.
 * Reprocessing it fails the same way, so it stays in ERROR for the next caller.
 */
export async function storeHl7MessageInError(databaseUrl: string, mrn = 'UNKNOWN-MRN', glucose = 95): Promise<string> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    const controlId = randomUUID();
    const raw = [
      `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|${controlId}|P|2.5`,
      `PID|1||${mrn}||ROE^MARY||19700101|F`,
      `OBX|1|NM|2345-7^Glucose^LN||${glucose}|mg/dL|70-99|H|||F|||20261122080000`,
    ].join('\r');
    const [row] = (await dataSource.query(
      `INSERT INTO clinical.hl7_message (sender, control_id, message_type, raw, status, ack_code, error_code, error_text, attempts)
       VALUES ('LAB/MAIN', $1, 'ORU^R01', $2, 'error', 'AE', 204, 'no patient is registered under the MRN in PID-3.1', 1)
       RETURNING id`,
      [controlId, raw],
    )) as { id: string }[];
    return row!.id;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A critical glucose result of the patient kept in ERROR (as if it had arrived before the patient's
 * ADT), with the patient's MRN link made since: reprocessing it applies it and raises an alert.
 */
export async function storeCriticalHl7Result(databaseUrl: string, patientId: string): Promise<string> {
  const mrn = `MATRIX-${patientId}`;
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    await dataSource.query(
      'INSERT INTO clinical.hl7_patient (mrn, patient_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [mrn, patientId],
    );
  } finally {
    await dataSource.destroy();
  }
  return storeHl7MessageInError(databaseUrl, mrn, 500);
}
