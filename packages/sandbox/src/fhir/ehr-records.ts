import type { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from './fhir-types';

type WithId<T extends Resource> = T & { id: string };

/**
 * What the EHR's own staff do, straight on the sandbox's record store: seeding the demo clinic, and
 * in tests the changes made "in the EHR" that ClinicFlow has to pick up. Every write is versioned.
 */
export class EhrRecords {
  constructor(private readonly repository: MemoryRepository) {}

  create<T extends Resource>(resource: T): Promise<WithId<T>> {
    return this.repository.createResource(resource) as Promise<WithId<T>>;
  }

  read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<WithId<T>> {
    return this.repository.readResource<T>(resourceType, id) as Promise<WithId<T>>;
  }

  /** Reads the current version, applies `change` and saves it as a new version. */
  async change<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    change: (resource: T) => T,
  ): Promise<WithId<T>> {
    const current = await this.repository.readResource<T>(resourceType, id);
    return this.repository.updateResource(change(structuredClone(current))) as Promise<WithId<T>>;
  }

  /** Every version of a resource, newest first. */
  async history<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<T[]> {
    const bundle = await this.repository.readHistory<T>(resourceType, id);
    return (bundle.entry ?? []).map((entry) => entry.resource!);
  }
}
