import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { LabResult } from '../domain/lab-result.entity';

@ObjectType({ description: "A page of a patient's lab results, newest first" })
export class LabResultConnection extends Connection(LabResult) {}
