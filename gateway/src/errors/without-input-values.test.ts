import { GraphQLError } from 'graphql';
import { withoutInputValues, withoutSuggestions } from './without-input-values';

const PATIENT = ['Adalind', 'Lovelacey', '+15550001111', 'MRN-777'];
const expectNoPatientData = (message: string) => {
  for (const value of PATIENT) expect(message).not.toContain(value);
};

describe('withoutInputValues', () => {
  it('keeps where a variable is wrong and why, not the value', () => {
    const cause = new GraphQLError('Field "birthDate" of required type "String!" was not provided.');
    const message = withoutInputValues(
      `Variable "$input" got invalid value { mrn: "MRN-777", givenName: "Adalind", familyName: "Lovelacey" }; ${cause.message}`,
      cause,
    );
    expect(message).toBe(
      'Variable "$input" got an invalid value; Field "birthDate" of required type "String!" was not provided.',
    );
  });

  it('names the path and the type that refused a scalar', () => {
    const cause = new GraphQLError('String cannot represent a non string value: 15550001111');
    const message = withoutInputValues(
      `Variable "$input" got invalid value 15550001111 at "input.phone"; ${cause.message}`,
      cause,
    );
    expect(message).toBe(
      'Variable "$input" got an invalid value at "input.phone"; String cannot represent a non string value.',
    );
  });

  it("reads a subgraph's message without its cause, and custom scalars' wording", () => {
    const message = withoutInputValues(
      'Variable "$i" got invalid value "Adalind 1990" at "i.issuedAt"; DateTime cannot represent an invalid date-time-string Adalind 1990.',
    );
    expect(message).toBe('Variable "$i" got an invalid value at "i.issuedAt"; DateTime cannot represent this value.');
  });

  it.each([
    ['Expected value of type "String!", found 1234; String cannot represent a non string value: 1234'],
    ['Value "Adalind" does not exist in "AdministrativeGender" enum.'],
    ['Enum "AdministrativeGender" cannot represent non-enum value: "Lovelacey".'],
    ['Syntax Error: Unexpected String "+15550001111".'],
    ['Syntax Error: Expected Name, found String "MRN-777".'],
  ])('drops the value from %s', (original) => {
    const message = withoutInputValues(original);
    expectNoPatientData(message);
    expect(message.length).toBeGreaterThan(10);
  });

  it('leaves messages that quote no value as they are', () => {
    expect(withoutInputValues('Cannot query field "facilitis" on type "Query".')).toBe(
      'Cannot query field "facilitis" on type "Query".',
    );
  });
});

describe('withoutSuggestions', () => {
  it('drops graphql-js name suggestions', () => {
    expect(withoutSuggestions('Cannot query field "facilitis" on type "Query". Did you mean "facilities"?')).toBe(
      'Cannot query field "facilitis" on type "Query".',
    );
  });
});
