import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { SubscriptionMembership } from '../domain/subscription-membership.entity';

@ObjectType({ description: "A page of a live-subscription group's joins and leaves, oldest first" })
export class SubscriptionMembershipConnection extends Connection(SubscriptionMembership) {}
