import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import {
  callers,
  callSubgraph,
  type EventListener,
  Hl7Sender,
  hl7Sample,
  listenForEvents,
  parseHl7Sample,
  startTestSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
  withHl7Field,
} from '@clinicflow/testing';
import { DEFAULT_HL7_CONFIG_DIR } from '../src/hl7/sender-config.loader';
import { createClinicalSubgraph } from '../src/subgraph';

const REPROCESS = /* GraphQL */ `
  mutation Reprocess($input: ReprocessHl7MessageInput!) {
    reprocessHl7Message(input: $input) {
      id
      status
      ackCode
      errorCode
      errorText
      attempts
      editedBy
    }
  }
`;

const priorityHealthCodes = JSON.parse(readFileSync(join(DEFAULT_HL7_CONFIG_DIR, 'priority-health-lab.json'), 'utf8'))
  .observations.codes as Record<string, { loinc: string }>;

/** An ADT^A04 registering the patient of another message's PID, under a control id of its own. */
const registrationFor = (text: string, controlId: string) => {
  const pid = text.split('\r').find((line) => line.startsWith('PID|'))!;
  const adt = hl7Sample('adt.hl7')
    .split('\r')
    .map((line) => (line.startsWith('PID|') ? pid : line))
    .join('\r');
  return withHl7Field(adt, 'MSH', 10, controlId);
};

/** A LOINC-coded ORU^R01 from the default-mapped sender LAB/MAIN, one OBX. */
const loincResult = (controlId: string, mrn: string, obx: string) =>
  [
    `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|${controlId}|P|2.5`,
    `PID|1||${mrn}||ROE^MARY||19700101|F`,
    'OBR|1|PL-1||24323-8^Metabolic panel^LN|||20261122080000',
    obx,
  ].join('\r');

