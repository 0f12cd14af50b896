import type { Locale } from '@campus-cockpit/query';

/** The texts the data controller shows, per locale. */
export const statusMessages = {
  'zh-CN': {
    updatedAt: (time: string) => `数据更新于 ${time}`,
    stale: '数据已过期',
    loading: '加载中…',
    waiting: (seconds: number) => `查询中，已等待 ${seconds} 秒`,
    empty: '无数据',
    retry: '重试',
    unreachable: '无法连接数据服务。',
    timeout: '数据服务响应超时。',
    noSource: '未找到数据源：请把组件放在 <cc-source endpoint="…"> 之内。',
  },
  en: {
    updatedAt: (time: string) => `Updated ${time}`,
    stale: 'Stale',
    loading: 'Loading…',
    waiting: (seconds: number) => `Running, waited ${seconds} s`,
    empty: 'No data',
    retry: 'Retry',
    unreachable: 'Cannot reach the data service.',
    timeout: 'The data service did not answer in time.',
    noSource: 'No data source: put the widget inside <cc-source endpoint="…">.',
  },
} satisfies Record<Locale, unknown>;

/** The messages of `locale` (zh-CN for anything else). */
export const messagesFor = (locale: string | undefined) =>
  locale === 'en' ? statusMessages.en : statusMessages['zh-CN'];
