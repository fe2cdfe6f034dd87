/* global process */
// The clinical subgraph in a process of its own for the HL7 fault test (hl7-fault.e2e.test.ts), built
// (subgraphs/clinical/dist), as a deployed service runs: the test kills it with SIGKILL mid-stream.
//
//   node hl7-listener.cjs <database url> <MLLP port>
//
// Prints `listening <port>` once the MLLP listener accepts connections.
const { createLiveEvents, createLogger, startSubgraph } = require('@clinicflow/platform');
const { createClinicalSubgraph } = require('@clinicflow/subgraph-clinical');

async function main() {
  const [databaseUrl, port] = process.argv.slice(2);
  const definition = createClinicalSubgraph({
    onListening: (address) => process.stdout.write(`listening ${address.port}\n`),
  });
  await startSubgraph(definition, {
    databaseUrl,
    port: 0,
    contextSigningSecret: 'hl7-fault-test-context-secret-0123456789',
    liveEvents: createLiveEvents(),
    logger: createLogger('hl7-fault', 'warn'),
    environment: { HL7_MLLP_PORT: port },
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
