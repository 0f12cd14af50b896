import { afterEach, describe, expect, it } from 'vitest';
import { ParamStore } from './params.js';
import { syncParamsWithUrl } from './url-sync.js';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const query = () => new URLSearchParams(location.search);

afterEach(() => {
  history.replaceState(null, '', location.pathname);
});

describe('syncParamsWithUrl', () => {
  it('applies the URL parameters, typed, and writes changes back beside unrelated query keys', async () => {
    history.replaceState(
      null,
      '',
      '?p.year=2024&p.college=%E5%B7%A5%E5%AD%A6%E9%99%A2&p.code=%22330000%22&tab=2',
    );
    const store = new ParamStore();
    const stop = syncParamsWithUrl(store);
    expect(store.values).toEqual({ year: 2024, college: '工学院', code: '330000' });
    store.set('term', { start: '2025-09-01', end: '2026-01-18' });
    store.set('year', undefined);
    await nextTask();
    expect(query().get('p.term')).toBe('{"start":"2025-09-01","end":"2026-01-18"}');
    expect(query().has('p.year')).toBe(false);
    expect(query().get('p.code')).toBe('"330000"');
    expect(query().get('tab')).toBe('2');
    stop();
  });

  it('keeps values set before it started (filter defaults) that the URL does not mention', async () => {
    history.replaceState(null, '', '?p.year=2024');
    const store = new ParamStore();
    store.set('college', '医学院');
    syncParamsWithUrl(store)();
    expect(store.values).toEqual({ college: '医学院', year: 2024 });
  });

  it('follows back and forward, clearing what the URL no longer has', async () => {
    history.replaceState(null, '', '?p.year=2024');
    const store = new ParamStore();
    const stop = syncParamsWithUrl(store);
    history.replaceState(null, '', '?p.college=%E5%8C%BB%E5%AD%A6%E9%99%A2');
    dispatchEvent(new PopStateEvent('popstate'));
    expect(store.values).toEqual({ college: '医学院' });
    stop();
    history.replaceState(null, '', '?p.year=1999');
    dispatchEvent(new PopStateEvent('popstate'));
    expect(store.values).toEqual({ college: '医学院' });
  });
});
