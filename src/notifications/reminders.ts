// Reminders, escalations and daily digests: found by a sweep that any process may run at
// any time, as often as it likes (pg-boss schedules run it: notificationService.ts). Every message it writes has a key (the task and the
// recipient; the person and the day), so two processes sweeping at once, or one sweeping
// every minute, write each message once.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import { openStates } from "../domain/caseStates";
import { routeLabel, routeOfReview, signOffKinds, taskLabels, isTaskKind } from "../domain/reviews";
import { proposalUrls } from "../proposals/urls";
import { signOffUrls } from "../signOff/urls";
import { renderCaseMessage, renderDigest } from "./messages";
import { enqueue, type OutgoingMessage, type Recipient } from "./outbox";
import { departmentHeads, officersFor, person, reviewersOf, schoolHeads } from "./people";
import { caseUrl } from "./caseEvents";
import { notificationUrls } from "./urls";
import { londonDay, londonHour } from "./workingDays";
import { dueDates, taskClassOf, taskStartedAt, type DueSettings } from "./dueDates";

/**
 * A sweep looks back this far: past twice the longest due time (60 working days), with
 * bank holidays, a task has had its reminder and its escalation; one opened before (a
 * backlog from before e-mail was switched on) is not chased by a flood of mail.
 */
export const sweepWindowDays = 180;
/** At most this many tasks a sweep, so that one sweep never holds the database for long. */
const sweepLimit = 2_000;

/** The digest goes out at 08:00 UK time. */
export const digestHour = 8;

interface SweepCase {
  id: string;
  reference: string | null;
  title: string;
  ownerId: string;
  assigneeId: string | null;
  departmentId: string | null;
}

