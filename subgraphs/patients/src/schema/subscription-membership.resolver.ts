import { forbidden, Role, SUBSCRIPTION_RECORDER } from '@clinicflow/platform';
import { Args, Authorized, Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { PatientsContext } from '../context';
import { SubscriptionMembership } from '../domain/subscription-membership.entity';
import { AUDIT_READERS } from './audit-event.resolver';
import { SubscriptionMembershipConnection } from './subscription-membership.connection';
import { RecordMembershipArgs, SubscriptionMembershipArgs } from './subscription-membership.inputs';

/** The audit log names a live event's reader by its group; this says who was in the group, and when. */
@Resolver(() => SubscriptionMembership)
export class SubscriptionMembershipResolver {
  @Authorized(AUDIT_READERS)
  @Query(() => SubscriptionMembershipConnection, {
    description:
      'Who joined and left a live-subscription group, oldest first: the people an audit record of a live event (subject subscription-group:<key>) delivered to; for compliance and admins',
  })
  async subscriptionMembership(
    @Args() { group, ...page }: SubscriptionMembershipArgs,
    @Ctx() { subscriptionMembers }: PatientsContext,
  ): Promise<SubscriptionMembershipConnection> {
    return subscriptionMembers.list(group, page);
  }

  /** `@inaccessible`: the gateway calls it directly, signed as SUBSCRIPTION_RECORDER; no client reaches it. */
  @Directive('@inaccessible')
  @Authorized(Role.Admin)
  @Mutation(() => Int, { description: 'Appends the joins and leaves of live-subscription groups; returns how many' })
  async recordSubscriptionMembership(
    @Args() { changes }: RecordMembershipArgs,
    @Ctx() { caller, subscriptionMembers }: PatientsContext,
  ): Promise<number> {
    if (caller.subject !== SUBSCRIPTION_RECORDER.subject) throw forbidden('Only the gateway records memberships');
    return subscriptionMembers.record(changes);
  }
}
