import { Role } from '@clinicflow/platform';
import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { PatientsContext } from '../context';
import { AuditEvent } from '../domain/audit-event.entity';
import { AuditEventConnection } from './audit-event.connection';
import { AuditEventArgs } from './audit-event.inputs';

/** Who may read the audit log: compliance officers and admins. Nothing changes it. */
export const AUDIT_READERS = [Role.Compliance, Role.Admin];

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Authorized(AUDIT_READERS)
  @Query(() => AuditEventConnection, {
    description:
      'The audit log of reads and changes of patient data, newest first, a page at a time; for compliance and admins',
  })
  async auditEvents(
    @Args() args: AuditEventArgs,
    @Ctx() { auditEvents }: PatientsContext,
  ): Promise<AuditEventConnection> {
    return auditEvents.list(args);
  }
}
