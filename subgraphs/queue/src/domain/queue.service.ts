import type { PageArgs, SubgraphResources } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { publishPatientCheckedIn } from '../events/patient-checked-in';
import { QueueEventPublisher } from '../events/queue-events';
import type { NoShowCheck } from '../events/queue-jobs';
import { callNextPatient, expireCall, markNoShow, recall, skip } from './calls';
import { checkIn, type CheckInRequest } from './check-in';
import { cancel, complete, hold, release, startService } from './entry-steps';
import { refreshEstimates } from './estimate-refresh';
import { changePriority, type PriorityRequest } from './priority';
import { type BoardFilter, type BoardPage, loadBoard } from './queue-board';
import { DEFAULT_QUEUE_SETTINGS, QueueChanges, type QueueSettings } from './queue-changes';
import { QueueEntry } from './queue-entry.entity';
import { holdIfAwaitingResults, labResultsChanged, loadResultsFirstServices } from './results-first';
import { transfer } from './transfer';
import { extendVisit, type VisitExtension } from './visit-extension';

/**
 * The patient flow: the board, and every change of the queue. Each change runs in one transaction
 * with its sequence number and its jobs, and its live events go out after the commit (QueueChanges).
 * The rules live in the files named after them; this is the list of what the queue can do.
 */
export class QueueService {
  private readonly dataSource: DataSource;
  private readonly changes: QueueChanges;
  private readonly settings: QueueSettings;

  constructor(resources: SubgraphResources, settings: Partial<QueueSettings> = {}) {
    this.dataSource = resources.database.dataSource;
    this.settings = {
      ...DEFAULT_QUEUE_SETTINGS,
      ...settings,
      resultsFirst: settings.resultsFirst ?? loadResultsFirstServices(resources.environment),
    };
    this.changes = new QueueChanges(
      this.dataSource,
      resources.jobs,
      new QueueEventPublisher(resources.liveEvents.pubSub, resources.logger),
      this.settings,
    );
  }

  board(filter: BoardFilter, page: PageArgs): Promise<BoardPage> {
    return loadBoard(this.dataSource, filter, page);
  }

  checkIn(request: CheckInRequest): Promise<QueueEntry> {
    return this.changes.run(async (tx) => {
      const entry = await checkIn(tx, request);
      await publishPatientCheckedIn(tx, entry);
      if (await holdIfAwaitingResults(tx, this.settings.resultsFirst ?? [], entry)) {
        return tx.manager.findOneByOrFail(QueueEntry, { id: entry.id });
      }
      return entry;
    });
  }

  callNext(servicePointId: string, serviceId?: string | null): Promise<QueueEntry | null> {
    return this.changes.run((tx) => callNextPatient(tx, servicePointId, serviceId));
  }

  recall(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => recall(tx, entryId));
  }

  skip(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => skip(tx, entryId));
  }

  startService(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => startService(tx, entryId));
  }

  complete(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => complete(tx, entryId));
  }

  markNoShow(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => markNoShow(tx, entryId));
  }

  cancel(entryId: string, reason: string): Promise<QueueEntry> {
    return this.changes.run((tx) => cancel(tx, entryId, reason));
  }

  hold(entryId: string, reason: string): Promise<QueueEntry> {
    return this.changes.run((tx) => hold(tx, entryId, reason));
  }

  release(entryId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => release(tx, entryId));
  }

  transfer(entryId: string, serviceId: string): Promise<QueueEntry> {
    return this.changes.run((tx) => transfer(tx, entryId, serviceId));
  }

  changePriority(request: PriorityRequest): Promise<QueueEntry> {
    return this.changes.run((tx) => changePriority(tx, request));
  }

  /** Clinical's lab results events: holds or lowers results-first visits while results are pending. */
  labResultsChanged(patientId: string, pending: boolean): Promise<void> {
    return this.changes.run((tx) => labResultsChanged(tx, this.settings.resultsFirst ?? [], patientId, pending));
  }

  /** Clinical's specimen collections: the visit keeps its room longer, and the waits behind grow. */
  extendVisit(extension: VisitExtension): Promise<boolean> {
    return this.changes.run((tx) => extendVisit(tx, extension));
  }

  /** The no-show job's consumer. */
  expireCall(check: NoShowCheck): Promise<QueueEntry | null> {
    return this.changes.run((tx) => expireCall(tx, check));
  }

  /** The estimate refresh job's consumer. */
  refreshEstimates(facilityId: string): Promise<void> {
    return this.changes.run((tx) => refreshEstimates(tx, facilityId));
  }
}
