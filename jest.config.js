/** One jest run over every workspace, from source: no build is needed to test. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@clinicflow/subgraph-(.*)$': '<rootDir>/subgraphs/$1/src',
    '^@clinicflow/sandbox/ehr$': '<rootDir>/packages/sandbox/src/ehr',
    '^@clinicflow/(platform|testing|embedded|sandbox)$': '<rootDir>/packages/$1/src',
    '^@clinicflow/gateway$': '<rootDir>/gateway/src',
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
};
