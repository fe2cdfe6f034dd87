import { assertOwnPatient, notFound } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { COVERAGE_READERS, COVERAGE_SEARCHERS, INVOICE_ISSUERS } from '../domain/access';
import { Coverage } from '../domain/coverage.entity';
import { Patient } from '../domain/patient.ref';
import { CoverageInput, CoverageLookupArgs } from './coverage.inputs';

@Resolver(() => Coverage)
export class CoverageResolver {
  @Authorized(INVOICE_ISSUERS)
  @Mutation(() => Coverage, { description: "Records a patient's insurance; the member id is encrypted at rest" })
  async addCoverage(
    @Arg('input', () => CoverageInput, { description: 'The insurance, as on the card' }) input: CoverageInput,
    @Ctx() { coverages }: BillingContext,
  ): Promise<Coverage> {
    return coverages.add(input);
  }

  @Authorized(COVERAGE_READERS)
  @Query(() => Coverage, { description: 'One coverage; a patient may ask only for their own' })
  async coverage(
    @Arg('id', () => ID, { description: 'The coverage to return' }) id: string,
    @Ctx() { caller, loaders }: BillingContext,
  ): Promise<Coverage> {
    const coverage = await loaders.coverageById.load(id);
    if (!coverage) throw notFound('Coverage', id);
    assertOwnPatient(caller, coverage.patientId);
    return coverage;
  }

  @Authorized(COVERAGE_SEARCHERS)
  @Query(() => Coverage, {
    nullable: true,
    description: "The coverage with this member id at this payer, as a payer's remittance names it; null when none",
  })
  async coverageByMemberId(
    @Args() { payer, memberId }: CoverageLookupArgs,
    @Ctx() { coverages }: BillingContext,
  ): Promise<Coverage | null> {
    return coverages.byMemberId(payer, memberId);
  }

  // Everyone who may read a coverage may see whose it is: a patient reaches only their own.
  @Authorized(COVERAGE_READERS)
  @FieldResolver(() => Patient, { description: 'The insured patient' })
  patient(@Root() coverage: Coverage): Patient {
    return { id: coverage.patientId };
  }
}
