import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { Patient } from '../domain/patient.ref';
import { SPECIMEN_COLLECTORS, SpecimenCollection } from '../domain/specimen-collection.entity';
import { SpecimenCollectionInput } from './specimen-collection.inputs';

@Resolver(() => SpecimenCollection)
export class SpecimenCollectionResolver {
  @Authorized(SPECIMEN_COLLECTORS)
  @Mutation(() => SpecimenCollection, {
    description:
      "Records a specimen collected during a patient's visit; the waits of the patients behind in that service grow by the time it keeps the room",
  })
  async recordSpecimenCollection(
    @Arg('input', () => SpecimenCollectionInput, { description: 'The collection to record' })
    input: SpecimenCollectionInput,
    @Ctx() { caller, specimens }: ClinicalContext,
  ): Promise<SpecimenCollection> {
    return specimens.record({ ...input, recordedBy: caller.subject });
  }

  @Authorized(SPECIMEN_COLLECTORS)
  @FieldResolver(() => Patient, { description: 'The patient the specimen was collected from' })
  patient(@Root() collection: SpecimenCollection): Patient {
    return { id: collection.patientId };
  }
}
