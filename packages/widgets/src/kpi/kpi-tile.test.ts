import { afterEach, describe, expect, it } from 'vitest';
import './cc-kpi.js';
import type { KpiTile } from './kpi-tile.js';

async function mount(markup: string): Promise<KpiTile> {
  document.body.innerHTML = markup;
  const tile = document.body.querySelector('cc-kpi')!;
  await tile.updateComplete;
  return tile;
}

const part = (tile: KpiTile, name: string) =>
  tile.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;

describe('<cc-kpi>', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the label and a value below one million in full digits with separators', async () => {
    const tile = await mount('<cc-kpi label="在校生" value="12345"></cc-kpi>');
    expect(part(tile, 'label').textContent).toBe('在校生');
    expect(part(tile, 'value').textContent?.trim()).toBe('12,345');
  });

  it('writes values from one million up compactly in 万 and 亿', async () => {
    const tile = await mount('<cc-kpi label="借阅" value="1234567"></cc-kpi>');
    expect(part(tile, 'value').textContent?.trim()).toBe('123.5万');
    tile.value = 320_000_000;
    await tile.updateComplete;
    expect(part(tile, 'value').textContent?.trim()).toBe('3.2亿');
  });

  it('keeps every digit of an integer beyond 2^53 sent as a string', async () => {
    const tile = await mount('<cc-kpi notation="standard" value="9007199254740993"></cc-kpi>');
    expect(part(tile, 'value').textContent?.trim()).toBe('9,007,199,254,740,993');
  });

  it('shows its unit after the value and updates when the attribute changes', async () => {
    const tile = await mount('<cc-kpi label="流量" value="10.5" unit="GB"></cc-kpi>');
    expect(part(tile, 'unit').textContent).toBe('GB');
    tile.setAttribute('value', '20');
    await tile.updateComplete;
    expect(part(tile, 'value').textContent?.trim()).toBe('20GB');
  });

  it('renders visibly: the value has a font size and colour from the theme', async () => {
    const tile = await mount('<cc-kpi style="--cc-kpi-value-color: rgb(255, 0, 0)" value="7"></cc-kpi>');
    const style = getComputedStyle(part(tile, 'value'));
    expect(style.color).toBe('rgb(255, 0, 0)');
    expect(parseFloat(style.fontSize)).toBe(32);
    expect(part(tile, 'value').getBoundingClientRect().width).toBeGreaterThan(0);
  });
});
