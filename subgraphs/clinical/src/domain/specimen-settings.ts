import { type Environment, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { SpecimenKind } from './specimen-collection.entity';

/** Minutes a collection keeps a room: whole minutes, at most four hours. */
const minutes = z.coerce.number().int().min(1).max(240);
const KIND = `(${Object.values(SpecimenKind).join('|')})`;
const PAIRS = new RegExp(`^${KIND}:[0-9]+(,${KIND}:[0-9]+)*$`);

/** How long a collection of each kind keeps the visit's room. */
export type SpecimenMinutes = (kind: SpecimenKind) => number;

const loaded = new WeakMap<Environment, SpecimenMinutes>();

/**
 * `SPECIMEN_COLLECTION_MINUTES`: the minutes per kind, e.g. `BLOOD:8,URINE:3`;
 * `SPECIMEN_COLLECTION_DEFAULT_MINUTES` (5): for the kinds it does not name. Read once per environment.
 */
export function specimenMinutesOf(environment: Environment): SpecimenMinutes {
  const cached = loaded.get(environment);
  if (cached) return cached;
  const config = loadConfig(
    {
      SPECIMEN_COLLECTION_MINUTES: variables.optionalVariable(
        z
          .string()
          .regex(PAIRS, `must be KIND:MINUTES pairs separated by commas, KIND one of ${KIND}, e.g. BLOOD:8,URINE:3`)
          .refine(
            (value) => value.split(',').every((pair) => minutes.safeParse(pair.split(':')[1]).success),
            'minutes must be whole numbers from 1 to 240',
          ),
      ),
      SPECIMEN_COLLECTION_DEFAULT_MINUTES: minutes.default(5),
    },
    environment as NodeJS.ProcessEnv,
  );
  const perKind = new Map(
    (config.SPECIMEN_COLLECTION_MINUTES?.split(',') ?? []).map((pair) => {
      const [kind, value] = pair.split(':') as [SpecimenKind, string];
      return [kind, Number(value)] as const;
    }),
  );
  const minutesOf: SpecimenMinutes = (kind) => perKind.get(kind) ?? config.SPECIMEN_COLLECTION_DEFAULT_MINUTES;
  loaded.set(environment, minutesOf);
  return minutesOf;
}
