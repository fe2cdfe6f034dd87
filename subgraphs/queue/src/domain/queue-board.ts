import { decodeCursor, encodeCursor, type Page, type PageArgs, type SortKey } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { Facility } from './facility.entity';
import { QueueEntry, type QueueStatus } from './queue-entry.entity';

export interface BoardFilter {
  facilityId: string;
  statuses?: QueueStatus[] | null;
  serviceId?: string | null;
}

/** A page of the board with the facility's change sequence as of the same snapshot. */
export interface BoardPage extends Page<QueueEntry> {
  sequence: number;
}

/** The order patients will be called in: priority first, then place in line; the id breaks ties. */
const BOARD_ORDER: SortKey<QueueEntry>[] = [
  { column: '(-entry.priority)', direction: 'ASC', type: 'number', valueOf: (entry) => -entry.priority },
  { column: 'entry.queued_at', direction: 'ASC', type: 'timestamp', valueOf: (entry) => entry.queuedAt },
  { column: 'entry.id', direction: 'ASC', type: 'uuid', valueOf: (entry) => entry.id },
];

/** Where TypeORM puts the page's entries on the facility row (leftJoinAndMapMany below). */
type FacilityWithBoard = Facility & { board: QueueEntry[] };

/**
 * A facility's queue, a page at a time (keyset), in ONE statement: the facility row with its change
 * sequence, the total, and the page joined to it. One statement is one snapshot, so the sequence
 * says exactly which changes the page already shows: a reconnecting client subscribes, loads the
 * board, then applies only events with a higher sequence. The join is a LEFT JOIN from the facility
 * so that an empty page still carries the sequence; the statement count never grows with the board.
 */
export async function loadBoard(dataSource: DataSource, filter: BoardFilter, page: PageArgs): Promise<BoardPage> {
  const after = page.after ? decodeCursor(BOARD_ORDER, page.after) : null;
  const filters: string[] = [];
  const parameters: Record<string, unknown> = { facilityId: filter.facilityId };
  if (filter.statuses?.length) {
    filters.push('status = ANY(:statuses)');
    parameters.statuses = filter.statuses;
  }
  if (filter.serviceId) {
    filters.push('service_id = :serviceId');
    parameters.serviceId = filter.serviceId;
  }
  const matches = (alias: string) =>
    [`${alias}.facility_id = facility.id`, ...filters.map((condition) => `${alias}.${condition}`)].join(' AND ');
  // All keys ascend, so "after the cursor" is one row comparison, which the board index serves.
  let joined = matches('entry');
  if (after) {
    joined += ' AND ((-entry.priority), entry.queued_at, entry.id) > (:after0, :after1, :after2)';
    Object.assign(parameters, { after0: after[0], after1: after[1], after2: after[2] });
  }
  const query = dataSource
    .getRepository(Facility)
    .createQueryBuilder('facility')
    .leftJoinAndMapMany('facility.board', QueueEntry, 'entry', joined)
    .addSelect(`(SELECT count(*) FROM queue.queue_entry counted WHERE ${matches('counted')})`, 'board_total')
    .where('facility.id = :facilityId')
    .setParameters(parameters);
  BOARD_ORDER.forEach((key, index) =>
    index === 0 ? query.orderBy(key.column, key.direction) : query.addOrderBy(key.column, key.direction),
  );
  const { entities, raw } = await query.limit(page.first + 1).getRawAndEntities<{ board_total: string }>();
  const facility = entities[0] as FacilityWithBoard | undefined;
  const rows = facility?.board ?? [];
  const edges = rows.slice(0, page.first).map((node) => ({ node, cursor: encodeCursor(BOARD_ORDER, node) }));
  return {
    edges,
    totalCount: Number(raw[0]?.board_total ?? 0),
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    sequence: facility?.sequence ?? 0,
  };
}
