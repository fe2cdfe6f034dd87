import type { EntityManager } from 'typeorm';

/** Formats token number 14 of service prefix A as A-014. */
export const formatToken = (prefix: string, tokenNumber: number) => `${prefix}-${String(tokenNumber).padStart(3, '0')}`;

/**
 * The next token number of a service for a day. The counter row is incremented under its own row
 * lock, so concurrent check-ins and transfers never share or reuse a number.
 */
export async function nextTokenNumber(manager: EntityManager, serviceId: string, serviceDay: string): Promise<number> {
  const [counter] = (await manager.query(
    `INSERT INTO queue.token_counter (service_id, service_day, last_number)
     VALUES ($1, $2::date, 1)
     ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = token_counter.last_number + 1
     RETURNING last_number`,
    [serviceId, serviceDay],
  )) as { last_number: number }[];
  return counter.last_number;
}
