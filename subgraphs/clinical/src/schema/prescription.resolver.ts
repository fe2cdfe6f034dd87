import { assertOwnPatient, notFound, Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { Patient } from '../domain/patient.ref';
import { PRESCRIPTION_READERS, Prescription } from '../domain/prescription.entity';
import { PrescribeInput } from './prescription.inputs';

@Resolver(() => Prescription)
export class PrescriptionResolver {
  @Authorized(PRESCRIPTION_READERS)
  @Query(() => Prescription, { description: 'One prescription; a patient may ask only for their own' })
  async prescription(
    @Arg('id', () => ID, { description: 'The prescription to return' }) id: string,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<Prescription> {
    const prescription = await loaders.prescriptionById.load(id);
    if (!prescription) throw notFound('Prescription', id);
    assertOwnPatient(caller, prescription.patientId);
    return prescription;
  }

  @Authorized(Role.Clinician)
  @Mutation(() => Prescription, {
    description: 'Prescribes a medication for a patient (clinicians); it goes to the pharmacy at once',
  })
  async prescribe(
    @Arg('input', () => PrescribeInput, { description: 'The medication, dose and quantity' }) input: PrescribeInput,
    @Ctx() { caller, prescriptions }: ClinicalContext,
  ): Promise<Prescription> {
    return prescriptions.prescribe(input, caller.subject);
  }

  @Authorized(Role.Clinician, Role.Admin)
  @Mutation(() => Prescription, {
    description:
      'Records that the pharmacy has an active prescription ready for pickup, and has the patient told (without the medication)',
  })
  async markMedicationReady(
    @Arg('id', () => ID, { description: 'The prescription that is ready' }) id: string,
    @Ctx() { prescriptions }: ClinicalContext,
  ): Promise<Prescription> {
    return prescriptions.markReady(id);
  }

  @Authorized(Role.Clinician, Role.Admin)
  @Mutation(() => Prescription, { description: 'Cancels an active or on-hold prescription that was not picked up' })
  async cancelPrescription(
    @Arg('id', () => ID, { description: 'The prescription to cancel' }) id: string,
    @Ctx() { prescriptions }: ClinicalContext,
  ): Promise<Prescription> {
    return prescriptions.cancel(id);
  }

  @Authorized(PRESCRIPTION_READERS)
  @FieldResolver(() => Patient, { description: 'The patient the medication is for' })
  patient(@Root() prescription: Prescription): Patient {
    return { id: prescription.patientId };
  }
}
