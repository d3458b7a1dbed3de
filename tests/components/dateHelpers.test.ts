// Dates on pages are London dates. formatDate remembers each UTC hour's date, which is only
// right because London's offset is a whole hour that changes on the hour: checked here
// against Intl at every quarter hour across both of 2027's clock changes.
import { describe, expect, it } from "vitest";
import { viewHelpers } from "../../src/views/helpers";

const intl = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

describe("formatDate", () => {
  it("gives Intl's London date at every quarter hour of 2027", () => {
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 15 * 60_000) {
      const instant = new Date(ms);
      expect(viewHelpers.formatDate(instant)).toBe(intl.format(instant));
    }
  });

  it("is London's date just after midnight in summer, and empty for no date", () => {
    // 23:30 UTC on 27 June 2027 is 00:30 on 28 June in London.
    expect(viewHelpers.formatDate(new Date("2027-06-27T23:30:00Z"))).toBe("28 June 2027");
    expect(viewHelpers.formatDate("2027-12-31T23:59:59Z")).toBe("31 December 2027");
    expect(viewHelpers.formatDate(null)).toBe("");
  });
});
