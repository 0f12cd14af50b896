import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  and,
  between,
  dates,
  eq,
  gt,
  gte,
  isIn,
  isNotNull,
  lastN,
  like,
  ne,
  not,
  or,
  param,
  query,
  thisPeriod,
  yesterday,
  type QueryBuilder,
} from './builder.js';
import { catalog, examplesDir } from '../test/fixtures.js';

/** The builder twin of every valid golden example (`examples/valid/<name>.query`). */
const twins: Record<string, QueryBuilder> = {
  'enrolled-headcount': query('students').measure('headcount').segment('enrolled'),
  'top-colleges-with-others': query('students')
    .measure('headcount')
    .by('college')
    .segment('enrolled')
    .top(10, 'headcount', { others: true }),
  'traffic-last-30-days': query('network')
    .measure('traffic_gb')
    .by('ts.day')
    .during(lastN(30, 'day'))
    .compare('period'),
  'rollup-with-totals': query('students')
    .measure('headcount', 'avg_gpa')
    .by('college', 'major', 'grade')
    .rollup('college', 'major')
    .totals(),
  'province-map-optional-year': query('admissions')
    .measure('new_students')
    .by('origin_province.code', 'origin_province.name')
    .where(eq('admit_year', param('year', { optional: true })))
    .with({ year: 2025 }),
  'loans-by-semester': query('loans')
    .measure('loans')
    .by('ts.semester')
    .where(and(isIn('college', ['工学院', '医学院']), not(eq('reader_type', 'staff')))),
  'multi-line-where-and-having': query('services')
    .measure('requests', 'satisfaction')
    .by('department')
    .where(ne('channel', 'counter'))
    .having(gt('requests', 100))
    .order('satisfaction', 'desc')
    .limit(20),
  'titles-in-backticks': query('students')
    .measure('headcount', 'avg_gpa')
    .by({ member: 'college', alias: 'college_name' })
    .segment('enrolled'),
  'teaching-weeks-of-a-semester': query('network')
    .measure('online_users')
    .by('ts.teaching_week')
    .during(dates('2025-09-01', '2026-01-18')),
  'top-per-group': query('loans')
    .measure('loans', 'readers')
    .by('college', 'book_category')
    .top(3, 'loans', { per: 'college', others: true })
    .during(thisPeriod('academic_year'), 'ts'),
  'predicates-and-parentheses': query('students')
    .measure('headcount')
    .by('major')
    .where(
      or(eq('college', '工学院'), like('college', '%医%')),
      between('grade', 2022, 2025),
      isNotNull('major'),
    ),
  'list-parameter': query('loans')
    .measure('loans')
    .by('reader_type')
    .where(isIn('college', param('colleges')))
    .with({ colleges: ['工学院', '理学院'] })
    .during(lastN(7, 'day', { includeToday: true }), 'ts'),
  'year-over-year': query('admissions')
    .measure('new_students', 'avg_score')
    .by('admit_date.month')
    .during(lastN(12, 'month'))
    .compare('year'),
  'optional-range-parameter': query('services')
    .measure('requests')
    .by('ts.week')
    .during(param('range', { optional: true }))
    .with({ range: lastN(4, 'week') }),
  'order-limit-offset': query('staff')
    .measure('headcount', 'avg_age')
    .by('title_rank')
    .segment('active')
    .order('headcount', 'desc')
    .order('title_rank')
    .limit(10)
    .offset(10),
  'city-attribute-with-alias': query('admissions')
    .measure('new_students')
    .by({ member: 'origin_city', attribute: 'name', alias: 'city' })
    .where(eq('origin_province.code', '330000'))
    .order('city'),
  'default-time-dimension': query('students')
    .measure('headcount')
    .by('college')
    .during(thisPeriod('year'), 'enroll_date'),
  'pipes-on-each-line': query('network')
    .measure('traffic_gb', 'sessions')
    .by('building.name', 'ts.hour')
    .where(eq('wired', false), gte('ts', '2026-11-01T08:00'))
    .during(yesterday()),
};

const goldenNames = readdirSync(`${examplesDir}/valid`)
  .filter((file) => file.endsWith('.query'))
  .map((file) => file.slice(0, -'.query'.length));

describe('builder twins', () => {
  test('every valid golden example has a builder twin, and every twin a golden example', () => {
    expect(Object.keys(twins).sort()).toEqual([...goldenNames].sort());
  });

  test.each(goldenNames)(
    '%s: the builder produces the same IR as the text, down to the JSON text',
    (name) => {
      const golden = readFileSync(`${examplesDir}/valid/${name}.ir.json`, 'utf8');
      const built = (twins[name] as QueryBuilder).build();
      expect(built).toEqual(JSON.parse(golden));
      expect(JSON.stringify(built, null, 2) + '\n').toBe(golden);
    },
  );
});

describe('query()', () => {
  test('builders are immutable: extending a base query leaves it unchanged', () => {
    const base = query('students').measure('headcount');
    const byCollege = base.by('college');
    expect(base.build()).toEqual({ v: 1, from: 'students', measures: ['students.headcount'] });
    expect(byCollege.build().dimensions).toEqual([{ member: 'students.college' }]);
  });

  test('qualified names are kept, bare names are qualified by the view', () => {
    const ir = query('loans').measure('loans.loans', 'readers').build();
    expect(ir.measures).toEqual(['loans.loans', 'loans.readers']);
  });

  test('order() and top() name a time dimension without its granularity', () => {
    const ir = query('network').measure('traffic_gb').by('ts.day').order('ts').build();
    expect(ir.order).toEqual([{ by: 'network.ts.day', direction: 'asc' }]);
  });

  test('during() without a time dimension in by() says how to name one', () => {
    expect(() => query('students').measure('headcount').during(lastN(7, 'day')).build()).toThrow(
      /during\(range, 'ts'\)/,
    );
  });

  test('check() reports what the server would: an unknown measure with its suggestion', () => {
    const diagnostics = query('students').measure('headcont').check(catalog, 'en');
    expect(diagnostics).toMatchObject([
      { code: 'unknown-member', path: '/measures/0', suggestions: ['students.headcount'] },
    ]);
  });
});
