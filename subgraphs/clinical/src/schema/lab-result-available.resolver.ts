import { assertOwnPatient, forbidden, notFound } from '@clinicflow/platform';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { LAB_RESULT_READERS, LabResult } from '../domain/lab-result.entity';
import { type LabResultAvailable, labResultAvailableTopic } from '../events/lab-result-available';

@Resolver(() => LabResult)
export class LabResultAvailableResolver {
  @Subscription(() => LabResult, {
    description: 'Each new lab result of the patient, as soon as it is recorded; a patient may follow only their own',
    // Checked once when subscribing: who may follow which patient's results.
    subscribe: ({ args, context }) => {
      const { caller, liveEvents } = context as ClinicalContext;
      const patientId = (args as { patientId: string }).patientId;
      if (!(LAB_RESULT_READERS as string[]).includes(caller.role))
        throw forbidden(`The ${caller.role} role may not follow lab results`);
      assertOwnPatient(caller, patientId);
      return liveEvents.subscribe(labResultAvailableTopic(patientId));
    },
  })
  async labResultAvailable(
    @Arg('patientId', () => ID, { description: 'The patient whose results to follow' }) _patientId: string,
    @Root() event: LabResultAvailable,
    @Ctx() { loaders }: ClinicalContext,
  ): Promise<LabResult> {
    const result = await loaders.labResultById.load(event.labResultId);
    if (!result) throw notFound('LabResult', event.labResultId);
    return result;
  }
}
