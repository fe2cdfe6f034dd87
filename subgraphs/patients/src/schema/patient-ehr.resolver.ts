import { Role } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PatientsContext } from '../context';
import { EhrLink } from '../domain/ehr-link.entity';
import { Patient } from '../domain/patient.entity';
import { EhrAllergy } from './ehr-allergy.type';

/** The EHR's side of a patient: the link and its sync state, and the allergies on the EHR record. */
@Resolver(() => Patient)
export class PatientEhrResolver {
  @Authorized(Role.Reception, Role.Clinician, Role.Admin)
  @FieldResolver(() => EhrLink, {
    nullable: true,
    description: "The patient's EHR record and its sync state; null until matched",
  })
  async ehrLink(@Root() patient: Patient, @Ctx() { ehr }: PatientsContext): Promise<EhrLink | null> {
    return ehr.loaders.linkByPatient.load(patient.id);
  }

  @Authorized(Role.Reception, Role.Clinician, Role.Admin, Role.Patient)
  @FieldResolver(() => [EhrAllergy], {
    nullable: true,
    description:
      "Allergies and intolerances on the patient's EHR record, read from the EHR (one search for every patient in the query); null until matched",
  })
  async ehrAllergies(@Root() patient: Patient, @Ctx() { ehr }: PatientsContext): Promise<EhrAllergy[] | null> {
    const link = await ehr.loaders.linkByPatient.load(patient.id);
    if (!link) return null;
    const allergies = await ehr.loaders.allergiesByEhrPatient.load(link.ehrId);
    return allergies.map(EhrAllergy.of);
  }
}
