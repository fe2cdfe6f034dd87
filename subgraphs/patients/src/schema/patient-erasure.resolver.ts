import { Role } from '@clinicflow/platform';
import { IsUUID, Length } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Resolver } from 'type-graphql';
import type { PatientsContext } from '../context';
import { Patient } from '../domain/patient.entity';

@ArgsType()
class ErasePatientArgs {
  @Field(() => ID, { description: 'The patient whose personal details are erased' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why: the request and its legal basis (1-500 characters); kept with the record' })
  @Length(1, 500)
  reason!: string;
}

@Resolver(() => Patient)
export class PatientErasureResolver {
  @Authorized(Role.Admin, Role.Compliance)
  @Mutation(() => Patient, {
    description:
      "Erases a patient's personal details on request, where the law allows: the record stays as a pseudonym for what must be kept, and every service erases its own",
  })
  async erasePatient(@Args() { id, reason }: ErasePatientArgs, @Ctx() { erasure }: PatientsContext): Promise<Patient> {
    return erasure.erase(id, reason);
  }
}
