import { publishInTransaction, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';

export type Jobs = SubgraphResources['jobs'];

/** A called entry's no-show check, due when its grace period ends; it applies to that call only. */
export const NO_SHOW_JOB = 'queue-no-show';
export interface NoShowCheck {
  entryId: string;
  callNumber: number;
}

/**
 * A facility's estimate refresh, after a change (see estimate-refresh.ts). Its queue has the `short`
 * policy: at most one refresh per facility (the singleton key) waits to run, and each waits its delay
 * after the first change that asked for it, so refreshes of a facility are at least that far apart.
 */
export const ESTIMATE_REFRESH_JOB = 'queue-estimate-refresh';
export interface EstimateRefresh {
  facilityId: string;
}

export async function scheduleNoShowCheck(
  jobs: Jobs,
  manager: EntityManager,
  check: NoShowCheck,
  graceSeconds: number,
): Promise<void> {
  await publishInTransaction(jobs, manager, NO_SHOW_JOB, check, { startAfter: graceSeconds });
}

/** Asks for a refresh of the facility's estimates in `delaySeconds`, unless one is already waiting. */
export async function scheduleEstimateRefresh(
  jobs: Jobs,
  manager: EntityManager,
  facilityId: string,
  delaySeconds: number,
): Promise<void> {
  const refresh: EstimateRefresh = { facilityId };
  await publishInTransaction(jobs, manager, ESTIMATE_REFRESH_JOB, refresh, {
    singletonKey: facilityId,
    startAfter: delaySeconds,
  });
}
