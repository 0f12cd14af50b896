import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSource } from '@campus-cockpit/client';
import { proxyScope } from '../../../client/test/proxy-client.js';
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
});
