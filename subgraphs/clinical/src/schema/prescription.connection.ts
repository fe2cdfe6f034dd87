import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Prescription } from '../domain/prescription.entity';

@ObjectType({ description: "A page of a patient's prescriptions, newest first" })
export class PrescriptionConnection extends Connection(Prescription) {}
