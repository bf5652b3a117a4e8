// Time zones for mingo's date expressions the way mongod reads them. mingo only recognises
// "Area/Location" names (letters and underscores, one slash) and "+hh:mm" offsets, so "UTC", "GMT",
// "Etc/GMT+5", "America/Argentina/Buenos_Aires" or "America/Port-au-Prince" failed, and an unknown name
// was not mongod's error. The overrides evaluate the `timezone` argument and hand mingo a form it
// understands: the same zone under a name it accepts (DST kept: mingo computes each instant's offset),
// or, for zones it cannot name, the zone's offset at the operation's instant. Unknown zones fail with
// mongod's code 40485. `$dateTrunc` is reimplemented around mingo's (see below).
import { fail } from './errors';
import { baseOp, evalExpr, type ExprOp } from './mingoInternal';
import { isPlainObject, type Doc } from './values';

const MINGO_NAME = /^[a-zA-Z_]+\/[a-zA-Z_]+$/;
const OFFSET = /^[+-]\d{2}(:?\d{2})?$/;
const UTC_ALIASES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'UCT']);

const validZones = new Map<string, boolean>();
function isIanaZone(tz: string): boolean {
  let ok = validZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(tz, ok);
  }
  return ok;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, string>();
const QUARTER_HOUR = 15 * 60_000;

/**
 * The UTC offset of `tz` at `instant`, as "+hh:mm". Offsets are multiples of 15 minutes and change at
 * local wall times on such boundaries, so the offset is constant within a UTC quarter hour and is
 * remembered per (zone, quarter hour): grouping thousands of documents by local day formats each
 * quarter hour once instead of every document.
 */
export function offsetAt(tz: string, instant: Date): string {
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR);
  const key = `${tz}|${quarter}`;
  const hit = offsets.get(key);
  if (hit) return hit;
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const at = quarter * QUARTER_HOUR;
  const parts = f.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const minutes = Math.round((wall - at) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * A timezone value mingo understands for `instant`, or undefined when none was given. With
 * `exactAtInstant` (operators whose result depends only on the offset at that instant) a named zone
 * becomes its offset there, which is also much faster than mingo's per-document zone lookup.
 */
export function resolveTimezone(tz: unknown, instant: unknown, exactAtInstant = false): string | undefined {
  if (tz === undefined || tz === null) return undefined;
  if (typeof tz !== 'string') fail(40517, `timezone must evaluate to a string, found ${typeof tz}`);
  if (UTC_ALIASES.has(tz)) return '+00:00';
  if (OFFSET.test(tz)) return tz;
  if (!isIanaZone(tz)) fail(40485, `unrecognized time zone identifier: "${tz}"`);
  if (MINGO_NAME.test(tz) && !(exactAtInstant && instant instanceof Date)) return tz;
  const at = instant instanceof Date ? instant : new Date();
  return offsetAt(tz, at);
}

/** Wraps a date operator whose argument document may carry `timezone` (and a date field). */
function withTimezone(rel: string, name: string, dateField: string, exactAtInstant: boolean): ExprOp {
  const base = baseOp<ExprOp>(`expression/date/${rel}`, name);
  return (obj, expr, options) => {
    if (!isPlainObject(expr) || !('timezone' in expr)) return base(obj, expr, options);
    const spec = expr as Doc;
    const tz = evalExpr(obj, spec.timezone, options);
    const instant = evalExpr(obj, spec[dateField], options);
    const resolved = resolveTimezone(tz, instant, exactAtInstant);
    const next: Doc = { ...spec };
    if (resolved === undefined) delete next.timezone;
    else next.timezone = { $literal: resolved };
    return base(obj, next, options);
  };
}

const PART_OPS = [
  'year',
  'month',
  'dayOfMonth',
  'dayOfWeek',
  'dayOfYear',
  'hour',
  'minute',
  'second',
  'millisecond',
  'week',
  'isoWeek',
  'isoWeekYear',
  'isoDayOfWeek',
] as const;

const offsetMinutes = (offset: string) => {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
};

const baseTrunc = baseOp<ExprOp>('expression/date/dateTrunc.js', '$dateTrunc');

/**
 * `$dateTrunc` with a zone. mingo truncates the UTC calendar date whatever the zone (an instant late in
 * the evening west of Greenwich went to the next day). mongod truncates the local date: the instant is
 * moved to its local wall-clock time, truncated there (mingo's UTC truncation is right for that), and
 * the start of the unit is anchored back with the zone's offset in force at that start, which differs
 * from the input's when a DST change lies in between.
 */
function $dateTrunc(obj: unknown, expr: unknown, options: Record<string, unknown>): unknown {
  if (!isPlainObject(expr) || !('timezone' in expr)) return baseTrunc(obj, expr, options);
  const { timezone, ...rest } = expr as Doc;
  const tz = evalExpr(obj, timezone, options);
  const date = evalExpr(obj, rest.date, options);
  resolveTimezone(tz, date); // mongod's errors for a bad zone
  if (tz === null || tz === undefined || !(date instanceof Date)) return baseTrunc(obj, rest, options);
  const zone = tz as string;
  const offsetOf = (instant: Date) =>
    UTC_ALIASES.has(zone)
      ? 0
      : OFFSET.test(zone)
        ? offsetMinutes(zone)
        : offsetMinutes(offsetAt(zone, instant));
  const before = offsetOf(date);
  const wall = baseTrunc(
    obj,
    { ...rest, date: { $literal: new Date(date.getTime() + before * 60_000) } },
    options,
  );
  if (!(wall instanceof Date)) return wall;
  const start = new Date(wall.getTime() - before * 60_000);
  const after = offsetOf(start);
  return after === before ? start : new Date(wall.getTime() - after * 60_000);
}

export const dateExpressions: Record<string, ExprOp> = {
  $dateToString: withTimezone('dateToString.js', '$dateToString', 'date', true),
  $dateToParts: withTimezone('dateToParts.js', '$dateToParts', 'date', true),
  $dateTrunc,
  $dateAdd: withTimezone('dateAdd.js', '$dateAdd', 'startDate', false),
  $dateSubtract: withTimezone('dateSubtract.js', '$dateSubtract', 'startDate', false),
  $dateDiff: withTimezone('dateDiff.js', '$dateDiff', 'startDate', false),
  ...Object.fromEntries(PART_OPS.map((op) => [`$${op}`, withTimezone(`${op}.js`, `$${op}`, 'date', true)])),
};
