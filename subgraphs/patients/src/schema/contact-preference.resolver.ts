import { assertOwnPatient, badUserInput, Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { PatientsContext } from '../context';
import { ContactPreference } from '../domain/contact-preference.entity';
import { NotificationPreferencesInput } from './contact-preference.inputs';

@Resolver(() => ContactPreference)
export class ContactPreferenceResolver {
  @Authorized(Role.Patient, Role.Reception, Role.Clinician, Role.Admin)
  @Query(() => ContactPreference, { description: "A patient's notification preferences and consent" })
  async notificationPreferences(
    @Arg('patientId', () => ID, { description: 'The patient' }) patientId: string,
    @Ctx() { caller, preferences }: PatientsContext,
  ): Promise<ContactPreference> {
    assertOwnPatient(caller, patientId);
    return preferences.get(patientId);
  }

  @Authorized(Role.Patient, Role.Admin)
  @Mutation(() => ContactPreference, {
    description: "Changes a patient's notification preferences; opt-outs and opt-ins go to the consent history",
  })
  async updateNotificationPreferences(
    @Arg('patientId', () => ID, { description: 'The patient' }) patientId: string,
    @Arg('input', () => NotificationPreferencesInput, { description: 'The preferences to change' })
    input: NotificationPreferencesInput,
    @Ctx() { caller, preferences }: PatientsContext,
  ): Promise<ContactPreference> {
    assertOwnPatient(caller, patientId);
    if ((input.quietHoursStart === null) !== (input.quietHoursEnd === null)) {
      throw badUserInput('quietHoursStart and quietHoursEnd are cleared together', { argument: 'input' });
    }
    if ((input.quietHoursStart === undefined) !== (input.quietHoursEnd === undefined)) {
      throw badUserInput('quietHoursStart and quietHoursEnd are set together', { argument: 'input' });
    }
    return preferences.update(patientId, input, { source: 'api', actor: caller.subject });
  }
}
