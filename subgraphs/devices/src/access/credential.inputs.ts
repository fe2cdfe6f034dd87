import { API_SCOPES, MAX_PAGE_SIZE } from '@clinicflow/platform';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { AppRole, CredentialKind } from './credential-kind';

@InputType({ description: 'A credential for a third-party app' })
export class ApiCredentialInput {
  @Field({ description: 'What the app is (1-100 characters)' })
  @Length(1, 100)
  name!: string;

  @Field(() => CredentialKind, { description: 'OAuth client credentials or an API key' })
  kind!: CredentialKind;

  @Field(() => AppRole, { description: 'The staff role the app acts in' })
  role!: AppRole;

  @Field(() => [String], { description: `What the app may reach: one or more of ${API_SCOPES.join(', ')}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @IsIn(API_SCOPES, { each: true, message: `each scope must be one of ${API_SCOPES.join(', ')}` })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'When it stops working (in the future); never when absent' })
  @IsOptional()
  expiresAt?: Date | null;
}

@ArgsType()
export class ApiCredentialListArgs {
  @Field({ defaultValue: false, description: 'Include revoked credentials' })
  includeRevoked!: boolean;

  @Field(() => Int, { defaultValue: 50, description: `How many credentials to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
