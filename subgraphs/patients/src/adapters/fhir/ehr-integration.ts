import { type Database, type Logger, metricsRegistry } from '@clinicflow/platform';
import { Counter, Gauge } from 'prom-client';
import { EhrIntegrationState, EhrIntegrationStatus } from '../../domain/ehr-integration.entity';
import { integrationPaused } from './fhir-errors';

export const ehrIntegrationPaused = new Gauge({
  name: 'clinicflow_ehr_integration_paused',
  help: 'The EHR integration is paused because its credentials were refused (1) or active (0)',
  registers: [metricsRegistry],
});

export const ehrCredentialAlerts = new Counter({
  name: 'clinicflow_ehr_credential_alerts_total',
  help: 'Times the EHR refused our credentials and the integration was paused',
  registers: [metricsRegistry],
});

const ROW = 'ehr';

/**
 * Whether the EHR integration runs. A refused credential pauses it: an alert (error log and
 * metric), a row staff can read through GraphQL, and every EHR call failing at once without
 * reaching the EHR. It resumes when a token can be had again (the sync poller keeps trying).
 */
export class EhrIntegration {
  private pausedFor: string | null = null;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {
    ehrIntegrationPaused.set(0);
  }

  get paused(): boolean {
    return this.pausedFor !== null;
  }

  assertActive(): void {
    if (this.paused) throw integrationPaused();
  }

  async pause(reason: string): Promise<void> {
    if (this.pausedFor !== null) return;
    this.pausedFor = reason;
    ehrIntegrationPaused.set(1);
    ehrCredentialAlerts.inc();
    this.logger.error(
      { alert: 'ehr-credentials-refused', reason },
      'EHR integration paused: the EHR refused our credentials; EHR calls stop until they work again',
    );
    await this.save(EhrIntegrationState.PAUSED, reason);
  }

  async resume(): Promise<void> {
    if (this.pausedFor === null) return;
    this.pausedFor = null;
    ehrIntegrationPaused.set(0);
    this.logger.warn({ alert: 'ehr-credentials-restored' }, 'EHR integration resumed');
    await this.save(EhrIntegrationState.ACTIVE, null);
  }

  private async save(state: EhrIntegrationState, reason: string | null): Promise<void> {
    await this.database.dataSource
      .getRepository(EhrIntegrationStatus)
      .upsert({ id: ROW, state, reason, changedAt: new Date() }, ['id']);
  }
}

/** The integration's state as staff see it; never synced or paused, it is ACTIVE. */
export async function readIntegrationStatus(database: Database): Promise<EhrIntegrationStatus> {
  const row = await database.dataSource.getRepository(EhrIntegrationStatus).findOneBy({ id: ROW });
  return (
    row ??
    Object.assign(new EhrIntegrationStatus(), {
      id: ROW,
      state: EhrIntegrationState.ACTIVE,
      reason: null,
      changedAt: new Date(0),
    })
  );
}
