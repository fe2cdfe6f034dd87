import { cannotApply, Hl7ErrorCode } from './hl7-errors';
import { hl7Instant, type Hl7Message, type Hl7Segment } from './hl7-library';

/** HL7's explicit null (`""`): the sender says the value is empty. */
const HL7_NULL = '""';

/** A component's text, with HL7's `""` read as empty. */
export function component(segment: Hl7Segment | undefined, field: number, position = 1): string {
  const value = segment?.getComponent(field, position) ?? '';
  return value === HL7_NULL ? '' : value.trim();
}

/** A value by its position (`PID-3.1`, `PID-3` meaning its first component) in the first segment of that name. */
export function valueAt(message: Hl7Message, position: string): string {
  const [segmentName, rest] = position.split('-') as [string, string];
  const [field, part] = rest.split('.').map(Number) as [number, number | undefined];
  return component(message.getSegment(segmentName), field, part ?? 1);
}

export function required(value: string, position: string): string {
  if (!value) throw cannotApply(Hl7ErrorCode.RequiredFieldMissing, `${position} is required`);
  return value;
}

export function requiredSegment(message: Hl7Message, name: string): Hl7Segment {
  const segment = message.getSegment(name);
  if (!segment) throw cannotApply(Hl7ErrorCode.RequiredFieldMissing, `the ${name} segment is required`);
  return segment;
}

/** `YYYY[MM[DD[HH[MM[SS[.S]]]]]][+-ZZZZ]` with real months, days and times. */
const TS =
  /^\d{4}(?:(0[1-9]|1[0-2])(?:(0[1-9]|[12]\d|3[01])(?:([01]\d|2[0-3])(?:[0-5]\d(?:[0-5]\d(?:\.\d{1,4})?)?)?)?)?)?(?:[+-]\d{4})?$/;

/** An HL7 timestamp as a Date, in the sender's offset when it names none; a malformed one is a data type error. */
export function instant(value: string, position: string, utcOffset: string): Date {
  const iso = TS.test(value) ? hl7Instant(value, utcOffset) : undefined;
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw cannotApply(Hl7ErrorCode.DataTypeError, `${position} is not an HL7 timestamp (YYYYMMDDHHMMSS)`);
  }
  return date;
}

/** A calendar date (`YYYYMMDD`) as `YYYY-MM-DD`. */
export function calendarDate(value: string, position: string): string {
  const match = /^(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.exec(value);
  if (!match) throw cannotApply(Hl7ErrorCode.DataTypeError, `${position} is not an HL7 date (YYYYMMDD)`);
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw cannotApply(Hl7ErrorCode.DataTypeError, `${position} is not a calendar date`);
  }
  return date;
}