describe('HL7 v2 intake over MLLP (server @medplum/hl7, client simple-hl7)', () => {
  let subgraph: TestSubgraph;
  let port = 0;
  let sender: Hl7Sender;
  /** The patients subgraph's side: results it is asked to tell patients about. */
  let resultsToTell: EventListener<Record<string, unknown>>;
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    subgraph.database.dataSource.query(sql, parameters) as Promise<T[]>;
  const stored = (controlId: string) =>
    query<{
      id: string;
      status: string;
      ack_code: string;
      error_code: number | null;
      attempts: number;
      patient_id: string | null;
    }>('SELECT * FROM clinical.hl7_message WHERE control_id = $1', [controlId]);
  const reprocess = (caller: (typeof callers)[keyof typeof callers], input: Record<string, unknown>) =>
    callSubgraph<{ reprocessHl7Message: Record<string, unknown> }>(
      subgraph.url,
      TEST_CONTEXT_SECRET,
      caller,
      REPROCESS,
      {
        input,
      },
    );

  beforeAll(async () => {
    const definition = createClinicalSubgraph({ onListening: (address) => (port = address.port) });
    subgraph = await startTestSubgraph(definition);
    sender = new Hl7Sender(port);
    resultsToTell = await listenForEvents(subgraph.testDatabase.url, 'test.lab-result-available', [
      'clinical.lab-result-available',
    ]);
  });
  afterAll(async () => {
    await resultsToTell.stop();
    sender.close();
    await subgraph.stop();
  });

  it('stores the ADT^A04 sample, then acknowledges it AA with its control id, and links its MRN to a patient id', async () => {
    const text = hl7Sample('adt.hl7');
    const expected = parseHl7Sample(text);
    const controlId = expected.header.getField(8);
    const mrn = expected.getSegment('PID')!.getComponent(3, 1);

    const ack = await sender.send(text);

    expect(ack).toMatchObject({ code: 'AA', controlId, errorCode: null });
    const [row] = await stored(controlId);
    expect(row).toMatchObject({ status: 'processed', ack_code: 'AA', attempts: 1 });
    const links = await query<{ patient_id: string }>('SELECT patient_id FROM clinical.hl7_patient WHERE mrn = $1', [
      mrn,
    ]);
    expect(links).toHaveLength(1);
    expect(row!.patient_id).toBe(links[0]!.patient_id);
  });

  it('acknowledges a resent message again without applying it twice', async () => {
    const text = hl7Sample('adt.hl7');
    const controlId = parseHl7Sample(text).header.getField(8);

    const again = await sender.send(text);

    expect(again).toMatchObject({ code: 'AA', controlId });
    const rows = await stored(controlId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(1);
  });

  it('answers the ORU^R01 sample of an unknown patient AE (ERR 204), keeps it, and applies it once staff reprocess it', async () => {
    const text = hl7Sample('oru.hl7');
    const expected = parseHl7Sample(text);
    const controlId = expected.header.getField(8);

    const ack = await sender.send(text);
    expect(ack).toMatchObject({ code: 'AE', controlId, errorCode: '204' });
    expect(ack.errorText).toContain('PID-3.1');
    expect((await stored(controlId))[0]).toMatchObject({ status: 'error', ack_code: 'AE', error_code: 204 });
    expect(await query('SELECT id FROM clinical.lab_result')).toHaveLength(0);

    expect((await sender.send(registrationFor(text, 'REG-ORU-1'))).code).toBe('AA');
    const [message] = await stored(controlId);
    const reprocessed = await reprocess(callers.clinician, { id: message!.id });
    expect(reprocessed.errors).toBeUndefined();
    expect(reprocessed.data?.reprocessHl7Message).toMatchObject({ status: 'PROCESSED', ackCode: 'AA', attempts: 2 });

    const results = await query<Record<string, unknown>>(
      `SELECT r.loinc_code, r.value_quantity, r.unit, r.reference_range, r.abnormal_flag, r.status
       FROM clinical.lab_result r ORDER BY r.loinc_code`,
    );
    const observations = expected.getSegments('OBX').map((obx) => {
      const flag = obx.getField(8);
      return {
        loinc_code: priorityHealthCodes[obx.getComponent(3, 1)]!.loinc,
        value_quantity: obx.getField(5),
        unit: obx.getComponent(6, 2),
        reference_range: obx.getComponent(7, 1) || null,
        abnormal_flag: flag === '""' ? null : flag,
        status: obx.getField(11) === 'F' ? 'final' : obx.getField(11),
      };
    });
    expect(results).toEqual(observations.sort((a, b) => a.loinc_code.localeCompare(b.loinc_code)));

    // Each final result asks, by a durable event, for the patient to be told: ids only, no value.
    const finals = await query<{ id: string; patient_id: string }>(
      `SELECT id, patient_id FROM clinical.lab_result WHERE status = 'final' ORDER BY id`,
    );
    expect(finals.length).toBeGreaterThan(0);
    const deadline = Date.now() + 10_000;
    while (resultsToTell.seen.length < finals.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const told = resultsToTell.seen
      .map((delivery) => delivery.data)
      .sort((a, b) => String(a.labResultId).localeCompare(String(b.labResultId)));
    expect(told).toEqual(finals.map((result) => ({ patientId: result.patient_id, labResultId: result.id })));
  });

  it('keeps a message that cannot be mapped, and applies the text staff corrected', async () => {
    const original = withHl7Field(hl7Sample('oru.hl7'), 'MSH', 10, 'ORU-UNMAPPED');
    const unmapped = original.replace('JLDL^LDL-C', 'JZZZ^LDL-C');

    const ack = await sender.send(unmapped);
    expect(ack).toMatchObject({ code: 'AE', errorCode: '103' });
    expect(ack.errorText).toContain('JZZZ');
    const [message] = await stored('ORU-UNMAPPED');
    const before = await query('SELECT id FROM clinical.lab_result');

    const foreign = await reprocess(callers.clinician, {
      id: message!.id,
      raw: withHl7Field(original, 'MSH', 10, 'OTHER'),
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const refused = await reprocess(callers.reception, { id: message!.id, raw: original });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const fixed = await reprocess(callers.clinician, { id: message!.id, raw: original.replace(/\r/g, '\n') });
    expect(fixed.data?.reprocessHl7Message).toMatchObject({ status: 'PROCESSED', editedBy: callers.clinician.subject });
    expect(await query('SELECT id FROM clinical.lab_result')).toHaveLength(before.length + 5);
    const again = await reprocess(callers.clinician, { id: message!.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The results it applied are audited as the clinician's change, and the message as their read.
    const audit = await query<{ action: string; entity_type: string }>(
      `SELECT DISTINCT action, entity_type FROM audit.event WHERE subject = $1 AND patient_id = $2 ORDER BY entity_type`,
      [callers.clinician.subject, (await stored('ORU-UNMAPPED'))[0]!.patient_id],
    );
    expect(audit).toEqual([
      { action: 'READ', entity_type: 'Hl7Message' },
      { action: 'CHANGE', entity_type: 'LabResult' },
    ]);
  });

  it('places the ORM^O01 sample as a lab order once its patient is registered', async () => {
    const text = hl7Sample('orm.hl7');
    const expected = parseHl7Sample(text);
    expect((await sender.send(registrationFor(text, 'REG-ORM-1'))).code).toBe('AA');

    const ack = await sender.send(text);

    expect(ack.code).toBe('AA');
    const orders = await query<Record<string, unknown>>(
      'SELECT placer_order_number, test_code, test_name, status FROM clinical.lab_order',
    );
    expect(orders).toEqual([
      {
        placer_order_number: expected.getSegment('ORC')!.getField(2),
        test_code: expected.getSegment('OBR')!.getComponent(4, 1),
        test_name: expected.getSegment('OBR')!.getComponent(4, 2),
        status: 'ordered',
      },
    ]);
  });

  it('rejects (AR) a message type it does not take and a message without a control id, and keeps both', async () => {
    const other = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 9, 'MFN^M01'), 'MSH', 10, 'MFN-1');
    const ack = await sender.send(other);
    expect(ack).toMatchObject({ code: 'AR', errorCode: '200' });
    expect((await stored('MFN-1'))[0]).toMatchObject({ status: 'error', ack_code: 'AR' });

    const anonymous = await sender.send(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, ''));
    expect(anonymous).toMatchObject({ code: 'AR', errorCode: '101' });
    const kept = await query("SELECT id FROM clinical.hl7_message WHERE control_id IS NULL AND status = 'error'");
    expect(kept).toHaveLength(1);
  });

  it('applies the messages behind a bad one', async () => {
    const mrn = parseHl7Sample(hl7Sample('adt.hl7')).getSegment('PID')!.getComponent(3, 1);
    const good = (id: string) => loincResult(id, mrn, 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|70-99|N|||F');
    const bad = loincResult('BAD-1', mrn, 'OBX|1|NM|2345-7^Glucose^LN||ninety|mg/dL|70-99|N|||F');

    const acks = [await sender.send(good('GOOD-1')), await sender.send(bad), await sender.send(good('GOOD-2'))];

    expect(acks.map((ack) => ack.code)).toEqual(['AA', 'AE', 'AA']);
    expect(acks[1]!.errorCode).toBe('102');
    expect((await stored('GOOD-2'))[0]!.status).toBe('processed');
  });

  it('applies one connection’s messages in the order they arrived, even when the sender does not wait for ACKs', async () => {
    const register = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'ORDER-REG'), 'PID', 3, 'ORDER-MRN');
    const results = Array.from({ length: 8 }, (_, n) =>
      loincResult(`ORDER-${n}`, 'ORDER-MRN', `OBX|1|NM|2345-7^Glucose^LN||${100 + n}|mg/dL|70-99|H|||F`),
    );
    const socket = connect({ host: '127.0.0.1', port });
    const acks: string[] = [];
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const frames = buffer.split('\x1c\r');
      buffer = frames.pop()!;
      acks.push(...frames.map((frame) => parseHl7Sample(frame.slice(1)).getSegment('MSA')!.getField(1)));
    });
    for (const text of [register, ...results]) {
      socket.write(`\x0b${text}\x1c\r`);
      // Separate TCP segments, as separate messages arrive: @medplum/hl7 frames per chunk.
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await waitFor(() => acks.length === 9);
    socket.destroy();

    expect(acks).toEqual(Array(9).fill('AA'));
    const values = await query<{ value_quantity: string }>(
      `SELECT r.value_quantity FROM clinical.lab_result r
       JOIN clinical.hl7_patient p ON p.patient_id = r.patient_id WHERE p.mrn = 'ORDER-MRN' ORDER BY r.created_at, r.id`,
    );
    expect(values.map((row) => Number(row.value_quantity))).toEqual(results.map((_, n) => 100 + n));
  });

  it('raises a critical result beyond the clinic’s limits as HH, with an alert, audited', async () => {
    const mrn = parseHl7Sample(hl7Sample('adt.hl7')).getSegment('PID')!.getComponent(3, 1);
    const ack = await sender.send(loincResult('CRIT-1', mrn, 'OBX|1|NM|2345-7^Glucose^LN||450|mg/dL|70-99|H|||F'));
    expect(ack.code).toBe('AA');
    const [result] = await query<{ id: string; abnormal_flag: string; patient_id: string }>(
      'SELECT id, abnormal_flag, patient_id FROM clinical.lab_result WHERE value_quantity = 450',
    );
    expect(result!.abnormal_flag).toBe('HH');
    const alerts = await query<{ lab_result_id: string }>('SELECT lab_result_id FROM clinical.clinical_alert');
    expect(alerts).toEqual([{ lab_result_id: result!.id }]);
    const audit = await query<{ entity_type: string }>(
      `SELECT entity_type FROM audit.event WHERE patient_id = $1 AND role = 'system' AND subject = 'hl7:LAB/MAIN' ORDER BY entity_type`,
      [result!.patient_id],
    );
    expect(audit.map((row) => row.entity_type)).toEqual(expect.arrayContaining(['ClinicalAlert', 'LabResult']));
  });

  it('closes a connection that sends something that is not HL7, and serves the next one', async () => {
    const socket = connect({ host: '127.0.0.1', port });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('\x0bHELLO|not hl7\x1c\r');
    await closed;
    const next = new Hl7Sender(port);
    try {
      expect((await next.send(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'AFTER-GARBAGE'))).code).toBe('AA');
    } finally {
      next.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
