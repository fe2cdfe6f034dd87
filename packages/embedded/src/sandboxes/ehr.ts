import type { Environment } from '@clinicflow/platform';
import { type EhrSandbox, startEhrSandbox } from '@clinicflow/sandbox/ehr';
import { exportJWK, generateKeyPair } from 'jose';
import { demoPatients } from '../demo/demo-people';
import type { GatewayRequest } from '../demo/gateway-client';

const CLIENT_ID = 'clinicflow-embedded';
const KEY_ID = 'embedded-1';
/** The identifier systems the patients subgraph reads by default (EHR_MRN_SYSTEM; its SERVICE_SYSTEM). */
const MRN_SYSTEM = 'urn:clinicflow:mrn';
const SERVICE_SYSTEM = 'urn:clinicflow:service';
/** The demo patients the EHR knows: all but the last ten, who are new to the clinic and get matched or not at all. */
const IN_EHR = 40;
const ALLERGENS = [
  { code: '91936005', display: 'Allergy to penicillin' },
  { code: '300913006', display: 'Shellfish allergy' },
  { code: '418689008', display: 'Allergy to grass pollen' },
];

export interface EmbeddedEhr {
  /** The patients subgraph's EHR settings (nothing when the environment names a real EHR). */
  environment: Environment;
  sandbox: EhrSandbox | null;
  /** Books today's EHR appointments of a few demo patients at the demo clinic's services. */
  seedAppointments(request: GatewayRequest): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Embedded mode's EHR: the sandbox FHIR R4 server with ClinicFlow registered as a SMART backend
 * client (a key pair made for this run), seeded with the demo clinic's patients and some allergies.
 * The sandbox keeps its records in memory, so each run starts from the same seed (fixed ids).
 */
export async function startEmbeddedEhr(environment: Environment): Promise<EmbeddedEhr> {
  if (environment.EHR_FHIR_URL) {
    return { environment: {}, sandbox: null, seedAppointments: async () => 0, stop: async () => {} };
  }
  const { publicKey, privateKey } = await generateKeyPair('RS384', { extractable: true });
  const sandbox = await startEhrSandbox({
    clients: [
      { clientId: CLIENT_ID, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS384' }] } },
    ],
  });
  const people = demoPatients().slice(0, IN_EHR);
  for (const [index, person] of people.entries()) {
    const id = `ehr-${person.mrn.toLowerCase()}`;
    await sandbox.records.create({
      resourceType: 'Patient',
      id,
      identifier: [{ system: MRN_SYSTEM, value: person.mrn }],
      name: [{ use: 'official', given: [person.givenName], family: person.familyName }],
      birthDate: person.birthDate,
      gender: person.gender === 'FEMALE' ? 'female' : 'male',
      telecom: [
        { system: 'phone', value: person.phone, use: 'mobile' },
        { system: 'email', value: person.email },
      ],
    });
    const allergen = index % 4 === 0 ? ALLERGENS[(index / 4) % ALLERGENS.length] : undefined;
    if (allergen) {
      await sandbox.records.create({
        resourceType: 'AllergyIntolerance',
        id: `${id}-allergy`,
        patient: { reference: `Patient/${id}` },
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
        },
        code: { coding: [{ system: 'http://snomed.info/sct', ...allergen }], text: allergen.display },
      });
    }
  }
  return {
    environment: {
      EHR_FHIR_URL: sandbox.fhirUrl,
      EHR_CLIENT_ID: CLIENT_ID,
      EHR_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS384' }),
    },
    sandbox,
    seedAppointments: async (request) => {
      const { facilities } = await request<{ facilities: { services: { id: string }[] }[] }>(
        '{ facilities { services { id } } }',
      );
      const serviceIds = facilities.flatMap((facility) => facility.services.map((service) => service.id));
      if (serviceIds.length === 0) return 0;
      const start = new Date();
      start.setUTCMinutes(0, 0, 0);
      let booked = 0;
      for (const [index, person] of people.slice(0, 8).entries()) {
        const startsAt = new Date(start.getTime() + (index + 1) * 30 * 60_000);
        await sandbox.records.create({
          resourceType: 'Appointment',
          id: `demo-appointment-${index + 1}`,
          status: 'booked',
          start: startsAt.toISOString(),
          end: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
          serviceType: [{ coding: [{ system: SERVICE_SYSTEM, code: serviceIds[index % serviceIds.length]! }] }],
          participant: [{ actor: { reference: `Patient/ehr-${person.mrn.toLowerCase()}` }, status: 'accepted' }],
        });
        booked += 1;
      }
      return booked;
    },
    stop: () => sandbox.close(),
  };
}
