import { Connection } from '@clinicflow/platform';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { Notification } from '../domain/notification.entity';

@ObjectType({ description: "A page of a patient's notifications, newest first" })
export class NotificationConnection extends Connection(Notification) {}

@ArgsType()
export class NotificationListArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many to return (1 to 500)' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after' })
  after?: string | null;
}
