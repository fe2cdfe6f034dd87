import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations for the e2e tests, against the schema clients see through the gateway. */
const config: CodegenConfig = {
  overwrite: true,
  schema: { 'supergraph.graphql': { loader: './e2e/load-api-schema.cjs' } },
  documents: ['e2e/operations/**/*.graphql'],
  generates: {
    'e2e/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTimeISO: 'string' } },
    },
  },
};

export default config;
