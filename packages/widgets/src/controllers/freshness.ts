const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * `HH:mm` of `time` in `timeZone`, or `MM-DD HH:mm` when it is not the same day as `now` there (data kept
 * from an earlier day must not look current).
 */
export function formatUpdatedAt(time: number, timeZone: string, now = Date.now()): string {
  const parts = (t: number) =>
    Object.fromEntries(
      formatFor(timeZone, true)
        .formatToParts(t)
        .map((part) => [part.type, part.value]),
    );
  const at = parts(time);
  const today = parts(now);
  const hhmm = `${at.hour}:${at.minute}`;
  const sameDay = at.year === today.year && at.month === today.month && at.day === today.day;
  return sameDay ? hhmm : `${at.month}-${at.day} ${hhmm}`;
}
