import { createHash } from 'node:crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction, inTransactionRetryingDeadlocks, type TransactionOptions } from './data-source';
import { DomainError } from './errors';
import type { Identity } from './identity';

/**
 * Idempotent creates. A mutation that creates a record takes an optional client-supplied
 * `idempotencyKey`; the key is stored with the hash of the call's payload and the id of the record
 * it created, in the same transaction, under a unique index. N concurrent identical calls with one
 * key store one record: the first insert of the key wins, the others' transactions fail on the
 * index, roll back their record and answer the winner's. A key reused with another payload is
 * refused (`IDEMPOTENCY_KEY_REUSED`). Keys are per caller and per mutation, so one client's key
 * never answers another's call. A slice lists an {@link idempotencyKeyEntity} of its own table
 * among its entities and creates the table in a migration.
 */
export interface IdempotencyKeyRow {
  /** `<mutation>:<caller subject>:<client key>`, hashed to a fixed length. */
  id: string;
  payloadHash: string;
  resultId: string;
  createdAt: Date;
}

/** The entity of a slice's own key table (slices may share a database, so each names its table). */
export function idempotencyKeyEntity(table: string): new () => IdempotencyKeyRow {
  @Entity({ name: table })
  class IdempotencyKey implements IdempotencyKeyRow {
    @PrimaryColumn({ type: 'varchar', length: 64 })
    id: string;

    @Column({ name: 'payload_hash', type: 'varchar', length: 64 })
    payloadHash: string;

    @Column({ name: 'result_id', type: 'varchar', length: 36 })
    resultId: string;

    @CreateDateColumn({ name: 'created_at' })
    createdAt: Date;
  }
  return IdempotencyKey;
}

export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted, so the same payload always hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface IdempotentCall {
  /** The slice's key table (its {@link idempotencyKeyEntity}). */
  keys: new () => IdempotencyKeyRow;
  mutation: string;
  identity: Identity;
  /** The client's key; null or absent: not idempotent, `create` just runs. */
  key: string | null | undefined;
  /** The call's arguments, whose hash the key is bound to. */
  payload: unknown;
}

export interface OnceOptions extends TransactionOptions {
  /** Run the transaction again when InnoDB picks it as a deadlock victim (kit/data-source `inTransactionRetryingDeadlocks`). */
  retryDeadlocks?: boolean;
  /**
   * Checks that ask another slice (the registry), run before the transaction and only when no
   * earlier call with the key stored a record: the facts may have changed since, and a retry must
   * get the answer the first call got.
   */
  checks?: () => Promise<void>;
}

/**
 * Runs `create` (which writes in the given transaction and returns the new row's id) at most once
 * per key, then `load`s the row; a repeated or concurrent identical call loads the first call's row.
 * A call with a key that fails for any reason (the unique index on the key, or a rule that now sees
 * the first call's record, e.g. "already selected") answers the first call's row when there is one.
 */
export async function once<T>(
  dataSource: DataSource,
  call: IdempotentCall,
  create: (manager: EntityManager) => Promise<string>,
  load: (id: string) => Promise<T>,
  options: OnceOptions = {},
): Promise<T> {
  const { retryDeadlocks, checks, ...transaction } = options;
  const run = <R>(work: (manager: EntityManager) => Promise<R>) =>
    retryDeadlocks ? inTransactionRetryingDeadlocks(dataSource, work, 4, transaction) : inTransaction(dataSource, work, transaction);
  if (!call.key) {
    await checks?.();
    return load(await run(create));
  }
  const id = sha256(`${call.mutation}:${call.identity.subject ?? call.identity.role}:${call.key}`);
  const payloadHash = sha256(canonical(call.payload));
  const earlier = async (): Promise<T | null> => {
    const stored = await dataSource.getRepository(call.keys).findOneBy({ id });
    if (!stored) return null;
    if (stored.payloadHash !== payloadHash) {
      throw new DomainError(
        IDEMPOTENCY_KEY_REUSED,
        `The idempotency key was used for another ${call.mutation} call with different arguments; nothing was stored. Use a new key for a new record.`,
        { field: 'idempotencyKey', rule: IDEMPOTENCY_KEY_REUSED },
      );
    }
    return load(stored.resultId);
  };
  const found = await earlier();
  if (found) return found;
  await checks?.();
  try {
    const resultId = await run(async (manager) => {
      // The key first: a concurrent call with the same key waits here on the index, then fails.
      await manager.getRepository(call.keys).insert({ id, payloadHash, resultId: '' });
      const created = await create(manager);
      await manager.getRepository(call.keys).update({ id }, { resultId: created });
      return created;
    });
    return load(resultId);
  } catch (error) {
    const winner = await earlier();
    if (!winner) throw error;
    return winner;
  }
}
