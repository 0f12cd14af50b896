import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '@campus-cockpit/client';
import '../source/cc-source.js';
import type { SourceElement } from '../source/source-element.js';
import './cc-breadcrumb.js';
import type { BreadcrumbTrail } from './breadcrumb-trail.js';

const patience = { timeout: 10_000 };

async function mount(attributes = '') {
  document.body.innerHTML = `<cc-source endpoint="/"><cc-breadcrumb path="province, city, campus, building" ${attributes}></cc-breadcrumb></cc-source>`;
  const source = (document.querySelector('cc-source') as SourceElement).current as Source;
  const trail = document.querySelector('cc-breadcrumb') as BreadcrumbTrail;
  await trail.updateComplete;
  const crumbs = () => [...trail.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="crumb"]')];
  const labels = () => crumbs().map((c) => c.textContent!.trim());
  return { source, trail, crumbs, labels };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<cc-breadcrumb>', () => {
  it('shows the chosen levels with their labels, the last one current', async () => {
    const { source, crumbs, labels } = await mount();
    expect(labels()).toEqual(['全部']);
    source.params.set('province', '330000', '浙江省');
    source.params.set('city', '330100', '杭州市');
    await expect.poll(labels, patience).toEqual(['全部', '浙江省', '杭州市']);
    expect(crumbs().at(-1)!.getAttribute('aria-current')).toBe('page');
    expect(crumbs().at(-1)!.part.contains('current')).toBe(true);
  });

  it('clears the levels below a clicked crumb, and everything from the first', async () => {
    const { source, crumbs, labels } = await mount('root-label="全国"');
    source.params.update({ province: '330000', city: '330100', campus: 'zijingang' });
    await expect.poll(labels, patience).toEqual(['全国', '330000', '330100', 'zijingang']);
    crumbs()[1]!.click();
    expect(source.params.values).toEqual({ province: '330000' });
    await expect.poll(labels, patience).toEqual(['全国', '330000']);
    crumbs()[0]!.click();
    expect(source.params.values).toEqual({});
  });

  it('clears deeper levels when a higher one changes (a new province has no old city)', async () => {
    const { source, labels } = await mount();
    source.params.update({ province: '330000', city: '330100' });
    await expect.poll(labels, patience).toHaveLength(3);
    source.params.set('province', '320000', '江苏省');
    await expect.poll(labels, patience).toEqual(['全部', '江苏省']);
    expect(source.params.get('city')).toBeUndefined();
  });

  it('stops enforcing the drill path once removed', async () => {
    const { source, trail } = await mount();
    trail.remove();
    expect(source.params.listenerCount).toBe(0);
  });
});
