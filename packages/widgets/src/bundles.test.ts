/**
 * The built browser outputs in dist/, loaded the way portal pages load them. Each case runs in a fresh
 * iframe (its own custom-element registry). Requires `npm run build` (part of `npm test`).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';

const origin = inject('staticOrigin');

async function frame(body: string): Promise<Window> {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:800px;height:600px';
  document.body.append(iframe);
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.srcdoc = `<!doctype html><html><body>${body}</body></html>`;
  await loaded;
  return iframe.contentWindow!;
}

async function until<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function assertBuilt(path: string): Promise<void> {
  const response = await fetch(origin + path, { method: 'HEAD' });
  if (!response.ok) throw new Error(`${path} is missing: run \`npm run build\` first.`);
}

const shadowText = (win: Window, selector: string, part: string) =>
  win.document.querySelector(selector)?.shadowRoot?.querySelector(`[part="${part}"]`)?.textContent?.trim();

describe('built bundles', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('one <script> tag registers <cc-kpi> but not <cc-chart>', async () => {
    await assertBuilt('/dist/campus-cockpit.iife.min.js');
    const win = await frame(
      `<script src="${origin}/dist/campus-cockpit.iife.min.js"></script><cc-kpi label="在校生" value="12345"></cc-kpi>`,
    );
    expect(await until(() => shadowText(win, 'cc-kpi', 'value'), 'the tile')).toBe('12,345');
    expect(win.customElements.get('cc-chart')).toBeUndefined();
  });

  it('the charts script, loaded after the first, adds a <cc-chart> that draws', async () => {
    await assertBuilt('/dist/campus-cockpit-charts.iife.min.js');
    const spec = JSON.stringify({
      type: 'interval',
      data: [
        { x: 'a', y: 1 },
        { x: 'b', y: 2 },
      ],
      encode: { x: 'x', y: 'y' },
      animate: false,
    });
    const win = await frame(
      `<script src="${origin}/dist/campus-cockpit.iife.min.js"></script><script src="${origin}/dist/campus-cockpit-charts.iife.min.js"></script>` +
        `<cc-chart style="display:block;width:400px;height:300px" spec='${spec}'></cc-chart>`,
    );
    await until(
      () => win.document.querySelector('cc-chart')?.shadowRoot?.querySelector('canvas'),
      'a canvas',
    );
    expect(win.customElements.get('cc-kpi')).toBeDefined();
  });

  it('the ES module entry fetches G2 only when the first <cc-chart> connects', async () => {
    await assertBuilt('/dist/esm/campus-cockpit.js');
    const win = await frame(`<script type="module" src="${origin}/dist/esm/campus-cockpit.js"></script>`);
    await until(() => win.customElements.get('cc-chart'), 'cc-chart to be defined');
    const g2Requests = () =>
      win.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('g2-renderer'))
        .length;
    expect(g2Requests()).toBe(0);

    const chart = win.document.createElement('cc-chart');
    chart.setAttribute('style', 'display:block;width:300px;height:200px');
    chart.setAttribute(
      'spec',
      JSON.stringify({ type: 'interval', data: [{ x: 'a', y: 1 }], encode: { x: 'x', y: 'y' } }),
    );
    win.document.body.append(chart);
    await until(() => g2Requests() > 0, 'the G2 chunk request');
  });
});
