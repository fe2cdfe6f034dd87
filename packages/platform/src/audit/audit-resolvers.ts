import {
  defaultFieldResolver,
  getNamedType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { unavailable } from '../errors/app-error';
import { inChangeScope } from './audit-transactions';
import { AuditAction, type AuditTrail, auditTrailOf } from './audit-trail';
import { type PatientDataDeclaration, type PatientOf, patientDataOfField, patientDataOfType } from './patient-data';

type Resolve = GraphQLFieldResolver<unknown, unknown>;
type ReferenceResolve = (reference: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;
type TypeResolvers = Record<string, unknown>;

/** What a wrapped field notes about the value it returned, on its parent. */
type Note = (trail: AuditTrail, value: unknown, parent: unknown, action: AuditAction) => void;

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

const patientOrNothing = (patientOf: PatientOf<never>, record: unknown): string | null | undefined => {
  try {
    return (patientOf as PatientOf<unknown>)(record);
  } catch {
    return undefined;
  }
};

/** Notes every record in a value of a patient-data type: one record, or lists of them at any depth. */
const recordsOf =
  (typeName: string, declaration: PatientDataDeclaration): Note =>
  (trail, value, _parent, action) => {
    const visit = (item: unknown): void => {
      if (item === null || item === undefined) return;
      if (Array.isArray(item)) item.forEach(visit);
      else trail.record(patientOrNothing(declaration.patientOf, item), action, typeName);
    };
    visit(value);
  };

/** Notes a read of derived data (vitals from readings) for the patient of the field's parent. */
const derivedFrom =
  (declaration: PatientDataDeclaration): Note =>
  (trail, value, parent, action) => {
    if (value === null || value === undefined) return;
    trail.record(patientOrNothing(declaration.patientOf, parent), action, declaration.entityType ?? 'unknown');
  };

/** Returns the resolver's value, noting it when it arrives; a synchronous value stays synchronous. */
function noted(result: unknown, note: (value: unknown) => void): unknown {
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then((value) => {
      note(value);
      return value;
    });
  }
  note(result);
  return result;
}

/** A field of a query or subscription: its patient data is a READ, written at the end of the request or event. */
const readingField =
  (base: Resolve, notes: Note[]): Resolve =>
  (parent, args, context, info) => {
    const trail = auditTrailOf(context);
    if (!trail) return base(parent, args, context, info);
    trail.useOperation(info.operation.name?.value);
    return noted(base(parent, args, context, info), (value) => {
      for (const note of notes) note(trail, value, parent, AuditAction.Read);
    });
  };

/**
 * A root mutation field: what it saves is audited inside its own transaction (inChangeScope), and
 * the patient data it returns is a CHANGE. Any CHANGE not written in a transaction yet is written
 * before the field returns; if that fails, the field fails: the caller is never told a change
 * succeeded that the audit log does not hold.
 */
const changingField =
  (base: Resolve, notes: Note[]): Resolve =>
  async (parent, args, context, info) => {
    const trail = auditTrailOf(context);
    if (!trail) return base(parent, args, context, info);
    trail.useOperation(info.operation.name?.value);
    const value = await inChangeScope(trail, () => base(parent, args, context, info));
    for (const note of notes) note(trail, value, parent, AuditAction.Change);
    try {
      await trail.flush(AuditAction.Change);
    } catch {
      throw unavailable('The change was made but could not be recorded in the audit log; an operator has been alerted');
    }
    return value;
  };

/** An entity the gateway asks this subgraph to resolve for another: a READ of it. */
const referenceResolver =
  (base: ReferenceResolve, note: Note): ReferenceResolve =>
  (reference, context, info) => {
    const trail = auditTrailOf(context);
    if (!trail) return base(reference, context, info);
    trail.useOperation(info?.operation?.name?.value);
    return noted(base(reference, context, info), (value) => note(trail, value, reference, AuditAction.Read));
  };

/**
 * Wraps, in a subgraph's resolver map, every resolver that can hand out patient data, as the types
 * and fields of the type-graphql schema declare it (`@PatientData`, `@ReadsPatientData`): fields whose
 * type is patient data, fields derived from it, entity references of it, and every root mutation field.
 * The wrappers note what they return in the request's AuditTrail; requests without one (schema
 * composition, unit tests) pass through untouched.
 */
export function auditResolvers(typeSchema: GraphQLSchema, resolvers: Record<string, unknown>): void {
  const types = Object.values(typeSchema.getTypeMap()).filter(
    (type) => isObjectType(type) && !type.name.startsWith('__'),
  );
  const declared = new Map<string, PatientDataDeclaration>();
  for (const type of types) {
    const declaration = isObjectType(type) ? patientDataOfType(type) : undefined;
    if (declaration) declared.set(type.name, declaration);
  }
  const mutationType = typeSchema.getMutationType();

  for (const type of types) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const notes: Note[] = [];
      const returned = getNamedType(field.type).name;
      const ofType = declared.get(returned);
      if (ofType) notes.push(recordsOf(returned, ofType));
      const derived = patientDataOfField(field);
      if (derived) notes.push(derivedFrom(derived));
      const isMutation = type === mutationType;
      if (notes.length === 0 && !isMutation) continue;

      const typeResolvers = (resolvers[type.name] ??= {}) as TypeResolvers;
      const current = typeResolvers[field.name];
      if (current && typeof current === 'object') {
        // A subscription: the event's resolve returns the data; subscribe only opens the stream.
        const subscription = current as { resolve?: Resolve };
        subscription.resolve = readingField(subscription.resolve ?? defaultFieldResolver, notes);
        continue;
      }
      const base = (current as Resolve | undefined) ?? defaultFieldResolver;
      typeResolvers[field.name] = isMutation ? changingField(base, notes) : readingField(base, notes);
    }
  }

  for (const [typeName, declaration] of declared) {
    const typeResolvers = resolvers[typeName] as TypeResolvers | undefined;
    const resolveReference = typeResolvers?.__resolveReference as ReferenceResolve | undefined;
    if (typeResolvers && resolveReference) {
      typeResolvers.__resolveReference = referenceResolver(resolveReference, recordsOf(typeName, declaration));
    }
  }
}
