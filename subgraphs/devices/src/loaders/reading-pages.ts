import type { Page } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import { In, type Repository } from 'typeorm';
import { encodeReadingCursor, type ReadingCursor } from '../domain/reading-cursor';
import type { Reading } from '../domain/reading.entity';
import type { VitalSign } from '../domain/vital-sign';

/** One `Patient.readings` page asked for: the patient, the filter and where the page starts. */
export interface ReadingPageRequest {
  patientId: string;
  code: VitalSign | null;
  first: number;
  after: ReadingCursor | null;
}

/**
 * Every request of the batch becomes one row of `req`; LATERAL runs the keyset page (one more row
 * than asked, to tell whether a page follows) and the count for each row, so the ids and counts of
 * the whole batch come from one statement whatever the number of patients. Newest first; ties on recorded_at go by id, as in
 * latestVitals, so the first reading listed is the one latestVitals shows.
 */
const PAGE_IDS_SQL = `
  SELECT (req.ordinal - 1)::int AS index, total.count, page.id
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::int[])
    WITH ORDINALITY AS req (patient_id, code, after_at, after_id, take, ordinal)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS count FROM devices.reading r
    WHERE r.patient_id = req.patient_id AND (req.code IS NULL OR r.code = req.code)
  ) total
  LEFT JOIN LATERAL (
    SELECT r.id, r.recorded_at FROM devices.reading r
    WHERE r.patient_id = req.patient_id AND (req.code IS NULL OR r.code = req.code)
      AND (req.after_at IS NULL OR r.recorded_at < req.after_at OR (r.recorded_at = req.after_at AND r.id > req.after_id))
    ORDER BY r.recorded_at DESC, r.id
    LIMIT req.take
  ) page ON true
  ORDER BY req.ordinal, page.recorded_at DESC, page.id`;

interface PageIdRow {
  index: number;
  count: number;
  id: string | null;
}

/** Loads the pages of a batch in two statements: the ids and counts, then the readings by id. */
export async function loadReadingPages(
  readings: Repository<Reading>,
  requests: readonly ReadingPageRequest[],
): Promise<Page<Reading>[]> {
  // A patient id that is not a uuid has no readings; leaving it out keeps the uuid[] cast valid.
  const asked = requests.flatMap((request, index) => (isUUID(request.patientId) ? [{ request, index }] : []));
  const found = new Map<number, { total: number; ids: string[] }>();
  if (asked.length > 0) {
    const rows = (await readings.query(PAGE_IDS_SQL, [
      asked.map(({ request }) => request.patientId),
      asked.map(({ request }) => request.code),
      asked.map(({ request }) => request.after?.recordedAt.toISOString() ?? null),
      asked.map(({ request }) => request.after?.id ?? null),
      asked.map(({ request }) => request.first + 1),
    ])) as PageIdRow[];
    for (const row of rows) {
      const index = asked[row.index].index;
      const page = found.get(index) ?? { total: row.count, ids: [] };
      if (row.id) page.ids.push(row.id);
      found.set(index, page);
    }
  }
  const ids = [...new Set([...found.values()].flatMap((page) => page.ids))];
  const byId = new Map(
    (ids.length > 0 ? await readings.findBy({ id: In(ids) }) : []).map((reading) => [reading.id, reading]),
  );
  return requests.map((request, index) => {
    const page = found.get(index) ?? { total: 0, ids: [] };
    const nodes = page.ids.flatMap((id) => byId.get(id) ?? []);
    const edges = nodes.slice(0, request.first).map((node) => ({ node, cursor: encodeReadingCursor(node) }));
    return {
      edges,
      totalCount: page.total,
      pageInfo: { hasNextPage: nodes.length > request.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  });
}
