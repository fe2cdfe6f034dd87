import type DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The keys that can be UUIDs. A representation or argument that is not one matches no row, and
 * sending it to PostgreSQL would fail the whole batch (`invalid input syntax for type uuid`).
 */
export const uuidKeys = (keys: readonly string[]): string[] => keys.filter((key) => UUID.test(key));

/**
 * One DataLoader per distinct set of field arguments, for the life of a request: a field with
 * arguments (`Patient.labResults(first, after)`) batches every parent asked for with the same ones.
 */
export function loaderPerArguments<A, K, V>(create: (args: A) => DataLoader<K, V>): (args: A) => DataLoader<K, V> {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}
