import type { EntityManager } from 'typeorm';
import { QueueStatus } from './queue-entry.entity';

/** How estimates are made, as data. */
const ESTIMATE_RULES = {
  /** The mean visit is taken over at most this many of the service's latest completed visits, */
  recentVisits: 20,
  /** completed within this many days, */
  historyDays: 7,
  /** once there are at least this many; the service's default minutes until then. */
  minimumVisits: 3,
  /** The service points that called the service within this many minutes share its line. */
  servicePointWindowMinutes: 60,
};

/** Anything that runs SQL: the data source, or a transaction's manager. */
type Queryable = Pick<EntityManager, 'query'>;

export interface LinePlace {
  entryId: string;
  serviceId: string;
  /** 1-based place among the service's WAITING and HELD entries, in the order they will be called. */
  position: number;
  /** WAITING entries ahead; held ones are passed over by calls, so they add nothing to the wait. */
  waitingAhead: number;
}

export interface ServiceRate {
  serviceId: string;
  /** Minutes of a visit: the mean of recent history, or the service's default while there is too little. */
  meanServiceMinutes: number;
  /** Service points that called this service recently; at least 1. */
  servicePoints: number;
  /** What is left of the time specimen collections keep visits in progress (visit-extension.ts). */
  extensionMinutes: number;
}

/** The minutes each waiting patient ahead adds to a wait. */
export const minutesPerPlace = (rate: ServiceRate) => rate.meanServiceMinutes / rate.servicePoints;

/** wait = ceil((waiting ahead × mean visit + what is left of specimen collections in progress) ÷ service points) */
export const estimatedWaitMinutes = (place: LinePlace, rate: ServiceRate) =>
  Math.ceil((place.waitingAhead * rate.meanServiceMinutes + rate.extensionMinutes) / rate.servicePoints);

const { WAITING, HELD } = QueueStatus;

/** Places in line of the entries the scope picks, within the services the scope's partition covers. */
const lineSql = (partition: string, pick: string) => `
  SELECT line."entryId", line."serviceId", line.position, line."waitingAhead" FROM (
    SELECT entry.id AS "entryId", entry.service_id AS "serviceId", entry.status, entry.appointment_id,
           (row_number() OVER line)::int AS position,
           (count(*) FILTER (WHERE entry.status = '${WAITING}')
              OVER (line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))::int AS "waitingAhead"
    FROM queue.queue_entry entry
    WHERE entry.status IN ('${WAITING}', '${HELD}') AND ${partition}
    WINDOW line AS (PARTITION BY entry.service_id ORDER BY (-entry.priority), entry.queued_at, entry.id)
  ) line
  WHERE ${pick}`;

/** The places in line of these entries (waiting or held ones; the others have none), in one statement. */
export async function linePlaces(db: Queryable, entryIds: readonly string[]): Promise<LinePlace[]> {
  return (await db.query(
    lineSql(
      'entry.service_id IN (SELECT asked.service_id FROM queue.queue_entry asked WHERE asked.id = ANY($1::uuid[]))',
      'line."entryId" = ANY($1::uuid[])',
    ),
    [[...entryIds]],
  )) as LinePlace[];
}

/** The places in line of a facility's waiting booked patients, for the schedule alert. */
export async function waitingBookedPlaces(db: Queryable, facilityId: string): Promise<LinePlace[]> {
  return (await db.query(
    lineSql('entry.facility_id = $1', `line.appointment_id IS NOT NULL AND line.status = '${WAITING}'`),
    [facilityId],
  )) as LinePlace[];
}

/** Each service's visit length and service points as of `now`, in one statement for all of them. */
export async function serviceRates(db: Queryable, serviceIds: readonly string[], now: Date): Promise<ServiceRate[]> {
  const rows = (await db.query(
    `SELECT service.id AS "serviceId", service.default_service_minutes AS "defaultMinutes",
            recent.visits, recent.mean_minutes AS "meanMinutes", points.called AS "servicePoints",
            extended.minutes AS "extensionMinutes"
     FROM queue.service service
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS visits,
              avg(extract(epoch FROM latest.completed_at - latest.service_started_at) / 60)::float8 AS mean_minutes
       FROM (
         SELECT done.completed_at, done.service_started_at FROM queue.queue_entry done
         WHERE done.service_id = service.id AND done.status = $3
           AND done.completed_at > $2::timestamptz - make_interval(days => $4)
         ORDER BY done.completed_at DESC
         LIMIT $5
       ) latest
     ) recent
     CROSS JOIN LATERAL (
       SELECT count(DISTINCT calling.service_point_id)::int AS called FROM queue.queue_entry calling
       WHERE calling.service_id = service.id AND calling.called_at > $2::timestamptz - make_interval(mins => $6)
     ) points
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(extract(epoch FROM extension.ends_at - greatest(extension.starts_at, $2::timestamptz)) / 60), 0)::float8 AS minutes
       FROM queue.visit_extension extension
       JOIN queue.queue_entry visit ON visit.id = extension.queue_entry_id
       WHERE extension.service_id = service.id AND extension.ends_at > $2::timestamptz AND visit.status = ANY($7::text[])
     ) extended
     WHERE service.id = ANY($1::uuid[])`,
    [
      [...serviceIds],
      now,
      QueueStatus.COMPLETED,
      ESTIMATE_RULES.historyDays,
      ESTIMATE_RULES.recentVisits,
      ESTIMATE_RULES.servicePointWindowMinutes,
      [QueueStatus.CALLED, QueueStatus.IN_SERVICE],
    ],
  )) as {
    serviceId: string;
    defaultMinutes: number;
    visits: number;
    meanMinutes: number | null;
    servicePoints: number;
    extensionMinutes: number;
  }[];
  return rows.map((row) => ({
    serviceId: row.serviceId,
    meanServiceMinutes:
      row.visits >= ESTIMATE_RULES.minimumVisits && row.meanMinutes !== null ? row.meanMinutes : row.defaultMinutes,
    servicePoints: Math.max(1, row.servicePoints),
    extensionMinutes: row.extensionMinutes,
  }));
}
