import type { OperationOutcome } from './fhir-types';
import { fhirError } from './fhir-errors';

const outcome = (code: OperationOutcome['issue'][number]['code'], diagnostics: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics }],
});

describe('EHR OperationOutcome to our error codes', () => {
  it.each([
    [400, 'BAD_USER_INPUT'],
    [422, 'BAD_USER_INPUT'],
    [404, 'NOT_FOUND'],
    [410, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [412, 'CONFLICT'],
    [403, 'SERVICE_UNAVAILABLE'],
  ])('HTTP %i becomes %s', (status, code) => {
    expect(fhirError(status, outcome('invalid', 'bad'), 'Patient/1').extensions.code).toBe(code);
  });

  it('names the issue codes and never repeats the outcome text, which may quote the patient', () => {
    const error = fhirError(422, outcome('required', 'Patient Ada Lovelace born 1815-12-10 has no gender'), 'Patient');
    expect(error.message).toContain('required');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toMatch(/Lovelace|1815/);
  });

  it('marks a stale version as a version conflict', () => {
    expect(fhirError(412, undefined, 'Patient/1').extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'version-conflict',
    });
  });
});
