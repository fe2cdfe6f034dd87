import { postGraphQL } from '@clinicflow/testing';
import { type NpmStart, prepareNpmStart } from './support/npm-start';

/**
 * `npm start` as a new user runs it: the built entry point, embedded PostgreSQL in a fresh data
 * folder, the demo clinic seeded through the API, and the data still there after a restart.
 */
describe('npm start on embedded defaults', () => {
  let npmStart: NpmStart;
  beforeAll(async () => {
    npmStart = await prepareNpmStart('start');
  });
  afterAll(() => npmStart.remove());

  it('runs the whole platform with a demo clinic, and keeps it across a restart', async () => {
    const first = await npmStart.start();
    try {
      expect(first.output()).toContain('Seeded the demo clinic: 2 facilities, 50 patients');
      expect(first.output()).toContain(npmStart.gatewayUrl);
      const seeded = await postGraphQL<{ patients: { totalCount: number }; facilities: { id: string }[] }>(
        npmStart.gatewayUrl,
        '{ patients { totalCount } facilities { id } }',
        {},
        { authorization: `Bearer ${npmStart.token('reception')}` },
      );
      expect(seeded.data).toEqual({ patients: { totalCount: 50 }, facilities: [expect.anything(), expect.anything()] });
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await npmStart.start();
    try {
      expect(second.output()).not.toContain('Seeded');
      const again = await postGraphQL<{ patients: { totalCount: number } }>(
        npmStart.gatewayUrl,
        '{ patients { totalCount } }',
        {},
        {
          authorization: `Bearer ${npmStart.token('admin')}`,
        },
      );
      expect(again.data?.patients.totalCount).toBe(50);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
