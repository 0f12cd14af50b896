import { describe, expect, it } from 'vitest';
import { FIXTURE_CATALOG_YAML } from '../testing/fixture.js';
import { CatalogError, parseCatalog } from './load.js';

function issues(text: string): { path: string; line: number; col: number; message: string }[] {
  try {
    parseCatalog(text, 'bad.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).issues;
  }
  throw new Error('the catalog was accepted');
}

const VIEW = (body: string) => `v: 1
views:
  - name: students
    title: { zh-CN: 学生, en: Students }
    table: students
${body}`;

describe('parseCatalog', () => {
  it('reads the fixture catalog', () => {
    const catalog = parseCatalog(FIXTURE_CATALOG_YAML);
    expect(catalog.views.map((v) => v.name)).toEqual(['students', 'loans', 'network']);
    expect(catalog.timeZone).toBe('Asia/Shanghai');
    expect(catalog.calendar?.semesters).toHaveLength(4);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const [issue] = issues('v: 1\nviews: [\n  - name: x\n');
    expect(issue!.line).toBeGreaterThan(1);
    expect(issue!.col).toBeGreaterThan(0);
  });

  it('reports every mistake at once, each at its position with a path', () => {
    const found = issues(
      VIEW(`    measures:
      - { name: headcount, title: { zh-CN: 人数, en: Headcount }, aggregation: countDistint, sql: student_id }
      - { name: avg_gpa, title: { zh-CN: 绩点 }, aggregation: avg }
    dimensions:
      - { name: college, title: { zh-CN: 学院, en: College }, type: text }
      - { name: enrolled_on, title: { zh-CN: 入学, en: Enrolled }, type: time, sql: d }
      - { name: headcount, title: { zh-CN: 重名, en: Duplicate }, type: string, colour: red }
`),
    );
    const at = (path: string) => found.find((i) => i.path === path);
    expect(at('views[0].measures[0].aggregation')).toMatchObject({
      line: 7,
      message: expect.stringMatching(/countDistint.*one of count, countDistinct/),
    });
    expect(at('views[0].measures[1].title')?.message).toMatch(/missing `en`/);
    expect(at('views[0].measures[1]')?.message).toMatch(/'avg' measure needs `sql`/);
    expect(at('views[0].dimensions[0].type')?.message).toMatch(/one of string, number, boolean, time/);
    expect(at('views[0].dimensions[1]')?.message).toMatch(/time dimension needs `granularities`/);
    expect(at('views[0].dimensions[2].colour')?.message).toMatch(/unknown key 'colour'/);
    expect(found.some((i) => /'headcount' is used twice/.test(i.message))).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(7);
    for (const issue of found) expect(issue.line).toBeGreaterThanOrEqual(1);
  });

  it('suggests the key that was meant', () => {
    const [issue] = issues(
      VIEW(`    mesures: []\n    dimensions: [{ name: a, title: { zh-CN: 甲, en: A }, type: string }]\n`),
    );
    expect(issue).toMatchObject({
      path: 'views[0].mesures',
      line: 6,
      message: "unknown key 'mesures'; did you mean 'measures'?",
    });
  });

  it('checks roles, placeholders, calendars and time zones across the file', () => {
    const found = issues(`v: 1
timeZone: Mars/Olympus
calendar:
  semesters:
    - { name: s1, academicYear: 2025-2026, start: 2025-09-02, end: 2025-08-01 }
views:
  - name: students
    title: { zh-CN: 学生, en: Students }
    table: "students; DROP TABLE x"
    access:
      - { role: dean, rows: "college = {college}" }
    dimensions:
      - { name: d, title: { zh-CN: 日, en: Day }, type: time, sql: d, granularities: [day, fortnight] }
`);
    const messages = found.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(messages).toMatch(/timeZone: 'Mars\/Olympus' is not an IANA time zone/);
    expect(messages).toMatch(/semesters\[0\]\.end: the semester ends \(2025-08-01\) before it starts/);
    expect(messages).toMatch(/semesters\[0\]\.start: 2025-09-02 is not a Monday/);
    expect(messages).toMatch(/table: 'students; DROP TABLE x' is not a table name/);
    expect(messages).toMatch(/access\[0\]\.rows: placeholders are written `\{claims\.NAME\}`/);
    expect(messages).toMatch(/access\[0\]\.role: unknown role 'dean'/);
    expect(messages).toMatch(/granularities\[1\]: unknown granularity 'fortnight'/);
  });
});
