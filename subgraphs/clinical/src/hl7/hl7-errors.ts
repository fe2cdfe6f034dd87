/**
 * Why a message was not applied, in HL7's own terms: the acknowledgment code and the ERR segment's
 * error code (HL7 table 0357). AR rejects the message itself (a type or version the intake does not
 * take, a header it cannot identify); AE says the message is sound but its content could not be
 * applied. The text goes into ERR-8 and the stored message, so it names fields and codes, never
 * the patient's data.
 */
export const Hl7ErrorCode = {
  RequiredFieldMissing: 101,
  DataTypeError: 102,
  TableValueNotFound: 103,
  UnsupportedMessageType: 200,
  UnsupportedEventCode: 201,
  UnknownKeyIdentifier: 204,
  ApplicationInternalError: 207,
} as const;
export type Hl7ErrorCode = (typeof Hl7ErrorCode)[keyof typeof Hl7ErrorCode];

const ERROR_NAMES: Record<Hl7ErrorCode, string> = {
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  204: 'Unknown key identifier',
  207: 'Application internal error',
};

export const hl7ErrorName = (code: Hl7ErrorCode): string => ERROR_NAMES[code];

export type AckCode = 'AA' | 'AE' | 'AR';

export class Hl7Rejection extends Error {
  constructor(
    readonly ackCode: 'AE' | 'AR',
    readonly errorCode: Hl7ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Hl7Rejection';
  }
}

/** The message's content cannot be applied (AE). */
export const cannotApply = (errorCode: Hl7ErrorCode, message: string) => new Hl7Rejection('AE', errorCode, message);

/** The message itself is refused (AR). */
export const rejected = (errorCode: Hl7ErrorCode, message: string) => new Hl7Rejection('AR', errorCode, message);
