import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  createDurableEvents,
  createLiveEvents,
  createLogger,
  Database,
  type SubgraphResources,
} from '@clinicflow/platform';
import { seededRandom } from '@clinicflow/sandbox';
import {
  CheckInChannel,
  type Clock,
  createQueueSubgraph,
  estimatedWaitMinutes,
  FacilityService,
  linePlaces,
  QueueService,
  serviceRates,
  ServicePointKind,
} from '@clinicflow/subgraph-queue';
import { createTestDatabase } from '@clinicflow/testing';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

/** The simulated day: everything that decides the figures, so the section can say what was measured. */
const DAY = {
  opensAt: new Date('2026-03-02T08:00:00Z'),
  /** The service's configured default, deliberately not the true mean: estimates start from it. */
  defaultServiceMinutes: 8,
  /** Visits last a gamma-distributed time (shape 4) with this mean, at least a minute. */
  meanVisitMinutes: 5.5,
  /** From the call to the start of the visit: the walk to the room. */
  walkMinutes: 0.5,
  urgentShare: 0.06,
  urgentPriority: 3,
  /** Patients who do not answer their call; the room marks them a no-show after this long. */
  noShowShare: 0.03,
  noShowAfterMinutes: 2,
};

/** The queue's clock, moved by the replay from one event of the day to the next. */
class DayClock implements Clock {
  minutes = 0;

  now(): Date {
    return new Date(DAY.opensAt.getTime() + Math.round(this.minutes * 60_000));
  }
}

interface Patient {
  arrivesAt: number;
  priority: number;
  visitMinutes: number;
  answersCall: boolean;
}

/** A day of arrivals: uniform over the opening hours (a Poisson process given its count), in arrival order. */
function simulateArrivals(random: () => number, patients: number, hours: number): Patient[] {
  const exponential = (mean: number) => -mean * Math.log(1 - random());
  return Array.from({ length: patients }, () => random() * hours * 60)
    .sort((a, b) => a - b)
    .map((arrivesAt) => ({
      arrivesAt,
      priority: random() < DAY.urgentShare ? DAY.urgentPriority : 0,
      visitMinutes: Math.max(
        1,
        Array.from({ length: 4 }, () => exponential(DAY.meanVisitMinutes / 4)).reduce((sum, part) => sum + part, 0),
      ),
      answersCall: random() >= DAY.noShowShare,
    }));
}

type DayEvent =
  | { at: number; kind: 'arrive'; patient: Patient }
  | { at: number; kind: 'start' | 'finish' | 'noShow'; room: string; entryId: string };

interface Measured {
  arrivedAt: number;
  priority: number;
  estimate: number;
  calledAt?: number;
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/**
 * `node bench/dist/wait-estimates.js`: replays a simulated clinic day against the queue service and a
 * real PostgreSQL database, on the service's own clock, and measures the wait estimated at check-in
 * (exactly what the board shows then) against the wait the patient then had until their call.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '120' },
      hours: { type: 'string', default: '4' },
      rooms: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20260302' },
    },
  });
  const patients = Number(values.patients);
  const hours = Number(values.hours);
  const roomCount = Number(values.rooms);
  const seed = Number(values.seed);

  const testDatabase = await createTestDatabase('estimates');
  const logger = createLogger('bench-estimates', 'error');
  const clock = new DayClock();
  const subgraph = createQueueSubgraph({ clock });
  const database = new Database({
    service: subgraph.name,
    url: testDatabase.url,
    entities: subgraph.entities,
    migrations: subgraph.migrations,
    logger,
  });
  const jobs = createDurableEvents(testDatabase.url);
  const liveEvents = createLiveEvents();
  try {
    await database.open();
    await jobs.start();
    const resources: SubgraphResources = { database, liveEvents, jobs, logger, environment: process.env };
    // The subgraph's own workers: they make the job queues, and refresh estimates as in production.
    const workers = await subgraph.startWorkers?.(resources);
    const facilities = new FacilityService(database);
    const queue = new QueueService(resources, { clock });

    const facility = await facilities.createFacility({ code: 'SIM', name: 'Simulated clinic', timezone: 'UTC' });
    const service = await facilities.createService({
      facilityId: facility.id,
      tokenPrefix: 'A',
      name: 'General practice',
      defaultServiceMinutes: DAY.defaultServiceMinutes,
      slotMinutes: 15,
      noShowGraceMinutes: 5,
    });
    const rooms: string[] = [];
    for (let room = 1; room <= roomCount; room += 1) {
      const point = await facilities.createServicePoint({
        facilityId: facility.id,
        name: `Room ${room}`,
        kind: ServicePointKind.ROOM,
      });
      rooms.push(point.id);
    }

    const day = simulateArrivals(seededRandom(seed), patients, hours);
    const agenda: DayEvent[] = day.map((patient) => ({ at: patient.arrivesAt, kind: 'arrive', patient }));
    const patientOf = new Map<string, Patient>();
    const measured = new Map<string, Measured>();
    const freeRooms = new Set(rooms);

    const schedule = (event: DayEvent) => {
      agenda.push(event);
      // Stable, so that events at the same minute keep the order they were scheduled in.
      agenda.sort((a, b) => a.at - b.at);
    };

    /** Every free room calls the next patient, as staff do as soon as they are free. */
    const callPatients = async () => {
      for (const room of [...freeRooms]) {
        const entry = await queue.callNext(room);
        if (!entry) return;
        freeRooms.delete(room);
        const patient = patientOf.get(entry.id)!;
        measured.get(entry.id)!.calledAt = clock.minutes;
        schedule(
          patient.answersCall
            ? { at: clock.minutes + DAY.walkMinutes, kind: 'start', room, entryId: entry.id }
            : { at: clock.minutes + DAY.noShowAfterMinutes, kind: 'noShow', room, entryId: entry.id },
        );
      }
    };

