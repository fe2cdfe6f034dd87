import { type Database, notFound, type SubgraphResources } from '@clinicflow/platform';
import { publishWebhookEvent } from '../webhooks/webhook-payloads';
import { WebhookEventType } from '../webhooks/webhook-event-type';
import { ProviderArrival } from './provider-arrival.entity';
import { ServicePoint } from './service-point.entity';

/** Providers arriving at their rooms and counters. */
export class ProviderArrivals {
  constructor(
    private readonly database: Database,
    private readonly jobs: SubgraphResources['jobs'],
  ) {}

  /** Marks a room's or counter's provider as arrived, and publishes `provider.arrived` with it (one transaction). */
  markArrived(servicePointId: string, markedBy: string): Promise<ProviderArrival> {
    const { jobs } = this;
    return this.database.dataSource.transaction(async (manager) => {
      const point = await manager.findOneBy(ServicePoint, { id: servicePointId });
      if (!point) throw notFound('ServicePoint', servicePointId);
      const arrival = await manager.save(
        manager.create(ProviderArrival, {
          servicePointId: point.id,
          facilityId: point.facilityId,
          arrivedAt: new Date(),
          markedBy,
        }),
      );
      await publishWebhookEvent(jobs, manager, WebhookEventType.PROVIDER_ARRIVED, {
        servicePointId: point.id,
        servicePointName: point.name,
        facilityId: point.facilityId,
        arrivedAt: arrival.arrivedAt.toISOString(),
      });
      return arrival;
    });
  }
}
