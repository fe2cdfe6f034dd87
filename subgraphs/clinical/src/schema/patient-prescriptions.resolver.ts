import { assertOwnPatient } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { Patient } from '../domain/patient.ref';
import { PRESCRIPTION_READERS } from '../domain/prescription.entity';
import { PrescriptionConnection } from './prescription.connection';
import { PrescriptionPageArgs } from './prescription.inputs';

@Resolver(() => Patient)
export class PatientPrescriptionsResolver {
  @Authorized(PRESCRIPTION_READERS)
  @FieldResolver(() => PrescriptionConnection, {
    // Nullable: a field added to another subgraph's entity (decision 0003).
    nullable: true,
    description: "The patient's prescriptions, newest first, a page at a time",
  })
  async prescriptions(
    @Root() patient: Patient,
    @Args() args: PrescriptionPageArgs,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<PrescriptionConnection> {
    assertOwnPatient(caller, patient.id);
    return loaders.prescriptionPageByPatient(args).load(patient.id);
  }
}
