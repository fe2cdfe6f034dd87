export { eventContract, publishContract, type EventContract } from './event-contract';
export * from './clinical-events';
export * from './notification-requests';
export * from './patient-events';
export * from './queue-events';
