import {
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
} from 'graphql';

/**
 * Rebuilding a schema from SDL parses default values before @apollo/subgraph attaches the enums'
 * internal values, so an enum default stays its GraphQL name (`UNKNOWN`) instead of its value
 * (`unknown`). This maps every enum default back to the value the resolvers expect.
 */
export function restoreEnumDefaults(schema: GraphQLSchema): void {
  const fix = (input: GraphQLArgument | GraphQLInputField) => {
    const type = getNamedType(input.type);
    if (!isEnumType(type) || input.defaultValue === undefined) return;
    const toValue = (name: unknown) => (typeof name === 'string' ? (type.getValue(name)?.value ?? name) : name);
    input.defaultValue = Array.isArray(input.defaultValue)
      ? input.defaultValue.map(toValue)
      : toValue(input.defaultValue);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type)) Object.values(type.getFields()).forEach(fix);
    if (isObjectType(type)) Object.values(type.getFields()).forEach((field) => field.args.forEach(fix));
  }
}
