import { Supergraph } from '@apollo/federation-internals';
import { isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { SUPERGRAPH_SDL } from '../src';

/** Third-party developers read the schema in the explorer: every part of it must say what it is. */
describe('the API schema', () => {
  const schema = Supergraph.build(SUPERGRAPH_SDL).apiSchema().toGraphQLJSSchema();
  const types = Object.values(schema.getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );

  it('describes every type', () => {
    expect(types.filter((type) => !type.description?.trim()).map((type) => type.name)).toEqual([]);
  });

  it('describes every field, argument and input field', () => {
    const missing: string[] = [];
    for (const type of types) {
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('composes all five subgraphs', () => {
    const query = schema.getQueryType()!.getFields();
    for (const field of ['patient', 'queueEntries', 'invoices', 'labResult', 'devices'])
      expect(query[field]).toBeDefined();
  });
});
