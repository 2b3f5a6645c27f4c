/**
 * A circuit breaker for one subgraph. Closed, calls go through; after `failures` calls in a row
 * that time out or cannot connect, it opens: calls fail at once for `cooldownMs`, instead of each
 * waiting the whole SUBGRAPH_TIMEOUT_MS for a subgraph that is hung. Then it lets one call through
 * as a probe (half-open): if it succeeds the breaker closes, if not it opens for another cool-down.
 * A subgraph that answers, even with errors, is up: only timeouts and failed connections count.
 */
export interface BreakerSettings {
  /** `SUBGRAPH_BREAKER_FAILURES`: failed calls in a row that open the breaker. */
  failures: number;
  /** `SUBGRAPH_BREAKER_COOLDOWN_MS`: how long it stays open before a probe. */
  cooldownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failuresInARow = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.settings.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open state only one does, the probe. */
  tryCall(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** The subgraph answered. */
  succeeded(): void {
    this.failuresInARow = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  /** The call timed out or could not connect. */
  failed(): void {
    this.failuresInARow += 1;
    if (this.probing || this.failuresInARow >= this.settings.failures) this.openedAt = this.now();
    this.probing = false;
  }

  /** Milliseconds until the next probe, for the error message. */
  retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.settings.cooldownMs - (this.now() - this.openedAt));
  }
}
