import { defineConsumer, PATIENT_ERASED, type SubgraphResources } from '@clinicflow/platform';
import { Hl7MessageRecord } from '../hl7/hl7-message.entity';
import { PatientLink } from '../hl7/patient-link.entity';

/** Segments that name the patient or their next of kin: the identity, not the clinical content. */
const IDENTIFYING_SEGMENTS = new Set(['PID', 'NK1']);

/** Keeps a segment's name and set id (field 1), drops the rest: `PID|1|ERASED...` becomes `PID|1`. */
function redactSegment(segment: string): string {
  const [name, setId] = segment.split('|');
  return IDENTIFYING_SEGMENTS.has(name ?? '') ? [name, setId ?? ''].join('|') : segment;
}

/** The message with its identifying segments redacted; the header (and its control id) untouched. */
export const redactHl7Identity = (raw: string): string =>
  raw
    .split(/(\r\n|\r|\n)/)
    .map((part) => (/^(\r\n|\r|\n)$/.test(part) ? part : redactSegment(part)))
    .join('');

/**
 * Clinical's part of an erasure: the stored HL7 messages about the patient (theirs by id, or naming one
 * of their MRNs) lose their PID and NK1 segments, keeping sender, control id (the dedupe of a resent
 * message) and the clinical segments; the MRN map forgets the patient's MRNs, so a later message under
 * one of them is a new registration, not a way back to the erased record. Lab orders, results and
 * prescriptions carry the bare id and stay as medical records. Redacting twice changes nothing, so a
 * retried or replayed delivery needs no dedupe.
 */
export function patientErasedConsumer(resources: SubgraphResources) {
  return defineConsumer<unknown>({
    name: 'clinical.patient-erased',
    events: [PATIENT_ERASED.name],
    ordered: true,
    handler: async (delivery) => {
      const data = PATIENT_ERASED.schema.parse(delivery.data);
      await resources.database.dataSource.transaction(async (manager) => {
        const links = await manager.findBy(PatientLink, { patientId: data.patientId });
        const messages = await manager
          .createQueryBuilder(Hl7MessageRecord, 'message')
          .setLock('pessimistic_write')
          .where('message.patient_id = :patientId', { patientId: data.patientId })
          .orWhere('EXISTS (SELECT 1 FROM unnest(CAST(:mrns AS text[])) AS mrn WHERE strpos(message.raw, mrn) > 0)', {
            mrns: links.map((link) => link.mrn),
          })
          .getMany();
        for (const message of messages) {
          const redacted = redactHl7Identity(message.raw);
          if (redacted !== message.raw) await manager.update(Hl7MessageRecord, message.id, { raw: redacted });
        }
        await manager.remove(links);
      });
    },
  });
}
