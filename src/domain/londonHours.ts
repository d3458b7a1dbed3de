// London's offset from UTC is a whole hour (0 or +1) and changes on the hour, so every
// instant of one UTC hour falls on the same London calendar day. Whatever depends only on
// that day (its date written out, whether it is a working day) can be worked out once per
// hour and remembered: Intl's formatting costs microseconds, and a queue page asks for
// hundreds of London days.

const hourMs = 3_600_000;

/**
 * `compute` remembered per UTC hour. Only for what depends on the London day alone. The
 * map is cleared if it ever holds `maxHours` (by default 200,000 hours, some 23 years).
 */
export function perLondonHour<T>(compute: (at: Date) => T, maxHours = 200_000): (at: Date) => T {
  const known = new Map<number, T>();
  return (at) => {
    const hour = Math.floor(at.getTime() / hourMs);
    if (known.has(hour)) return known.get(hour) as T;
    const value = compute(at);
    if (known.size >= maxHours) known.clear();
    known.set(hour, value);
    return value;
  };
}
