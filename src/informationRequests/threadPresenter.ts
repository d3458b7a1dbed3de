// A request-for-information thread as pages show it: rounds of question and reply.
import { requestSourceLabel } from "../domain/informationRequests";
import { viewHelpers } from "../views/helpers";
import type { ThreadEntry } from "./informationRequestService";

export interface ThreadRound {
  id: string;
  number: number;
  label: string;
  askedBy: string;
  askedAt: string;
  question: string[];
  open: boolean;
  reply: { by: string; at: string; lines: string[] } | null;
  /** Answered before replies were kept: resubmitted without a written reply. */
  answeredAt: string | null;
}

const lines = (text: string) => text.split(/\r?\n/);

export function threadRounds(entries: readonly ThreadEntry[]): ThreadRound[] {
  return entries.map((entry, index) => ({
    id: entry.id,
    number: index + 1,
    label: requestSourceLabel(entry.source),
    askedBy: entry.requestedBy,
    askedAt: viewHelpers.formatDateTime(entry.requestedAt),
    question: lines(entry.message),
    open: entry.answeredAt === null,
    reply:
      entry.reply !== null && entry.answeredAt
        ? { by: entry.repliedBy ?? "", at: viewHelpers.formatDateTime(entry.answeredAt), lines: lines(entry.reply) }
        : null,
    answeredAt: entry.answeredAt && entry.reply === null ? viewHelpers.formatDateTime(entry.answeredAt) : null,
  }));
}
