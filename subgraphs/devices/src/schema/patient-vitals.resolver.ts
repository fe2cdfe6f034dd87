import { assertOwnPatient, ReadsPatientData } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DevicesContext } from '../context';
import { Patient } from '../domain/patient.ref';
import { VITALS_READERS } from '../domain/roles';
import { Vitals } from '../domain/vitals';
import { ReadingConnection } from './reading.connection';
import { PatientReadingsArgs } from './reading.inputs';

@Resolver(() => Patient)
export class PatientVitalsResolver {
  // Vitals are folded from the patient's Readings: reading them is reading those.
  @ReadsPatientData('Reading', (patient: Patient) => patient.id)
  @Authorized(...VITALS_READERS)
  @FieldResolver(() => Vitals, {
    nullable: true,
    description: "The patient's latest reading of each vital sign; null when there are none",
  })
  async latestVitals(@Root() patient: Patient, @Ctx() { caller, loaders }: DevicesContext): Promise<Vitals | null> {
    assertOwnPatient(caller, patient.id);
    return loaders.latestVitalsByPatient.load(patient.id);
  }

  @Authorized(...VITALS_READERS)
  @FieldResolver(() => ReadingConnection, {
    // Nullable: a field added to another subgraph's entity, so an outage of this subgraph nulls
    // only this field (with an error naming the service), not the entity around it.
    nullable: true,
    description: "The patient's readings, newest first",
  })
  async readings(
    @Root() patient: Patient,
    @Args() { code, first, after }: PatientReadingsArgs,
    @Ctx() { caller, loaders }: DevicesContext,
  ): Promise<ReadingConnection> {
    assertOwnPatient(caller, patient.id);
    return loaders.readingPageByPatient({ code, first, after }).load(patient.id);
  }
}
