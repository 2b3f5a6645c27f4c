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
    "\n  query MyCredits {\n    me {\n      teacher {\n        name\n        school { name }\n        creditAccount {\n          cycleStartYear\n          cycleEndYear\n          required\n          earned\n          pending\n          remaining\n          onTrack\n          complete\n          byYear { year earned required met }\n        }\n        certificates { number kind status issuedOn }\n      }\n    }\n  }\n": typeof types.MyCreditsDocument,
    "\n  query ReviewQueue($first: Int!, $after: String) {\n    me { school { name } }\n    reviewQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        round\n        needsSpecialAttention\n        selectedOn\n        teacher { name subject }\n        trainingClass { name startsOn project { title totalCredits } }\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  mutation ReviewEnrollment($id: ID!, $approve: Boolean!, $reason: String) {\n    reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status }\n  }\n": typeof types.ReviewEnrollmentDocument,
};
const documents: Documents = {
    "\n  query MyCredits {\n    me {\n      teacher {\n        name\n        school { name }\n        creditAccount {\n          cycleStartYear\n          cycleEndYear\n          required\n          earned\n          pending\n          remaining\n          onTrack\n          complete\n          byYear { year earned required met }\n        }\n        certificates { number kind status issuedOn }\n      }\n    }\n  }\n": types.MyCreditsDocument,
    "\n  query ReviewQueue($first: Int!, $after: String) {\n    me { school { name } }\n    reviewQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        round\n        needsSpecialAttention\n        selectedOn\n        teacher { name subject }\n        trainingClass { name startsOn project { title totalCredits } }\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  mutation ReviewEnrollment($id: ID!, $approve: Boolean!, $reason: String) {\n    reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status }\n  }\n": types.ReviewEnrollmentDocument,
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
export function graphql(source: "\n  query MyCredits {\n    me {\n      teacher {\n        name\n        school { name }\n        creditAccount {\n          cycleStartYear\n          cycleEndYear\n          required\n          earned\n          pending\n          remaining\n          onTrack\n          complete\n          byYear { year earned required met }\n        }\n        certificates { number kind status issuedOn }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyCredits {\n    me {\n      teacher {\n        name\n        school { name }\n        creditAccount {\n          cycleStartYear\n          cycleEndYear\n          required\n          earned\n          pending\n          remaining\n          onTrack\n          complete\n          byYear { year earned required met }\n        }\n        certificates { number kind status issuedOn }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!, $after: String) {\n    me { school { name } }\n    reviewQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        round\n        needsSpecialAttention\n        selectedOn\n        teacher { name subject }\n        trainingClass { name startsOn project { title totalCredits } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!, $after: String) {\n    me { school { name } }\n    reviewQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        round\n        needsSpecialAttention\n        selectedOn\n        teacher { name subject }\n        trainingClass { name startsOn project { title totalCredits } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewEnrollment($id: ID!, $approve: Boolean!, $reason: String) {\n    reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status }\n  }\n"): (typeof documents)["\n  mutation ReviewEnrollment($id: ID!, $approve: Boolean!, $reason: String) {\n    reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;