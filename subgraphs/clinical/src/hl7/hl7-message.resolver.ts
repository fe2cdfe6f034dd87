import { AuditAction, auditTrailOf } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { HL7_STAFF, Hl7MessageRecord } from './hl7-message.entity';
import { Hl7MessageConnection, Hl7MessagePageArgs, ReprocessHl7MessageInput } from './hl7-message.schema';

/** Reads of the messages whose patient is known go to the audit log, as any other patient data. */
function audited<T extends Hl7MessageRecord | Hl7MessageRecord[]>(context: ClinicalContext, messages: T): T {
  const trail = auditTrailOf(context);
  for (const message of [messages].flat()) {
    if (message.patientId) trail?.record(message.patientId, AuditAction.Read, 'Hl7Message');
  }
  return messages;
}

@Resolver(() => Hl7MessageRecord)
export class Hl7MessageResolver {
  @Authorized(HL7_STAFF)
  @Query(() => Hl7MessageConnection, {
    description: 'Inbound HL7 v2 messages, newest first; staff fix and reprocess the ones in ERROR',
  })
  async hl7Messages(@Args() args: Hl7MessagePageArgs, @Ctx() context: ClinicalContext): Promise<Hl7MessageConnection> {
    const page = await context.hl7.list(args);
    audited(
      context,
      page.edges.map((edge) => edge.node),
    );
    return page;
  }

  @Authorized(HL7_STAFF)
  @Query(() => Hl7MessageRecord, { description: 'One inbound HL7 v2 message, with its text and what became of it' })
  async hl7Message(
    @Arg('id', () => ID, { description: 'The message to return' }) id: string,
    @Ctx() context: ClinicalContext,
  ): Promise<Hl7MessageRecord> {
    return audited(context, await context.hl7.get(id));
  }

  @Authorized(HL7_STAFF)
  @Mutation(() => Hl7MessageRecord, {
    description: 'Applies a message in ERROR again, with its text corrected or as it is; its status says how it went',
  })
  async reprocessHl7Message(
    @Arg('input', () => ReprocessHl7MessageInput, { description: 'The message and its corrected text' })
    input: ReprocessHl7MessageInput,
    @Ctx() context: ClinicalContext,
  ): Promise<Hl7MessageRecord> {
    return audited(context, await context.hl7.reprocess(input.id, input.raw, context.caller));
  }
}
