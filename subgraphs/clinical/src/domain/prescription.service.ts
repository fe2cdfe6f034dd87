import { conflict, type Database, notFound, type SubgraphResources } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { requestMedicationReadyNotification } from '../events/medication-ready';
import type { PrescribeInput } from '../schema/prescription.inputs';
import { DispenseStatus, Prescription, PrescriptionStatus } from './prescription.entity';

/** Statuses a prescription may still be cancelled from. */
const CANCELLABLE = new Set([PrescriptionStatus.ACTIVE, PrescriptionStatus.ON_HOLD]);

/**
 * Prescriptions and their dispensing. `markReady` is what a pharmacy integration calls when the
 * pharmacy reports a prescription ready; until one exists, staff call it through GraphQL.
 */
export class PrescriptionService {
  constructor(
    private readonly database: Database,
    private readonly jobs: SubgraphResources['jobs'],
  ) {}

  /** The input is already validated; the prescription goes to the pharmacy at once. */
  async prescribe(input: PrescribeInput, prescriber: string): Promise<Prescription> {
    const prescriptions = this.database.dataSource.getRepository(Prescription);
    return prescriptions.save(
      prescriptions.create({
        patientId: input.patientId,
        rxnormCode: input.rxnormCode,
        medicationDisplay: input.medicationDisplay,
        dosageText: input.dosageText,
        quantity: input.quantity,
        prescriber,
        status: PrescriptionStatus.ACTIVE,
        dispenseStatus: DispenseStatus.SENT_TO_PHARMACY,
        readyAt: null,
        cancelledAt: null,
      }),
    );
  }

  /** Ready for pickup, and the patient asked to be told, in one transaction. */
  async markReady(id: string): Promise<Prescription> {
    return this.change(id, async (manager, prescription) => {
      if (prescription.status !== PrescriptionStatus.ACTIVE) {
        throw conflict(`Prescription ${id} is ${prescription.status}: only an active one can be made ready`);
      }
      if (prescription.dispenseStatus !== DispenseStatus.SENT_TO_PHARMACY) {
        throw conflict(`Prescription ${id} is already ${prescription.dispenseStatus}`);
      }
      prescription.dispenseStatus = DispenseStatus.READY_FOR_PICKUP;
      prescription.readyAt = new Date();
      const saved = await manager.save(prescription);
      await requestMedicationReadyNotification(this.jobs, manager, saved);
      return saved;
    });
  }

  async cancel(id: string): Promise<Prescription> {
    return this.change(id, async (manager, prescription) => {
      if (!CANCELLABLE.has(prescription.status)) {
        throw conflict(`Prescription ${id} is ${prescription.status} and can no longer be cancelled`);
      }
      if (prescription.dispenseStatus === DispenseStatus.PICKED_UP) {
        throw conflict(`Prescription ${id} was already picked up`);
      }
      prescription.status = PrescriptionStatus.CANCELLED;
      prescription.cancelledAt = new Date();
      return manager.save(prescription);
    });
  }

  /** Runs a change on the prescription's locked row, so two changes of one prescription take turns. */
  private change(
    id: string,
    apply: (manager: EntityManager, prescription: Prescription) => Promise<Prescription>,
  ): Promise<Prescription> {
    return this.database.dataSource.transaction(async (manager) => {
      if (!isUUID(id)) throw notFound('Prescription', id);
      const prescription = await manager.findOne(Prescription, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!prescription) throw notFound('Prescription', id);
      return apply(manager, prescription);
    });
  }
}
