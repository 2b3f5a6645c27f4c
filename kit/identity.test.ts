import { generateGatewayKeys, identityVerifier, signIdentity, type Identity } from './identity';

describe("a subgraph's identity verifier", () => {
  const start = new Date('2026-12-02T08:00:00Z');
  const teacher: Identity = { role: 'TEACHER', subject: 'teacher-1', teacherId: 't-1', schoolId: 's-1', regionCode: '510104' };

  beforeEach(() => {
    // Only the clock is fake: jose reads it for `exp`; promises and timers run as usual.
    jest.useFakeTimers({
      now: start,
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified again, from memory, until the token expires', async () => {
    const { signingKey, publicKey } = await generateGatewayKeys();
    const verify = identityVerifier(publicKey);
    const token = await signIdentity(teacher, signingKey);
    const first = await verify(token);
    expect(first).toMatchObject({ role: 'TEACHER', teacherId: 't-1' });
    expect(await verify(token)).toBe(first);
    // 60 s of lifetime and 30 s of allowed clock skew later, the token is checked again and refused.
    jest.setSystemTime(start.getTime() + 91_000);
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a forged token every time, remembering nothing of it', async () => {
    const genuine = await generateGatewayKeys();
    const other = await generateGatewayKeys();
    const verify = identityVerifier(genuine.publicKey);
    const forged = await signIdentity({ role: 'SYSTEM', subject: 'intruder' }, other.signingKey);
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(undefined)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
