import { afterEach, describe, expect, inject, it } from 'vitest';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { firstValue, type Source } from '@campus-cockpit/client';
import type { QueryIR } from '@campus-cockpit/query';
import { fakeValue } from '../../../client/test/fake-answers.js';
import { proxyScope, type ProxyScope } from '../../../client/test/proxy-client.js';
import '../source/cc-source.js';
import '../filter/cc-filter.js';
import '../breadcrumb/cc-breadcrumb.js';
import type { SourceElement } from '../source/source-element.js';
import { tokenDefaults } from '../theme/tokens.js';
import { QueryController } from './query-controller.js';
import { queryStatusStyles } from './query-status.styles.js';

/** The smallest data widget: shows the first value of its query through the controller. */
class ProbeWidget extends LitElement {
  static override styles = [tokenDefaults, queryStatusStyles];
  @property() query = '';
  @property() refresh: string | undefined;
  @property({ type: Boolean }) live = false;
  readonly data = new QueryController(this, {
    query: () => this.query,
    refresh: () => this.refresh,
    live: () => this.live,
  });
  protected override render() {
    return this.data.render((result) => html`<span part="value">${firstValue(result)}</span>`);
  }
}
customElements.define('test-probe-widget', ProbeWidget);

/** Machines shared with other work can be slow: wait for states, never for a fixed time. */
const patience = { timeout: 10_000 };

const headcountText = 'from students | measure headcount | segment enrolled';

let scope: ProxyScope;

async function mount(markup: string, faults: Parameters<ProxyScope['setFaults']>[0] = []) {
  scope = proxyScope(inject('faultProxyUrl'));
  await scope.setFaults(faults);
  document.body.innerHTML = `<cc-source endpoint="${scope.endpoint}">${markup}</cc-source>`;
  const sourceElement = document.querySelector('cc-source') as SourceElement;
  const probes = [...document.querySelectorAll<ProbeWidget>('test-probe-widget')];
  return { source: sourceElement.current as Source, probes };
}

const part = (probe: ProbeWidget, name: string) =>
  probe.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** The number the fake warehouse answers for the first query request logged. */
