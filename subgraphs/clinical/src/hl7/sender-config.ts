import { z } from 'zod';

/** A field position as HL7 writes it: `PID-3`, `PID-3.1` (component), `OBX-6.2`. */
const FIELD_POSITION = /^[A-Z][A-Z0-9]{2}-[1-9][0-9]*(\.[1-9][0-9]*)?$/;
const fieldPosition = z.string().regex(FIELD_POSITION, 'must be a field position such as PID-3.1');
const LOINC = /^[0-9]{1,7}-[0-9]$/;
const loincCode = z.string().regex(LOINC, 'must be a LOINC code such as 2345-7');
const UTC_OFFSET = /^[+-](0[0-9]|1[0-4])[0-5][0-9]$/;

const criticalLimits = z
  .object({
    low: z.number().optional(),
    high: z.number().optional(),
  })
  .strict()
  .refine((limits) => limits.low !== undefined || limits.high !== undefined, 'needs low, high or both');

/**
 * How one sender's messages map onto ClinicFlow, from `config/hl7/<sender>.json`. Senders differ in
 * where they put the MRN, which code system their tests are in and which component of OBX-6 holds
 * the UCUM unit; the clinic's critical limits per LOINC code apply on top of the lab's own flags.
 */
export const senderConfigSchema = z
  .object({
    /** MSH-3 (sending application) and, optionally, MSH-4 (sending facility); `*` matches any sender. */
    sender: z.object({ application: z.string().min(1), facility: z.string().min(1).optional() }).strict(),
    /** Where the patient's medical record number is. */
    mrn: fieldPosition.default('PID-3.1'),
    /** The offset of timestamps that carry none (HL7 TS without a zone), e.g. `-0500`. */
    utcOffset: z.string().regex(UTC_OFFSET, 'must be an offset such as +0000 or -0500').default('+0000'),
    observations: z
      .object({
        /** The component of OBX-6 that holds the UCUM unit (1 when the sender sends `mg/dL^...`). */
        unitComponent: z.number().int().min(1).max(3).default(1),
        /** The sender's own test codes (OBX-3.1) and their LOINC codes; codes in LOINC (OBX-3.3 `LN`) need none. */
        codes: z
          .record(z.string().min(1), z.object({ loinc: loincCode, display: z.string().min(1) }).strict())
          .default({}),
      })
      .strict()
      .default({ unitComponent: 1, codes: {} }),
    /** SIU scheduling: the sender's service codes (AIS-3.1) and the queue service each books, by facility code and token prefix. */
    appointments: z
      .object({
        services: z
          .record(
            z.string().min(1),
            z
              .object({
                facility: z.string().min(1),
                tokenPrefix: z.string().regex(/^[A-Z]{1,3}$/, 'must be 1-3 capital letters'),
              })
              .strict(),
          )
          .default({}),
      })
      .strict()
      .default({ services: {} }),
    /** The clinic's critical limits per LOINC code: a value beyond one is critical whatever the lab flagged. */
    criticalLimits: z.record(loincCode, criticalLimits).default({}),
  })
  .strict();

export type SenderConfig = z.infer<typeof senderConfigSchema>;
