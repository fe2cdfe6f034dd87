import { randomBytes } from 'node:crypto';
import type { Caller, Environment } from '@clinicflow/platform';
import {
  callers,
  callSubgraph,
  type GraphQLResponse,
  startTestSubgraph,
  subscribeSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
} from '@clinicflow/testing';
import type { Clock } from '../../src/domain/clock';
import type { QueueSettings } from '../../src/domain/queue-changes';
import { createQueueSubgraph } from '../../src/subgraph';

/** A clock the test moves by hand; the queue reads every timestamp and time window from it. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface ServiceSpec {
  tokenPrefix: string;
  defaultServiceMinutes?: number;
  slotMinutes?: number;
  noShowGraceMinutes?: number;
}

export interface TestFacility {
  facilityId: string;
  /** In the order of the specs. */
  serviceIds: string[];
  servicePointIds: string[];
}

/** The fields of a queue entry the tests read. */
export const ENTRY = `id token tokenNumber status priority position estimatedWaitMinutes calledAt serviceStartedAt
  completedAt statusReason servicePoint { id } transferredFrom { id } transferredTo { id }`;

export interface Entry {
  id: string;
  token: string;
  tokenNumber: number;
  status: string;
  priority: number;
  position: number | null;
  estimatedWaitMinutes: number | null;
  calledAt: string | null;
  serviceStartedAt: string | null;
  completedAt: string | null;
  statusReason: string | null;
  servicePoint: { id: string } | null;
  transferredFrom: { id: string } | null;
  transferredTo: { id: string } | null;
}

const entryMutation = (name: string, types: Record<string, string>) => {
  const parameters = Object.entries(types).map(([variable, type]) => `$${variable}: ${type}`);
  const args = Object.keys(types).map((variable) => `${variable}: $${variable}`);
  return `mutation(${parameters.join(', ')}) { ${name}(${args.join(', ')}) { ${ENTRY} } }`;
};
const ID = { entryId: 'ID!' };
const REASON = { entryId: 'ID!', reason: 'String!' };

/** Every mutation that moves one entry, with the variables it takes. */
export const ENTRY_ACTIONS = {
  recall: entryMutation('recall', ID),
  skip: entryMutation('skip', ID),
  startService: entryMutation('startService', ID),
  complete: entryMutation('complete', ID),
  markNoShow: entryMutation('markNoShow', ID),
  cancel: entryMutation('cancel', REASON),
  hold: entryMutation('hold', REASON),
  release: entryMutation('release', ID),
  transfer: entryMutation('transfer', { entryId: 'ID!', serviceId: 'ID!' }),
  changePriority: entryMutation('changePriority', { entryId: 'ID!', priority: 'Int!', reason: 'String!' }),
};
export type EntryAction = keyof typeof ENTRY_ACTIONS;

export const display = (facilityId: string): Caller => ({ subject: 'screen', role: 'display', facilityId, scopes: [] });

/** The queue subgraph on a throwaway database, with helpers to set up a clinic and drive it over GraphQL. */
export async function startQueueClinic(settings: Partial<QueueSettings> = {}, environment?: Environment) {
  const subgraph: TestSubgraph = await startTestSubgraph(
    createQueueSubgraph(settings),
    environment ? { environment } : {},
  );

  const call = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = callers.admin,
  ): Promise<GraphQLResponse<T>> => callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  /** The operation's data; any error fails the test with the errors in the message. */
  const data = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = callers.admin,
  ): Promise<T> => {
    const response = await call<T>(query, variables, caller);
    if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };

  /** The error code of an operation that must fail. */
  const errorCode = async (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.admin) => {
    const response = await call(query, variables, caller);
    return response.errors?.[0]?.extensions?.code;
  };

  const setUpFacility = async (services: ServiceSpec[], servicePoints = 1): Promise<TestFacility> => {
    const code = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    const { createFacility } = await data<{ createFacility: { id: string } }>(
      `mutation($input: FacilityInput!) { createFacility(input: $input) { id } }`,
      { input: { code, name: `Clinic ${code}`, timezone: 'America/New_York' } },
    );
    const serviceIds: string[] = [];
    for (const spec of services) {
      const { createService } = await data<{ createService: { id: string } }>(
        `mutation($input: ServiceInput!) { createService(input: $input) { id } }`,
        {
          input: {
            facilityId: createFacility.id,
            name: `Service ${spec.tokenPrefix}`,
            defaultServiceMinutes: 10,
            slotMinutes: 15,
            ...spec,
          },
        },
      );
      serviceIds.push(createService.id);
    }
    const servicePointIds: string[] = [];
    for (let room = 1; room <= servicePoints; room += 1) {
      const { createServicePoint } = await data<{ createServicePoint: { id: string } }>(
        `mutation($input: ServicePointInput!) { createServicePoint(input: $input) { id } }`,
        { input: { facilityId: createFacility.id, name: `Room ${room}`, kind: 'ROOM' } },
      );
      servicePointIds.push(createServicePoint.id);
    }
    return { facilityId: createFacility.id, serviceIds, servicePointIds };
  };

  const checkIn = async (input: Record<string, unknown>, caller: Caller = callers.reception): Promise<Entry> =>
    (
      await data<{ checkIn: Entry }>(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { ${ENTRY} } }`,
        { input },
        caller,
      )
    ).checkIn;

  const callNext = async (servicePointId: string, serviceId?: string): Promise<Entry | null> =>
    (
      await data<{ callNext: Entry | null }>(
        `mutation($p: ID!, $s: ID) { callNext(servicePointId: $p, serviceId: $s) { ${ENTRY} } }`,
        { p: servicePointId, s: serviceId ?? null },
        callers.clinician,
      )
    ).callNext;

  /** Runs one of the entry mutations and returns the entry it answers with. */
  const act = async (action: EntryAction, variables: Record<string, unknown>, caller: Caller = callers.clinician) =>
    (await data<Record<string, Entry>>(ENTRY_ACTIONS[action], variables, caller))[action]!;

  const entry = async (id: string): Promise<Entry> =>
    (await data<{ queueEntry: Entry }>(`query($id: ID!) { queueEntry(id: $id) { ${ENTRY} } }`, { id })).queueEntry;

  const subscribe = (query: string, variables: Record<string, unknown>, caller: Caller = callers.admin) =>
    subscribeSubgraph<{ data?: Record<string, QueueUpdate>; errors?: { extensions?: { code?: string } }[] }>(
      subgraph.url,
      TEST_CONTEXT_SECRET,
      caller,
      query,
      variables,
    );

  return {
    subgraph,
    call,
    data,
    errorCode,
    setUpFacility,
    checkIn,
    callNext,
    act,
    entry,
    subscribe,
    stop: () => subgraph.stop(),
  };
}

export type QueueClinic = Awaited<ReturnType<typeof startQueueClinic>>;

export interface QueueUpdate {
  facilityId: string;
  sequence: number;
  reason: string;
  occurredAt: string;
  entry: { id: string; status: string; token: string } | null;
}
