// Progress as the proposer's page and the head's checklist show it: one row per review and
// sign-off, and the decision, each naming people and dates.
import { decisionOutcomeLabels, reviewOutcomeLabels } from "../domain/reviews";
import { outcomeLabels } from "../signOff/signOffService";
import { viewHelpers } from "../views/helpers";
import type { CaseProgress, TaskProgress } from "./progressService";

export interface ProgressRow {
  id: string;
  label: string;
  status: { text: string; classes: string };
  lines: string[];
}

const withConditions = new Set(["cleared_with_conditions", "approved_with_conditions"]);

const labelsOfOutcomes: Partial<Record<string, string>> = { ...reviewOutcomeLabels, ...outcomeLabels };
const labelsOfDecisions: Partial<Record<string, string>> = decisionOutcomeLabels;

function outcomeLabel(outcome: string | null): string {
  if (!outcome) return "Done";
  return labelsOfOutcomes[outcome] ?? outcome;
}

const listOfNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1) ?? ""}`;

function taskRow(task: TaskProgress, options: { showNotes: boolean }): ProgressRow {
  if (task.state === "cancelled")
    return { id: task.id, label: task.label, status: { text: "Not needed", classes: "govuk-tag--grey" }, lines: [] };
  if (task.state === "open") {
    const who =
      task.waitingWith.length > 0
        ? `With ${listOfNames(task.waitingWith)}`
        : "Nobody holds this role yet: the SPO will find who does";
    return {
      id: task.id,
      label: task.label,
      status: task.blockedBy
        ? { text: "Not started", classes: "govuk-tag--grey" }
        : { text: "Waiting", classes: "govuk-tag--blue" },
      lines: task.blockedBy ? [`${task.blockedBy}.`, `${who}.`] : [`${who}.`],
    };
  }
  const by = [
    task.completedBy ? `by ${task.completedBy}` : "",
    task.completedAt ? `on ${viewHelpers.formatDateTime(task.completedAt)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  // The outcome is the row's first line: this one says who and when.
  const lines = by ? [`${by.charAt(0).toUpperCase()}${by.slice(1)}.`] : [];
  if (task.note && (options.showNotes || withConditions.has(task.outcome ?? "")))
    lines.push(`${withConditions.has(task.outcome ?? "") ? "Conditions" : "Comment"}: ${task.note}`);
  const good = task.outcome === "cleared" || task.outcome === "approved" || task.outcome === "cleared_with_conditions";
  return {
    id: task.id,
    label: task.label,
    status: { text: outcomeLabel(task.outcome), classes: good ? "govuk-tag--green" : "govuk-tag--red" },
    lines,
  };
}

export function progressView(
  progress: CaseProgress,
  options: {
    showNotes?: boolean;
    /** More lines for a kind of task (the committee's meetings). */ linesFor?: Partial<Record<string, string[]>>;
  } = {},
) {
  const rows = progress.tasks.map((task) => {
    const row = taskRow(task, { showNotes: options.showNotes ?? false });
    const more = task.state === "cancelled" ? [] : (options.linesFor?.[task.kind] ?? []);
    return { ...row, lines: [...row.lines, ...more] };
  });
  const spo: ProgressRow = {
    id: "spo",
    label: "Strategic Partnerships Office",
    status:
      progress.status === "IN_REVIEW"
        ? { text: "Reviewing", classes: "govuk-tag--blue" }
        : progress.status === "INFORMATION_REQUESTED"
          ? { text: "Waiting for the proposer", classes: "govuk-tag--orange" }
          : { text: progress.decision ? "Decided" : "Closed", classes: "govuk-tag--grey" },
    lines:
      progress.status === "IN_REVIEW"
        ? [
            progress.assigned
              ? `With ${progress.assigned} (the case officer).`
              : progress.officers.length > 0
                ? `With the SPO officers: ${listOfNames(progress.officers)}. Not yet assigned.`
                : "Not yet assigned to an officer.",
          ]
        : [],
  };
  const decision = progress.decision
    ? {
        text: labelsOfDecisions[progress.decision.outcome] ?? progress.decision.outcome,
        by: progress.decision.decidedBy,
        at: progress.decision.decidedAt ? viewHelpers.formatDateTime(progress.decision.decidedAt) : null,
        conditions: progress.decision.note,
        withConditions: withConditions.has(progress.decision.outcome),
      }
    : null;
  return { rows: [spo, ...rows], decision };
}

export type ProgressView = ReturnType<typeof progressView>;

/** For each open task, who it waits with, by name: for tables that name one task a row. */
export function waitingWithNames(progress: CaseProgress | null): Record<string, string> {
  const names: Record<string, string> = {};
  for (const task of progress?.tasks ?? [])
    if (task.state === "open")
      names[task.id] = task.waitingWith.length > 0 ? listOfNames(task.waitingWith) : "Nobody holds this role yet";
  return names;
}
