import type { ResolverData } from 'type-graphql';
import { roleAuthChecker, type CallerContext } from './auth-checker';
import type { Caller } from './caller';
import { Scope } from './scopes';

const check = (caller: Caller, rules: Parameters<typeof roleAuthChecker>[1]) =>
  roleAuthChecker({ context: { caller } } as ResolverData<CallerContext>, rules);
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

const staff: Caller = { subject: 'rita', role: 'reception', scopes: [] };
const app: Caller = { subject: 'app:acme', role: 'reception', scopes: [Scope.QueueRead], clientId: 'acme' };

describe('roleAuthChecker', () => {
  it('lets staff through on their role alone: scopes named on a field do not bind them', () => {
    expect(codeOf(() => check(staff, ['reception', Scope.QueueRead]))).toBe('allowed');
    expect(codeOf(() => check(staff, []))).toBe('allowed');
    expect(codeOf(() => check(staff, ['admin', Scope.QueueRead]))).toBe('FORBIDDEN');
  });

  it('lets an app through only where its role is allowed and the field names one of its scopes', () => {
    expect(codeOf(() => check(app, ['reception', Scope.QueueRead, Scope.QueueWrite]))).toBe('allowed');
    expect(codeOf(() => check(app, ['reception', Scope.PatientsRead]))).toBe('FORBIDDEN');
    expect(codeOf(() => check(app, ['admin', Scope.QueueRead]))).toBe('FORBIDDEN');
  });

  it('closes to apps every field that names no scope, even one open to every role', () => {
    expect(codeOf(() => check(app, []))).toBe('FORBIDDEN');
    expect(codeOf(() => check(app, ['reception']))).toBe('FORBIDDEN');
  });
});
