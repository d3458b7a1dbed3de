// Administration > Sanctions lists: the imported versions, uploading a new one, and
// confirming or rejecting a version held because its size looked wrong. Admins only.
// An accepted version is followed by re-screening open and approved cases against its new
// and changed entries, in the background; this page shows how far it has got.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { pageNotFound } from "../routing/refusals";
import { LicenceRequiredError, ListFormatError, VersionStateError, type VersionSummary } from "./listImport";
import { uploadedFile } from "./listUpload";
import { sourceIds, sources } from "./sources";
import { viewHelpers } from "../views/helpers";

const adminOnly = rolesOnly("ADMIN");

/** The signed-in admin (the route's access check has let only them through). */
function actor(res: Response): { id: string; displayName: string } {
  const { user } = res.locals;
  if (!user) throw new Error("An admin route ran without a signed-in user");
  return { id: user.id, displayName: user.displayName };
}

const uploadForm = z.strictObject({
  source: z.enum(sourceIds, { error: "Select which list the file is" }),
});
const emptyForm = z.strictObject({});

const statusLabels: Record<VersionSummary["status"], { text: string; colour: string }> = {
  accepted: { text: "In use", colour: "green" },
  held: { text: "Held", colour: "orange" },
  rejected: { text: "Rejected", colour: "grey" },
  failed: { text: "Failed", colour: "red" },
  importing: { text: "Importing", colour: "blue" },
};

