import {
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  defaultFieldResolver,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { regionPrefix } from '../standards/region-code';
import { DomainError, ErrorCode } from './errors';
import type { Identity, Role } from './identity';

/**
 * Row scope and personal-data rules, enforced for a whole subgraph in one place:
 * each subgraph declares, per entity type, where a row sits (its owner) and which
 * fields are personal; `enforceAccess` wraps every resolver that returns such rows,
 * every reference resolution and every personal field. Resolvers need no checks.
 */

/** Where a row sits in the organisation tree. */
export interface RowOwner {
  teacherId?: string | null;
  schoolId?: string | null;
  /** GB/T 2260 code of the county (or finer) the row belongs to. */
  regionCode?: string | null;
  institutionId?: string | null;
}

const BUREAUS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];

/**
 * The offices that manage a row (see personal data whole): the teacher, their school, bureaus above.
 * A service manages every row, but reads only the fields granted to it ({@link ServiceGrants}).
 */
export function manages(identity: Identity, owner: RowOwner): boolean {
  if (identity.role === 'SYSTEM' || identity.role === 'SERVICE') return true;
  if (identity.role === 'TEACHER') return !!owner.teacherId && owner.teacherId === identity.teacherId;
  if (identity.role === 'SCHOOL_ADMIN') return !!owner.schoolId && owner.schoolId === identity.schoolId;
  if (BUREAUS.includes(identity.role)) {
    return !!owner.regionCode && owner.regionCode.startsWith(regionPrefix(identity.regionCode!));
  }
  return false;
}

/** Row scope: who may see a row at all. Institutions see their own projects' rows; analysts see no rows. */
export function canSee(identity: Identity, owner: RowOwner): boolean {
  if (identity.role === 'INSTITUTION') return !!owner.institutionId && owner.institutionId === identity.institutionId;
  return manages(identity, owner);
}

/** The mask of a personal field that is not shown at all to those who do not manage the row: null. */
export const withheld = (): null => null;

export function forbidden(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.Forbidden, message, details);
}

/** The rule a write outside the caller's scope breaks (`extensions.rule` of its FORBIDDEN). */
export const OUT_OF_SCOPE = 'OUT_OF_SCOPE';

/** FORBIDDEN for a write to a row outside the caller's scope. */
export function outOfScope(message: string): DomainError {
  return forbidden(message, { rule: OUT_OF_SCOPE });
}

/** Throws FORBIDDEN unless the caller manages the row (for writes). */
export function assertManages(identity: Identity, owner: RowOwner, action: string): void {
  if (!manages(identity, owner)) {
    throw outOfScope(`A ${identity.role} caller may not ${action} outside their own scope.`);
  }
}

/** Throws FORBIDDEN unless the caller's role is one of `roles`. */
export function assertRole(identity: Identity, roles: readonly Role[], action: string): void {
  if (!roles.includes(identity.role)) {
    throw forbidden(`Only ${roles.join(', ')} may ${action}; the caller is ${identity.role}.`);
  }
}

/** Columns a list query filters on to apply row scope in SQL. */
export interface ScopeColumns {
  teacher?: string;
  school?: string;
  region?: string;
  institution?: string;
}

/**
 * Row scope as a SQL condition for list queries, so pages and counts hold only
 * visible rows. Returns null when every row is visible.
 */
export function scopeCondition(identity: Identity, columns: ScopeColumns): { sql: string; params: Record<string, string> } | null {
  const none = { sql: '1 = 0', params: {} };
  switch (identity.role) {
    case 'SYSTEM':
    case 'SERVICE':
      return null;
    case 'TEACHER':
      return columns.teacher ? { sql: `${columns.teacher} = :scopeTeacher`, params: { scopeTeacher: identity.teacherId! } } : none;
    case 'SCHOOL_ADMIN':
      return columns.school ? { sql: `${columns.school} = :scopeSchool`, params: { scopeSchool: identity.schoolId! } } : none;
    case 'INSTITUTION':
      return columns.institution
        ? { sql: `${columns.institution} = :scopeInstitution`, params: { scopeInstitution: identity.institutionId! } }
        : none;
    case 'COUNTY_BUREAU':
    case 'CITY_BUREAU':
    case 'PROVINCE_BUREAU':
      return columns.region
        ? { sql: `${columns.region} LIKE :scopeRegion`, params: { scopeRegion: `${regionPrefix(identity.regionCode!)}%` } }
        : none;
    default:
      return none;
  }
}

