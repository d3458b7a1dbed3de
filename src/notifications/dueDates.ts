// When a task is due: the one rule the reminders, the attention list and the queue share.
// A task is due a number of working days (an admin's setting per kind) after its clock
// started, and escalated when overdue by as many working days again.
import { signOffKinds, taskLabels, isTaskKind } from "../domain/reviews";
import { addWorkingDays, londonDay } from "./workingDays";

export interface DueSettings {
  signOff: number;
  review: number;
  information: number;
}

export type TaskClass = keyof DueSettings;

export function taskClassOf(kind: string): TaskClass {
  return kind === signOffKinds.department || kind === signOffKinds.school ? "signOff" : "review";
}

/** When a task opened on `openedAt` is due, and when it is escalated (overdue by as many working days again). */
export function dueDates(openedAt: Date, workingDays: number): { dueAt: Date; escalateAt: Date } {
  const dueAt = addWorkingDays(openedAt, workingDays);
  return { dueAt, escalateAt: addWorkingDays(dueAt, workingDays) };
}

/**
 * When an open task's clock started: when it opened, except a school sign-off's, which
 * starts when the department approved (null: the department has not, so it is not yet due).
 */
export function taskStartedAt(kind: string, createdAt: Date, departmentApprovedAt: Date | null): Date | null {
  if (kind !== signOffKinds.school) return createdAt;
  if (!departmentApprovedAt) return null;
  return departmentApprovedAt > createdAt ? departmentApprovedAt : createdAt;
}

/** Something a case waits for: an open task, or (kind "information") an unanswered request for information. */
export interface WaitingTask {
  kind: string;
  openedAt: Date;
  /** For a school sign-off: when the department last approved. */
  departmentApprovedAt: Date | null;
}

export type DueState = "overdue" | "today" | "upcoming";

export interface NextDue {
  what: string;
  dueAt: Date;
  state: DueState;
}

/** Overdue once the moment has passed (as the attention list says); due today on its London day. */
export function dueState(dueAt: Date, now: Date): DueState {
  if (now > dueAt) return "overdue";
  return londonDay(dueAt) === londonDay(now) ? "today" : "upcoming";
}

/** The soonest due of what a case waits for, or null if nothing has a due date yet. */
export function nextDue(waiting: readonly WaitingTask[], due: DueSettings, now: Date): NextDue | null {
  let next: { what: string; dueAt: Date } | null = null;
  for (const task of waiting) {
    const information = task.kind === "information";
    const start = information ? task.openedAt : taskStartedAt(task.kind, task.openedAt, task.departmentApprovedAt);
    if (!start) continue;
    const dueAt = addWorkingDays(start, information ? due.information : due[taskClassOf(task.kind)]);
    if (next && next.dueAt <= dueAt) continue;
    const what = information
      ? "Answer to a request for information"
      : isTaskKind(task.kind)
        ? taskLabels[task.kind]
        : "Task";
    next = { what, dueAt };
  }
  return next ? { ...next, state: dueState(next.dueAt, now) } : null;
}