export function screeningAdminRoutes(services: Services): PageRoute[] {
  const { screeningLists, screening, config } = services;

  async function renderIndex(
    res: Response,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number; notice?: string } = {},
  ) {
    const errors = options.errors ?? noErrors;
    const versions = await screeningLists.versions();
    const current = new Set((await screeningLists.currentVersions()).map((version) => version.id));
    const rescreens = await rescreenLines(versions);
    res.status(options.status ?? 200).render("admin/screening", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Sanctions lists`,
      backLink: "/admin",
      versions: versions.map((version) => ({ ...version, inUse: current.has(version.id) })),
      rescreens,
      rescreening: rescreens.some((line) => line.status === "pending" || line.status === "running"),
      sources: sourceIds.map((id) => sources[id]),
      statusLabels,
      openSanctionsLicensed: config.screening.openSanctionsLicensed,
      maxMegabytes: Math.round(config.screening.uploadMaxBytes / 1024 / 1024),
      thresholds: config.screening,
      errors,
      values: options.values ?? {},
      notice: options.notice,
    });
  }

  async function versionOr404(req: Request, res: Response) {
    const id = String(req.params.id);
    const version = z.uuid().safeParse(id).success ? await screeningLists.version(id) : undefined;
    if (!version || version.status === "importing") pageNotFound(res);
    return version?.status === "importing" ? undefined : version;
  }

  async function renderVersion(req: Request, res: Response, options: { errors?: FormErrors; status?: number } = {}) {
    const version = await versionOr404(req, res);
    if (!version) return;
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("admin/screeningVersion", {
      title: `${errors.list.length > 0 ? "Error: " : ""}${sources[version.source].label}, version ${version.number}`,
      backLink: "/admin/screening",
      version,
      source: sources[version.source],
      statusLabels,
      errors,
    });
  }

  /** After a version comes into use: its re-screening runs in the background (rescreenJob.ts). */
  function rescreenNotice(version: VersionSummary): string {
    const entries = version.addedCount + version.changedCount;
    return `${sources[version.source].label} version ${version.number} is in use. Every open and approved case is being screened again against its ${entries.toLocaleString("en-GB")} new and changed ${entries === 1 ? "entry" : "entries"}, in the background: the progress is shown on this page.`;
  }

  /** One line for each recent re-screening: how far it has got, or what it found. */
  async function rescreenLines(versions: readonly VersionSummary[]) {
    const byId = new Map(versions.map((version) => [version.id, version]));
    const number = (n: number) => n.toLocaleString("en-GB");
    return (await screening.rescreens.recent(5)).flatMap((job) => {
      const version = byId.get(job.versionId);
      if (!version) return [];
      const list = `${sources[version.source].label} version ${version.number}`;
      const entries = version.addedCount + version.changedCount;
      const against = `against its ${number(entries)} new and changed ${entries === 1 ? "entry" : "entries"}`;
      const found = `${number(job.newHits)} new ${job.newHits === 1 ? "hit" : "hits"} on ${number(job.casesWithNewHits)} ${job.casesWithNewHits === 1 ? "case" : "cases"}`;
      const text =
        job.status === "done"
          ? `${list}: re-screened ${number(job.casesDone)} open and approved cases ${against}: ${found}. Finished ${viewHelpers.formatDateTime(job.finishedAt)}.`
          : job.status === "failed"
            ? `${list}: re-screening stopped after ${number(job.casesDone)} cases (${job.error ?? "an error"}): ${found} so far.`
            : job.casesTotal === null
              ? `${list}: re-screening ${against} is waiting to start.`
              : `${list}: re-screening ${number(job.casesDone)} of ${number(job.casesTotal)} cases ${against}: ${found} so far.${job.error ? ` The last attempt failed (${job.error}); it will be tried again.` : ""}`;
      return [{ text, status: job.status }];
    });
  }

  return [
    getRoute({
      path: "/admin/screening",
      name: "admin.screening",
      access: adminOnly,
      handler: ({ res }) => renderIndex(res),
    }),
    postRoute({
      path: "/admin/screening/upload",
      name: "admin.screening.upload",
      access: adminOnly,
      body: uploadForm,
      handler: ({ req, res }, value) => upload(req, res, { ok: true, value, raw: value }),
      invalid: ({ req, res }, { errors, raw }) => upload(req, res, { ok: false, errors, raw }),
    }),
    getRoute({
      path: "/admin/screening/versions/:id",
      name: "admin.screening.version",
      access: adminOnly,
      handler: ({ req, res }) => renderVersion(req, res),
    }),
    ...(["accept", "reject"] as const).map((decision) =>
      postRoute({
        path: `/admin/screening/versions/:id/${decision}`,
        name: `admin.screening.${decision}`,
        access: adminOnly,
        body: emptyForm,
        handler: ({ req, res }) => decide(req, res, decision),
        invalid: ({ req, res }) => decide(req, res, decision),
      }),
    ),
  ];

  /** An upload: the file and its source, checked; a held version goes to its page. */
  async function upload(
    req: Request,
    res: Response,
    input:
      | { ok: true; value: z.output<typeof uploadForm>; raw: Record<string, unknown> }
      | { ok: false; errors: FormErrors; raw: Record<string, unknown> },
  ) {
    const file = uploadedFile(req);
    const problems: Record<string, string> = input.ok ? {} : { ...input.errors.byField };
    if (!file || file.bytes.length === 0) problems.file = "Select the list file";
    else if (file.tooLarge)
      problems.file = `The file must be smaller than ${Math.round(config.screening.uploadMaxBytes / 1024 / 1024)} MB`;
    if (!input.ok || !file || Object.keys(problems).length > 0) {
      return renderIndex(res, {
        errors: fromMessages(problems, ["source", "file"]),
        values: input.raw,
        status: 400,
      });
    }
    try {
      const outcome = await screeningLists.importFile(
        input.value.source,
        { name: file.name, bytes: file.bytes },
        actor(res),
      );
      if (outcome.outcome === "duplicate") {
        await renderIndex(res, {
          notice: `This file was already imported as ${sources[outcome.version.source].label} version ${outcome.version.number}: nothing changed.`,
        });
        return;
      }
      if (outcome.version.status === "held") {
        res.redirect(303, `/admin/screening/versions/${outcome.version.id}`);
        return;
      }
      await renderIndex(res, { notice: rescreenNotice(outcome.version) });
      return;
    } catch (error) {
      if (error instanceof ListFormatError || error instanceof LicenceRequiredError) {
        return renderIndex(res, {
          errors: fromMessages({ [error instanceof LicenceRequiredError ? "source" : "file"]: error.message }),
          values: input.raw,
          status: 400,
        });
      }
      throw error;
    }
  }

  async function decide(req: Request, res: Response, decision: "accept" | "reject") {
    const version = await versionOr404(req, res);
    if (!version) return;
    let decided: VersionSummary;
    try {
      decided = await screeningLists.decideHeld(version.id, decision, actor(res));
    } catch (error) {
      if (!(error instanceof VersionStateError)) throw error;
      return renderVersion(req, res, { errors: fromMessages({ decision: error.message }), status: 409 });
    }
    if (decided.status === "accepted") return renderIndex(res, { notice: rescreenNotice(decided) });
    return renderIndex(res, {
      notice: `${sources[decided.source].label} version ${decided.number} was rejected: the version in use is unchanged.`,
    });
  }
}
