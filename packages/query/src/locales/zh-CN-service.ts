/**
 * The zh-CN messages only the IR validator and the server use; the text compiler never needs them, so
 * they stay out of its import graph.
 */

import type { ServiceMessages } from '../diagnostic.js';

export const zhCNService: ServiceMessages = {
  messages: {
    'unbound-param': '参数“:{name}”没有取值。',
    'invalid-ir': '查询无效。',
    'ir-expected': '此处应为{@expected}。',
    'ir-unknown-field': '未知字段“{name}”。',
    'ir-missing-field': '缺少字段“{name}”。',
    'ir-one-of': '取值应为以下之一：{options}。',
    'unsupported-version': '不支持 IR 版本 {version}，应为 1。',
    unauthorized: '请登录后查看此数据。',
    'forbidden-member': '无权读取“{name}”。',
    'not-found': '未找到。',
    'rate-limited': '请求过于频繁，请 {seconds} 秒后重试。',
    'query-timeout': '查询超过 {seconds} 秒未完成。',
    'query-cancelled': '查询已取消。',
    'engine-error': '数据库执行查询失败。',
    'internal-error': '内部错误。',
  },
  hints: {
    'unbound-param': '用“with {name} = …”赋值，或写成 :{name}? 使未赋值时忽略该条件。',
  },
  terms: {
    object: '对象',
    array: '列表',
    integer: '整数',
    queries: '查询数',
    params: '参数个数',
    characters: '字符数',
  },
};
