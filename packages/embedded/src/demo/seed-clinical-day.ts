import type { GatewayRequest } from './gateway-client';

interface Created {
  id: string;
}

/** What a morning adds beyond the queue: co-pays, lab results, and vitals from bedside monitors. */
export async function seedClinicalDay(
  request: GatewayRequest,
  facilityId: string,
  visits: { entryId: string; patientId: string }[],
): Promise<void> {
  for (const [index, visit] of visits.entries()) {
    if (index % 2 === 0) {
      await request('mutation($input: InvoiceInput!) { createInvoice(input: $input) { id } }', {
        input: {
          patientId: visit.patientId,
          queueEntryId: visit.entryId,
          description: 'Visit co-pay',
          amountCents: 2500,
        },
      });
    }
    if (index % 3 === 0) {
      const glucose = 80 + ((index * 13) % 70);
      await request('mutation($input: LabResultInput!) { recordLabResult(input: $input) { id } }', {
        input: {
          patientId: visit.patientId,
          loincCode: '2345-7',
          display: 'Glucose [Mass/volume] in Serum or Plasma',
          valueQuantity: index === 9 ? 460 : glucose,
          unit: 'mg/dL',
          referenceRange: '70-99',
          abnormalFlag: index === 9 ? 'CRITICALLY_HIGH' : glucose > 99 ? 'HIGH' : 'NORMAL',
          issuedAt: new Date(Date.now() - (index + 1) * 60_000).toISOString(),
        },
      });
    }
  }
  const { registerDevice } = await request<{ registerDevice: Created }>(
    'mutation($input: DeviceInput!) { registerDevice(input: $input) { id } }',
    { input: { serial: `MON-${facilityId.slice(0, 8)}`, kind: 'MULTI_PARAMETER_MONITOR', facilityId } },
  );
  for (const [index, visit] of visits.slice(0, 10).entries()) {
    await request('mutation($d: ID!, $p: ID) { assignDevice(deviceId: $d, patientId: $p) { id } }', {
      d: registerDevice.id,
      p: visit.patientId,
    });
    const recordedAt = new Date(Date.now() - (10 - index) * 120_000).toISOString();
    for (const [code, value] of [
      ['HEART_RATE', 64 + ((index * 7) % 40)],
      ['OXYGEN_SATURATION', 93 + (index % 7)],
      ['SYSTOLIC_BLOOD_PRESSURE', 112 + ((index * 5) % 40)],
      ['DIASTOLIC_BLOOD_PRESSURE', 70 + ((index * 3) % 20)],
    ] as const) {
      await request('mutation($input: ReadingInput!) { recordReading(input: $input) { id } }', {
        input: { deviceId: registerDevice.id, code, value, recordedAt },
      });
    }
  }
  await request('mutation($d: ID!) { assignDevice(deviceId: $d, patientId: null) { id } }', { d: registerDevice.id });
}
