import { CircuitBreaker } from './circuit-breaker';

describe('circuit breaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failures: 3, cooldownMs: 1000 }, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('opens after the configured failures in a row, not before, and a success starts the count again', () => {
    const b = breaker();
    b.failed();
    b.failed();
    b.succeeded();
    b.failed();
    b.failed();
    expect([b.state, b.tryCall()]).toEqual(['closed', true]);
    b.failed();
    expect([b.state, b.tryCall(), b.retryInMs()]).toEqual(['open', false, 1000]);
  });

  it('lets one probe through after the cool-down, and closes when it succeeds', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) b.failed();
    now = 999;
    expect(b.tryCall()).toBe(false);
    now = 1000;
    expect([b.state, b.tryCall(), b.tryCall()]).toEqual(['half-open', true, false]);
    b.succeeded();
    expect([b.state, b.tryCall()]).toEqual(['closed', true]);
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) b.failed();
    now = 1500;
    expect(b.tryCall()).toBe(true);
    b.failed();
    expect([b.state, b.tryCall(), b.retryInMs()]).toEqual(['open', false, 1000]);
    now = 2500;
    expect(b.tryCall()).toBe(true);
  });
});
