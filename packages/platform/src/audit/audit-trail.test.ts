import { insertStatement } from './audit-schema';
import {
  AuditAction,
  type AuditRow,
  type AuditSink,
  AuditTrail,
  actorOf,
  attachAuditTrail,
  auditTrailOf,
} from './audit-trail';

const ANA = '0b6f1c1e-52c4-4c1b-9a43-1d9a5f0e7a01';
const BEN = '5d0c2a64-8f0e-4f57-b2f3-3f4c8b9d2e02';

/** A sink that keeps what it is given, and fails when told to. */
class MemorySink implements AuditSink {
  readonly writes: AuditRow[][] = [];
  readonly losses: AuditRow[][] = [];
  failWith: Error | null = null;

  async write(rows: AuditRow[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.writes.push(rows);
  }

  lost(rows: AuditRow[]): void {
    this.losses.push(rows);
  }
}

const trailWith = (sink: AuditSink, onUnattributed?: (entityType: string) => void) =>
  new AuditTrail(
    actorOf({ subject: 'dr-cole', role: 'clinician', scopes: [], clientId: 'clinic-ehr' }, 'clinical'),
    sink,
    onUnattributed,
  );

describe('AuditTrail', () => {
  it('keeps one entry per patient, action and type, however often they are noted', () => {
    const trail = trailWith(new MemorySink());
    for (let i = 0; i < 500; i += 1) trail.record(i % 2 ? ANA : BEN, AuditAction.Read, 'LabResult');
    trail.record(ANA, AuditAction.Read, 'Patient');
    trail.record(ANA.toUpperCase(), AuditAction.Read, 'Patient');
    trail.record(ANA, AuditAction.Change, 'LabResult');
    expect(trail.size).toBe(4);
  });

  it('says so when a record names no patient, and keeps nothing of it', () => {
    const unattributed: string[] = [];
    const trail = trailWith(new MemorySink(), (entityType) => unattributed.push(entityType));
    trail.record(undefined, AuditAction.Read, 'Reading');
    trail.record(null, AuditAction.Read, 'Reading');
    trail.record('Jane Doe', AuditAction.Read, 'Patient');
    expect(trail.size).toBe(0);
    expect(unattributed).toEqual(['Reading', 'Reading', 'Patient']);
  });

  it('writes everything pending in one call, with the actor on every row, and then nothing more', async () => {
    const sink = new MemorySink();
    const trail = trailWith(sink);
    trail.useOperation('ReadResults__clinical__0');
    trail.useOperation('SomethingLater');
    trail.record(ANA, AuditAction.Read, 'LabResult');
    trail.record(BEN, AuditAction.Read, 'LabResult');
    await expect(trail.flush()).resolves.toBe(2);
    expect(sink.writes).toHaveLength(1);
    expect(sink.writes[0]).toEqual([
      {
        subject: 'dr-cole',
        role: 'clinician',
        clientId: 'clinic-ehr',
        ip: null,
        service: 'clinical',
        operationName: 'ReadResults__clinical__0',
        patientId: ANA,
        action: 'READ',
        entityType: 'LabResult',
      },
      expect.objectContaining({ patientId: BEN, action: 'READ', entityType: 'LabResult' }),
    ]);
    // Written once: noting the same again in this request adds nothing, and an empty flush writes nothing.
    trail.record(ANA, AuditAction.Read, 'LabResult');
    await expect(trail.flush()).resolves.toBe(0);
    expect(sink.writes).toHaveLength(1);
  });

  it('flushes one action at a time, for changes written before the mutation returns', async () => {
    const sink = new MemorySink();
    const trail = trailWith(sink);
    trail.record(ANA, AuditAction.Change, 'LabResult');
    trail.record(ANA, AuditAction.Read, 'Patient');
    await trail.flush(AuditAction.Change);
    expect(sink.writes).toEqual([[expect.objectContaining({ action: 'CHANGE', entityType: 'LabResult' })]]);
    expect(trail.size).toBe(1);
  });

  it('skips entries already written in the change transaction', async () => {
    const sink = new MemorySink();
    const trail = trailWith(sink);
    trail.markWritten([{ patientId: ANA, action: AuditAction.Change, entityType: 'LabResult' }]);
    trail.record(ANA, AuditAction.Change, 'LabResult');
    await expect(trail.flush()).resolves.toBe(0);
    expect(sink.writes).toEqual([]);
  });

  it('reports a failed write as lost, passes the error on, and does not try the same rows again', async () => {
    const sink = new MemorySink();
    const trail = trailWith(sink);
    sink.failWith = new Error('connection refused');
    trail.record(ANA, AuditAction.Read, 'LabResult');
    await expect(trail.flush()).rejects.toThrow('connection refused');
    expect(sink.losses).toEqual([[expect.objectContaining({ patientId: ANA })]]);
    sink.failWith = null;
    await expect(trail.flush()).resolves.toBe(0);
  });

  it('records each subscription event again once it starts over', async () => {
    const sink = new MemorySink();
    const trail = trailWith(sink);
    trail.record(ANA, AuditAction.Read, 'LabResult');
    await trail.flush();
    trail.startOver();
    trail.record(ANA, AuditAction.Read, 'LabResult');
    await trail.flush();
    expect(sink.writes).toHaveLength(2);
  });

  it('records no client address or app that the caller does not carry', () => {
    expect(actorOf({ subject: 'rita', role: 'reception', scopes: [] }, 'queue')).toEqual({
      subject: 'rita',
      role: 'reception',
      clientId: null,
      ip: null,
      service: 'queue',
      operationName: null,
    });
    expect(actorOf({ subject: 'rita', role: 'reception', scopes: [], ip: '203.0.113.7' }, 'queue').ip).toBe(
      '203.0.113.7',
    );
  });

  it("travels with a request's context, also through a shallow copy of it", () => {
    const trail = trailWith(new MemorySink());
    const context = { caller: { subject: 'rita' } };
    attachAuditTrail(context, trail);
    expect(auditTrailOf(context)).toBe(trail);
    expect(auditTrailOf(Object.assign(Object.create(Object.getPrototypeOf(context)), context))).toBe(trail);
    expect(auditTrailOf({})).toBeUndefined();
    expect(auditTrailOf(null)).toBeUndefined();
  });
});

describe('insertStatement', () => {
  const rows = (count: number): AuditRow[] =>
    Array.from({ length: count }, (_, index) => ({
      ...actorOf({ subject: 'display-1', role: 'display', scopes: [] }, 'queue'),
      patientId: index % 2 ? ANA : BEN,
      action: AuditAction.Read,
      entityType: 'QueueEntry',
    }));

  it('is one statement with the same parameters for one row and for five hundred', () => {
    const one = insertStatement(rows(1));
    const many = insertStatement(rows(500));
    expect(many.sql).toBe(one.sql);
    expect(many.parameters).toHaveLength(one.parameters.length);
    expect(many.parameters[6]).toHaveLength(500);
    expect(many.sql).toMatch(/^INSERT INTO audit\.event/);
  });

  it('refuses rows of different actors and an empty batch', () => {
    const mixed = [...rows(1), { ...rows(1)[0]!, subject: 'someone-else' }];
    expect(() => insertStatement(mixed)).toThrow('share their actor');
    expect(() => insertStatement([])).toThrow();
  });
});
