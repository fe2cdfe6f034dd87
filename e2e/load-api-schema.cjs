// graphql-codegen loader: the schema clients see is the supergraph's API schema (no join__ or
// link__ machinery), which @apollo/federation-internals derives from the composed supergraph.
const { readFileSync } = require('node:fs');
const { Supergraph } = require('@apollo/federation-internals');

module.exports = (pointer) => Supergraph.build(readFileSync(pointer, 'utf8')).apiSchema().toGraphQLJSSchema();
