// The heads' pages: what awaits their sign-off, the checklist page, and the record of a
// signed checklist (printable, and as a PDF).
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageContext, type PageRoute } from "../routing/pageRoute";
import { noErrors, type FormErrors } from "../routing/formErrors";
import { answerChanges, answerSections } from "../proposals/display";
import { routeLabel } from "../domain/reviews";
import { readDecision } from "../rules/stored";
import type { StoredAnswers } from "../proposals/proposalService";
import { countryName } from "../domain/countries";
import { roleLabels, type CurrentUser } from "../domain/roles";
import { viewHelpers } from "../views/helpers";
import { ActionNotAllowedError, NotFoundError } from "../domain/errors";
import { reviewKinds, signOffKinds } from "../domain/reviews";
import { checklistBody, checklistErrors, readChecklist } from "./checklistForm";
import {
  caseSummaryRows,
  exceptions,
  refusalMessage,
  rulesView,
  signatureItemRows,
  signatureRows,
  signerDescription,
  taskLabel,
} from "./presentation";
import {
  answerLabels,
  outcomeLabels,
  signingRole,
  SignOffRefused,
  type Refusal,
  type SignOffKind,
} from "./signOffService";
import { readSignature } from "./signature";
import { signOffUrls } from "./urls";
import { attachmentsPanel } from "../attachments/attachmentPresenter";
import { attachmentUrls } from "../attachments/urls";
import { threadRounds } from "../informationRequests/threadPresenter";
import { progressView } from "../progress/progressPresenter";
import { committeeLines } from "../committee/committeePresenter";

const signers = rolesOnly("HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL", "SPO_OFFICER");

