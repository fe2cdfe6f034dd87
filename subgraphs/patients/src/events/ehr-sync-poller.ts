import { asSystemActor, type Database, type Logger } from '@clinicflow/platform';
import type { Appointment as FhirAppointment, Patient as FhirPatient, Resource } from '../adapters/fhir/fhir-types';
import type { EhrAdapter } from '../adapters/fhir/ehr-adapter';
import type { Stored } from '../adapters/fhir/fhir-client';
import type { EhrSyncService } from '../domain/ehr-sync.service';
import { ehrPatientOf, publishEhrAppointment, serviceOf } from './ehr-appointment-events';
import type { Jobs } from './sync-events';

/** Only one replica polls at a time: this advisory lock is held for a tick. */
const POLL_LOCK = 7_340_501;

interface Cursor {
  lastUpdated: string;
  /** Versions already handled at exactly `lastUpdated`: the next poll asks from that instant again. */
  seen: string[];
}

const START: Cursor = { lastUpdated: '1970-01-01T00:00:00.000Z', seen: [] };

/**
 * Polls the EHR for what changed since the last poll (`_lastUpdated`), every EHR_POLL_INTERVAL_SECONDS:
 * first links patients registered since, then applies changed Patient records, then publishes
 * changed appointments for the queue. While the integration is paused it only checks whether the
 * credentials work again. Each resource type keeps its cursor in the database, so a restart neither
 * misses nor repeats a version.
 */
export class EhrSyncPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly jobs: Jobs,
    private readonly ehr: EhrAdapter,
    private readonly sync: EhrSyncService,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // A poll is a background job: what it reads and changes of patients is audited under it.
      this.running = asSystemActor(this.jobs, 'patients.ehr-poll', () => this.tick())
        .catch((error: unknown) => {
          const code = (error as { extensions?: { code?: string } }).extensions?.code ?? (error as Error).name;
          this.logger.warn({ code }, 'EHR poll failed; trying again at the next interval');
        })
        .finally(() => {
          this.running = null;
          this.schedule(this.ehr.settings.EHR_POLL_INTERVAL_SECONDS * 1000);
        });
    }, delayMs);
  }

  /** One poll, under the advisory lock; returns at once when another replica holds it. */
  async tick(): Promise<void> {
    const runner = this.database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [POLL_LOCK])) as [
        { locked: boolean },
      ];
      if (!locked) return;
      try {
        if (this.ehr.integration.paused) await this.ehr.client.probe();
        await this.sync.matchUnlinked();
        await this.poll<FhirPatient>('Patient', (resource) => this.sync.applyEhrPatient(resource));
        await this.poll<FhirAppointment>('Appointment', (resource) => this.publishAppointment(resource));
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [POLL_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async poll<T extends Resource>(
    resourceType: T['resourceType'],
    handle: (resource: Stored<T>) => Promise<unknown>,
  ): Promise<void> {
    const cursor = await this.cursorOf(resourceType);
    const changed = await this.ehr.client.search<T>(resourceType, {
      _lastUpdated: `ge${cursor.lastUpdated}`,
      _sort: '_lastUpdated',
    });
    const fresh = changed
      .filter(
        (resource) =>
          !(resource.meta.lastUpdated === cursor.lastUpdated && cursor.seen.includes(resource.meta.versionId)),
      )
      .sort((a, b) => a.meta.lastUpdated.localeCompare(b.meta.lastUpdated));
    let next = cursor;
    try {
      for (const resource of fresh) {
        await handle(resource);
        const { lastUpdated, versionId } = resource.meta;
        next =
          lastUpdated === next.lastUpdated
            ? { lastUpdated, seen: [...next.seen, versionId] }
            : { lastUpdated, seen: [versionId] };
      }
    } finally {
      if (next !== cursor) await this.saveCursor(resourceType, next);
    }
  }

  private async publishAppointment(appointment: Stored<FhirAppointment>): Promise<void> {
    const ehrPatientId = ehrPatientOf(appointment);
    const serviceId = serviceOf(appointment);
    if (!ehrPatientId || !serviceId) return;
    // The patient may have been registered here after this poll's matching: linked now, by MRN.
    const link = await this.sync.linkOfEhrRecord(ehrPatientId);
    if (!link) return;
    await this.database.dataSource.transaction((manager) =>
      publishEhrAppointment(this.jobs, manager, appointment, link.patientId, serviceId),
    );
  }

  private async cursorOf(resourceType: string): Promise<Cursor> {
    const rows = (await this.database.dataSource.query(
      'SELECT last_updated AS "lastUpdated", seen_versions AS seen FROM patients.ehr_poll_cursor WHERE resource_type = $1',
      [resourceType],
    )) as Cursor[];
    return rows[0] ?? START;
  }

  private async saveCursor(resourceType: string, cursor: Cursor): Promise<void> {
    await this.database.dataSource.query(
      `INSERT INTO patients.ehr_poll_cursor (resource_type, last_updated, seen_versions) VALUES ($1, $2, $3)
       ON CONFLICT (resource_type) DO UPDATE SET last_updated = $2, seen_versions = $3`,
      [resourceType, cursor.lastUpdated, cursor.seen],
    );
  }
}
