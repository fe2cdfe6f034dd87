import { isUUID } from 'class-validator';

/**
 * Loader keys come from callers (arguments, entity representations). PostgreSQL rejects a whole
 * `= ANY(:ids)` statement over one malformed uuid, so those keys are left out: they match nothing.
 */
export const uuidsOnly = (keys: readonly string[]): string[] => keys.filter((key) => isUUID(key));
