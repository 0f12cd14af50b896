import { describe, expect, it } from 'vitest';
import { calendarDays, holidayDays, parseIsoDate, semesters, semestersOfAcademicYear } from './calendar';
import { holidayYears, springFestival } from './data/holidays';

describe('holiday schedules', () => {
  it('cover 2020–2027, official up to 2026 and derived for 2027', () => {
    expect(holidayYears.map((year) => [year.year, year.source])).toEqual([
      [2020, 'official'],
      [2021, 'official'],
      [2022, 'official'],
      [2023, 'official'],
      [2024, 'official'],
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'derived'],
    ]);
  });

  it('name the seven public holidays every year', () => {
    for (const year of holidayYears) {
      const names = year.holidays.map((holiday) => holiday.name).join('、');
      for (const holiday of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) {
        expect(names, `${year.year}`).toContain(holiday);
      }
    }
  });

  it('put every make-up workday on a weekend and never inside a holiday', () => {
    const days = holidayDays();
    for (const year of holidayYears) {
      for (const holiday of year.holidays) {
        expect(holiday.from <= holiday.to).toBe(true);
        for (const workday of holiday.makeupWorkdays) {
          expect([0, 6], workday).toContain(parseIsoDate(workday).getUTCDay());
          expect(days.get(workday)?.makeup, workday).toBe(true);
        }
      }
    }
  });

  it('include 春节 itself in the Spring Festival holiday', () => {
    for (const year of holidayYears) {
      const festival = year.holidays.find((holiday) => holiday.name === '春节')!;
      const day = springFestival[year.year]!;
      expect(festival.from <= day && day <= festival.to, `${year.year}`).toBe(true);
    }
  });

  it('give the published 2026 arrangement: nine days of 春节 with make-up Saturdays 14 and 28 February', () => {
    const days = calendarDays('2026-02-13', '2026-03-01');
    expect(days.filter((d) => d.holidayName === '春节').map((d) => d.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(days.filter((d) => d.isMakeupWorkday).map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28']);
    expect(days.find((d) => d.date === '2026-02-14')!.isWorkday).toBe(true);
  });
});

describe('term calendar', () => {
  it('starts the autumn semester on the first Monday of September and spring after 春节', () => {
    const [autumn, spring] = semestersOfAcademicYear(2026);
    expect(autumn).toMatchObject({
      code: '2026-2027-1',
      startDate: '2026-09-07',
      endDate: '2027-01-24',
      weeks: 20,
    });
    expect(spring).toMatchObject({ code: '2026-2027-2', startDate: '2027-02-22', weeks: 18 });
  });

  it('starts every semester on a Monday, after the previous one ends', () => {
    const all = semesters(2019, 2027);
    all.forEach((semester, index) => {
      expect(parseIsoDate(semester.startDate).getUTCDay(), semester.code).toBe(1);
      if (index > 0) expect(semester.startDate > all[index - 1]!.endDate).toBe(true);
    });
  });

  it('numbers teaching weeks and marks examination weeks and vacations', () => {
    const days = calendarDays('2026-11-23', '2027-03-01');
    expect(days[0]).toMatchObject({
      date: '2026-11-23',
      semesterCode: '2026-2027-1',
      teachingWeek: 12,
      isTeachingDay: true,
    });
    expect(days.find((d) => d.date === '2027-01-15')).toMatchObject({
      teachingWeek: 19,
      isExamWeek: true,
      isTeachingDay: false,
    });
    expect(days.find((d) => d.date === '2027-02-01')).toMatchObject({ period: '寒假', semesterCode: null });
  });

  it('covers every day of 2020–2027', () => {
    const days = calendarDays();
    expect(days).toHaveLength(366 + 365 * 3 + 366 + 365 * 3);
    expect(days[0]!.date).toBe('2020-01-01');
    expect(days.at(-1)!.date).toBe('2027-12-31');
  });
});
