// The queue's CSV starts with a UTF-8 byte-order mark: without it Excel reads the file
// as the local code page and shows "MÃ¼nchen" for München and question marks for Cyrillic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

describe(`the queue's CSV for spreadsheets (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    await submittedCase(testApp.services, "ab123", {
      title: "Zusammenarbeit mit München",
      partnerName: "Московский государственный университет",
    });
    officer = await signInAs(testApp.app, "spo01");
  });
  afterAll(() => testApp.close());

  async function download(): Promise<Buffer> {
    const response = await officer.agent
      .get("/queue/export.csv?status=all")
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          done(null, Buffer.concat(chunks));
        });
      });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    return response.body as Buffer;
  }

  it("starts with the UTF-8 byte-order mark, once", async () => {
    const bytes = await download();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 12).toString("utf8")).toBe("Reference");
    expect(bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]), 3)).toBe(-1);
  });

  it("still parses, with the accented and Cyrillic names as typed", async () => {
    const rows = parse<Record<string, string>>((await download()).toString("utf8"), { columns: true, bom: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.Title).toBe("Zusammenarbeit mit München");
    expect(rows[0]!.Partner).toBe("Московский государственный университет");
  });
});
