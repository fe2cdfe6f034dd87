import { assertOwnPatient, Role, STAFF } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { Appointment } from '../domain/appointment.entity';
import { Patient } from '../domain/patient.ref';
import { QueueEntry } from '../domain/queue-entry.entity';
import { RECENT_ENTRIES_PER_PATIENT } from '../loaders/queue.loaders';

@Resolver(() => Patient)
export class PatientQueueResolver {
  @Authorized(...STAFF, Role.Patient)
  @FieldResolver(() => [QueueEntry], {
    // Nullable like every field one subgraph adds to another's entity: if the queue is down, the
    // patient is still served, with this field null and an error naming the queue service.
    nullable: true,
    description: `The patient's most recent queue entries, newest first (at most ${RECENT_ENTRIES_PER_PATIENT})`,
  })
  async queueEntries(@Root() patient: Patient, @Ctx() { caller, loaders }: QueueContext): Promise<QueueEntry[]> {
    assertOwnPatient(caller, patient.id);
    return loaders.recentEntriesByPatient.load(patient.id);
  }

  // A patient reads their own bookings (decision 0016); staff read anyone's.
  @Authorized(...STAFF, Role.Patient)
  @FieldResolver(() => [Appointment], {
    nullable: true,
    description: "The patient's booked appointments from now on, soonest first",
  })
  async appointments(@Root() patient: Patient, @Ctx() { caller, loaders }: QueueContext): Promise<Appointment[]> {
    assertOwnPatient(caller, patient.id);
    return loaders.upcomingAppointmentsByPatient.load(patient.id);
  }
}
