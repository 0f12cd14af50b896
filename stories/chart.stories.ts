import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@campus-cockpit/widgets/define-charts';

const meta: Meta = {
  title: 'Widgets/cc-chart',
  component: 'cc-chart',
};
export default meta;

export const HeadcountByCollege: StoryObj = {
  render: () =>
    html`<cc-chart
      style="height:320px"
      .spec=${{
        type: 'interval',
        data: [
          { college: '工学院', headcount: 2130 },
          { college: '医学院', headcount: 1620 },
          { college: '教师教育学院', headcount: 1480 },
          { college: '商学院', headcount: 1210 },
          { college: '艺术学院', headcount: 860 },
          { college: '民族学院', headcount: 540 },
        ],
        encode: { x: 'college', y: 'headcount', color: 'college' },
        axis: { y: { title: '在校生（人）' }, x: { title: null } },
      }}
    ></cc-chart>`,
};
