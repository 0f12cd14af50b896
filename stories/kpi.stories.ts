import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@campus-cockpit/widgets/define';

interface KpiArgs {
  label: string;
  value: string;
  unit: string;
  notation: 'auto' | 'standard' | 'compact';
}

const meta: Meta<KpiArgs> = {
  title: 'Widgets/cc-kpi',
  component: 'cc-kpi',
  argTypes: {
    notation: { control: 'inline-radio', options: ['auto', 'standard', 'compact'] },
  },
  render: ({ label, value, unit, notation }) =>
    html`<cc-kpi label=${label} value=${value} unit=${unit} notation=${notation}></cc-kpi>`,
};
export default meta;

type Story = StoryObj<KpiArgs>;

export const Headcount: Story = {
  args: { label: '在校生', value: '12345', unit: '人', notation: 'auto' },
};

export const CompactAboveOneMillion: Story = {
  args: { label: '图书借阅（两年）', value: '1234567', unit: '册', notation: 'auto' },
};

export const BigScreenTheme: Story = {
  args: { label: '无线在线终端', value: '18642', unit: '台', notation: 'auto' },
  render: ({ label, value, unit, notation }) => html`
    <div
      style="background:#0b1733;padding:24px;--cc-color-surface:#0f2350;--cc-color-border:#1e3a8a;--cc-color-text:#e0f2fe;--cc-color-muted:#93c5fd;--cc-kpi-value-size:40px"
    >
      <cc-kpi label=${label} value=${value} unit=${unit} notation=${notation}></cc-kpi>
    </div>
  `,
};
