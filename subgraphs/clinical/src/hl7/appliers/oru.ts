import { CRITICAL_RESULT, type CriticalResult, publishContract } from '@clinicflow/platform';
import { AbnormalFlag, LabResult, LabResultStatus } from '../../domain/lab-result.entity';
import { type LabResultAvailable, labResultAvailableTopic } from '../../events/lab-result-available';
import { requestLabResultNotification } from '../../events/notification-requests';
import { ClinicalAlert, clinicalAlertTopic } from '../clinical-alert.entity';
import { facilityOfVisit } from '../patient-visits';
import { cannotApply, Hl7ErrorCode } from '../hl7-errors';
import { component, instant, required, valueAt } from '../hl7-fields';
import type { Hl7Segment } from '../hl7-library';
import { LabOrder } from '../lab-order.entity';
import { publishIfCleared } from '../lab-orders-pending';
import type { ApplyContext } from './apply-context';

const FLAGS = new Set<string>(Object.values(AbnormalFlag));

/** HL7 table 0085 (observation result status) to the result's status. */
const STATUSES: Record<string, LabResultStatus> = {
  F: LabResultStatus.FINAL,
  C: LabResultStatus.CORRECTED,
  P: LabResultStatus.PRELIMINARY,
  R: LabResultStatus.PRELIMINARY,
  X: LabResultStatus.CANCELLED,
};

const TEXT_TYPES = new Set(['ST', 'TX', 'FT', 'CE', 'CWE', 'TS', 'DT', 'SN']);

/**
 * ORU^R01: every OBX becomes a lab result of the patient the MRN names, with its LOINC code (sent as
 * LOINC, or the sender's code mapped in its configuration), UCUM unit, reference range and abnormal
 * flag. A result beyond the clinic's critical limits for its LOINC code is flagged LL or HH. Every
 * result is published live; the patient is told each final one is ready (`clinical.lab-result-available`,
 * ids only, as for a result recorded through the API), and each critical
 * result raises a clinical alert and a `clinical.critical-result` event for the queue.
 */
export async function applyOru(context: ApplyContext): Promise<void> {
  const patientId = await context.knownPatient();
  const observations = context.message.getAll('OBX');
  if (observations.length === 0)
    throw cannotApply(Hl7ErrorCode.RequiredFieldMissing, 'an ORU^R01 needs at least one OBX segment');
  const fallbackIssued =
    valueAt(context.message, 'OBR-22') || valueAt(context.message, 'OBR-7') || valueAt(context.message, 'MSH-7');

  const results = observations.map((obx, index) => readObservation(context, obx, index + 1, patientId, fallbackIssued));
  const saved = await context.manager.save(LabResult, results);
  context.audit(patientId, 'LabResult');

  const placerNumbers = context.message
    .getAll('OBR')
    .map((obr) => component(obr, 2))
    .filter(Boolean);
  if (placerNumbers.length > 0) {
    const resulted = await context.manager
      .createQueryBuilder()
      .update(LabOrder)
      .set({ status: 'resulted' })
      .where('patient_id = :patientId AND placer_order_number = ANY(:placerNumbers) AND status = :ordered', {
        patientId,
        placerNumbers,
        ordered: 'ordered',
      })
      .execute();
    if (resulted.affected) await publishIfCleared(context, patientId);
  }

  for (const result of saved) await requestLabResultNotification(context.jobs, context.manager, result);
  const alerts: ClinicalAlert[] = [];
  const critical = saved.filter((r) => r.critical);
  const facilityId = critical.length > 0 ? await facilityOfVisit(context.manager, patientId) : null;
  for (const result of critical) {
    const alert = await context.manager.save(
      context.manager.create(ClinicalAlert, {
        patientId,
        labResultId: result.id,
        facilityId,
        reason: `Critical ${result.loincCode} result (${result.abnormalFlag})`,
      }),
    );
    alerts.push(alert);
    context.audit(patientId, 'ClinicalAlert');
    const event: CriticalResult = { patientId, labResultId: result.id, alertId: alert.id };
    await publishContract(context.jobs, context.manager, CRITICAL_RESULT, event, { key: patientId });
  }

  context.onCommit(async () => {
    for (const result of saved) {
      const event: LabResultAvailable = { labResultId: result.id, patientId };
      await context.liveEvents.publish(labResultAvailableTopic(patientId), event);
    }
    for (const alert of alerts) {
      await context.liveEvents.publish(clinicalAlertTopic(null), { alertId: alert.id });
      if (alert.facilityId)
        await context.liveEvents.publish(clinicalAlertTopic(alert.facilityId), { alertId: alert.id });
    }
  });
}

