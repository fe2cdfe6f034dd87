import { demoPatients } from './demo-people';
import { type GatewayRequest, gatewayClient } from './gateway-client';
import { seedClinicalDay } from './seed-clinical-day';

const FACILITIES = [
  { code: 'DTN', name: 'Downtown Family Clinic', timezone: 'America/New_York' },
  { code: 'RVS', name: 'Riverside Health Centre', timezone: 'America/New_York' },
];
const SERVICES = [
  { tokenPrefix: 'A', name: 'General practice', defaultServiceMinutes: 15, slotMinutes: 15 },
  { tokenPrefix: 'B', name: 'Blood tests', defaultServiceMinutes: 5, slotMinutes: 10 },
  { tokenPrefix: 'C', name: 'Vaccinations', defaultServiceMinutes: 8, slotMinutes: 10 },
];
const SERVICE_POINTS = [
  { name: 'Room 1', kind: 'ROOM' },
  { name: 'Room 2', kind: 'ROOM' },
  { name: 'Room 3', kind: 'ROOM' },
  { name: 'Counter A', kind: 'COUNTER' },
];
/** How many of the patients queue at each facility this morning. */
const MORNING_QUEUE = [30, 12];

interface Created {
  id: string;
}

/**
 * Seeds the demo clinic through the public API, so seeding takes the same path as any client.
 * Returns a summary, or null when the clinic was already there (the data folder persists).
 */
export async function seedDemoClinic(gatewayUrl: string, adminToken: string): Promise<string | null> {
  const request = gatewayClient(gatewayUrl, adminToken);
  const { facilities } = await request<{ facilities: Created[] }>('{ facilities { id } }');
  if (facilities.length > 0) return null;

  const patientIds = await registerPatients(request);
  let checkedIn = 0;
  for (const [index, facility] of FACILITIES.entries()) {
    const { createFacility } = await request<{ createFacility: Created }>(
      'mutation($input: FacilityInput!) { createFacility(input: $input) { id } }',
      { input: facility },
    );
    const serviceIds: string[] = [];
    for (const service of SERVICES) {
      const { createService } = await request<{ createService: Created }>(
        'mutation($input: ServiceInput!) { createService(input: $input) { id } }',
        { input: { ...service, facilityId: createFacility.id } },
      );
      serviceIds.push(createService.id);
    }
    for (const point of SERVICE_POINTS) {
      await request('mutation($input: ServicePointInput!) { createServicePoint(input: $input) { id } }', {
        input: { ...point, facilityId: createFacility.id },
      });
    }
    const queueSize = MORNING_QUEUE[index] ?? 0;
    const offset = index === 0 ? 0 : (MORNING_QUEUE[0] ?? 0);
    const visits: { entryId: string; patientId: string }[] = [];
    for (let position = 0; position < queueSize; position += 1) {
      const patientId = patientIds[(offset + position) % patientIds.length] as string;
      const { checkIn } = await request<{ checkIn: Created }>(
        'mutation($input: CheckInInput!) { checkIn(input: $input) { id } }',
        {
          input: {
            facilityId: createFacility.id,
            serviceId: serviceIds[position % serviceIds.length],
            patientId,
            priority: position % 11 === 5 ? 2 : 0,
            channel: position % 3 === 0 ? 'KIOSK' : 'RECEPTION',
          },
        },
      );
      visits.push({ entryId: checkIn.id, patientId });
      checkedIn += 1;
    }
    await seedClinicalDay(request, createFacility.id, visits);
  }
  return `${FACILITIES.length} facilities, ${patientIds.length} patients, ${checkedIn} queue entries with co-pays, lab results and vitals`;
}

async function registerPatients(request: GatewayRequest): Promise<string[]> {
  const ids: string[] = [];
  for (const patient of demoPatients()) {
    const { registerPatient } = await request<{ registerPatient: Created }>(
      'mutation($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
      { input: patient },
    );
    ids.push(registerPatient.id);
  }
  return ids;
}
