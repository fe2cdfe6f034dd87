import type { GraphQLField, GraphQLObjectType } from 'graphql';
import { Extensions, getMetadataStorage } from 'type-graphql';

/** Which patient a record belongs to: the patient's id, or nothing when it belongs to none. */
export type PatientOf<T> = (record: T) => string | null | undefined;

/** What a type or field declares, kept in the GraphQL extensions of the schema type-graphql builds. */
export interface PatientDataDeclaration {
  /** The entity type recorded in the audit log: the GraphQL type name, or what a derived field reads. */
  entityType?: string;
  patientOf: PatientOf<never>;
}

const TYPE_EXTENSION = 'clinicflowPatientData';
const FIELD_EXTENSION = 'clinicflowReadsPatientData';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const declaredClasses = new Map<Function, PatientOf<never>>();

/**
 * Marks an object type as patient data: every record of it that a subgraph returns (queries, entity
 * references, subscription events) or changes (mutations) is written to the audit log, as one row per
 * patient, action and type. `patientOf` names the patient: `(entry) => entry.patientId`, `(p) => p.id`.
 * Declared on the class that holds the data, not on the stubs other subgraphs keep of it.
 */
export function PatientData<T>(patientOf: PatientOf<T>): ClassDecorator {
  return (target) => {
    declaredClasses.set(target, patientOf as PatientOf<never>);
    Extensions({ [TYPE_EXTENSION]: { patientOf } })(target);
  };
}

/**
 * Marks a field whose value is derived from patient data of another type (a patient's latest vitals,
 * folded from Readings; their balance, summed from Invoices): when it resolves to a value, the audit
 * log gets a read of `entityType` for the patient `patientOf` finds on the field's parent.
 */
export function ReadsPatientData<TParent>(entityType: string, patientOf: PatientOf<TParent>): MethodDecorator {
  return (prototype, propertyKey, descriptor) => {
    Extensions({ [FIELD_EXTENSION]: { entityType, patientOf } })(prototype, propertyKey, descriptor);
  };
}

/** The declaration on a type of a built type-graphql schema, if it holds patient data. */
export function patientDataOfType(type: GraphQLObjectType): PatientDataDeclaration | undefined {
  return type.extensions[TYPE_EXTENSION] as PatientDataDeclaration | undefined;
}

/** The declaration on a field of a built type-graphql schema, if it reads derived patient data. */
export function patientDataOfField(field: GraphQLField<unknown, unknown>): PatientDataDeclaration | undefined {
  return field.extensions[FIELD_EXTENSION] as PatientDataDeclaration | undefined;
}

/**
 * The declaration of an entity class, for changes seen at the database (see audit-transactions.ts);
 * the entity type is the class's GraphQL type name.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function patientDataOfClass(target: Function | string): Required<PatientDataDeclaration> | undefined {
  if (typeof target === 'string') return undefined;
  const patientOf = declaredClasses.get(target);
  if (!patientOf) return undefined;
  const objectType = getMetadataStorage().objectTypes.find((candidate) => candidate.target === target);
  return { entityType: objectType?.name ?? target.name, patientOf };
}
