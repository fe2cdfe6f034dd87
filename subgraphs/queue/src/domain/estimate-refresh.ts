import { QueueChangeReason } from '../events/queue-change';
import { Facility } from './facility.entity';
import type { QueueTransaction } from './queue-changes';
import { ServiceEstimate } from './service-estimate.entity';
import { Service } from './service.entity';
import { estimatedWaitMinutes, minutesPerPlace, serviceRates, waitingBookedPlaces } from './wait-estimates';

/** Estimates changed materially when the minutes a place in line adds moved by this share of what was announced. */
const MATERIAL_CHANGE = 0.1;

/**
 * Settles a facility's estimates after its queue changed (a job; see queue-jobs.ts for the rate
 * limit). Each place's estimate is read live from the board; this decides when clients should re-read
 * all of them: when a service's minutes per place moved materially, or a schedule alert was raised or
 * cleared, it counts one ESTIMATES_UPDATED change. A service is running late when a booked patient
 * waiting now is estimated to wait longer than a slot; the alert keeps the time it started.
 */
export async function refreshEstimates(tx: QueueTransaction, facilityId: string): Promise<void> {
  const { manager, now } = tx;
  // Locked first, so that two refreshes of the facility never compare against the same settled state.
  const facility = await manager.findOne(Facility, { where: { id: facilityId }, lock: { mode: 'pessimistic_write' } });
  if (!facility) return;
  const services = await manager.findBy(Service, { facilityId });
  if (services.length === 0) return;
  const serviceIds = services.map((service) => service.id);
  const rates = new Map((await serviceRates(manager, serviceIds, now)).map((rate) => [rate.serviceId, rate]));
  const booked = await waitingBookedPlaces(manager, facilityId);
  const settled = new Map((await manager.findBy(ServiceEstimate, { facilityId })).map((row) => [row.serviceId, row]));

  let material = false;
  const estimates = services.map((service): ServiceEstimate => {
    // serviceRates answers for every service that exists, and these were read in this transaction.
    const rate = rates.get(service.id)!;
    const previous = settled.get(service.id);
    const announced = previous?.minutesPerPlace ?? service.defaultServiceMinutes;
    const perPlace = minutesPerPlace(rate);
    const moved = Math.abs(perPlace - announced) >= MATERIAL_CHANGE * announced;
    const waits = booked
      .filter((place) => place.serviceId === service.id)
      .map((place) => estimatedWaitMinutes(place, rate));
    const longest = waits.length > 0 ? Math.max(...waits) : null;
    const late = longest !== null && longest > service.slotMinutes;
    const wasLate = Boolean(previous?.alertSince);
    material ||= moved || late !== wasLate;
    return {
      serviceId: service.id,
      facilityId,
      minutesPerPlace: moved ? perPlace : announced,
      alertLongestWaitMinutes: late ? longest : null,
      alertSlotMinutes: late ? service.slotMinutes : null,
      alertSince: late ? (previous?.alertSince ?? now) : null,
      refreshedAt: now,
    };
  });
  await manager.upsert(ServiceEstimate, estimates, ['serviceId']);
  if (material) await tx.record(facilityId, QueueChangeReason.ESTIMATES_UPDATED, null);
}
