// Dates and times are written in London's time, remembered per hour or minute
// (src/domain/londonHours.ts): what is remembered must never leak across a clock change,
// across a minute, or between two callers.
import { describe, expect, it } from "vitest";
import { perLondonMinute } from "../../src/domain/londonHours";
import { viewHelpers } from "../../src/views/helpers";

describe("London dates and times", () => {
  it("writes each minute in London's time, on either side of the clocks going forward", () => {
    // 29 March 2026: at 01:00 UTC London goes from GMT to BST.
    expect(viewHelpers.formatDateTime(new Date("2026-03-29T00:59:30Z"))).toBe("29 March 2026 at 00:59");
    expect(viewHelpers.formatDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29 March 2026 at 02:00");
    expect(viewHelpers.formatDateTime("2026-10-25T00:30:00Z")).toBe("25 October 2026 at 01:30");
    expect(viewHelpers.formatDateTime("2026-10-25T01:30:00Z")).toBe("25 October 2026 at 01:30");
    expect(viewHelpers.formatDate(new Date("2026-03-28T23:30:00Z"))).toBe("28 March 2026");
    expect(viewHelpers.formatDateTime(null)).toBe("");
  });

  it("remembers a minute's text, and works each new minute out again", () => {
    const asked: number[] = [];
    const minuteOf = perLondonMinute((at) => {
      asked.push(at.getTime());
      return at.toISOString().slice(0, 16);
    }, 3);
    expect(minuteOf(new Date("2026-12-02T10:15:01Z"))).toBe("2026-12-02T10:15");
    expect(minuteOf(new Date("2026-12-02T10:15:59Z"))).toBe("2026-12-02T10:15");
    expect(minuteOf(new Date("2026-12-02T10:16:00Z"))).toBe("2026-12-02T10:16");
    expect(asked).toHaveLength(2);
    // Full (3 minutes): cleared, and still right.
    minuteOf(new Date("2026-12-02T10:17:00Z"));
    expect(minuteOf(new Date("2026-12-02T10:18:00Z"))).toBe("2026-12-02T10:18");
    expect(minuteOf(new Date("2026-12-02T10:15:30Z"))).toBe("2026-12-02T10:15");
    expect(asked).toHaveLength(5);
  });
});