    for (let event = agenda.shift(); event; event = agenda.shift()) {
      clock.minutes = event.at;
      if (event.kind === 'arrive') {
        const entry = await queue.checkIn({
          facilityId: facility.id,
          serviceId: service.id,
          patientId: randomUUID(),
          priority: event.patient.priority,
          channel: CheckInChannel.KIOSK,
        });
        const [place] = await linePlaces(database.dataSource, [entry.id]);
        const [rate] = await serviceRates(database.dataSource, [service.id], clock.now());
        patientOf.set(entry.id, event.patient);
        measured.set(entry.id, {
          arrivedAt: clock.minutes,
          priority: event.patient.priority,
          estimate: estimatedWaitMinutes(place!, rate!),
        });
      } else if (event.kind === 'start') {
        await queue.startService(event.entryId);
        schedule({ ...event, at: clock.minutes + patientOf.get(event.entryId)!.visitMinutes, kind: 'finish' });
      } else {
        await (event.kind === 'finish' ? queue.complete(event.entryId) : queue.markNoShow(event.entryId));
        freeRooms.add(event.room);
      }
      await callPatients();
    }
    await workers?.stop();

    const results = [...measured.values()].filter((row) => row.calledAt !== undefined);
    const summary = (label: string, rows: Measured[]) => {
      const errors = rows.map((row) => row.estimate - (row.calledAt! - row.arrivedAt));
      const absolute = errors.map(Math.abs);
      return `| ${label} | ${rows.length} | ${mean(absolute).toFixed(1)} | ${percentile(absolute, 0.9).toFixed(1)} | ${mean(errors).toFixed(1)} |`;
    };
    const waits = results.map((row) => row.calledAt! - row.arrivedAt);
    const body = `## Wait estimates: the estimate at check-in against the actual wait

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`node bench/dist/wait-estimates.js --patients ${patients} --hours ${hours} --rooms ${roomCount} --seed ${seed}\` (after \`npm run build\`).
A simulated clinic day replayed against the queue service and a real PostgreSQL database, on the service's own clock:
${patients} patients arriving at random over ${hours} hours to one service with ${roomCount} rooms; visits of ${DAY.meanVisitMinutes} minutes
on average (gamma, shape 4) plus a ${DAY.walkMinutes}-minute walk from the call; ${(DAY.urgentShare * 100).toFixed(0)}% urgent (priority ${DAY.urgentPriority}),
${(DAY.noShowShare * 100).toFixed(0)}% not answering their call (no-show after ${DAY.noShowAfterMinutes} minutes). The service's configured default is
${DAY.defaultServiceMinutes} minutes, used until 3 visits are completed. The estimate is the one the board shows at check-in
(waiting patients ahead × mean of the last 20 visits ÷ rooms that called the service in the last hour, rounded up); the actual
wait runs from check-in to the first call. Errors in minutes; mean error > 0 means the estimate was too long.

| patients | count | mean absolute error | p90 absolute error | mean error |
|---|---|---|---|---|
${summary('all', results)}
${summary(
  'normal priority',
  results.filter((row) => row.priority === 0),
)}
${summary(
  'checked in after the first hour',
  results.filter((row) => row.arrivedAt >= 60),
)}

Actual waits: mean ${mean(waits).toFixed(1)} min, p90 ${percentile(waits, 0.9).toFixed(1)} min, longest ${Math.max(...waits).toFixed(1)} min.`;
    await writeResultsSection('wait-estimates', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await jobs.stop({ graceful: true, wait: true });
    await database.close();
    await liveEvents.close();
    await testDatabase.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
