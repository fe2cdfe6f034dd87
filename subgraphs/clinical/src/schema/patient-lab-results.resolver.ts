import { assertOwnPatient } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { LAB_RESULT_READERS, LabResult } from '../domain/lab-result.entity';
import { Patient } from '../domain/patient.ref';
import { LabResultConnection } from './lab-result.connection';
import { LabResultPageArgs } from './lab-result.inputs';

@Resolver(() => Patient)
export class PatientLabResultsResolver {
  @Authorized(LAB_RESULT_READERS)
  @FieldResolver(() => LabResultConnection, {
    // Nullable: a field added to another subgraph's entity, so an outage of this subgraph nulls
    // only this field (with an error naming the service), not the entity around it.
    nullable: true,
    description: "The patient's lab results, newest first (by issue time), a page at a time",
  })
  async labResults(
    @Root() patient: Patient,
    @Args() args: LabResultPageArgs,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<LabResultConnection> {
    assertOwnPatient(caller, patient.id);
    return loaders.labResultPageByPatient(args).load(patient.id);
  }

  @Authorized(LAB_RESULT_READERS)
  @FieldResolver(() => LabResult, {
    nullable: true,
    description: "The patient's most recently issued lab result, whatever its status; null when there is none",
  })
  async latestLabResult(
    @Root() patient: Patient,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<LabResult | null> {
    assertOwnPatient(caller, patient.id);
    return loaders.latestLabResultByPatient.load(patient.id);
  }
}