function readObservation(
  context: ApplyContext,
  obx: Hl7Segment,
  index: number,
  patientId: string,
  fallbackIssued: string,
): LabResult {
  const at = (field: number) => `OBX-${field} of OBX ${index}`;
  const { loincCode, display } = loincOf(context, obx, at(3));
  const valueType = component(obx, 2).toUpperCase();
  const rawValue = required(
    valueType === 'CE' || valueType === 'CWE' ? component(obx, 5, 2) || component(obx, 5, 1) : component(obx, 5),
    at(5),
  );
  let valueQuantity: number | null = null;
  let valueText: string | null = null;
  if (valueType === 'NM') {
    valueQuantity = Number(rawValue);
    if (!Number.isFinite(valueQuantity))
      throw cannotApply(Hl7ErrorCode.DataTypeError, `${at(5)} is not a number, as OBX-2 (NM) says`);
  } else if (TEXT_TYPES.has(valueType)) {
    valueText = rawValue;
  } else {
    throw cannotApply(
      Hl7ErrorCode.TableValueNotFound,
      `${at(2)}: value type ${valueType || '(none)'} is not supported`,
    );
  }
  const flag = component(obx, 8).toUpperCase();
  if (flag && !FLAGS.has(flag))
    throw cannotApply(
      Hl7ErrorCode.TableValueNotFound,
      `${at(8)}: abnormal flag ${flag} is not one of N, L, H, LL, HH, A`,
    );
  const status = STATUSES[component(obx, 11).toUpperCase()];
  if (!status) throw cannotApply(Hl7ErrorCode.TableValueNotFound, `${at(11)}: result status must be F, C, P, R or X`);
  const issued = component(obx, 14) || fallbackIssued;

  const result = new LabResult();
  Object.assign(result, {
    patientId,
    loincCode,
    display,
    valueQuantity,
    valueText,
    unit: component(obx, 6, context.config.observations.unitComponent) || null,
    referenceRange: component(obx, 7) || null,
    abnormalFlag: criticalFlag(context, loincCode, valueQuantity) ?? ((flag || null) as AbnormalFlag | null),
    status,
    issuedAt: instant(required(issued, at(14)), at(14), context.config.utcOffset),
  });
  return result;
}

/** The test's LOINC code: OBX-3 itself when its coding system (OBX-3.3) is LN, else the sender's mapping of it. */
function loincOf(context: ApplyContext, obx: Hl7Segment, position: string): { loincCode: string; display: string } {
  const code = required(component(obx, 3, 1), position);
  const name = component(obx, 3, 2);
  const mapped = context.config.observations.codes[code];
  if (mapped) return { loincCode: mapped.loinc, display: mapped.display };
  if (component(obx, 3, 3).toUpperCase() === 'LN' && /^[0-9]{1,7}-[0-9]$/.test(code))
    return { loincCode: code, display: name || code };
  throw cannotApply(
    Hl7ErrorCode.TableValueNotFound,
    `${position}: code ${code} is not LOINC and the sender's mapping has no LOINC code for it`,
  );
}

/** LL or HH when the clinic's limits for the code say the value is critical, whatever the lab flagged. */
function criticalFlag(context: ApplyContext, loincCode: string, value: number | null): AbnormalFlag | null {
  const limits = context.config.criticalLimits[loincCode];
  if (!limits || value === null) return null;
  if (limits.low !== undefined && value <= limits.low) return AbnormalFlag.CRITICALLY_LOW;
  if (limits.high !== undefined && value >= limits.high) return AbnormalFlag.CRITICALLY_HIGH;
  return null;
}
