import { type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';

@Directive('@shareable')
@ObjectType({ description: 'Where a page of results ends, and whether more follow' })
export class PageInfo {
  @Field({ description: 'True when another page follows this one' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A Relay-style connection for a node type: `class PatientConnection extends Connection(Patient) {}`
 * with its own `@ObjectType`. The edge type is named after the node.
 */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`, { description: `One ${node.name} in a page, with its cursor` })
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque position of this edge; pass it as `after` to continue from here' })
    cursor!: string;

    @Field(() => node, { description: `The ${node.name}` })
    node!: T;
  }

  // Not emitted by itself: type-graphql only emits types the schema reaches, and the schema reaches
  // the concrete `@ObjectType` class that extends this one.
  @ObjectType()
  abstract class ConnectionType implements Page<T> {
    @Field(() => [EdgeType], { description: 'The edges of this page, in order' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page ends' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filters, across all pages' })
    totalCount!: number;
  }

  return ConnectionType;
}
