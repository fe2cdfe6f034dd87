import {
  FacilitiesDocument,
  PatientQueueEntriesDocument,
  RegisterPatientDocument,
  startTestPlatform,
  type TestPlatform,
} from '../src';

describe('a subgraph goes down and comes back', () => {
  let platform: TestPlatform;
  let admin: string;
  let patientId: string;

  beforeAll(async () => {
    platform = await startTestPlatform('down');
    admin = await platform.token('admin');
    const registered = await platform.execute(admin, RegisterPatientDocument, {
      input: { mrn: 'DOWN-1', givenName: 'Noor', familyName: 'Haddad', birthDate: '1990-04-01' },
    });
    patientId = registered.data!.registerPatient.id;
  });
  afterAll(() => platform.stop());

  const readiness = async () => {
    const origin = new URL(platform.gateway.url).origin;
    return ((await (await fetch(`${origin}/readyz`)).json()) as { subgraphs: Record<string, string> }).subgraphs;
  };

  it('serves what the healthy subgraphs own, names the missing one, and recovers without a restart', async () => {
    await platform.stopSubgraph('queue');
    try {
      expect((await readiness()).queue).toBe('down');

      const partial = await platform.execute(admin, PatientQueueEntriesDocument, { id: patientId });
      expect(partial.status).toBe(200);
      expect(partial.data?.patient).toMatchObject({ id: patientId, displayName: 'Noor H.' });
      expect(partial.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'queue' }),
        }),
      ]);

      const queueOnly = await platform.execute(admin, FacilitiesDocument, {});
      expect(queueOnly.data).toBeNull();
      expect(queueOnly.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await platform.restartSubgraph('queue');
    }
    expect((await readiness()).queue).toBe('up');
    const recovered = await platform.execute(admin, PatientQueueEntriesDocument, { id: patientId });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.patient?.queueEntries).toEqual([]);
  });

  it('keeps writing to healthy subgraphs while another is down', async () => {
    await platform.stopSubgraph('devices');
    try {
      const facilities = await platform.execute(admin, FacilitiesDocument, {});
      expect(facilities.errors).toBeUndefined();
      const registered = await platform.execute(admin, RegisterPatientDocument, {
        input: { mrn: 'DOWN-2', givenName: 'Omar', familyName: 'Farouk', birthDate: '1985-01-01' },
      });
      expect(registered.errors).toBeUndefined();
    } finally {
      await platform.restartSubgraph('devices');
    }
  });
});
