import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSource } from '@campus-cockpit/client';
import { proxyScope } from '../../../client/test/proxy-client.js';
import { SelectEvent } from '../events/cc-select.js';
import './cc-source.js';
import type { SourceElement } from './source-element.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<cc-source>', () => {
  it('creates a source for its endpoint, resolved against the page', async () => {
    document.body.innerHTML = '<cc-source endpoint="/api"></cc-source>';
    const element = document.querySelector('cc-source') as SourceElement;
    expect(element.current?.endpoint).toBe(new URL('/api/', location.href).href);
  });

  it('passes locale, time zone and always-on to the source', async () => {
    document.body.innerHTML =
      '<cc-source endpoint="/" locale="en" time-zone="Asia/Urumqi" always-on></cc-source>';
    const source = (document.querySelector('cc-source') as SourceElement).current!;
    expect(source).toMatchObject({ locale: 'en', timeZone: 'Asia/Urumqi', alwaysOn: true });
  });

  it('replaces and disposes its source when the endpoint changes', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    document.body.innerHTML = `<cc-source endpoint="${scope.endpoint}"></cc-source>`;
    const element = document.querySelector('cc-source') as SourceElement;
    const first = element.current!;
    const pending = first.query('from loans | measure loans');
    element.endpoint = '/other/';
    await element.updateComplete;
    expect(element.current).not.toBe(first);
    expect(element.current!.endpoint).toBe(new URL('/other/', location.href).href);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('shares a source given as a property and leaves it open when removed', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    const shared = createSource({ endpoint: scope.endpoint });
    const element = document.createElement('cc-source');
    element.source = shared;
    document.body.append(element);
    expect(element.current).toBe(shared);
    element.remove();
    expect(element.current).toBeUndefined();
    await expect(shared.query('from loans | measure loans')).resolves.toMatchObject({ rowCount: 1 });
    shared.dispose();
  });

  it('lays out as if it were not there', () => {
    document.body.innerHTML = '<cc-source endpoint="/"></cc-source>';
    expect(getComputedStyle(document.querySelector('cc-source')!).display).toBe('contents');
  });

  it('sets the parameter named by select-param from a selection, and clears it on the same selection', async () => {
    document.body.innerHTML =
      '<cc-source endpoint="/"><div select-param="province"></div><div></div></cc-source>';
    const source = (document.querySelector('cc-source') as SourceElement).current!;
    const [map, other] = [...document.querySelectorAll('div')] as unknown as [HTMLElement, HTMLElement];
    map.dispatchEvent(new SelectEvent({ value: '330000', label: '浙江省' }));
    expect(source.params.get('province')).toBe('330000');
    expect(source.params.label('province')).toBe('浙江省');
    other.dispatchEvent(new SelectEvent({ value: '110000' }));
    expect(source.params.values).toEqual({ province: '330000' });
    map.dispatchEvent(new SelectEvent({ value: '330000' }));
    expect(source.params.get('province')).toBeUndefined();
  });

  it('keeps the page parameters when its source is replaced', async () => {
    document.body.innerHTML = '<cc-source endpoint="/a/"></cc-source>';
    const element = document.querySelector('cc-source') as SourceElement;
    element.current!.params.set('year', 2025);
    element.endpoint = '/b/';
    await element.updateComplete;
    expect(element.current!.params.get('year')).toBe(2025);
  });

  it('syncs the page parameters with the URL when asked', async () => {
    history.replaceState(null, '', '?p.year=2024&other=1');
    document.body.innerHTML = '<cc-source endpoint="/" url-sync></cc-source>';
    const source = (document.querySelector('cc-source') as SourceElement).current!;
    await expect.poll(() => source.params.get('year')).toBe(2024);
    source.params.set('college', '工学院');
    await expect.poll(() => new URLSearchParams(location.search).get('p.college')).toBe('工学院');
    expect(new URLSearchParams(location.search).get('other')).toBe('1');
    document.body.innerHTML = '';
    history.replaceState(null, '', location.pathname);
  });
});
