import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  conflict,
  type Database,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  type SortKey,
  transactionDb,
  type SubgraphResources,
} from '@clinicflow/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { WebhookManager } from './webhook-access';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import type { WebhookEventType } from './webhook-event-type';
import { type DeliveryJob, WEBHOOK_DELIVERY_QUEUE } from './webhook-fanout';
import { endpointUrlProblem } from './webhook-sender';
import { requireSecretBox, type WebhookSettings } from './webhook-settings';
import { newSigningSecret } from './secret-box';

export interface NewEndpoint {
  url: string;
  events: WebhookEventType[];
  description?: string | null;
  facilityId?: string | null;
}

/** An endpoint with its signing secret: the only time the secret is shown. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** Newest attempt first; the id breaks ties. */
const NEWEST_FIRST: SortKey<WebhookAttempt>[] = [
  { column: 'attempt.attempted_at', direction: 'DESC', type: 'timestamp', valueOf: (row) => row.attemptedAt },
  { column: 'attempt.id', direction: 'DESC', type: 'uuid', valueOf: (row) => row.id },
];

/** Registering, rotating, disabling and deleting endpoints; their delivery logs; replays by event id. */
export class WebhookService {
  private readonly dataSource: DataSource;

  constructor(
    database: Database,
    private readonly jobs: SubgraphResources['jobs'],
    private readonly settings: WebhookSettings,
  ) {
    this.dataSource = database.dataSource;
  }

  /** The endpoints the manager may see, oldest first. */
  list(manager: WebhookManager): Promise<WebhookEndpoint[]> {
    return this.dataSource.getRepository(WebhookEndpoint).find({
      where: manager.kind === 'app' ? { ownerClientId: manager.clientId } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async register(manager: WebhookManager, input: NewEndpoint): Promise<EndpointWithSecret> {
    const box = requireSecretBox(this.settings);
    const problem = endpointUrlProblem(input.url, this.settings.allowLocalHttp);
    if (problem) throw badUserInput(problem, { argument: 'url' });
    const events = [...new Set(input.events)];
    if (events.length === 0) throw badUserInput('Subscribe to at least one event', { argument: 'events' });
    const secret = newSigningSecret();
    return this.dataSource.transaction(async (em) => {
      if (input.facilityId) {
        const [found] = (await em.query(`SELECT 1 FROM queue.facility WHERE id = $1`, [input.facilityId])) as unknown[];
        if (!found) throw notFound('Facility', input.facilityId);
      }
      const endpoints = em.getRepository(WebhookEndpoint);
      const endpoint = endpoints.create({
        ownerClientId: manager.kind === 'app' ? manager.clientId : null,
        url: input.url,
        description: input.description ?? null,
        events,
        facilityId: input.facilityId ?? null,
        enabled: true,
        secretRotatedAt: new Date(),
        createdBy: manager.subject,
      });
      // The secret is sealed with the endpoint's id, so the id is drawn first.
      endpoint.id = randomUUID();
      endpoint.secretSealed = box.seal(secret, endpoint.id);
      return { endpoint: await endpoints.save(endpoint), secret };
    });
  }

  /** A new secret replaces the old one at once; deliveries from now on are signed with it. */
  async rotateSecret(manager: WebhookManager, id: string): Promise<EndpointWithSecret> {
    const box = requireSecretBox(this.settings);
    const secret = newSigningSecret();
    return this.change(manager, id, async (em, endpoint) => {
      endpoint.secretSealed = box.seal(secret, endpoint.id);
      endpoint.secretRotatedAt = new Date();
      return { endpoint: await em.save(endpoint), secret };
    });
  }

  setEnabled(manager: WebhookManager, id: string, enabled: boolean): Promise<WebhookEndpoint> {
    return this.change(manager, id, async (em, endpoint) => {
      endpoint.enabled = enabled;
      return em.save(endpoint);
    });
  }

  /** Deletes the endpoint and its delivery log; deliveries still queued for it are dropped. */
  delete(manager: WebhookManager, id: string): Promise<string> {
    return this.change(manager, id, async (em, endpoint) => {
      await em.delete(WebhookEndpoint, { id: endpoint.id });
      return endpoint.id;
    });
  }

  /** The endpoint's delivery attempts, newest first. */
  async deliveries(manager: WebhookManager, endpointId: string, page: PageArgs): Promise<Page<WebhookAttempt>> {
    await this.visible(this.dataSource.manager, manager, endpointId);
    const query = this.dataSource
      .getRepository(WebhookAttempt)
      .createQueryBuilder('attempt')
      .where('attempt.endpoint_id = :endpointId', { endpointId });
    return keysetPage(query, NEWEST_FIRST, page);
  }

  /**
   * Delivers an event to the endpoint again: the same id and body, a fresh set of attempts. Only an
   * event that was delivered (or tried) to this endpoint before, and only while it is enabled.
   */
  async replay(manager: WebhookManager, endpointId: string, eventId: string): Promise<DeliveryJob> {
    return this.dataSource.transaction(async (em) => {
      const endpoint = await this.visible(em, manager, endpointId);
      if (!endpoint.enabled) throw conflict('The endpoint is disabled; enable it before replaying to it');
      const [sent] = (await em.query(
        `SELECT 1 FROM queue.webhook_attempt WHERE endpoint_id = $1 AND event_id = $2 LIMIT 1`,
        [endpointId, eventId],
      )) as unknown[];
      if (!sent) throw notFound('Webhook event for this endpoint', eventId);
      const job: DeliveryJob = { endpointId, eventId };
      const deliveryId = await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, job, { db: transactionDb(em) });
      if (!deliveryId) throw conflict('The replay could not be queued');
      return job;
    });
  }

  private async change<T>(
    manager: WebhookManager,
    id: string,
    act: (em: EntityManager, endpoint: WebhookEndpoint) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (em) => act(em, await this.visible(em, manager, id, true)));
  }

  /** The endpoint, when the manager may see it; another app's endpoint is NOT_FOUND, as if it did not exist. */
  private async visible(
    em: EntityManager,
    manager: WebhookManager,
    id: string,
    lock = false,
  ): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!endpoint || (manager.kind === 'app' && endpoint.ownerClientId !== manager.clientId)) {
      throw notFound('Webhook endpoint', id);
    }
    return endpoint;
  }
}
