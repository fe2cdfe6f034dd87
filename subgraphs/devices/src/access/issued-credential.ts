import { Field, ObjectType } from 'type-graphql';
import { ApiCredential } from './api-credential.entity';

@ObjectType({ description: 'A credential with its secret, returned once when it is created or rotated' })
export class IssuedCredential {
  @Field(() => ApiCredential, { description: 'The credential' })
  credential!: ApiCredential;

  @Field({
    description:
      'Shown this once: the API key (send it whole), or the OAuth client secret. ClinicFlow keeps only its hash',
  })
  secret!: string;
}
