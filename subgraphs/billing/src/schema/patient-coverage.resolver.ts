import { assertOwnPatient } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { COVERAGE_READERS } from '../domain/access';
import { Coverage } from '../domain/coverage.entity';
import { Patient } from '../domain/patient.ref';

@Resolver(() => Patient)
export class PatientCoverageResolver {
  @Authorized(COVERAGE_READERS)
  @FieldResolver(() => [Coverage], {
    // Nullable: a field added to another subgraph's entity (decision 3).
    nullable: true,
    description: "The patient's insurance, oldest first",
  })
  async coverages(@Root() patient: Patient, @Ctx() { caller, loaders }: BillingContext): Promise<Coverage[]> {
    assertOwnPatient(caller, patient.id);
    return loaders.coveragesByPatient.load(patient.id);
  }
}
