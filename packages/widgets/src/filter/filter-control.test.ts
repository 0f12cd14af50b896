import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Source } from '@campus-cockpit/client';
import type { QueryIR } from '@campus-cockpit/query';
import { proxyScope, type ProxyScope } from '../../../client/test/proxy-client.js';
import '../source/cc-source.js';
import type { SourceElement } from '../source/source-element.js';
import type { ChangeEvent } from '../events/cc-change.js';
import './cc-filter.js';
import type { FilterControl } from './filter-control.js';

const patience = { timeout: 10_000 };
let scope: ProxyScope;

async function mount(filter: string) {
  scope = proxyScope(inject('faultProxyUrl'));
  document.body.innerHTML = `<cc-source endpoint="${scope.endpoint}">${filter}</cc-source>`;
  const source = (document.querySelector('cc-source') as SourceElement).current as Source;
  const element = document.querySelector('cc-filter') as FilterControl;
  return { source, element, root: element.shadowRoot! };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<cc-filter>', () => {
  it('offers the catalog values of a dimension under its title, with 全部 first', async () => {
    const { root } = await mount('<cc-filter name="college" dimension="students.college"></cc-filter>');
    await expect.poll(() => root.querySelectorAll('option').length, patience).toBe(7);
    const labels = [...root.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(labels.slice(0, 3)).toEqual(['全部', '工学院', '医学院']);
    expect(root.querySelector('[part="label"]')!.textContent).toBe('学院');
    expect(await scope.count('POST /v1/query')).toBe(0);
  });

  it('sets the page parameter when a value is chosen, and clears it with 全部', async () => {
    const { source, element, root } = await mount(
      '<cc-filter name="college" dimension="students.college"></cc-filter>',
    );
    await expect.poll(() => root.querySelectorAll('option').length, patience).toBe(7);
    const changes: unknown[] = [];
    element.addEventListener('cc-change', (e: ChangeEvent) => changes.push(e.detail.value));
    const select = root.querySelector('select')!;
    select.value = '医学院';
    select.dispatchEvent(new Event('change'));
    expect(source.params.get('college')).toBe('医学院');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(source.params.get('college')).toBeUndefined();
    expect(changes).toEqual(['医学院', undefined]);
  });

  it('queries the distinct codes and names of a geographic dimension', async () => {
    const { root } = await mount(
      '<cc-filter name="province" dimension="admissions.origin_province"></cc-filter>',
    );
    await expect.poll(() => root.querySelectorAll('option').length, patience).toBe(2);
    const sent = JSON.parse((await scope.log()).find((e) => e.path === '/v1/query')!.body!) as QueryIR;
    expect(sent.dimensions).toEqual([
      { member: 'admissions.origin_province', attribute: 'code' },
      { member: 'admissions.origin_province', attribute: 'name' },
    ]);
  });

  it('sets several values from a multi-select', async () => {
    const { source, root } = await mount(
      '<cc-filter name="colleges" type="multi-select" dimension="loans.college"></cc-filter>',
    );
    await expect.poll(() => root.querySelectorAll('option').length, patience).toBe(6);
    const options = root.querySelectorAll('option');
    options[0]!.selected = true;
    options[2]!.selected = true;
    root.querySelector('select')!.dispatchEvent(new Event('change'));
    expect(source.params.get('colleges')).toEqual(['工学院', '理学院']);
    expect(source.params.label('colleges')).toBe('工学院、理学院');
  });

  it('sets a date range once both ends are chosen', async () => {
    const { source, root, element } = await mount('<cc-filter name="term" type="date-range"></cc-filter>');
    await element.updateComplete;
    const [start, end] = [...root.querySelectorAll('input')] as [HTMLInputElement, HTMLInputElement];
    start.value = '2025-09-01';
    start.dispatchEvent(new Event('change'));
    expect(source.params.get('term')).toBeUndefined();
    end.value = '2026-01-18';
    end.dispatchEvent(new Event('change'));
    expect(source.params.get('term')).toEqual({ start: '2025-09-01', end: '2026-01-18' });
  });

  it('sets a search pattern after typing pauses', async () => {
    const { source, root, element } = await mount('<cc-filter name="q" type="search"></cc-filter>');
    await element.updateComplete;
    const input = root.querySelector('input')!;
    input.value = '工';
    input.dispatchEvent(new Event('input'));
    input.value = '工学';
    input.dispatchEvent(new Event('input'));
    expect(source.params.get('q')).toBeUndefined();
    await expect.poll(() => source.params.get('q'), patience).toBe('%工学%');
  });

  it('applies its initial value and follows the parameter when something else sets it', async () => {
    const { source, root } = await mount(
      '<cc-filter name="college" dimension="students.college" value="工学院"></cc-filter>',
    );
    expect(source.params.get('college')).toBe('工学院');
    await expect.poll(() => root.querySelector('select')?.value, patience).toBe('工学院');
    source.params.set('college', '文学院');
    await expect.poll(() => root.querySelector('select')?.value, patience).toBe('文学院');
  });

  it('says which dimension it cannot find', async () => {
    const { root } = await mount('<cc-filter name="x" dimension="students.colege"></cc-filter>');
    await expect
      .poll(() => root.querySelector('[part="error"]')?.textContent ?? '', patience)
      .toContain('students.colege');
  });
});
