import { randomUUID } from 'node:crypto';
import { callers } from '@clinicflow/testing';
import { type QueueClinic, startQueueClinic } from './support/queue-clinic';

describe('callNext', () => {
  let clinic: QueueClinic;

  beforeAll(async () => {
    clinic = await startQueueClinic();
  });
  afterAll(() => clinic.stop());

  const fill = async (facilityId: string, serviceId: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push((await clinic.checkIn({ facilityId, serviceId, patientId: randomUUID() })).id);
    }
    return ids;
  };

  it('calls the highest priority first, then in order of arrival, and null when nobody waits', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    const [serviceId] = serviceIds;
    const [room] = servicePointIds;
    const arrivals = [];
    for (const priority of [0, 2, 0, 2]) {
      arrivals.push(await clinic.checkIn({ facilityId, serviceId, patientId: randomUUID(), priority }));
    }
    const called = [];
    for (let i = 0; i < 4; i += 1) called.push((await clinic.callNext(room!))!.id);
    expect(called).toEqual([arrivals[1]!.id, arrivals[3]!.id, arrivals[0]!.id, arrivals[2]!.id]);
    expect(await clinic.callNext(room!)).toBeNull();
  });

  it("serves all of the facility's services unless the call names one", async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([
      { tokenPrefix: 'A' },
      { tokenPrefix: 'B' },
    ]);
    const [general, bloods] = serviceIds;
    const [room] = servicePointIds;
    const [first] = await fill(facilityId, general!, 1);
    const [second] = await fill(facilityId, bloods!, 1);
    expect((await clinic.callNext(room!, bloods))!.id).toBe(second);
    expect(await clinic.callNext(room!, bloods)).toBeNull();
    expect((await clinic.callNext(room!))!.id).toBe(first);
  });

  it('refuses an unknown room, an unknown service and a service of another facility', async () => {
    const here = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    const there = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    const callNext = `mutation($p: ID!, $s: ID) { callNext(servicePointId: $p, serviceId: $s) { id } }`;
    expect(await clinic.errorCode(callNext, { p: randomUUID() }, callers.clinician)).toBe('NOT_FOUND');
    expect(await clinic.errorCode(callNext, { p: here.servicePointIds[0], s: randomUUID() })).toBe('NOT_FOUND');
    expect(await clinic.errorCode(callNext, { p: here.servicePointIds[0], s: there.serviceIds[0] })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await clinic.errorCode(callNext, { p: 'not-a-uuid' })).toBe('BAD_USER_INPUT');
  });

  it('gives 20 concurrent calls from 20 rooms 20 different patients', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'A' }], 20);
    const waiting = await fill(facilityId, serviceIds[0]!, 20);
    const called = await Promise.all(servicePointIds.map((room) => clinic.callNext(room)));
    const ids = called.map((entry) => entry!.id);
    expect(new Set(ids).size).toBe(20);
    expect([...ids].sort()).toEqual([...waiting].sort());
    expect(new Set(called.map((entry) => entry!.servicePoint!.id)).size).toBe(20);
    for (const id of waiting) expect((await clinic.entry(id)).status).toBe('CALLED');
  });

  it('gives 30 concurrent calls on 20 waiting patients 20 patients and 10 nulls', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'A' }], 30);
    const waiting = await fill(facilityId, serviceIds[0]!, 20);
    const called = await Promise.all(servicePointIds.map((room) => clinic.callNext(room)));
    const ids = called.filter((entry) => entry !== null).map((entry) => entry.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect([...ids].sort()).toEqual([...waiting].sort());
    expect(called.filter((entry) => entry === null)).toHaveLength(10);
  });
});
