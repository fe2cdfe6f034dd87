import { cannotApply, Hl7ErrorCode } from '../hl7-errors';
import { component, instant, required, requiredSegment, valueAt } from '../hl7-fields';
import { LabOrder } from '../lab-order.entity';
import { publishIfCleared, publishPending } from '../lab-orders-pending';
import type { ApplyContext } from './apply-context';

/**
 * ORM^O01: ORC-1 `NW` places a lab order for the patient the MRN names (placer order number ORC-2,
 * else OBR-2; the test in OBR-4), `CA` cancels one. A new order sent twice is one order. The queue
 * hears that the patient's results are pending, and when none is pending any more.
 */
export async function applyOrm(context: ApplyContext): Promise<void> {
  const patientId = await context.knownPatient();
  const orc = requiredSegment(context.message, 'ORC');
  const obr = requiredSegment(context.message, 'OBR');
  const control = component(orc, 1).toUpperCase();
  const placerOrderNumber = required(component(orc, 2) || component(obr, 2), 'ORC-2 (or OBR-2)');

  if (control === 'NW') {
    const orderedAt = component(orc, 9) || component(obr, 6) || component(obr, 7) || valueAt(context.message, 'MSH-7');
    await context.manager
      .createQueryBuilder()
      .insert()
      .into(LabOrder)
      .values({
        patientId,
        sender: context.sender,
        placerOrderNumber,
        testCode: required(component(obr, 4, 1), 'OBR-4.1'),
        testName: component(obr, 4, 2) || component(obr, 4, 1),
        status: 'ordered',
        orderedAt: instant(required(orderedAt, 'ORC-9'), 'ORC-9', context.config.utcOffset),
      })
      .orIgnore()
      .execute();
    await publishPending(context, patientId);
    return;
  }
  if (control === 'CA') {
    const cancelled = await context.manager.update(
      LabOrder,
      { sender: context.sender, placerOrderNumber, patientId },
      { status: 'cancelled' },
    );
    if (!cancelled.affected) {
      throw cannotApply(
        Hl7ErrorCode.UnknownKeyIdentifier,
        'ORC-2: no order of this patient has that placer order number',
      );
    }
    await publishIfCleared(context, patientId);
    return;
  }
  throw cannotApply(
    Hl7ErrorCode.TableValueNotFound,
    `ORC-1: order control ${control || '(none)'} is not supported (NW, CA)`,
  );
}
