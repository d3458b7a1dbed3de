// The committee's records as the case page and the proposer's progress show them.
import { committeeOutcomeLabel, committeeOutcomeLabels, committeeOutcomes } from "../domain/committee";
import { viewHelpers } from "../views/helpers";
import type { CommitteeRecordListed } from "./committeeService";

export function committeeRecordRows(records: readonly CommitteeRecordListed[]) {
  return records.map((record) => ({
    id: record.id,
    meetingDate: viewHelpers.formatDate(record.meetingDate),
    minuteReference: record.minuteReference,
    outcome: committeeOutcomeLabel(record.outcome),
    conditions: record.conditions,
    recordedBy: record.recordedBy,
    recordedAt: viewHelpers.formatDateTime(record.recordedAt),
  }));
}

export function committeeView(records: readonly CommitteeRecordListed[], options: { mayRecord: boolean }) {
  return {
    records: committeeRecordRows(records),
    form: options.mayRecord
      ? { outcomes: committeeOutcomes.map((value) => ({ value, text: committeeOutcomeLabels[value] })) }
      : null,
  };
}

/** One line per meeting, for the committee review's row in a case's progress. */
export function committeeLines(records: readonly CommitteeRecordListed[]): string[] {
  return committeeRecordRows(records).map(
    (record) =>
      `CBELA committee, ${record.meetingDate} (minute ${record.minuteReference}): ${record.outcome}${record.conditions ? `. ${record.conditions}` : ""}.`,
  );
}
