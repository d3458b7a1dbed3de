// Attachments: the proposer's page of files for their proposal, the case's page of files
// for officers, reviewers and heads, and the download every one of them uses. Uploads are
// multipart (parsed by ./attachmentUpload before the CSRF check); a download is always
// `Content-Disposition: attachment`, nosniff, and never served as HTML.
import { z } from "zod";
import type { Request, Response } from "express";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, signedIn, type PageContext, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { ActionNotAllowedError, ForbiddenError, NotFoundError } from "../domain/errors";
import { reviewerRoleList } from "../domain/reviews";
import { isUuid } from "../db/uuid";
import type { CurrentUser } from "../domain/roles";
import { proposalUrls } from "../proposals/urls";
import { signOffUrls } from "../signOff/urls";
import { uploadedAttachment } from "./attachmentUpload";
import { acceptedKindsText, checkFile, contentDisposition, servedContentType } from "./fileCheck";
import { attachmentRows, formatSize } from "./attachmentPresenter";
import type { AttachmentRole } from "./attachmentService";
import { attachmentUrls } from "./urls";

const uploadForm = z.strictObject({
  replaces: z.union([z.literal(""), z.uuid({ error: "Choose the file to replace again" })]).optional(),
});
const removeForm = z.strictObject({});

// The SPO lead reads the files page (no form: attachments.mayAdd gives the lead none).
const caseWorkers = rolesOnly("SPO_OFFICER", "SPO_LEAD", ...reviewerRoleList, "HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL");

interface PageOptions {
  errors?: FormErrors;
  replaces?: string;
  status?: number;
  message?: string;
}

