import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { ApiCredential } from './api-credential.entity';

@ObjectType({ description: 'A page of app credentials, newest first' })
export class ApiCredentialConnection extends Connection(ApiCredential) {}
