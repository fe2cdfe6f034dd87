import { assertOwnPatient, notFound, Role, Scope } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Patient } from '../domain/patient.entity';
import type { PatientsContext } from '../context';
import { PatientConnection } from './patient.connection';
import { PatientChanges, PatientListArgs, PatientRegistration } from './patient.inputs';

@Resolver(() => Patient)
export class PatientResolver {
  @Authorized(Role.Reception, Role.Clinician, Role.Billing, Role.Admin, Role.Patient, Scope.PatientsRead)
  @Query(() => Patient, { description: 'One patient; a patient may ask only for themself' })
  async patient(
    @Arg('id', () => ID, { description: "The patient's ClinicFlow id" }) id: string,
    @Ctx() { caller, loaders }: PatientsContext,
  ): Promise<Patient> {
    assertOwnPatient(caller, id);
    const patient = await loaders.patientById.load(id);
    if (!patient) throw notFound('Patient', id);
    return patient;
  }

  @Authorized(Role.Reception, Role.Clinician, Role.Billing, Role.Admin, Scope.PatientsRead)
  @Query(() => PatientConnection, { description: 'Patients by name, a page at a time' })
  async patients(@Args() args: PatientListArgs, @Ctx() { patients }: PatientsContext): Promise<PatientConnection> {
    return patients.list(args);
  }

  @Authorized(Role.Reception, Role.Admin)
  @Mutation(() => Patient, { description: 'Registers a new patient' })
  async registerPatient(
    @Arg('input', () => PatientRegistration, { description: "The new patient's details" }) input: PatientRegistration,
    @Ctx() { patients }: PatientsContext,
  ): Promise<Patient> {
    return patients.register(input);
  }

  @Authorized(Role.Reception, Role.Admin)
  @Mutation(() => Patient, { description: "Changes a patient's details" })
  async updatePatient(
    @Arg('id', () => ID, { description: 'The patient to change' }) id: string,
    @Arg('changes', () => PatientChanges, { description: 'The fields to change' }) changes: PatientChanges,
    @Ctx() { patients }: PatientsContext,
  ): Promise<Patient> {
    return patients.update(id, changes);
  }
}
