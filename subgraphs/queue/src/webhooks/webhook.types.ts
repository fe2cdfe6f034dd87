import { Connection, MAX_PAGE_SIZE } from '@clinicflow/platform';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from './webhook-event-type';

@InputType({ description: 'A URL to send signed event deliveries to, and the events it wants' })
export class WebhookEndpointInput {
  @Field({ description: 'An https URL (at most 2,000 characters) that answers 2xx to a delivery' })
  @Length(8, 2000)
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to deliver (at least one)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length * 2)
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (1-200 characters)' })
  @IsOptional()
  @Length(1, 200)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this facility's events; every facility's when left out" })
  @IsOptional()
  @IsUUID()
  facilityId?: string | null;
}

@ObjectType({ description: 'An endpoint with its signing secret, shown this once: keep it, it cannot be read back' })
export class WebhookEndpointSecret {
  @Field(() => WebhookEndpoint, { description: 'The endpoint' })
  endpoint!: WebhookEndpoint;

  @Field({ description: 'The HMAC-SHA256 key deliveries are signed with (docs/webhooks.md shows how to verify)' })
  secret!: string;
}

@ObjectType({ description: 'A page of delivery attempts, the newest first' })
export class WebhookDeliveryConnection extends Connection(WebhookAttempt) {}

@ObjectType({ description: 'An event queued to be delivered to an endpoint again' })
export class WebhookReplay {
  @Field(() => ID, { description: 'The endpoint it goes to' })
  endpointId!: string;

  @Field(() => ID, { description: "The event's id, the same as in its first delivery" })
  eventId!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID, { description: 'The endpoint' })
  @IsUUID()
  endpointId!: string;

  @Field(() => Int, { defaultValue: 50, description: `How many to return (1 to ${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (`pageInfo.endCursor`)' })
  after?: string | null;
}
