import { assertOwnPatient, notFound, Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { LAB_RESULT_READERS, LabResult } from '../domain/lab-result.entity';
import { Patient } from '../domain/patient.ref';
import { LabResultInput } from './lab-result.inputs';

@Resolver(() => LabResult)
export class LabResultResolver {
  @Authorized(LAB_RESULT_READERS)
  @Query(() => LabResult, { description: 'One lab result; a patient may ask only for their own' })
  async labResult(
    @Arg('id', () => ID, { description: 'The lab result to return' }) id: string,
    @Ctx() { caller, loaders }: ClinicalContext,
  ): Promise<LabResult> {
    const result = await loaders.labResultById.load(id);
    if (!result) throw notFound('LabResult', id);
    assertOwnPatient(caller, result.patientId);
    return result;
  }

  @Authorized(Role.Clinician, Role.Admin)
  @Mutation(() => LabResult, { description: 'Records a laboratory result for a patient' })
  async recordLabResult(
    @Arg('input', () => LabResultInput, { description: 'The result to record' }) input: LabResultInput,
    @Ctx() { labResults }: ClinicalContext,
  ): Promise<LabResult> {
    return labResults.record(input);
  }

  @Authorized(LAB_RESULT_READERS)
  @FieldResolver(() => Patient, { description: 'The patient the specimen came from' })
  patient(@Root() result: LabResult): Patient {
    return { id: result.patientId };
  }
}
