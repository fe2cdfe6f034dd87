import type { AllergyIntolerance } from '../adapters/fhir/fhir-types';
import { Field, ID, ObjectType } from 'type-graphql';

/** An allergy or intolerance as the EHR records it (FHIR AllergyIntolerance), read live from the EHR. */
@ObjectType({ description: "An allergy or intolerance on the patient's EHR record" })
export class EhrAllergy {
  @Field(() => ID, { description: "The EHR's id of the AllergyIntolerance" })
  id!: string;

  @Field({ description: 'What the patient reacts to, as the EHR names it' })
  substance!: string;

  @Field(() => String, { nullable: true, description: 'The code of the substance, e.g. SNOMED CT, when coded' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'active, inactive or resolved' })
  clinicalStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'low, high or unable-to-assess' })
  criticality!: string | null;

  static of(resource: AllergyIntolerance & { id: string }): EhrAllergy {
    const coding = resource.code?.coding?.[0];
    return Object.assign(new EhrAllergy(), {
      id: resource.id,
      substance: resource.code?.text ?? coding?.display ?? coding?.code ?? 'unspecified',
      code: coding?.code ?? null,
      clinicalStatus: resource.clinicalStatus?.coding?.[0]?.code ?? null,
      criticality: resource.criticality ?? null,
    });
  }
}
