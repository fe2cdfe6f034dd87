import { type Environment, loadConfig, variables } from '@clinicflow/platform';
import { In } from 'typeorm';
import { z } from 'zod';
import { hold, release } from './entry-steps';
import { Facility } from './facility.entity';
import { changePriority } from './priority';
import { PriorityChange } from './priority-change.entity';
import type { QueueTransaction } from './queue-changes';
import { QueueEntry, QueueStatus } from './queue-entry.entity';
import { Service } from './service.entity';

/** How a facility keeps a results-first visit waiting: held in its place, or lowered behind everyone. */
export type ResultsFirstMode = 'hold' | 'lower';

export interface ResultsFirstService {
  /** The facility's code. */
  facility: string;
  /** The service's token prefix. */
  tokenPrefix: string;
  mode: ResultsFirstMode;
}

/** The hold reason staff see on the board, and the reason of a lowering in the priority history. */
export const RESULTS_HOLD_REASON = 'Waiting for lab results';

/** Below normal (0): a lowered entry is called after every other waiting entry of its service. */
export const LOWERED_PRIORITY = -1;

const PAIR = /^[^,:\s]+:[A-Z]{1,3}(:(hold|lower))?$/;

const loaded = new WeakMap<Environment, ResultsFirstService[]>();

/**
 * `RESULTS_FIRST_SERVICES`: the services whose visits need the patient's lab results first, as
 * `FACILITY:PREFIX[:MODE]` (facility code, service token prefix, `hold` (the default) or `lower`),
 * comma separated; e.g. `DTN:A,RVS:A:lower`. Read once per environment.
 */
export function loadResultsFirstServices(environment: Environment): ResultsFirstService[] {
  const cached = loaded.get(environment);
  if (cached) return cached;
  const { RESULTS_FIRST_SERVICES } = loadConfig(
    {
      RESULTS_FIRST_SERVICES: variables.optionalVariable(
        z
          .string()
          .refine(
            (value) => value.split(',').every((pair) => PAIR.test(pair)),
            'must be FACILITY:PREFIX or FACILITY:PREFIX:hold|lower entries separated by commas, e.g. DTN:A,RVS:A:lower',
          ),
      ),
    },
    environment as NodeJS.ProcessEnv,
  );
  const services = (RESULTS_FIRST_SERVICES?.split(',') ?? []).map((pair): ResultsFirstService => {
    const [facility, tokenPrefix, mode] = pair.split(':') as [string, string, ResultsFirstMode | undefined];
    return { facility, tokenPrefix, mode: mode ?? 'hold' };
  });
  loaded.set(environment, services);
  return services;
}

/** The results-first mode of the entry's service, or null when its visits do not wait for results. */
async function modeOf(
  tx: QueueTransaction,
  services: readonly ResultsFirstService[],
  entry: QueueEntry,
): Promise<ResultsFirstMode | null> {
  const [facility, service] = await Promise.all([
    tx.manager.findOneByOrFail(Facility, { id: entry.facilityId }),
    tx.manager.findOneByOrFail(Service, { id: entry.serviceId }),
  ]);
  const match = services.find(
    (candidate) => candidate.facility === facility.code && candidate.tokenPrefix === service.tokenPrefix,
  );
  return match?.mode ?? null;
}

/** Holds or lowers a waiting entry; an entry held for another reason, or already lowered, is left alone. */
async function keepWaiting(tx: QueueTransaction, entry: QueueEntry, mode: ResultsFirstMode): Promise<void> {
  if (entry.status !== QueueStatus.WAITING) return;
  if (mode === 'hold') {
    await hold(tx, entry.id, RESULTS_HOLD_REASON);
    return;
  }
  if (entry.priority === LOWERED_PRIORITY) return;
  await changePriority(tx, {
    entryId: entry.id,
    priority: LOWERED_PRIORITY,
    reason: RESULTS_HOLD_REASON,
    changedBy: 'queue.results-first',
  });
}

/** Releases a held entry, or gives a lowered one back the priority it had before it was lowered. */
async function letGo(tx: QueueTransaction, entry: QueueEntry, mode: ResultsFirstMode): Promise<void> {
  if (mode === 'hold') {
    if (entry.status === QueueStatus.HELD && entry.statusReason === RESULTS_HOLD_REASON) await release(tx, entry.id);
    return;
  }
  // An entry raised since (a critical result) is no longer lowered, and keeps what it was given.
  if (entry.priority !== LOWERED_PRIORITY) return;
  const lowering = await tx.manager.findOne(PriorityChange, {
    where: { queueEntryId: entry.id, toPriority: LOWERED_PRIORITY },
    order: { changedAt: 'DESC', id: 'DESC' },
  });
  await changePriority(tx, {
    entryId: entry.id,
    priority: lowering?.fromPriority ?? 0,
    reason: 'Lab results arrived',
    changedBy: 'queue.results-first',
  });
}

/**
 * The patient's lab results became pending (`pending`) or none is pending any more: remembers it
 * for later check-ins, and holds or lowers (or releases and restores) their entries in line in the
 * results-first services. Idempotent: each entry is changed only when not yet in the wanted state.
 */
export async function labResultsChanged(
  tx: QueueTransaction,
  services: readonly ResultsFirstService[],
  patientId: string,
  pending: boolean,
): Promise<void> {
  if (pending) {
    await tx.manager.query(
      `INSERT INTO queue.lab_results_pending (patient_id, since) VALUES ($1, $2) ON CONFLICT (patient_id) DO NOTHING`,
      [patientId, tx.now],
    );
  } else {
    await tx.manager.query(`DELETE FROM queue.lab_results_pending WHERE patient_id = $1`, [patientId]);
  }
  const entries = await tx.manager.find(QueueEntry, {
    where: { patientId, status: In([QueueStatus.WAITING, QueueStatus.HELD]) },
    order: { queuedAt: 'ASC', id: 'ASC' },
  });
  for (const entry of entries) {
    const mode = await modeOf(tx, services, entry);
    if (mode) await (pending ? keepWaiting(tx, entry, mode) : letGo(tx, entry, mode));
  }
}

/**
 * A patient who checks in while their lab results are pending joins a results-first service held
 * or lowered at once, in the check-in's transaction. Answers whether the entry was changed.
 */
export async function holdIfAwaitingResults(
  tx: QueueTransaction,
  services: readonly ResultsFirstService[],
  entry: QueueEntry,
): Promise<boolean> {
  if (services.length === 0) return false;
  const [pending] = (await tx.manager.query(`SELECT 1 FROM queue.lab_results_pending WHERE patient_id = $1`, [
    entry.patientId,
  ])) as unknown[];
  if (!pending) return false;
  const mode = await modeOf(tx, services, entry);
  if (!mode) return false;
  await keepWaiting(tx, entry, mode);
  return true;
}
