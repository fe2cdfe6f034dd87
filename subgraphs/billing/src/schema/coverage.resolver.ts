import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { COVERAGE_SEARCHERS, INVOICE_ISSUERS } from '../domain/access';
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

  @Authorized(COVERAGE_SEARCHERS)
  @FieldResolver(() => Patient, { description: 'The insured patient' })
  patient(@Root() coverage: Coverage): Patient {
    return { id: coverage.patientId };
  }
}