export function attachmentRoutes(services: Services): PageRoute[] {
  const { attachments, proposals, config } = services;
  const maxText = formatSize(config.attachments.maxBytes);

  /** What is wrong with the posted file, or the file's checked form. */
  async function checkUpload(req: Request) {
    const file = uploadedAttachment(req);
    if (!file) return { ok: false as const, problem: "Select a file" };
    if (file.tooLarge) return { ok: false as const, problem: `The selected file must be ${maxText} or smaller` };
    const checked = await checkFile(file);
    return checked.ok ? { ...checked, bytes: file.bytes } : checked;
  }

  /** A replace link's target, if it is one of this proposal's current files that `user` added. */
  function replaceTarget(
    list: Awaited<ReturnType<typeof attachments.list>>,
    user: CurrentUser,
    id: string | undefined,
  ) {
    return list.find((row) => row.id === id && row.uploadedById === user.id && !row.supersededAt);
  }

  async function renderProposalPage(context: PageContext<typeof signedIn>, options: PageOptions = {}) {
    const { req, res, user } = context;
    const proposal = await proposals.ownedBy(String(req.params.id), user.id);
    const [list, addAs] = await Promise.all([attachments.list(proposal.id), attachments.mayAdd(proposal.id, user)]);
    const isDraft = proposal.status === "DRAFT" && !proposal.submittedAt;
    const replacing = replaceTarget(list, user, options.replaces ?? queryId(req, "replace"));
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("attachments/page", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Files for ${proposal.title || "your proposal"}`,
      backLink: proposalUrls.view(proposal.id),
      caption: proposal.reference ?? "Draft proposal",
      heading: "Files for your proposal",
      intro: isDraft
        ? "Files you add here go with your proposal when you submit it. Until then you can remove them."
        : "Files are kept once a proposal has been submitted. To correct one, replace it: the earlier file stays on the record, marked as replaced.",
      rows: attachmentRows(list, {
        replaceUrl: (row) =>
          addAs && row.uploadedById === user.id ? attachmentUrls.forProposal(proposal.id, { replace: row.id }) : null,
        removeUrl: (row) => (isDraft ? attachmentUrls.removeFromDraft(proposal.id, row.id) : null),
      }),
      formAction: addAs ? attachmentUrls.forProposal(proposal.id) : null,
      cancelUrl: replacing ? attachmentUrls.forProposal(proposal.id) : null,
      replacing: replacing ? { id: replacing.id, fileName: replacing.fileName } : null,
      added: req.query.added === "1" && errors.list.length === 0,
      errors,
      maxText,
      acceptedKindsText,
      message: options.message,
    });
  }

  async function renderCasePage(context: PageContext<typeof caseWorkers>, options: PageOptions = {}) {
    const { req, res, user } = context;
    const caseId = String(req.params.id);
    const { proposal, role } = await attachments.roleOn(caseId, user);
    if (!proposal || !proposal.submittedAt || proposal.status === "DRAFT") throw new NotFoundError();
    // The proposer adds files on their own pages; anyone else needs to be one who may see the case.
    if (!role || role === "proposer") throw new ForbiddenError();
    const [list, addAs] = await Promise.all([attachments.list(proposal.id), attachments.mayAdd(proposal.id, user)]);
    const replacing = replaceTarget(list, user, options.replaces ?? queryId(req, "replace"));
    const errors = options.errors ?? noErrors;
    const taskId = queryId(req, "task");
    res.status(options.status ?? 200).render("attachments/page", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Files for ${proposal.reference ?? "the case"}`,
      backLink: role === "head" ? (taskId ? signOffUrls.checklist(taskId) : signOffUrls.list) : `/cases/${proposal.id}`,
      caption: proposal.reference ?? "",
      heading: "Files on this case",
      intro:
        "The proposer’s files and those added by the SPO, reviewers and heads. Files are never deleted: a replaced file stays on the record, marked as replaced.",
      rows: attachmentRows(list, {
        replaceUrl: (row) =>
          addAs && row.uploadedById === user.id ? attachmentUrls.forCase(proposal.id, { replace: row.id }) : null,
      }),
      formAction: addAs ? attachmentUrls.forCase(proposal.id) + (taskId ? `?task=${taskId}` : "") : null,
      cancelUrl: replacing ? attachmentUrls.forCase(proposal.id) : null,
      replacing: replacing ? { id: replacing.id, fileName: replacing.fileName } : null,
      added: req.query.added === "1" && errors.list.length === 0,
      errors,
      maxText,
      acceptedKindsText,
      message: options.message,
    });
  }

  /** Checks and keeps the posted file, then back to the page; problems are shown on the page. */
  async function upload(
    context: PageContext & { user: CurrentUser },
    proposalId: string,
    addAs: AttachmentRole,
    replaces: string | undefined,
    render: (options: PageOptions) => Promise<void>,
    done: string,
  ) {
    const checked = await checkUpload(context.req);
    if (!checked.ok)
      return render({
        errors: fromMessages({ file: checked.problem }),
        replaces,
        status: checked.problem.includes("or smaller") ? 413 : 400,
      });
    try {
      await attachments.add({ proposalId, user: context.user, addedAs: addAs, file: checked, replaces });
    } catch (error) {
      if (!(error instanceof ActionNotAllowedError)) throw error;
      return render({ errors: fromMessages({ file: error.message }), status: 409 });
    }
    context.res.redirect(303, done);
  }

  return [
    getRoute({
      path: "/proposals/:id/attachments",
      name: "proposal.attachments",
      access: signedIn,
      handler: (context) => renderProposalPage(context),
    }),
    postRoute({
      path: "/proposals/:id/attachments",
      name: "proposal.addAttachment",
      access: signedIn,
      body: uploadForm,
      handler: async (context, form) => {
        const proposal = await proposals.ownedBy(String(context.req.params.id), context.user.id);
        const addAs = await attachments.mayAdd(proposal.id, context.user);
        if (!addAs)
          return renderProposalPage(context, {
            status: 409,
            message: "Files can be added only while the proposal is a draft or answering a request for information.",
          });
        const replaces = form.replaces || undefined;
        return upload(
          context,
          proposal.id,
          addAs,
          replaces,
          (options) => renderProposalPage(context, options),
          attachmentUrls.forProposal(proposal.id, { added: true }),
        );
      },
      invalid: (context, form) => renderProposalPage(context, { errors: form.errors, status: 400 }),
    }),
    postRoute({
      path: "/proposals/:id/attachments/:attachmentId/remove",
      name: "proposal.removeAttachment",
      access: signedIn,
      body: removeForm,
      handler: async (context) => {
        const proposal = await proposals.ownedBy(String(context.req.params.id), context.user.id);
        try {
          await attachments.removeFromDraft(proposal.id, String(context.req.params.attachmentId), context.user);
        } catch (error) {
          if (!(error instanceof ActionNotAllowedError)) throw error;
          return renderProposalPage(context, { status: 409, message: error.message });
        }
        context.res.redirect(303, attachmentUrls.forProposal(proposal.id));
      },
      invalid: (context, form) => renderProposalPage(context, { errors: form.errors, status: 400 }),
    }),
    getRoute({
      path: "/cases/:id/attachments",
      name: "case.attachments",
      access: caseWorkers,
      handler: (context) => renderCasePage(context),
    }),
    postRoute({
      path: "/cases/:id/attachments",
      name: "case.addAttachment",
      access: caseWorkers,
      body: uploadForm,
      handler: async (context, form) => {
        const caseId = String(context.req.params.id);
        const { proposal, role } = await attachments.roleOn(caseId, context.user);
        if (!proposal || !proposal.submittedAt) throw new NotFoundError();
        // The lead reads files and adds none.
        if (!role || role === "proposer" || role === "lead") throw new ForbiddenError();
        const addAs = await attachments.mayAdd(caseId, context.user);
        if (!addAs)
          return renderCasePage(context, { status: 409, message: "Files can be added only while the case is open." });
        const taskId = queryId(context.req, "task");
        return upload(
          context,
          caseId,
          addAs,
          form.replaces || undefined,
          (options) => renderCasePage(context, options),
          attachmentUrls.forCase(caseId, { added: true }) + (taskId ? `&task=${taskId}` : ""),
        );
      },
      invalid: (context, form) => renderCasePage(context, { errors: form.errors, status: 400 }),
    }),
    getRoute({
      path: "/attachments/:attachmentId",
      name: "attachment.download",
      access: signedIn,
      handler: async ({ req, res, user }) => {
        const attachment = await attachments.download(String(req.params.attachmentId), user);
        send(res, attachment);
      },
    }),
  ];
}

/** A UUID from the query string, or undefined. */
function queryId(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" && isUuid(value) ? value : undefined;
}

/** Always a download, never rendered by the browser: nosniff, and only a known type (else bytes). */
function send(res: Response, attachment: { fileName: string; contentType: string; content: Uint8Array }) {
  res.set({
    "Content-Type": servedContentType(attachment.contentType),
    "Content-Disposition": contentDisposition(attachment.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    // Even if a browser did render it, it could run nothing and reach nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  res.send(Buffer.from(attachment.content));
}
