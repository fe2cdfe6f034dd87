import { assertOwnPatient, Role } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PatientsContext } from '../context';
import { Patient } from '../domain/patient.entity';
import { NotificationConnection, NotificationListArgs } from './notification.connection';

@Resolver(() => Patient)
export class PatientNotificationsResolver {
  @Authorized(Role.Patient, Role.Reception, Role.Clinician, Role.Admin)
  @FieldResolver(() => NotificationConnection, {
    description: 'Messages sent (or meant) to the patient and how each was delivered, newest first',
  })
  async notifications(
    @Root() patient: Patient,
    @Args() args: NotificationListArgs,
    @Ctx() { caller, notifications }: PatientsContext,
  ): Promise<NotificationConnection> {
    assertOwnPatient(caller, patient.id);
    return notifications.listFor(patient.id, args);
  }
}
