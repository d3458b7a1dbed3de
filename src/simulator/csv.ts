// The simulator's changed cases as CSV: one row per case, written as the cases are found
// (csv-stringify, waiting for the reader when it falls behind), so a run over every case
// never holds the list.
import { stringify, type Stringifier } from "csv-stringify";
import { spreadsheetSafe } from "../queue/csv";
import { describeOutcome, type ReasonLine } from "./outcomes";
import type { CaseChange } from "./simulatorService";

const columns = ["Reference", "Status", "Decided on", "Before", "After", "Reasons added", "Reasons removed"];

const reasonsText = (reasons: readonly ReasonLine[]) =>
  reasons.map((reason) => `${reason.rule}: ${reason.text}`).join("\n");

export interface ChangesCsv {
  stream: Stringifier;
  /** Adds one case's row; resolves once the stream can take more. */
  add(change: CaseChange): Promise<void>;
  end(): void;
}

export function changesCsv(): ChangesCsv {
  // The byte-order mark tells Excel the file is UTF-8.
  const stream = stringify({ bom: true, header: true, columns, cast: { string: spreadsheetSafe } });
  return {
    stream,
    async add(change) {
      const ok = stream.write([
        change.reference,
        change.status,
        change.ruleSetVersion,
        describeOutcome(change.before),
        describeOutcome(change.after),
        reasonsText(change.reasonsAdded),
        reasonsText(change.reasonsRemoved),
      ]);
      if (!ok) await new Promise((resolve) => stream.once("drain", resolve));
    },
    end: () => stream.end(),
  };
}

/** The whole CSV of a list of changes, handed to `sink` chunk by chunk (for tests and small lists). */
export async function writeChangesCsv(
  changes: Iterable<CaseChange>,
  sink: (chunk: string) => void | Promise<void>,
): Promise<void> {
  const csv = changesCsv();
  const done = (async () => {
    for await (const chunk of csv.stream) await sink(String(chunk));
  })();
  for (const change of changes) await csv.add(change);
  csv.end();
  await done;
}
