import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLFormattedError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Identity } from '../kit/identity';
import type { BreakerSettings } from './circuit-breaker';
import { gatewayConfig } from './config';

/**
 * What one operation may ask of the graph. Checked at the gateway before any subgraph is
 * called; each breach is a request error with its own `extensions.code`.
 */
export interface Limits {
  /** `MAX_QUERY_DEPTH`: deepest field nesting (fragments followed). */
  maxDepth: number;
  /** `MAX_QUERY_COST`: estimated fields resolved, see {@link measureOperation}. */
  maxCost: number;
  /** `MAX_QUERY_TOKENS`: tokens of the document, counted while parsing, before anything else runs. */
  maxTokens: number;
  /** `MAX_ALIASES`: aliased fields, which otherwise let one request repeat a costly field freely. */
  maxAliases: number;
  /** `DEFAULT_LIST_SIZE`: items assumed for a list whose size no `first` argument bounds. */
  defaultListSize: number;
  /** `SUBGRAPH_TIMEOUT_MS`: longest wait for one subgraph call. */
  subgraphTimeoutMs: number;
  /** `SUBGRAPH_BREAKER_FAILURES` and `SUBGRAPH_BREAKER_COOLDOWN_MS`: when a subgraph's calls fail at once (circuit-breaker.ts). */
  breaker: BreakerSettings;
  /** `ANONYMOUS_INTROSPECTION`: whether callers without a token may introspect the schema. */
  anonymousIntrospection: boolean;
}

/**
 * The defaults (gateway/config.ts) leave room for every query the README shows (its teacher record: depth 5,
 * cost 139; a 100-teacher page with each one's school and enrollments: cost 3,706) and
 * for the largest page the N+1 test asks, 100 teachers with their whole record (depth 8,
 * cost 14,602). Nesting lists three deep under a 100-teacher page (about 100,000) is refused.
 * Anonymous introspection is on unless `NODE_ENV=production`, so a local explorer works
 * without a token; production sets `ANONYMOUS_INTROSPECTION=1` only for a public schema.
 */
export function limitsFromEnv(): Limits {
  return {
    maxDepth: gatewayConfig.MAX_QUERY_DEPTH,
    maxCost: gatewayConfig.MAX_QUERY_COST,
    maxTokens: gatewayConfig.MAX_QUERY_TOKENS,
    maxAliases: gatewayConfig.MAX_ALIASES,
    defaultListSize: gatewayConfig.DEFAULT_LIST_SIZE,
    subgraphTimeoutMs: gatewayConfig.SUBGRAPH_TIMEOUT_MS,
    breaker: { failures: gatewayConfig.SUBGRAPH_BREAKER_FAILURES, cooldownMs: gatewayConfig.SUBGRAPH_BREAKER_COOLDOWN_MS },
    anonymousIntrospection: gatewayConfig.ANONYMOUS_INTROSPECTION,
  };
}

export interface OperationMeasure {
  depth: number;
  cost: number;
  aliases: number;
  /** Whether it reads `__schema` or `__type`. */
  introspection: boolean;
}

const NOTHING: OperationMeasure = { depth: 0, cost: 0, aliases: 0, introspection: false };

