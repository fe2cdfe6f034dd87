/**
 * graphql-js quotes the values it refuses: 'Variable "$input" got invalid value { givenName: "Ada",
 * ... }; Field "birthDate" of required type "String!" was not provided.' A client's error reporting
 * would carry a patient's details away with such a message, so the gateway keeps what is wrong and
 * where, and drops the value.
 */
export function withoutInputValues(message: string, cause?: unknown): string {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (variable) return variableProblem(variable[1] as string, message, cause);
  const literal = /^Expected value of type "([^"]+)", found /.exec(message);
  if (literal) return `The value given is not a valid "${literal[1]}".`;
  return typeProblem(message) ?? withoutTokenValue(message);
}

/**
 * 'Variable "$v" got invalid value <value> at "<path>"; <reason>'. With the cause at hand its message
 * is the reason; without it (a subgraph's message), the first ` at "v...";` ends the value.
 */
function variableProblem(name: string, message: string, cause: unknown): string {
  let path: string | undefined;
  let reason: string | undefined;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  if (causeMessage && message.endsWith(`; ${causeMessage}`)) {
    reason = causeMessage;
    path = / at "([^"]*)"$/.exec(message.slice(0, message.length - reason.length - 2))?.[1];
  } else {
    const located = new RegExp(` at "(${name}[^"]*)"; ([\\s\\S]*)$`).exec(message);
    path = located?.[1];
    reason = located?.[2];
  }
  const where = path ? ` at "${path}"` : '';
  if (!reason) return `Variable "$${name}" got an invalid value${where}.`;
  return `Variable "$${name}" got an invalid value${where}; ${typeProblem(reason) ?? structureProblem(reason)}`;
}

/** Reasons that name only the schema's fields and types. */
const STRUCTURE = [
  /^Field "[^"]+" of required type "[^"]+" was not provided\./,
  /^Field "[^"]+" is not defined by type "[^"]+"\./,
  /^Expected type "[^"]+" to be an object\./,
];

function structureProblem(reason: string): string {
  for (const pattern of STRUCTURE) {
    const match = pattern.exec(reason);
    if (match) return match[0];
  }
  return 'the value is not valid for its type.';
}

/** A scalar or enum refusing a value: 'Int cannot represent non-integer value: "abc"'. */
function typeProblem(message: string): string | undefined {
  const scalar = /^(.+? cannot represent )([\s\S]*)$/.exec(message);
  if (scalar) {
    // graphql-js: "...value: <value>"; graphql-scalars: "...an invalid date-time-string <value>."
    const [, head, rest = ''] = scalar;
    return rest.includes(': ') ? `${head}${rest.slice(0, rest.indexOf(': '))}.` : `${head}this value.`;
  }
  const enumValue = /^Value [\s\S]* does not exist in "([^"]+)" enum\./.exec(message);
  if (enumValue) return `The value does not exist in "${enumValue[1]}" enum.`;
  return undefined;
}

/** A syntax error quoting the token it stopped at: 'Syntax Error: Unexpected String "Ada".' */
function withoutTokenValue(message: string): string {
  return message.replace(/^(Syntax Error: [\s\S]*?\b(?:String|BlockString|Int|Float)) "[\s\S]*"\.$/, '$1.');
}

/** graphql-js suggests field and type names ("Did you mean ...?"): with introspection off, that leaks the schema. */
export const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean(.+?)\?$/, '');
