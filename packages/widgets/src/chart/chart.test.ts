import { afterEach, describe, expect, it } from 'vitest';
import './cc-chart.js';
import type { Chart } from './chart.js';

const barSpec = {
  type: 'interval',
  data: [
    { college: '工学院', headcount: 2100 },
    { college: '医学院', headcount: 1500 },
    { college: '商学院', headcount: 900 },
  ],
  encode: { x: 'college', y: 'headcount' },
  animate: false,
};

async function mount(spec: Record<string, unknown>): Promise<Chart> {
  const chart = document.createElement('cc-chart');
  chart.style.cssText = 'display:block;width:400px;height:300px';
  chart.spec = spec;
  document.body.append(chart);
  await chart.drawComplete;
  return chart;
}

/** Counts pixels that are neither transparent nor white in the chart's canvas. */
function inkedPixels(chart: Chart): number {
  const canvas = chart.shadowRoot!.querySelector('canvas');
  if (!canvas) return 0;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! > 0 && !(data[i]! > 245 && data[i + 1]! > 245 && data[i + 2]! > 245)) inked++;
  }
  return inked;
}

describe('<cc-chart>', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('draws a G2 bar chart into a canvas inside its shadow root', async () => {
    const chart = await mount(barSpec);
    const canvas = chart.shadowRoot!.querySelector('canvas');
    expect(canvas).not.toBeNull();
    expect(inkedPixels(chart)).toBeGreaterThan(2000);
  });

  it('shows an error instead of a blank frame when G2 cannot draw the spec', async () => {
    const chart = await mount({ type: 'no-such-mark', data: [] });
    const error = chart.shadowRoot!.querySelector('[part="error"]');
    expect(error?.textContent).toContain('图表无法绘制');
  });

  it('releases G2 when removed from the page', async () => {
    const chart = await mount(barSpec);
    chart.remove();
    expect(chart.shadowRoot!.querySelector('canvas')).toBeNull();
  });
});
