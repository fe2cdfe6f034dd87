import { createRequire } from 'node:module';
import type { Hl7MessageEvent } from '@medplum/hl7';

/**
 * The HL7 v2 message model of @medplum/hl7. Its MLLP connection parses with the @medplum/core it
 * depends on itself (4.5, which runs on Node 20 as is), not the @medplum/core 5 the FHIR code of the
 * platform uses; the message classes are taken from that same copy, so every message in the intake,
 * whether read off the wire or parsed from an edited text, is one kind of object.
 */
export type Hl7Message = Hl7MessageEvent['message'];
export type Hl7Segment = NonNullable<ReturnType<Hl7Message['getSegment']>>;

interface Hl7Model {
  Hl7Message: { parse(text: string): Hl7Message };
  Hl7Segment: new (fields: string[]) => Hl7Segment;
  parseHl7DateTime(text: string, options: { tzOffset: string }): string | undefined;
}

const model = createRequire(require.resolve('@medplum/hl7'))('@medplum/core') as Hl7Model;

/** Parses a message's text (segments separated by CR); throws when it does not start with MSH. */
export const parseHl7 = (text: string): Hl7Message => model.Hl7Message.parse(text);

/** A segment from its fields, the segment's name first: `['ERR', '', '', '204^Unknown key identifier^HL70357']`. */
export const hl7Segment = (fields: string[]): Hl7Segment => new model.Hl7Segment(fields);

/** An HL7 TS (`YYYYMMDDHHMMSS[.S][+ZZZZ]`, later parts optional) as an ISO instant; `tzOffset` when it names none. */
export const hl7Instant = (text: string, tzOffset: string): string | undefined =>
  model.parseHl7DateTime(text, { tzOffset });
