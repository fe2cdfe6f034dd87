import type { BoardSnapshot, DisplayEntry, QueueChangeReason, QueueUpdate } from '../src/queue-board';

/** A waiting entry; override what the test is about. */
export function entry(id: string, overrides: Partial<DisplayEntry> = {}): DisplayEntry {
  return {
    id,
    token: `A-${id.padStart(3, '0')}`,
    status: 'WAITING',
    priority: 0,
    position: null,
    estimatedWaitMinutes: null,
    calledAt: null,
    servicePoint: null,
    service: { name: 'General practice' },
    patient: { displayName: `Patient ${id}.` },
    ...overrides,
  };
}

export function called(id: string, room: string, calledAt: string, overrides: Partial<DisplayEntry> = {}) {
  return entry(id, { status: 'CALLED', servicePoint: { name: room }, calledAt, ...overrides });
}

export function update(sequence: number, reason: QueueChangeReason, changed: DisplayEntry | null): QueueUpdate {
  return { facilityId: 'f1', sequence, reason, entry: changed, occurredAt: '2026-01-05T09:00:00.000Z' };
}

export function snapshot(sequence: number, entries: DisplayEntry[]): BoardSnapshot {
  return { sequence, entries, facility: { name: 'Riverside Clinic', timezone: 'Europe/Lisbon' } };
}
