import { Role } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { PatientsContext } from '../context';
import { readIntegrationStatus } from '../adapters/fhir/ehr-integration';
import { EhrIntegrationStatus } from '../domain/ehr-integration.entity';
import { EhrLink } from '../domain/ehr-link.entity';
import { SyncConflict } from '../domain/sync-conflict.entity';
import { SyncConflictConnection } from './sync-conflict.connection';
import { FieldChoiceInput, SyncConflictArgs } from './sync-conflict.inputs';

/** Staff resolve what the EHR sync could not: conflicts, unmatched patients, a paused integration. */
@Resolver()
export class SyncConflictResolver {
  @Authorized(Role.Reception, Role.Admin)
  @Query(() => SyncConflictConnection, {
    description: 'Patients whose details changed differently here and in the EHR',
  })
  async syncConflicts(
    @Args() args: SyncConflictArgs,
    @Ctx() { ehr }: PatientsContext,
  ): Promise<SyncConflictConnection> {
    return ehr.conflicts.list(args);
  }

  @Authorized(Role.Reception, Role.Admin)
  @Mutation(() => SyncConflict, {
    description: "Resolves a sync conflict field by field: each field keeps ClinicFlow's value or the EHR's (audited)",
  })
  async resolveSyncConflict(
    @Arg('id', () => ID, { description: 'The open conflict' }) id: string,
    @Arg('choices', () => [FieldChoiceInput], { description: 'A side for every conflicting field' })
    choices: FieldChoiceInput[],
    @Ctx() { ehr, caller }: PatientsContext,
  ): Promise<SyncConflict> {
    return ehr.conflicts.resolve(id, choices, caller);
  }

  @Authorized(Role.Reception, Role.Admin)
  @Mutation(() => EhrLink, {
    nullable: true,
    description:
      "Matches a patient in the EHR now (by MRN, then by name and date of birth) and takes the EHR's details; null when no EHR record matches or no EHR is configured",
  })
  async linkPatientToEhr(
    @Arg('patientId', () => ID, { description: 'The patient to match' }) patientId: string,
    @Ctx() { ehr }: PatientsContext,
  ): Promise<EhrLink | null> {
    return ehr.sync ? ehr.sync.matchPatient(patientId) : null;
  }

  @Authorized(Role.Admin)
  @Query(() => EhrIntegrationStatus, {
    description: 'Whether the EHR integration is active, or paused because the EHR refused our credentials',
  })
  async ehrIntegration(@Ctx() { ehr }: PatientsContext): Promise<EhrIntegrationStatus> {
    return readIntegrationStatus(ehr.resources.database);
  }
}