export interface EntityAccess<Row = any> {
  /** Where the row sits, for row scope and for who manages it; absent for types with no row scope. */
  owner?: (row: Row) => RowOwner;
  /**
   * Roles that may see a row reached by reference from another subgraph, which has
   * already admitted the referring row (an institution sees its enrollees' names).
   */
  referenceRoles?: readonly Role[];
  /**
   * Personal fields and how to mask them for callers who see the row but do not manage it:
   * a mask, or {@link withheld} for a field that would help rebuild a masked one (a birth date
   * beside a masked 身份证号), which must then be nullable in the contract.
   */
  personal?: Record<string, (value: any) => unknown>;
  /** Rows visible beyond row scope, e.g. a published project to anyone. */
  alsoVisible?: (row: Row, identity: Identity) => boolean;
  /**
   * Fields only some roles may read, on types (often another subgraph's entity stubs)
   * whose rows this subgraph cannot place: e.g. a teacher's credit account.
   */
  fieldRoles?: Record<string, readonly Role[]>;
}

/** Per entity type name. */
export type AccessRules = Record<string, EntityAccess>;

/**
 * What each service (a SERVICE identity's `service`: another slice) may read of this subgraph, as
 * `Type.field` coordinates: root fields (`Query.teachers`) and every field below them
 * (`Teacher.placements`, `Placement.regionCode`). Fields named `id` need no grant: they are the
 * keys a caller already holds and the gateway joins subgraphs by. Nothing else is readable, and no
 * mutation can be granted here: a write rule admits a service by name (kit/write-policy `services`).
 * A personal field is granted only to the service whose check needs it (the 身份证号 to credits).
 */
export type ServiceGrants = Record<string, readonly string[]>;

/** The rule a service reading what its grant does not name breaks (`extensions.rule` of its FORBIDDEN). */
export const SERVICE_GRANT = 'SERVICE_GRANT';

/** Federation's own root fields: `_entities` is checked by what it selects, `_service` is the SDL. */
const FEDERATION_ROOTS = new Set(['_entities', '_service']);

/** Every `Type.field` a selection reads below `parent`, fragments followed; ids and `__typename` left out. */
function fieldsRead(
  schema: GraphQLSchema,
  parent: string,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  into = new Set<string>(),
): Set<string> {
  const parentType = schema.getType(parent);
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      if (name !== 'id') into.add(`${parent}.${name}`);
      const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
      if (field && selection.selectionSet) fieldsRead(schema, getNamedType(field.type).name, selection.selectionSet, fragments, into);
    } else if (selection.kind === 'InlineFragment') {
      fieldsRead(schema, selection.typeCondition?.name.value ?? parent, selection.selectionSet, fragments, into);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) fieldsRead(schema, fragment.typeCondition.name.value, fragment.selectionSet, fragments, into);
    }
  }
  return into;
}

/** Throws at start unless every grant names a field of the schema that is not a mutation. */
function checkGrants(schema: GraphQLSchema, services: ServiceGrants): Map<string, Set<string>> {
  const problems: string[] = [];
  const mutation = schema.getMutationType()?.name;
  for (const [service, coordinates] of Object.entries(services)) {
    for (const coordinate of coordinates) {
      const [typeName, fieldName] = coordinate.split('.');
      const type = schema.getType(typeName);
      if (typeName === mutation) problems.push(`${service}: ${coordinate} is a mutation; a service writes nothing.`);
      else if (!(isObjectType(type) || isInterfaceType(type)) || !type.getFields()[fieldName]) problems.push(`${service}: ${coordinate} names no field of the contract.`);
    }
  }
  if (problems.length) throw new Error(`Service grants (access.ts services):\n${problems.join('\n')}`);
  return new Map(Object.entries(services).map(([service, coordinates]) => [service, new Set(coordinates)]));
}

/**
 * Wraps every query root field so that a SERVICE caller reading anything its service is not
 * granted gets FORBIDDEN before the field resolves. Other callers pass with one role comparison.
 */
function enforceServiceGrants(schema: GraphQLSchema, services: ServiceGrants): void {
  const grants = checkGrants(schema, services);
  const query = schema.getQueryType();
  if (!query) return;
  for (const field of Object.values(query.getFields()) as GraphQLField<unknown, WithIdentity>[]) {
    if (field.name === '_service') continue;
    const resolve: GraphQLFieldResolver<unknown, WithIdentity> = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, context, info) => {
      if (context.identity.role === 'SERVICE') {
        const service = context.identity.service!;
        const granted = grants.get(service);
        const read = new Set(FEDERATION_ROOTS.has(field.name) ? [] : [`${query.name}.${field.name}`]);
        for (const node of info.fieldNodes) if (node.selectionSet) fieldsRead(info.schema, getNamedType(field.type).name, node.selectionSet, info.fragments, read);
        const refused = [...read].filter((coordinate) => !granted?.has(coordinate));
        if (refused.length) {
          throw forbidden(`The ${service} service may not read ${refused.join(', ')}: the subgraph grants it ${granted ? [...granted].join(', ') : 'nothing'} (access.ts services).`, {
            rule: SERVICE_GRANT,
          });
        }
      }
      return resolve(parent, args, context, info);
    };
  }
}

