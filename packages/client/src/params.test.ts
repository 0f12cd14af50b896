import { describe, expect, it } from 'vitest';
import { drillTrail, followDrillPath } from './drill.js';
import { ParamStore, paramNamesInText } from './params.js';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ParamStore', () => {
  it('tells listeners once per task about every name that changed', async () => {
    const store = new ParamStore();
    const heard: string[][] = [];
    store.subscribe((changed) => heard.push([...changed].sort()));
    store.set('year', 2025);
    store.set('college', '工学院');
    store.set('year', 2024);
    await nextTask();
    expect(heard).toEqual([['college', 'year']]);
    expect(store.values).toEqual({ year: 2024, college: '工学院' });
  });

  it('ignores setting the value a parameter already has, arrays and ranges included', async () => {
    const store = new ParamStore();
    store.set('colleges', ['工学院', '医学院']);
    store.set('term', { start: '2025-09-01', end: '2026-01-18' });
    await nextTask();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set('colleges', ['工学院', '医学院']);
    store.set('term', { start: '2025-09-01', end: '2026-01-18' });
    store.set('missing', undefined);
    await nextTask();
    expect(calls).toBe(0);
  });

  it('unsets with undefined or null, dropping the label too', async () => {
    const store = new ParamStore();
    store.set('province', '330000', '浙江省');
    expect(store.label('province')).toBe('浙江省');
    store.set('province', null);
    expect(store.get('province')).toBeUndefined();
    expect(store.label('province')).toBeUndefined();
  });

  it('rejects a name a query could not refer to, saying what is allowed', () => {
    expect(() => new ParamStore().set('2nd year', 1)).toThrow(/Invalid parameter name '2nd year'/);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const store = new ParamStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    stop();
    store.set('year', 2025);
    await nextTask();
    expect(calls).toBe(0);
    expect(store.listenerCount).toBe(0);
  });
});

describe('paramNamesInText', () => {
  it('finds :name and :name? references but not times inside strings', () => {
    expect(
      paramNamesInText(
        "from admissions | measure new_students | where admit_year = :year? and college in :colleges | where ts > '08:00:00'",
      ),
    ).toEqual(['year', 'colleges']);
  });
});

describe('drill paths', () => {
  const levels = ['province', 'city', 'campus', 'building'];

  it('clear the deeper levels when a level changes', async () => {
    const store = new ParamStore();
    followDrillPath(store, levels);
    store.update({ province: '330000', city: '330100', campus: 'zijingang' });
    await nextTask();
    expect(drillTrail(store, levels)).toEqual(['province', 'city', 'campus']);
    store.set('province', '320000');
    await nextTask();
    await nextTask();
    expect(store.values).toEqual({ province: '320000' });
    expect(drillTrail(store, levels)).toEqual(['province']);
  });

  it('stop at the first level without a value', () => {
    const store = new ParamStore();
    store.update({ province: '330000', campus: 'zijingang' });
    expect(drillTrail(store, levels)).toEqual(['province']);
  });
});