/**
 * Depth, cost and aliases of one operation, fragments followed.
 *
 * Cost model: every field costs 1 for each time it is expected to resolve. A list field
 * multiplies what is below it by its `first` argument (given or schema default), else by
 * the `first` of the connection it sits in (`teachers(first: 50) { nodes { … } }`), else
 * by `defaultListSize`. So `teachers(first: 50) { nodes { name enrollments { status } } }`
 * costs 1 + 1 + 50 × (1 + 1 + 10 × 1) = 602. `__typename` costs 1 like any field (it adds
 * no depth): a document that spreads a fragment twice per level for 24 levels asks for
 * 2^24 of them, and is refused for its cost like any other.
 *
 * `__schema` and `__type` count for neither depth nor cost: the gateway answers them from
 * memory, and graphql-js's MaxIntrospectionDepthRule (always on in Apollo Server) already
 * bounds their nesting. GraphiQL's introspection query is 15 deep through its `ofType`
 * chains, so counting it would force a depth limit too loose for data.
 *
 * Time is linear in the document: a selection set's measure is relative (depth below it,
 * cost at a factor of 1), so each fragment is measured once per connection size it is spread
 * under and its measure reused wherever it is spread; the enclosing list sizes only scale it.
 *
 * Why not a library: graphql-query-complexity walks a fragment anew at every spread (exponential
 * in the doubling attack), and GraphQL Armor's cost limit prices fields by depth and kind, not by
 * the page sizes (`first`) that decide what a query here costs. graphql-js's own `maxTokens`
 * (Apollo's `parseOptions`) bounds parsing and validation before this runs.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  { defaultListSize }: { defaultListSize: number },
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationMeasure>();

  const firstArgument = (parent: GraphQLCompositeType, node: FieldNode): number | undefined => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
    const argument = parent.getFields()[node.name.value]?.args.find((a) => a.name === 'first');
    if (!argument) return undefined;
    const given = node.arguments?.find((a) => a.name.value === 'first');
    const value = given ? valueFromAST(given.value, argument.type, variables) : argument.defaultValue;
    return typeof value === 'number' && value > 0 ? value : undefined;
  };

  const fragment = (name: string, connectionSize: number | undefined): OperationMeasure => {
    const key = `${name}:${connectionSize ?? ''}`;
    const known = measured.get(key);
    if (known) return known;
    // Validation has refused cycles already; this only keeps a bad document from recursing.
    measured.set(key, NOTHING);
    const definition = fragments.get(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    const measure = definition && isCompositeType(type) ? selectionSet(definition.selectionSet, type, connectionSize) : NOTHING;
    measured.set(key, measure);
    return measure;
  };

  /** The measure of a selection set relative to where it sits: depth below it, cost at factor 1. */
  function selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, connectionSize?: number): OperationMeasure {
    const measure = { ...NOTHING };
    const add = (inner: OperationMeasure, factor: number, deeper: number) => {
      measure.depth = Math.max(measure.depth, inner.depth + deeper);
      measure.cost += factor * inner.cost;
      measure.aliases += inner.aliases;
      measure.introspection ||= inner.introspection;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragment(selection.name.value, connectionSize), 1, 0);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) add(selectionSet(selection.selectionSet, type, connectionSize), 1, 0);
        continue;
      }
      const name = selection.name.value;
      if (selection.alias) measure.aliases += 1;
      if (name === '__schema' || name === '__type') {
        measure.introspection = true;
        continue;
      }
      measure.cost += 1;
      if (name === '__typename') continue;
      measure.depth = Math.max(measure.depth, 1);
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!selection.selectionSet || !field) continue;
      const child = getNamedType(field.type);
      if (!isCompositeType(child)) continue;
      const first = firstArgument(parent, selection);
      if (isListType(getNullableType(field.type))) {
        add(selectionSet(selection.selectionSet, child), first ?? connectionSize ?? defaultListSize, 1);
      } else {
        // A connection: its `first` sizes the list below it (nodes or edges).
        add(selectionSet(selection.selectionSet, child, first), 1, 1);
      }
    }
    return measure;
  }

  const root = schema.getRootType(operation.operation);
  return root ? selectionSet(operation.selectionSet, root) : { ...NOTHING };
}

function limitError(message: string, code: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/** graphql-js's message when `parse` stops at `maxTokens` (graphql/language/parser; 16.x writes "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens\. Parsing aborted\.$/;

/**
 * Apollo Server's `parseOptions` and `formatError` for the token limit: graphql-js stops parsing
 * at `maxTokens`, which Apollo reports as a syntax error; the client gets its own code and what to do.
 */
export function tokenLimit(limits: Pick<Limits, 'maxTokens'>) {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError =>
      formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)
        ? {
            message: `The operation has more than ${limits.maxTokens} tokens (MAX_QUERY_TOKENS): send a smaller document, e.g. without unused fragments.`,
            extensions: { code: 'QUERY_TOO_LARGE' },
          }
        : formatted,
  };
}

/**
 * Rejects operations over the limits, and introspection by anonymous callers when
 * `anonymousIntrospection` is off. Runs once the operation is parsed, validated and
 * chosen, and before the gateway plans or calls anything.
 */
export function limitsPlugin<TContext extends BaseContext & { identity: Identity }>(limits: Limits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const measure = measureOperation(schema, document, operation, request.variables ?? {}, { defaultListSize: limits.defaultListSize });
          if (measure.introspection && !limits.anonymousIntrospection && contextValue.identity.role === 'ANONYMOUS') {
            throw limitError('Introspection needs a signed-in caller: send a bearer token (anonymous introspection is off, see ANONYMOUS_INTROSPECTION).', 'INTROSPECTION_DISABLED', 401);
          }
          if (measure.depth > limits.maxDepth) {
            throw limitError(`The operation is ${measure.depth} fields deep; at most ${limits.maxDepth} are allowed (MAX_QUERY_DEPTH).`, 'QUERY_TOO_DEEP');
          }
          if (measure.aliases > limits.maxAliases) {
            throw limitError(`The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed (MAX_ALIASES).`, 'TOO_MANY_ALIASES');
          }
          if (measure.cost > limits.maxCost) {
            throw limitError(
              `The operation's estimated cost exceeds ${limits.maxCost} (MAX_QUERY_COST): ask for fewer items per list (smaller \`first\`) or fewer nested fields.`,
              'QUERY_TOO_COSTLY',
            );
          }
        },
      };
    },
  };
}
