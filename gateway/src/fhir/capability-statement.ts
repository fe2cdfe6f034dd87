import type { CapabilityStatement, CapabilityStatementRestResource } from './fhir-types';
import type { ResourceHandler } from './resource-handler';
import { CONTROL_PARAMETERS } from './search-parameters';

const BASE_PROFILE = (type: string) => `http://hl7.org/fhir/StructureDefinition/${type}`;

function restResource(handler: ResourceHandler): CapabilityStatementRestResource {
  return {
    type: handler.type,
    profile: BASE_PROFILE(handler.type),
    ...(handler.type === 'Patient'
      ? {
          supportedProfile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'],
          operation: [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }],
        }
      : {}),
    documentation: handler.documentation,
    interaction: [...(handler.read ? [{ code: 'read' as const }] : []), { code: 'search-type' as const }],
    searchParam: [
      ...handler.searchParameters,
      { name: '_count', type: 'number' as const, documentation: 'Page size, 1-500 (50 when left out)' },
    ],
  };
}

/**
 * What this server offers, for `GET /fhir/R4/metadata`: read-only, JSON, bearer tokens, the resource
 * types and search parameters of the handlers. Paging follows the Bundle's `next` link (its `_cursor`
 * is ours and opaque); any other parameter is refused.
 */
export function capabilityStatement(
  handlers: readonly ResourceHandler[],
  baseUrl: string,
  date: string,
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'ClinicFlow',
    kind: 'instance',
    software: { name: 'ClinicFlow FHIR API' },
    implementation: { description: 'ClinicFlow: the clinic graph as FHIR R4 (read-only)', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: `Paging parameters besides _count: ${CONTROL_PARAMETERS.filter((name) => name !== '_count').join(', ')}`,
        security: {
          cors: false,
          service: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] },
          ],
          description:
            'Every request but this statement needs a credential the GraphQL endpoint takes (a bearer token, or ' +
            'an API key for apps); the same roles and record checks apply, and a third-party app reads only what ' +
            'its ClinicFlow scopes open (patients:read, ...).',
        },
        resource: handlers.map(restResource),
      },
    ],
  };
}
