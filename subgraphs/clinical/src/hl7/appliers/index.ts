import { Hl7ErrorCode, rejected } from '../hl7-errors';
import { applyAdt } from './adt';
import type { ApplyContext } from './apply-context';
import { applyOrm } from './orm';
import { applyOru } from './oru';
import { applySiu } from './siu';

type Applier = (context: ApplyContext) => Promise<void>;

/** The messages the intake takes, by type (MSH-9.1) and trigger event (MSH-9.2). */
const APPLIERS: Record<string, Record<string, Applier>> = {
  ADT: {
    A01: (context) => applyAdt(context, 'A01'),
    A03: (context) => applyAdt(context, 'A03'),
    A04: (context) => applyAdt(context, 'A04'),
    A08: (context) => applyAdt(context, 'A08'),
  },
  ORM: { O01: applyOrm },
  ORU: { R01: applyOru },
  SIU: {
    S12: (context) => applySiu(context, 'S12'),
    S14: (context) => applySiu(context, 'S14'),
    S15: (context) => applySiu(context, 'S15'),
  },
};

/** The applier of a message type, or an AR naming what is not supported. */
export function applierFor(type: string, trigger: string): Applier {
  const byTrigger = APPLIERS[type];
  if (!byTrigger) {
    throw rejected(
      Hl7ErrorCode.UnsupportedMessageType,
      `MSH-9: message type ${type} is not accepted (${Object.keys(APPLIERS).join(', ')})`,
    );
  }
  const applier = byTrigger[trigger];
  if (!applier) {
    throw rejected(
      Hl7ErrorCode.UnsupportedEventCode,
      `MSH-9: ${type} event ${trigger} is not accepted (${Object.keys(byTrigger).join(', ')})`,
    );
  }
  return applier;
}
