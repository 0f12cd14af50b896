import { describe, expect, it } from 'vitest';
import { TokenKeeper } from './token.js';

describe('TokenKeeper', () => {
  it('asks the provider once at start, however many requests want the token', async () => {
    let calls = 0;
    const keeper = new TokenKeeper(async () => `t${++calls}`);
    expect(await Promise.all([keeper.get(), keeper.get(), keeper.get()])).toEqual(['t1', 't1', 't1']);
    expect(calls).toBe(1);
  });

  it('refreshes once per expiry for all the requests refused together', async () => {
    const reasons: string[] = [];
    const keeper = new TokenKeeper(async ({ reason }) => {
      reasons.push(reason);
      return `t${reasons.length}`;
    });
    const first = await keeper.get();
    const next = await Promise.all(Array.from({ length: 20 }, () => keeper.expired(first)));
    expect(new Set(next)).toEqual(new Set(['t2']));
    // A late 401 for the old token does not refresh again.
    expect(await keeper.expired(first)).toBe('t2');
    expect(reasons).toEqual(['initial', 'expired']);
  });

  it('turns a failing provider into a retryable error and asks again on the next request', async () => {
    let calls = 0;
    const keeper = new TokenKeeper(async () => {
      if (++calls === 1) throw new Error('identity server unreachable');
      return 'fresh';
    });
    await expect(keeper.get()).rejects.toMatchObject({
      kind: 'network',
      retryable: true,
      message: 'The token provider failed: identity server unreachable',
    });
    expect(await keeper.get()).toBe('fresh');
  });

  it('keeps a fixed token and has nothing to refresh', async () => {
    const keeper = new TokenKeeper('static');
    expect(keeper.refreshable).toBe(false);
    expect(await keeper.expired('static')).toBe('static');
  });
});