export function reminderSweep(prisma: PrismaClient, settings: { baseUrl: string; due: () => Promise<DueSettings> }) {
  const absolute = (path: string) => new URL(path, settings.baseUrl).toString();

  function messagesFor(
    key: string,
    kind: "reminder" | "escalation",
    proposal: SweepCase,
    to: Recipient[],
    need: string,
    path: string,
  ): OutgoingMessage[] {
    const link = absolute(path);
    return to.map((recipient) => ({
      idempotencyKey: `${key}:${recipient.id}`,
      kind,
      proposalId: proposal.id,
      recipient,
      asksToAct: true,
      link,
      content: renderCaseMessage({
        kind,
        recipientName: recipient.displayName,
        reference: proposal.reference ?? "",
        title: proposal.title,
        need,
        link,
        settingsLink: absolute(notificationUrls.settings),
      }),
    }));
  }

  /** When an open task's clock started: a school sign-off's when the department approved. */
  async function startedAt(task: { proposalId: string; kind: string; createdAt: Date }): Promise<Date | null> {
    if (task.kind !== signOffKinds.school) return task.createdAt;
    const department = await prisma.caseTask.findFirst({
      where: { proposalId: task.proposalId, kind: signOffKinds.department, state: "done", outcome: "approved" },
      orderBy: { completedAt: "desc" },
      select: { completedAt: true },
    });
    return taskStartedAt(task.kind, task.createdAt, department?.completedAt ?? null);
  }

  async function tasks(now: Date, due: DueSettings): Promise<number> {
    const minimumDays = Math.min(due.signOff, due.review);
    const open = await prisma.caseTask.findMany({
      where: {
        state: "open",
        createdAt: {
          lte: new Date(now.getTime() - minimumDays * 86_400_000),
          gte: new Date(now.getTime() - sweepWindowDays * 86_400_000),
        },
        proposal: { status: { in: [...openStates] } },
      },
      orderBy: { createdAt: "asc" },
      take: sweepLimit,
      select: {
        id: true,
        kind: true,
        proposalId: true,
        createdAt: true,
        proposal: {
          select: { id: true, reference: true, title: true, ownerId: true, assigneeId: true, departmentId: true },
        },
      },
    });
    const done = await writtenKeys(open.map((task) => task.proposalId));
    let written = 0;
    for (const task of open) {
      if (!isTaskKind(task.kind)) continue;
      const workingDays = due[taskClassOf(task.kind)];
      const start = await startedAt(task);
      if (!start) continue;
      const { dueAt, escalateAt } = dueDates(start, workingDays);
      const label = taskLabels[task.kind];
      const signOff = taskClassOf(task.kind) === "signOff";
      const path = signOff ? signOffUrls.checklist(task.id) : caseUrl(task.proposalId);
      if (now >= dueAt && !done.has(`reminder:${task.id}`)) {
        const route = routeOfReview(task.kind);
        const holders = route
          ? await reviewersOf(prisma, route)
          : task.kind === signOffKinds.school
            ? await schoolHeads(prisma, task.proposal.departmentId)
            : await departmentHeads(prisma, task.proposal.departmentId);
        const need = `The ${route ? routeLabel(route).toLowerCase() : label.toLowerCase()} of this case was due on ${dueAt.toDateString()}. Please complete it.`;
        written += await enqueueIn(
          messagesFor(`reminder:${task.id}`, "reminder", task.proposal, holders, need, path),
          task.proposal.ownerId,
        );
      }
      if (now >= escalateAt && !done.has(`escalation:${task.id}`)) {
        const officers = await officersFor(prisma, task.proposal.assigneeId);
        const heads = signOff ? await schoolHeads(prisma, task.proposal.departmentId) : [];
        const need = `The ${label.toLowerCase()} of this case is overdue: it was due on ${dueAt.toDateString()} and the reminder has not brought it in. Please chase it.`;
        written += await enqueueIn(
          messagesFor(
            `escalation:${task.id}`,
            "escalation",
            task.proposal,
            [...officers, ...heads.filter((head) => !officers.some((officer) => officer.id === head.id))],
            need,
            caseUrl(task.proposalId),
          ),
          task.proposal.ownerId,
        );
      }
    }
    return written;
  }

  async function informationRequests(now: Date, due: DueSettings): Promise<number> {
    const open = await prisma.informationRequest.findMany({
      where: {
        answeredAt: null,
        requestedAt: {
          lte: new Date(now.getTime() - due.information * 86_400_000),
          gte: new Date(now.getTime() - sweepWindowDays * 86_400_000),
        },
        proposal: { status: "INFORMATION_REQUESTED" },
      },
      orderBy: { requestedAt: "asc" },
      take: sweepLimit,
      select: {
        id: true,
        proposalId: true,
        requestedAt: true,
        proposal: {
          select: { id: true, reference: true, title: true, ownerId: true, assigneeId: true, departmentId: true },
        },
      },
    });
    const done = await writtenKeys(open.map((request) => request.proposalId));
    let written = 0;
    for (const request of open) {
      const { dueAt, escalateAt } = dueDates(request.requestedAt, due.information);
      const key = `information:${request.id}`;
      if (now >= dueAt && !done.has(`reminder:${key}`)) {
        const need = `The SPO asked for more information about your proposal and has not had an answer; it was due on ${dueAt.toDateString()}. Please sign in, change your answers and resubmit, or withdraw it.`;
        written += await enqueueIn(
          messagesFor(
            `reminder:${key}`,
            "reminder",
            request.proposal,
            await person(prisma, request.proposal.ownerId),
            need,
            proposalUrls.view(request.proposalId),
          ),
          null,
        );
      }
      if (now >= escalateAt && !done.has(`escalation:${key}`)) {
        const need = `The proposer has not answered a request for information that was due on ${dueAt.toDateString()}. Please follow it up.`;
        written += await enqueueIn(
          messagesFor(
            `escalation:${key}`,
            "escalation",
            request.proposal,
            (await officersFor(prisma, request.proposal.assigneeId)).filter(
              (officer) => officer.id !== request.proposal.ownerId,
            ),
            need,
            caseUrl(request.proposalId),
          ),
          null,
        );
      }
    }
    return written;
  }

  /** Reminder and escalation keys already written for these cases, without the recipient. */
  async function writtenKeys(proposalIds: string[]): Promise<Set<string>> {
    if (proposalIds.length === 0) return new Set();
    const rows = await prisma.notification.findMany({
      where: { proposalId: { in: [...new Set(proposalIds)] }, kind: { in: ["reminder", "escalation"] } },
      select: { idempotencyKey: true },
    });
    return new Set(rows.map((row) => row.idempotencyKey.slice(0, row.idempotencyKey.lastIndexOf(":"))));
  }

  async function enqueueIn(messages: OutgoingMessage[], ownerId: string | null): Promise<number> {
    const wanted = ownerId ? messages.filter((message) => message.recipient.id !== ownerId) : messages;
    if (wanted.length === 0) return 0;
    return prisma.$transaction((tx) => enqueue(tx, wanted));
  }

  /** Once a day from 08:00 UK time: each person's held messages, in one e-mail. */
  async function digests(now: Date): Promise<number> {
    if (londonHour(now) < digestHour) return 0;
    const day = londonDay(now);
    const waiting = await prisma.notification.findMany({
      where: { status: "held" },
      distinct: ["recipientId"],
      select: { recipientId: true },
    });
    let written = 0;
    for (const { recipientId } of waiting) {
      written += await prisma.$transaction(async (tx) => {
        const recipient = await tx.user.findUnique({
          where: { id: recipientId },
          select: { id: true, email: true, displayName: true, disabled: true },
        });
        const held = await tx.notification.findMany({
          where: { recipientId, status: "held" },
          orderBy: { createdAt: "asc" },
          select: { id: true, subject: true, link: true, asksToAct: true },
        });
        if (!recipient || recipient.disabled || held.length === 0) return 0;
        const id = randomUUID();
        const link = absolute("/");
        const content = renderDigest(recipient.displayName, day, held, absolute(notificationUrls.settings));
        const { count } = await tx.notification.createMany({
          data: [
            {
              id,
              idempotencyKey: `digest:${recipientId}:${day}`,
              kind: "digest",
              recipientId,
              toAddress: recipient.email,
              subject: content.subject,
              text: content.text,
              html: content.html,
              link,
              asksToAct: held.some((item) => item.asksToAct),
            },
          ],
          skipDuplicates: true,
        });
        // Today's digest has gone already (this process or another): these wait for tomorrow's.
        if (count === 0) return 0;
        await tx.notification.updateMany({
          where: { id: { in: held.map((item) => item.id) }, status: "held" },
          data: { status: "digested", digestId: id },
        });
        return 1;
      });
    }
    return written;
  }

  async function reminders(now: Date): Promise<number> {
    const due = await settings.due();
    return (await tasks(now, due)) + (await informationRequests(now, due));
  }

  return {
    /** The reminders and escalations due at `now`; returns how many messages. */
    reminders,
    /** Today's digests, once it is 08:00 in London; returns how many. */
    digests,
    /** Writes the reminders, escalations and digests due at `now`; returns how many messages. */
    async sweep(now: Date = new Date()): Promise<{ reminders: number; digests: number }> {
      return { reminders: await reminders(now), digests: await digests(now) };
    },
  };
}

export type ReminderSweep = ReturnType<typeof reminderSweep>;
