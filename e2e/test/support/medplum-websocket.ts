import WebSocket from 'ws';

// @medplum/core 5 expects Node 22's global WebSocket when it loads; on Node 20 the ws package stands
// in (STACK.md). Imported before @medplum/core by the tests that validate FHIR resources.
if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
