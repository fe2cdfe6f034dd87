import { assertFacility, assertOwnPatient, forbidden, notFound, Role, Scope, STAFF } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { BOARD_READERS } from '../domain/access';
import { Facility } from '../domain/facility.entity';
import { Patient } from '../domain/patient.ref';
import { CheckInChannel, QueueEntry } from '../domain/queue-entry.entity';
import { ServicePoint } from '../domain/service-point.entity';
import { Service } from '../domain/service.entity';
import { CheckInInput, QueueBoardArgs } from './queue.inputs';
import { QueueEntryConnection } from './queue-entry.connection';

@Resolver(() => QueueEntry)
export class QueueEntryResolver {
  @Authorized([...BOARD_READERS, Scope.QueueRead])
  @Query(() => QueueEntryConnection, { description: "A facility's queue, in the order patients will be called" })
  async queueEntries(
    @Args() args: QueueBoardArgs,
    @Ctx() { caller, queue }: QueueContext,
  ): Promise<QueueEntryConnection> {
    assertFacility(caller, args.facilityId);
    return queue.board(args, args);
  }

  @Authorized(...STAFF, Role.Patient, Scope.QueueRead)
  @Query(() => QueueEntry, { description: 'One queue entry; a patient may ask only for their own' })
  async queueEntry(
    @Arg('id', () => ID, { description: "The queue entry's ClinicFlow id" }) id: string,
    @Ctx() { caller, loaders }: QueueContext,
  ): Promise<QueueEntry> {
    const entry = await loaders.queueEntryById.load(id);
    if (!entry) throw notFound('QueueEntry', id);
    assertOwnPatient(caller, entry.patientId);
    return entry;
  }

  @Authorized(Role.Reception, Role.Admin, Role.Patient, Scope.QueueWrite)
  @Mutation(() => QueueEntry, { description: 'Checks a patient in and gives them the next token of the service' })
  async checkIn(
    @Arg('input', () => CheckInInput, { description: 'Who checks in, where and for what' }) input: CheckInInput,
    @Ctx() { caller, loaders, queue }: QueueContext,
  ): Promise<QueueEntry> {
    // A facility-scoped staff token checks patients in at its own facility only (decision 0016).
    assertFacility(caller, input.facilityId);
    if (caller.role === Role.Patient) {
      if (input.channel !== CheckInChannel.PATIENT_APP) throw forbidden('Patients check in through the patient app');
      // By appointment, the patient is the appointment's; an unknown appointment is the service's NOT_FOUND.
      const patientId = input.appointmentId
        ? (await loaders.appointmentById.load(input.appointmentId))?.patientId
        : input.patientId;
      if (patientId) assertOwnPatient(caller, patientId);
    }
    return queue.checkIn(input);
  }

  @FieldResolver(() => Patient, { description: 'Who is queueing' })
  patient(@Root() entry: QueueEntry): Patient {
    return { id: entry.patientId };
  }

  @FieldResolver(() => Facility, { description: 'The facility whose queue this is' })
  async facility(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<Facility | null> {
    return loaders.facilityById.load(entry.facilityId);
  }

  @FieldResolver(() => Service, { description: 'What the patient is queueing for' })
  async service(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<Service | null> {
    return loaders.serviceById.load(entry.serviceId);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'The room or counter the patient was called to' })
  async servicePoint(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<ServicePoint | null> {
    return entry.servicePointId ? loaders.servicePointById.load(entry.servicePointId) : null;
  }
}