export function signOffRoutes(services: Services): PageRoute[] {
  const { signOff, organisation, attachments, informationRequests, progress, committee } = services;

  /** The reviews and sign-offs so far, the committee's meetings with the committee review. */
  async function caseProgress(proposalId: string) {
    const found = await progress.of(proposalId);
    if (!found) return null;
    const linesFor = { [reviewKinds.acbela]: committeeLines(await committee.list(proposalId)) };
    return { ...progressView(found, { showNotes: true, linesFor }), heading: "Reviews and sign-offs so far" };
  }

  type Context = PageContext<typeof signers>;

  async function renderChecklist(
    { req, res, user }: Context,
    options: {
      status?: number;
      values?: Record<string, unknown>;
      errors?: FormErrors;
      refusal?: Refusal | null;
      problem?: string;
    } = {},
  ) {
    const loaded = await signOff.load(String(req.params.taskId), user);
    const { task, proposal, role, latestSubmission, previousSubmission } = loaded;
    const refusal = options.refusal === undefined ? loaded.refusal : options.refusal;
    const checklist = await signOff.checklist(task.kind as SignOffKind);
    const answers = (latestSubmission?.answers ?? proposal.answers) as StoredAnswers;
    const names = await organisation.departmentNames();
    const errors = options.errors ?? noErrors;
    const department = proposal.tasks
      .filter((candidate) => candidate.kind === signOffKinds.department && candidate.state === "done")
      .at(-1);
    const departmentSignature =
      task.kind === signOffKinds.school && department ? readSignature(department.signature) : null;
    res.status(options.status ?? 200).render("signOff/checklist", {
      title: `${errors.list.length > 0 ? "Error: " : ""}${taskLabel(task.kind)}: ${proposal.reference ?? proposal.title}`,
      backLink: signOffUrls.list,
      taskLabel: taskLabel(task.kind),
      proposal,
      thread: threadRounds(await informationRequests.thread(proposal.id)),
      progress: await caseProgress(proposal.id),
      attachments: attachmentsPanel(await attachments.list(proposal.id), {
        href: `${attachmentUrls.forCase(proposal.id)}?task=${task.id}`,
        text: "Add or replace files",
      }),
      summaryRows: caseSummaryRows(proposal, answers, names),
      rules: rulesView(proposal.routes, latestSubmission ? readDecision(latestSubmission.decision) : null),
      sections: answerSections(answers, names),
      departmentSignOff:
        departmentSignature && department
          ? {
              rows: [
                ...signatureRows(departmentSignature),
                {
                  key: { text: "Answers other than yes" },
                  value: {
                    lines: exceptions(departmentSignature).length > 0 ? exceptions(departmentSignature) : ["None"],
                  },
                },
              ],
              recordUrl: signOffUrls.record(department.id),
            }
          : null,
      schoolTask: task.kind === signOffKinds.school,
      reopenedBecause: task.openedBecause === "rules" ? null : task.openedBecause,
      changes:
        task.openedBecause === "rules" || !latestSubmission
          ? []
          : answerChanges(
              (previousSubmission?.answers ?? null) as StoredAnswers | null,
              latestSubmission.answers as StoredAnswers,
              names,
            ),
      signingAs:
        role === "SPO_OFFICER"
          ? `${roleLabels.SPO_OFFICER}, signing for ${task.kind === signOffKinds.school ? proposal.department?.school.name : proposal.department?.name}`
          : `${roleLabels[role]}, ${task.kind === signOffKinds.school ? proposal.department?.school.name : proposal.department?.name}`,
      refusal: refusal ? { message: refusalMessage(refusal), reason: refusal.reason } : null,
      problem: options.problem ?? null,
      canSign: task.state === "open" && !refusal,
      checklist: {
        version: checklist.version,
        items: checklist.items.map((item, index) => ({ ...item, number: index + 1 })),
      },
      values: options.values ?? {},
      version: typeof options.values?.version === "string" ? options.values.version : String(proposal.version),
      errors,
      action: signOffUrls.checklist(task.id),
      recordUrl: task.state === "done" ? signOffUrls.record(task.id) : null,
    });
  }

  /** Answers carried over to a newer checklist: only those of items still on it. */
  function carriedOver(raw: Record<string, unknown>, itemIds: readonly string[]): Record<string, unknown> {
    const kept: Record<string, unknown> = { decision: raw.decision, comment: raw.comment, version: raw.version };
    for (const id of itemIds) {
      kept[`item-${id}`] = raw[`item-${id}`];
      kept[`comment-${id}`] = raw[`comment-${id}`];
    }
    return kept;
  }

  /** The checklist changed while it was being answered: the new one, with the answers to items still on it kept. */
  async function renderChecklistChanged(context: Context, raw: Record<string, unknown>, kind: SignOffKind) {
    const checklist = await signOff.checklist(kind);
    const refusal: Refusal = { reason: "checklistChanged", currentVersion: checklist.version };
    return renderChecklist(context, {
      status: 409,
      values: carriedOver(
        raw,
        checklist.items.map((item) => item.id),
      ),
      errors: checklistErrors({ form: refusalMessage(refusal) }, checklist.items),
    });
  }

  async function renderRefusal(context: Context, refusal: Refusal) {
    const { req, res } = context;
    if (refusal.reason === "alreadySigned") {
      res.status(409).render("signOff/closed", {
        title: "This checklist is already signed",
        message: refusalMessage(refusal),
        recordUrl: signOffUrls.record(String(req.params.taskId)),
        backLink: signOffUrls.list,
      });
      return;
    }
    return renderChecklist(context, { status: refusal.reason === "ownCase" ? 403 : 409, refusal });
  }

  /** Signs with valid input; with invalid input (`inputErrors`), shows the checklist again with what was typed. */
  async function sign(context: Context, raw: Record<string, unknown>, inputErrors: FormErrors) {
    const { req, res, user } = context;
    const loaded = await signOff.load(String(req.params.taskId), user);
    if (loaded.refusal) return renderRefusal(context, loaded.refusal);
    if (loaded.task.state !== "open") {
      res.status(409).render("signOff/closed", {
        title: "This sign-off is no longer needed",
        message: `This sign-off was cancelled${loaded.task.note ? `: ${loaded.task.note}` : ""}, so nothing was signed.`,
        recordUrl: null,
        backLink: signOffUrls.list,
      });
      return;
    }
    const kind = loaded.task.kind as SignOffKind;
    const checklist = await signOff.checklist(kind);
    const valid = inputErrors.list.length === 0;
    if (valid && raw.checklistVersion !== String(checklist.version)) return renderChecklistChanged(context, raw, kind);
    const read = readChecklist(checklist.items, raw);
    if (!valid || !read.ok) {
      const byField = { ...(read.ok ? {} : read.errors.byField), ...inputErrors.byField };
      return renderChecklist(context, { status: 400, values: raw, errors: checklistErrors(byField, checklist.items) });
    }
    try {
      await signOff.sign(loaded.task.id, user, read.value);
    } catch (error) {
      if (error instanceof SignOffRefused) {
        if (error.refusal.reason === "checklistChanged") return renderChecklistChanged(context, raw, kind);
        return renderRefusal(context, error.refusal);
      }
      if (error instanceof ActionNotAllowedError)
        return renderChecklist(context, { status: 409, problem: error.message });
      throw error;
    }
    res.redirect(303, signOffUrls.record(loaded.task.id, { signed: true }));
  }

  return [
    getRoute({
      path: signOffUrls.list,
      name: "signOff.list",
      access: signers,
      handler: async ({ res, user }) => {
        const tasks = await signOff.listAwaiting(user);
        res.render("signOff/list", {
          title: "Awaiting my sign-off",
          scopeText: scopeDescription(user),
          rows: tasks.map((task) => [
            { text: task.proposal.reference ?? "–", href: signOffUrls.checklist(task.id), classes: "app-nowrap" },
            { text: task.proposal.title },
            {
              text: `${task.proposal.partnerName ?? "–"}${task.proposal.partnerCountry ? ` (${countryName(task.proposal.partnerCountry)})` : ""}`,
            },
            {
              text:
                task.kind === signOffKinds.school
                  ? `${task.proposal.department?.school.name ?? "–"} (school)`
                  : (task.proposal.department?.name ?? "–"),
            },
            {
              text: task.proposal.routes.length > 0 ? task.proposal.routes.map(routeLabel).join("; ") : "None",
            },
            { text: viewHelpers.formatDate(task.proposal.submittedAt) },
            {
              text:
                task.proposal.ownerId === user.id
                  ? "You: another head or an SPO officer must sign"
                  : task.proposal.owner.displayName,
            },
          ]),
        });
      },
    }),

    getRoute({
      path: "/sign-off/:taskId",
      name: "signOff.checklist",
      access: signers,
      handler: async (context) => {
        const { req, res, user } = context;
        const loaded = await signOff.load(String(req.params.taskId), user);
        if (loaded.task.state === "done") {
          res.redirect(303, signOffUrls.record(loaded.task.id));
          return;
        }
        if (loaded.task.state !== "open") {
          res.render("signOff/closed", {
            title: "This sign-off is no longer needed",
            message: `This sign-off was cancelled${loaded.task.note ? `: ${loaded.task.note}` : ""}.`,
            recordUrl: null,
            backLink: signOffUrls.list,
          });
          return;
        }
        await renderChecklist(context);
      },
    }),

    postRoute({
      path: "/sign-off/:taskId",
      name: "signOff.sign",
      access: signers,
      body: checklistBody,
      handler: (context, value) => sign(context, value, noErrors),
      keepsTyping: true,
      invalid: (context, form) => sign(context, form.raw, form.errors),
    }),

    getRoute({
      path: "/sign-off/:taskId/record",
      name: "signOff.record",
      access: signers,
      handler: async ({ req, res, user }) => {
        const { task, proposal, signature } = await signOff.loadRecord(String(req.params.taskId), user);
        // Not signed yet: its signers go to the checklist; anyone else who may read it finds nothing yet.
        if (task.state === "open" && signingRole(user, task)) {
          res.redirect(303, signOffUrls.checklist(task.id));
          return;
        }
        if (!signature) throw new NotFoundError();
        res.render("signOff/record", {
          title: `Signed checklist: ${taskLabel(task.kind)}, ${proposal.reference ?? proposal.title}`,
          backLink: signOffUrls.list,
          taskLabel: taskLabel(task.kind),
          proposal,
          signed: req.query.signed === "1",
          outcomeText: outcomeLabels[signature.decision],
          caseRows: [
            { key: { text: "Reference" }, value: { text: proposal.reference ?? "–" } },
            { key: { text: "Title" }, value: { text: proposal.title } },
            { key: { text: "Proposer" }, value: { text: proposal.owner.displayName } },
            { key: { text: "Department" }, value: { text: proposal.department?.name ?? "–" } },
            { key: { text: "School" }, value: { text: proposal.department?.school.name ?? "–" } },
            { key: { text: "Partner" }, value: { text: proposal.partnerName ?? "–" } },
            {
              key: { text: "Routes in force" },
              value: {
                text: proposal.routes.length > 0 ? proposal.routes.map(routeLabel).join("; ") : "None",
              },
            },
          ],
          signatureRows: signatureRows(signature),
          itemRows: signatureItemRows(signature),
          pdfUrl: signOffUrls.recordPdf(task.id),
        });
      },
    }),

    getRoute({
      path: "/sign-off/:taskId/record.pdf",
      name: "signOff.recordPdf",
      access: signers,
      handler: async ({ req, res, user }) => {
        const { task, proposal, signature } = await signOff.loadRecord(String(req.params.taskId), user);
        if (!signature) throw new NotFoundError();
        // Loaded on first use: pdfkit, its fonts and the bidi tables are megabytes of heap
        // that a process which never prints a record should not hold (the build splits it out).
        const { recordPdf } = await import("./recordPdf");
        const pdf = await recordPdf({
          title: `${taskLabel(task.kind)}: signed checklist`,
          caseLines: [
            ["Reference", proposal.reference ?? "-"],
            ["Title", proposal.title],
            ["Proposer", proposal.owner.displayName],
            ["Department", proposal.department?.name ?? "-"],
            ["School", proposal.department?.school.name ?? "-"],
            ["Partner", proposal.partnerName ?? "-"],
            ["Routes in force", proposal.routes.map(routeLabel).join("; ") || "None"],
          ],
          signatureLines: [
            ["Decision", outcomeLabels[signature.decision]],
            ["Signed by", signature.signerName],
            ["Role", signerDescription(signature)],
            ["Signed at", viewHelpers.formatDateTime(signature.signedAt)],
            ["Checklist version", `Reference data version ${signature.checklistVersion}`],
            ["Comments", signature.comment || "None"],
          ],
          items: signature.items.map((item, index) => ({
            number: index + 1,
            text: item.text,
            answer: answerLabels[item.answer],
            comment: item.comment,
          })),
        });
        const name = `${(proposal.reference ?? "case").replace(/[^A-Za-z0-9-]/g, "")}-${task.kind.replace(/_/g, "-")}.pdf`;
        res.setHeader("Content-Type", "application/pdf");
        res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
        res.send(pdf);
      },
    }),
  ];
}

function scopeDescription(user: CurrentUser): string {
  if (user.roles.some((grant) => grant.role === "SPO_OFFICER")) {
    return "As an SPO officer you see every case waiting for a sign-off, so you can sign where a head cannot (for example, their own proposal).";
  }
  const units = user.roles
    .filter((grant) => (grant.role === "HEAD_OF_DEPARTMENT" || grant.role === "HEAD_OF_SCHOOL") && grant.scopeName)
    .flatMap((grant) => (grant.scopeName ? [grant.scopeName] : []));
  return `Cases from ${units.length > 0 ? units.join(" and ") : "your units"} that are waiting for your sign-off. School sign-offs appear once the head of department has approved.`;
}
