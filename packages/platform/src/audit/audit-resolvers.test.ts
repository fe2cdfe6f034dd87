import { graphql, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection } from '../pagination/connection';
import { buildFederatedSchema } from '../subgraph/federated-schema';
import { type AuditRow, type AuditSink, AuditTrail, actorOf, attachAuditTrail } from './audit-trail';
import { PatientData, ReadsPatientData } from './patient-data';

const ANA = '0b6f1c1e-52c4-4c1b-9a43-1d9a5f0e7a01';
const BEN = '5d0c2a64-8f0e-4f57-b2f3-3f4c8b9d2e02';

@PatientData((note: ClinicNote) => note.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A note about a patient' })
class ClinicNote {
  @Field(() => ID)
  id!: string;

  @Field()
  text!: string;

  patientId!: string;

  @Field(() => ClinicNote, { nullable: true })
  previous?: ClinicNote | null;
}

@ObjectType({ description: 'A page of notes' })
class ClinicNoteConnection extends Connection(ClinicNote) {}

/** Another subgraph's patient: a stub, not patient data in itself. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A patient' })
class Person {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'Derived from notes' })
class NoteSummary {
  @Field(() => Int)
  count!: number;
}

const NOTES: ClinicNote[] = [
  { id: 'n1', text: 'first', patientId: ANA },
  { id: 'n2', text: 'second', patientId: ANA, previous: { id: 'n0', text: 'older', patientId: ANA } },
  { id: 'n3', text: 'third', patientId: BEN },
];

@Resolver(() => ClinicNote)
class NoteResolver {
  @Query(() => [ClinicNote], { description: 'All notes' })
  notes(): ClinicNote[] {
    return NOTES;
  }

  @Query(() => ClinicNoteConnection, { description: 'Notes a page at a time' })
  async notePage(): Promise<ClinicNoteConnection> {
    return {
      edges: NOTES.map((node) => ({ node, cursor: node.id })),
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: NOTES.length,
    };
  }

  @Query(() => Int, { description: 'How many notes' })
  noteCount(): number {
    return NOTES.length;
  }

  @Mutation(() => ClinicNote, { description: 'Writes a note' })
  async writeNote(@Arg('patientId', () => ID) patientId: string): Promise<ClinicNote> {
    return { id: 'n9', text: 'new', patientId, previous: NOTES[0]! };
  }

  @Mutation(() => ClinicNote, { description: 'Fails' })
  async failNote(): Promise<ClinicNote> {
    throw new Error('nothing saved');
  }
}

@Resolver(() => Person)
class PersonNotesResolver {
  @ReadsPatientData('ClinicNote', (person: Person) => person.id)
  @FieldResolver(() => NoteSummary, { nullable: true, description: 'How many notes the person has' })
  noteSummary(@Root() person: Person): NoteSummary | null {
    const count = NOTES.filter((note) => note.patientId === person.id).length;
    return count ? { count } : null;
  }
}

class MemorySink implements AuditSink {
  readonly writes: AuditRow[][] = [];
  failWith: Error | null = null;
  async write(rows: AuditRow[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.writes.push(rows);
  }
  lost(): void {}
}

describe('auditResolvers (wired by buildFederatedSchema)', () => {
  let schema: GraphQLSchema;
  let sink: MemorySink;
  let trail: AuditTrail;

  beforeAll(async () => {
    ({ schema } = await buildFederatedSchema({
      resolvers: [NoteResolver, PersonNotesResolver],
      orphanedTypes: [Person],
      referenceResolvers: {
        ClinicNote: (reference) => NOTES.find((note) => note.id === reference.id) ?? null,
        Person: (reference) => ({ id: reference.id }),
      },
    }));
  });
  beforeEach(() => {
    sink = new MemorySink();
    trail = new AuditTrail(actorOf({ subject: 'dr-cole', role: 'clinician', scopes: [] }, 'notes'), sink);
  });

  const run = async (source: string, variables: Record<string, unknown> = {}, withTrail = true) => {
    const contextValue = { caller: { subject: 'dr-cole', role: 'clinician', scopes: [] } };
    if (withTrail) attachAuditTrail(contextValue, trail);
    return graphql({ schema, source, variableValues: variables, contextValue });
  };
  const pending = () => trail.take().map((row) => `${row.action} ${row.entityType} ${row.patientId}`);

  it('notes each patient a query returns once, however many records and nesting levels carry them', async () => {
    const result = await run('query Notes { notes { id previous { id } } }');
    expect(result.errors).toBeUndefined();
    expect(pending().sort()).toEqual([`READ ClinicNote ${ANA}`, `READ ClinicNote ${BEN}`].sort());
    expect(trail.actor.operationName).toBe('Notes');
    expect(sink.writes).toEqual([]); // reads are written at the end of the request, by the server
  });

  it('notes the records inside a connection', async () => {
    await run('{ notePage { totalCount edges { node { id } } } }');
    expect(pending().sort()).toEqual([`READ ClinicNote ${ANA}`, `READ ClinicNote ${BEN}`].sort());
  });

  it('notes nothing for a query that returns no patient data', async () => {
    await run('{ noteCount }');
    expect(pending()).toEqual([]);
  });

  it('notes records resolved for the gateway as entity references, and not the stubs of others', async () => {
    const result = await run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ClinicNote { id } ... on Person { id } } }',
      {
        r: [
          { __typename: 'ClinicNote', id: 'n3' },
          { __typename: 'Person', id: ANA },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(pending()).toEqual([`READ ClinicNote ${BEN}`]);
  });

  it('notes a derived field as a read of what it is derived from, when it has a value', async () => {
    await run('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { noteSummary { count } } } }', {
      r: [
        { __typename: 'Person', id: BEN },
        { __typename: 'Person', id: '9a1f2b3c-0000-4000-8000-000000000000' },
      ],
    });
    expect(pending()).toEqual([`READ ClinicNote ${BEN}`]);
  });

  it("writes a mutation's change before the mutation returns, and what it shows after as reads", async () => {
    const result = await run('mutation Write($p: ID!) { writeNote(patientId: $p) { id previous { id } } }', {
      p: BEN,
    });
    expect(result.errors).toBeUndefined();
    expect(sink.writes).toEqual([
      [expect.objectContaining({ action: 'CHANGE', entityType: 'ClinicNote', patientId: BEN })],
    ]);
    expect(pending()).toEqual([`READ ClinicNote ${ANA}`]);
  });

  it('fails the mutation when its change cannot be written to the audit log', async () => {
    sink.failWith = new Error('audit table unavailable');
    const result = await run('mutation ($p: ID!) { writeNote(patientId: $p) { id } }', { p: BEN });
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('notes nothing for a mutation that failed', async () => {
    const result = await run('mutation { failNote { id } }');
    expect(result.errors).toHaveLength(1);
    expect(sink.writes).toEqual([]);
    expect(pending()).toEqual([]);
  });

  it('leaves requests without a trail alone', async () => {
    const result = await run('{ notes { id } }', {}, false);
    expect(result.errors).toBeUndefined();
    expect(pending()).toEqual([]);
  });
});
