/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Facilities {\n  facilities {\n    id\n    code\n    name\n    services {\n      id\n      tokenPrefix\n      name\n    }\n    servicePoints {\n      id\n      name\n      kind\n    }\n  }\n}": typeof types.FacilitiesDocument,
    "query PatientDirectory($first: Int!, $search: String) {\n  patients(first: $first, search: $search) {\n    totalCount\n    edges {\n      node {\n        id\n        mrn\n        displayName\n        balance {\n          amountCents\n          currency\n        }\n      }\n    }\n  }\n}\n\nquery PatientQueueEntries($id: ID!) {\n  patient(id: $id) {\n    id\n    displayName\n    queueEntries {\n      token\n      status\n    }\n  }\n}\n\nmutation RegisterPatient($input: PatientRegistration!) {\n  registerPatient(input: $input) {\n    id\n    displayName\n  }\n}\n\nmutation CheckIn($input: CheckInInput!) {\n  checkIn(input: $input) {\n    id\n    token\n    status\n  }\n}": typeof types.PatientDirectoryDocument,
    "query QueueBoard($facilityId: ID!, $first: Int!, $after: String) {\n  queueEntries(\n    facilityId: $facilityId\n    statuses: [WAITING]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        token\n        status\n        priority\n        paymentStatus\n        patient {\n          id\n          displayName\n          latestLabResult {\n            loincCode\n            valueQuantity\n            unit\n            abnormalFlag\n          }\n          latestVitals {\n            heartRate\n            oxygenSaturation\n            recordedAt\n          }\n        }\n      }\n    }\n  }\n}": typeof types.QueueBoardDocument,
};
const documents: Documents = {
    "query Facilities {\n  facilities {\n    id\n    code\n    name\n    services {\n      id\n      tokenPrefix\n      name\n    }\n    servicePoints {\n      id\n      name\n      kind\n    }\n  }\n}": types.FacilitiesDocument,
    "query PatientDirectory($first: Int!, $search: String) {\n  patients(first: $first, search: $search) {\n    totalCount\n    edges {\n      node {\n        id\n        mrn\n        displayName\n        balance {\n          amountCents\n          currency\n        }\n      }\n    }\n  }\n}\n\nquery PatientQueueEntries($id: ID!) {\n  patient(id: $id) {\n    id\n    displayName\n    queueEntries {\n      token\n      status\n    }\n  }\n}\n\nmutation RegisterPatient($input: PatientRegistration!) {\n  registerPatient(input: $input) {\n    id\n    displayName\n  }\n}\n\nmutation CheckIn($input: CheckInInput!) {\n  checkIn(input: $input) {\n    id\n    token\n    status\n  }\n}": types.PatientDirectoryDocument,
    "query QueueBoard($facilityId: ID!, $first: Int!, $after: String) {\n  queueEntries(\n    facilityId: $facilityId\n    statuses: [WAITING]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        token\n        status\n        priority\n        paymentStatus\n        patient {\n          id\n          displayName\n          latestLabResult {\n            loincCode\n            valueQuantity\n            unit\n            abnormalFlag\n          }\n          latestVitals {\n            heartRate\n            oxygenSaturation\n            recordedAt\n          }\n        }\n      }\n    }\n  }\n}": types.QueueBoardDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Facilities {\n  facilities {\n    id\n    code\n    name\n    services {\n      id\n      tokenPrefix\n      name\n    }\n    servicePoints {\n      id\n      name\n      kind\n    }\n  }\n}"): (typeof documents)["query Facilities {\n  facilities {\n    id\n    code\n    name\n    services {\n      id\n      tokenPrefix\n      name\n    }\n    servicePoints {\n      id\n      name\n      kind\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PatientDirectory($first: Int!, $search: String) {\n  patients(first: $first, search: $search) {\n    totalCount\n    edges {\n      node {\n        id\n        mrn\n        displayName\n        balance {\n          amountCents\n          currency\n        }\n      }\n    }\n  }\n}\n\nquery PatientQueueEntries($id: ID!) {\n  patient(id: $id) {\n    id\n    displayName\n    queueEntries {\n      token\n      status\n    }\n  }\n}\n\nmutation RegisterPatient($input: PatientRegistration!) {\n  registerPatient(input: $input) {\n    id\n    displayName\n  }\n}\n\nmutation CheckIn($input: CheckInInput!) {\n  checkIn(input: $input) {\n    id\n    token\n    status\n  }\n}"): (typeof documents)["query PatientDirectory($first: Int!, $search: String) {\n  patients(first: $first, search: $search) {\n    totalCount\n    edges {\n      node {\n        id\n        mrn\n        displayName\n        balance {\n          amountCents\n          currency\n        }\n      }\n    }\n  }\n}\n\nquery PatientQueueEntries($id: ID!) {\n  patient(id: $id) {\n    id\n    displayName\n    queueEntries {\n      token\n      status\n    }\n  }\n}\n\nmutation RegisterPatient($input: PatientRegistration!) {\n  registerPatient(input: $input) {\n    id\n    displayName\n  }\n}\n\nmutation CheckIn($input: CheckInInput!) {\n  checkIn(input: $input) {\n    id\n    token\n    status\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query QueueBoard($facilityId: ID!, $first: Int!, $after: String) {\n  queueEntries(\n    facilityId: $facilityId\n    statuses: [WAITING]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        token\n        status\n        priority\n        paymentStatus\n        patient {\n          id\n          displayName\n          latestLabResult {\n            loincCode\n            valueQuantity\n            unit\n            abnormalFlag\n          }\n          latestVitals {\n            heartRate\n            oxygenSaturation\n            recordedAt\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query QueueBoard($facilityId: ID!, $first: Int!, $after: String) {\n  queueEntries(\n    facilityId: $facilityId\n    statuses: [WAITING]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        token\n        status\n        priority\n        paymentStatus\n        patient {\n          id\n          displayName\n          latestLabResult {\n            loincCode\n            valueQuantity\n            unit\n            abnormalFlag\n          }\n          latestVitals {\n            heartRate\n            oxygenSaturation\n            recordedAt\n          }\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;