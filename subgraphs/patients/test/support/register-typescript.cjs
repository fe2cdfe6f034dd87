// Lets a plain `node` child process (the kill test's worker) load this subgraph's TypeScript with
// the same SWC settings jest uses (jest.config.js), through pirates, the require hook jest itself uses.
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'] },
);