interface WithIdentity {
  identity: Identity;
}

function namedObjectType(type: GraphQLOutputType): { name: string; list: boolean } {
  let list = false;
  let t: GraphQLOutputType = type;
  for (;;) {
    if (t instanceof GraphQLNonNull) t = t.ofType;
    else if (t instanceof GraphQLList) {
      list = true;
      t = t.ofType;
    } else break;
  }
  return { name: 'name' in t ? t.name : '', list };
}

function visibleOrNull(rule: EntityAccess, identity: Identity, row: unknown, byReference: boolean): unknown {
  if (row === null || row === undefined) return row;
  if (canSee(identity, rule.owner!(row)) || rule.alsoVisible?.(row, identity)) return row;
  if (byReference && rule.referenceRoles?.includes(identity.role)) return row;
  return null;
}

function wrapRowField(field: GraphQLField<unknown, WithIdentity>, rule: EntityAccess, list: boolean): void {
  const resolve: GraphQLFieldResolver<unknown, WithIdentity> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (parent, args, context, info) => {
    const result = await resolve(parent, args, context, info);
    if (!list) {
      const visible = visibleOrNull(rule, context.identity, result, false);
      // A non-null field cannot answer null: out of scope there is an error, not a silent gap.
      if (visible === null && result !== null && result !== undefined && field.type instanceof GraphQLNonNull) {
        throw forbidden(`${info.parentType.name}.${info.fieldName} is outside the caller's scope.`);
      }
      return visible;
    }
    if (!Array.isArray(result)) return result;
    return result.filter((row) => visibleOrNull(rule, context.identity, row, false) !== null);
  };
}

function wrapRoleField(field: GraphQLField<unknown, WithIdentity>, roles: readonly Role[]): void {
  const resolve: GraphQLFieldResolver<unknown, WithIdentity> = field.resolve ?? defaultFieldResolver;
  field.resolve = (parent, args, context, info) => {
    // A service reaches a field only when its grant names it (checked at the root): the grant is its role check.
    if (context.identity.role !== 'SERVICE') assertRole(context.identity, roles, `read ${info.parentType.name}.${info.fieldName}`);
    return resolve(parent, args, context, info);
  };
}

function wrapPersonalField(field: GraphQLField<unknown, WithIdentity>, rule: EntityAccess, mask: (value: any) => unknown): void {
  const resolve: GraphQLFieldResolver<unknown, WithIdentity> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (parent, args, context, info) => {
    const value = await resolve(parent, args, context, info);
    if (value === null || value === undefined) return value;
    return manages(context.identity, rule.owner!(parent)) ? value : mask(value);
  };
}

interface ReferenceExtensions {
  apollo?: { subgraph?: { resolveReference?: (reference: object, context: WithIdentity, info: unknown) => unknown } };
}

/**
 * Wraps a built subgraph schema so that every path to a row or personal field obeys `rules`, and a
 * service reads only what `services` grants it (none given: a service reads nothing here).
 */
export function enforceAccess(schema: GraphQLSchema, rules: AccessRules, services: ServiceGrants = {}): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, WithIdentity>[]) {
      const { name, list } = namedObjectType(field.type);
      const returned = rules[name];
      if (returned?.owner) wrapRowField(field, returned, list);
      const own = rules[type.name];
      const mask = own?.personal?.[field.name];
      if (mask === withheld && field.type instanceof GraphQLNonNull) {
        throw new Error(`${type.name}.${field.name} is withheld from callers who do not manage the row (access.ts), so the contract must let it be null.`);
      }
      if (mask) wrapPersonalField(field, own, mask);
      const roles = own?.fieldRoles?.[field.name];
      if (roles) wrapRoleField(field, roles);
    }
    const rule = rules[type.name];
    const extensions = type.extensions as ReferenceExtensions;
    const resolveReference = extensions.apollo?.subgraph?.resolveReference;
    if (rule?.owner && resolveReference) {
      extensions.apollo!.subgraph!.resolveReference = async (reference, context, info) =>
        visibleOrNull(rule, context.identity, await resolveReference(reference, context, info), true);
    }
  }
  // Last, so it runs first: a service's read is refused before any row is loaded.
  enforceServiceGrants(schema, services);
  return schema;
}
