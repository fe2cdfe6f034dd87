import { assertOwnPatient } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { LAB_RESULT_READERS, LabResult } from '../domain/lab-result.entity';
import { labResultWindow, toLabResultPage } from '../domain/lab-result.page';
import { Patient } from '../domain/patient.ref';
import { LabResultConnection } from './lab-result.connection';
import { LabResultPageArgs } from './lab-result.inputs';

@Resolver(() => Patient)
export class PatientLabResultsResolver {
  @Authorized(LAB_RESULT_READERS)
  @FieldResolver(() => LabResultConnection, {
    description: "The patient's lab results, newest first (by issue time), a page at a time",
  })
  async labResults(
    @Root() patient: Patient,
    @Args() args: LabResultPageArgs,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<LabResultConnection> {
    assertOwnPatient(caller, patient.id);
    const window = labResultWindow(args);
    const [rows, totalCount] = await Promise.all([
      loaders.labResultPageByPatient(window).load(patient.id),
      loaders.labResultCountByPatient.load(patient.id),
    ]);
    return toLabResultPage(rows, window.first, totalCount);
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
