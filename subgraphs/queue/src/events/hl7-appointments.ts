import { defineConsumer, HL7_APPOINTMENT, type SubgraphResources } from '@clinicflow/platform';
import { Facility } from '../domain/facility.entity';
import { QueueChanges, type QueueSettings } from '../domain/queue-changes';
import { Service } from '../domain/service.entity';
import { applyEhrAppointment } from './ehr-appointment-sync';
import { QueueEventPublisher } from './queue-events';

/**
 * Books, moves or cancels the appointment an SIU message names, as an appointment of the clinic's
 * EHR (its scheduling system sends the SIU): the service is found by its facility's code and token
 * prefix, then the EHR appointment rules apply (a cancellation also takes a checked-in patient's
 * entry out of line). One appointment's messages apply in order; applying one again changes nothing.
 * A message naming a service the queue does not have fails, and waits in the dead-letter queue.
 */
export function hl7AppointmentConsumer(resources: SubgraphResources, settings: QueueSettings) {
  const { dataSource } = resources.database;
  const changes = new QueueChanges(
    dataSource,
    resources.jobs,
    new QueueEventPublisher(resources.liveEvents.pubSub, resources.logger),
    settings,
  );
  return defineConsumer<unknown>({
    name: 'queue.hl7-appointments',
    events: [HL7_APPOINTMENT.name],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      const data = HL7_APPOINTMENT.schema.parse(delivery.data);
      const service = await dataSource
        .getRepository(Service)
        .createQueryBuilder('service')
        .innerJoin(Facility, 'facility', 'facility.id = service.facility_id')
        .where('facility.code = :facility AND service.token_prefix = :prefix', {
          facility: data.facilityCode,
          prefix: data.serviceTokenPrefix,
        })
        .getOne();
      if (!service) throw new Error(`No service ${data.serviceTokenPrefix} at facility ${data.facilityCode}`);
      await applyEhrAppointment(
        changes,
        {
          ehrAppointmentId: data.appointmentId,
          versionId: data.versionId,
          patientId: data.patientId,
          serviceId: service.id,
          status: data.status,
          startsAt: data.startsAt,
          cancelReason: data.cancelReason,
        },
        resources.logger,
      );
    },
  });
}
