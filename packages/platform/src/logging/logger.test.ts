import { Writable } from 'node:stream';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('redacts patient data and secrets wherever they are nested', () => {
    let output = '';
    const logger = createLogger(
      'test',
      'info',
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          output += chunk.toString();
          done();
        },
      }),
    );
    logger.info(
      {
        patient: { givenName: 'Ada', familyName: 'Lovelace', phone: '+15550100', mrn: 'MRN-9' },
        request: { variables: { search: 'Lovelace' } },
        authorization: 'Bearer abc',
        err: {
          detail: 'Key (mrn)=(MRN-DUP) already exists.',
          parameters: ['MRN-DUP', 'Ada'],
          driverError: { detail: 'MRN-DUP' },
          client: { connectionParameters: { password: 'db-secret-pw' } },
        },
        outcome: 'registered',
      },
      'patient registered',
    );
    for (const value of ['Ada', 'Lovelace', '+15550100', 'MRN-9', 'Bearer abc', 'MRN-DUP', 'db-secret-pw'])
      expect(output).not.toContain(value);
    expect(output).toContain('[redacted]');
    expect(output).toContain('"outcome":"registered"');
  });
});