async function expectedValue(measure: string): Promise<number> {
  const sent = (await scope.log()).find((entry) => entry.path === '/v1/query')!;
  return fakeValue(JSON.parse(sent.body!) as QueryIR, measure);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('QueryController with <cc-source>', () => {
  it('shows the value of a text query with its freshness line', async () => {
    const { probes } = await mount(`<test-probe-widget query="${headcountText}"></test-probe-widget>`);
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    const expected = await expectedValue('students.headcount');
    expect(part(probe, 'value')!.textContent).toBe(String(expected));
    expect(part(probe, 'updated-at')!.textContent).toMatch(/^数据更新于 \d\d:\d\d$/);
    expect(part(probe, 'stale-badge')).toBeNull();
  });

  it('sends one request for twenty widgets with the same query', async () => {
    const markup = Array.from(
      { length: 20 },
      () => `<test-probe-widget query="${headcountText}"></test-probe-widget>`,
    ).join('');
    const { probes, source } = await mount(markup);
    await expect.poll(() => probes.every((p) => p.data.status === 'ready'), patience).toBe(true);
    expect(await scope.count('POST /v1/query')).toBe(1);
    expect(await scope.count('GET /v1/meta')).toBe(1);
    expect(source.stats.queryRequests).toBe(1);
  });

  it('batches different queries of widgets created together into one request', async () => {
    const texts = [
      'from students | measure headcount',
      'from loans | measure loans',
      'from network | measure sessions',
    ];
    const { probes } = await mount(
      texts.map((t) => `<test-probe-widget query="${t}"></test-probe-widget>`).join(''),
    );
    await expect.poll(() => probes.every((p) => p.data.status === 'ready'), patience).toBe(true);
    expect(await scope.count('POST /v1/query')).toBe(1);
  });

  it('shows a bad query with its line:col and no retry button, and sends nothing', async () => {
    const { probes } = await mount(
      `<test-probe-widget query="from students | measure headcont"></test-probe-widget>`,
    );
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('error');
    expect(part(probe, 'error')!.textContent).toMatch(/^\s*1:25 /);
    expect(part(probe, 'retry')).toBeNull();
    expect(await scope.count('POST /v1/query')).toBe(0);
  });

  it('says 无数据 for an empty result, which is not an error', async () => {
    const { probes } = await mount(
      `<test-probe-widget query="from students | measure headcount | where college = 'empty'"></test-probe-widget>`,
    );
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    expect(probe.data.isEmpty).toBe(true);
    expect(part(probe, 'empty')!.textContent).toBe('无数据');
    expect(part(probe, 'error')).toBeNull();
  });

  it('shows an unreachable endpoint as an error with a retry button that works', async () => {
    const { probes } = await mount(`<test-probe-widget query="${headcountText}"></test-probe-widget>`, [
      { route: 'POST /v1/query', drop: true },
    ]);
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('error');
    expect(part(probe, 'error')!.textContent).toContain('无法连接数据服务');
    await scope.setFaults([]);
    part(probe, 'retry')!.click();
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    expect(part(probe, 'value')).not.toBeNull();
  });

  it('keeps the last value with a stale badge when a refresh fails, and recovers', async () => {
    const { probes } = await mount(
      `<test-probe-widget query="${headcountText}" refresh="1s"></test-probe-widget>`,
    );
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    const value = part(probe, 'value')!.textContent;
    await scope.setFaults([{ route: 'POST /v1/query', status: 500 }]);
    await expect.poll(() => probe.data.status, patience).toBe('stale');
    expect(part(probe, 'value')!.textContent).toBe(value);
    expect(part(probe, 'stale-badge')!.textContent).toBe('数据已过期');
    await scope.setFaults([]);
    await expect.poll(() => probe.data.status, { timeout: 10_000 }).toBe('ready');
  });

  it('shows the stale badge within one refresh plus 2 s when the endpoint stalls', async () => {
    const { probes } = await mount(
      `<test-probe-widget query="${headcountText}" refresh="1s"></test-probe-widget>`,
    );
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    await scope.setFaults([{ route: 'POST /v1/query', stall: true }]);
    const stalledAt = Date.now();
    await expect.poll(() => part(probe, 'stale-badge')?.textContent, patience).toBe('数据已过期');
    // One interval plus the 2 s grace after the last success (which came before the stall), plus polling slack.
    expect(Date.now() - stalledAt).toBeLessThanOrEqual(1_000 + 2_000 + 1_000);
  });

  it('never overlaps requests when the endpoint answers slower than the refresh interval', async () => {
    const { probes } = await mount(
      Array.from(
        { length: 5 },
        () => `<test-probe-widget query="${headcountText}" refresh="1s"></test-probe-widget>`,
      ).join(''),
      [{ route: 'POST /v1/query', delay: 1_500 }],
    );
    await expect.poll(() => probes.every((p) => p.data.status === 'ready'), patience).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const times = (await scope.log()).filter((e) => e.path === '/v1/query').map((e) => e.at);
    // Each request takes 1.5 s and the next one starts only after it: at most one every 1.5 s.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(times.length).toBeLessThanOrEqual(4);
  });

  it('releases every timer, request and listener once its widgets are removed', async () => {
    const markup = `<test-probe-widget query="${headcountText}" refresh="1s"></test-probe-widget><test-probe-widget query="from loans | measure loans" refresh="2s"></test-probe-widget>`;
    const { probes, source } = await mount(markup);
    await expect.poll(() => probes.every((p) => p.data.status === 'ready'), patience).toBe(true);
    expect(source.stats.resources).toBeGreaterThan(0);
    for (const probe of probes) probe.remove();
    expect(source.stats).toMatchObject({ feeds: 0, resources: 0 });
  });

  it('counts the seconds a long query has been running, then shows its answer', async () => {
    scope = proxyScope(inject('faultProxyUrl'));
    const source = document.createElement('cc-source');
    source.endpoint = scope.endpoint;
    source.headers = { 'x-long': '2500' };
    source.innerHTML = `<test-probe-widget query="${headcountText}"></test-probe-widget>`;
    document.body.append(source);
    const probe = source.querySelector('test-probe-widget') as ProbeWidget;
    await expect
      .poll(() => part(probe, 'loading')?.textContent ?? '', patience)
      .toMatch(/^查询中，已等待 [12] 秒$/);
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    expect(await scope.count('GET /v1/query/1')).toBeGreaterThan(0);
  });

  it('leaves no timer, stream or listener behind once a whole dashboard is removed', async () => {
    const { source } = await mount(`
      <cc-filter name="year" dimension="students.college"></cc-filter>
      <cc-breadcrumb path="province,city"></cc-breadcrumb>
      <test-probe-widget query="${headcountText}" refresh="1s"></test-probe-widget>
      <test-probe-widget query="from loans | measure loans | where college = :year?" live></test-probe-widget>
      <test-probe-widget query="from network | measure sessions" refresh="5s" live></test-probe-widget>`);
    const probes = [...document.querySelectorAll<ProbeWidget>('test-probe-widget')];
    await expect.poll(() => probes.every((p) => p.data.status === 'ready'), patience).toBe(true);
    await expect.poll(() => source.stats.liveStreams, patience).toBe(1);
    expect(source.stats.resources).toBeGreaterThan(3);
    for (const element of [...document.querySelector('cc-source')!.children]) element.remove();
    expect(source.stats).toMatchObject({ feeds: 0, resources: 0 });
    expect(source.params.listenerCount).toBe(0);
    // The stream is aborted at once; its reader finishes unwinding a moment later.
    await expect.poll(() => source.stats.liveStreams, patience).toBe(0);
  });

  it('tells a widget outside any <cc-source> what is missing', async () => {
    const probe = document.createElement('test-probe-widget') as ProbeWidget;
    probe.query = headcountText;
    document.body.append(probe);
    await probe.updateComplete;
    expect(probe.data.status).toBe('error');
    expect(part(probe, 'error')!.textContent).toContain('<cc-source');
  });

  it('follows the page parameters its query refers to, and no others', async () => {
    const text = 'from admissions | measure new_students | where admit_year = :year?';
    const { probes, source } = await mount(`<test-probe-widget query="${text}"></test-probe-widget>`);
    const [probe] = probes as [ProbeWidget];
    await expect.poll(() => probe.data.status, patience).toBe('ready');
    source.params.set('year', 2025);
    await expect.poll(() => scope.count('POST /v1/query'), patience).toBe(2);
    const last = (await scope.log()).filter((e) => e.path === '/v1/query').at(-1)!;
    expect((JSON.parse(last.body!) as QueryIR).params).toEqual({ year: 2025 });
    await expect
      .poll(() => part(probe, 'value')?.textContent, patience)
      .toBe(String(fakeValue(JSON.parse(last.body!) as QueryIR, 'admissions.new_students')));
    source.params.set('college', '工学院');
    await new Promise((r) => setTimeout(r, 100));
    expect(await scope.count('POST /v1/query')).toBe(2);
  });

  it('loses no parameter change: after a burst, the tile shows the answer for the last value', async () => {
    const text = 'from admissions | measure new_students | where admit_year = :year?';
    const { probes, source } = await mount(`<test-probe-widget query="${text}"></test-probe-widget>`, [
      { route: 'POST /v1/query', delay: 50 },
    ]);
    const [probe] = probes as [ProbeWidget];
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025]) {
      source.params.set('year', year);
      await new Promise((r) => setTimeout(r, 10));
    }
    const sent = async () =>
      (await scope.log()).filter((e) => e.path === '/v1/query').map((e) => JSON.parse(e.body!) as QueryIR);
    await expect.poll(async () => (await sent()).some((ir) => ir.params?.year === 2025), patience).toBe(true);
    const ir2025 = (await sent()).find((ir) => ir.params?.year === 2025)!;
    await expect
      .poll(() => part(probe, 'value')?.textContent, patience)
      .toBe(String(fakeValue(ir2025, 'admissions.new_students')));
    // Answers for earlier years that arrive late must not replace it.
    await new Promise((r) => setTimeout(r, 200));
    expect(part(probe, 'value')?.textContent).toBe(String(fakeValue(ir2025, 'admissions.new_students')));
    expect(probe.data.status).toBe('ready');
  });
});
