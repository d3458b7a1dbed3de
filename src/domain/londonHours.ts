// London's offset from UTC is a whole hour (0 or +1) and changes on the hour, so every
// instant of one UTC hour falls on the same London calendar day, and every instant of one
// UTC minute on the same London minute. Whatever depends only on that day (its date written
// out, whether it is a working day), or only on the minute (a date and time written out),
// can be worked out once and remembered: Intl's formatting costs microseconds, and a queue
// page asks for hundreds of London days, a case page's timeline for fifty times of day.

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/** `compute` remembered per UTC span of `spanMs`; the map is cleared if it ever holds `max`. */
function rememberedPer<T>(spanMs: number, compute: (at: Date) => T, max: number): (at: Date) => T {
  const known = new Map<number, T>();
  return (at) => {
    const span = Math.floor(at.getTime() / spanMs);
    if (known.has(span)) return known.get(span) as T;
    const value = compute(at);
    if (known.size >= max) known.clear();
    known.set(span, value);
    return value;
  };
}

/**
 * `compute` remembered per UTC hour. Only for what depends on the London day alone. The
 * map is cleared if it ever holds `maxHours` (by default 200,000 hours, some 23 years).
 */
export function perLondonHour<T>(compute: (at: Date) => T, maxHours = 200_000): (at: Date) => T {
  return rememberedPer(hourMs, compute, maxHours);
}

/**
 * `compute` remembered per UTC minute. Only for what depends on the London minute alone
 * (not seconds). The map is cleared if it ever holds `maxMinutes` (by default 50,000: a few
 * megabytes of short strings, and more distinct minutes than a day's pages show).
 */
export function perLondonMinute<T>(compute: (at: Date) => T, maxMinutes = 50_000): (at: Date) => T {
  return rememberedPer(minuteMs, compute, maxMinutes);
}
