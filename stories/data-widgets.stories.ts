import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@campus-cockpit/widgets/define';
import { demoSource } from './support/demo-warehouse.js';

const meta: Meta = {
  title: 'Data/cc-source',
  component: 'cc-source',
};
export default meta;

export const KpiTilesFromQueries: StoryObj = {
  render: () => html`
    <cc-source .source=${demoSource()}>
      <div style="display:grid;grid-template-columns:repeat(3, 220px);gap:12px">
        <cc-kpi
          label="在校生"
          unit="人"
          query="from students | measure headcount | segment enrolled"
        ></cc-kpi>
        <cc-kpi label="平均绩点" query="from students | measure avg_gpa"></cc-kpi>
        <cc-kpi label="拼错的查询" query="from students | measure headcont | by xueyuan"></cc-kpi>
      </div>
    </cc-source>
  `,
};

export const FilterDrivesTiles: StoryObj = {
  name: 'cc-filter drives tiles',
  render: () => html`
    <cc-source .source=${demoSource()}>
      <cc-filter name="college" dimension="students.college"></cc-filter>
      <div style="display:flex;gap:12px;margin-top:12px">
        <cc-kpi
          label="所选学院在校生"
          unit="人"
          query="from students | measure headcount | segment enrolled | where college = :college?"
        ></cc-kpi>
      </div>
    </cc-source>
  `,
};

export const DrillBreadcrumb: StoryObj = {
  name: 'cc-breadcrumb',
  render: () => {
    const source = demoSource();
    source.params.set('province', '330000', '浙江省');
    source.params.set('city', '331100', '丽水市');
    return html`<cc-source .source=${source}>
      <cc-breadcrumb path="province,city,campus,building" root-label="全国"></cc-breadcrumb>
    </cc-source>`;
  },
};
