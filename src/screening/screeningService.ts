// Screening names and cases against the imported lists; remembering what was found and
// the officers' verdicts on it.
//
// For the lead's integration:
// - submission: `screenSubjects(subjectsFromAnswers(answers))` before the submit
//   transaction, then `recordCaseScreening(tx, caseId, outcome, ...)` inside it;
// - the case page: `screenCase(caseId, ...)` on demand, `caseStatus(caseId)` to show hits,
//   verdicts, whether approval is blocked and the sanctions_match reasons;
// - after an import is accepted: the version's re-screening is recorded with it and runs in
//   the background (`rescreens.start()` in the app process; rescreenJob.ts); the assigned
//   officers are told of new hits through the notifications outbox.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit, type AuditEvent } from "../audit/auditLog";
import { recentCache } from "../audit/recentCache";
import { candidateFinder, type Candidate, type CandidateName } from "./candidates";
import { prepareQuery, scoreName, type EntityType, type Feature, type ScreeningQuery, type TokenPair } from "./scorer";
import { sources, type SourceId } from "./sources";
import { subjectKey, subjectsFromAnswers, type Subject, type SubjectRole } from "./subjects";
import type { ListImportService, VersionSummary } from "./listImport";
import { requireDueDiligence } from "./sanctionsRoute";
import {
  defaultRescreenSettings,
  queueRescreen,
  rescreenJobs,
  type BatchOutcome,
  type RescreenCase,
  type RescreenSettings,
} from "./rescreenJob";
import type { RaiseCaseNotifications } from "../notifications/caseEvents";

export interface ScreeningSettings {
  showThreshold: number;
  flagThreshold: number;
  /** Versions with more names are searched in the database rather than held in memory (candidates.ts). */
  maxCompiledNames?: number;
  /** The background re-screening's batch size, lease, attempts and polling (rescreenJob.ts). */
  rescreen?: Partial<RescreenSettings>;
}

export interface ListVersionRef {
  id: string;
  source: SourceId;
  sourceLabel: string;
  number: number;
  reportDate: string | null;
}

/** One listed entry that matches a screened name, with everything an officer needs to judge it. */
export interface Hit {
  entryId: string;
  /** The publisher's identifier (the UK list's Unique ID). */
  externalId: string;
  listVersion: ListVersionRef;
  score: number;
  /** At or above the flag threshold: must be resolved by an officer. */
  flagged: boolean;
  entityType: EntityType;
  primaryName: string;
  regime: string | null;
  sanctionsImposed: string[];
  statementOfReasons: string | null;
  matchedName: {
    id: string;
    name: string;
    nameType: string;
    aliasStrength: string | null;
    script: string;
  };
  explanation: { features: Feature[]; alignment: TokenPair[] };
}

export interface NameScreening {
  listVersions: ListVersionRef[];
  hits: Hit[];
}

export interface SubjectScreening {
  subject: Subject;
  hits: Hit[];
}

export interface SubjectsScreening {
  listVersions: ListVersionRef[];
  subjects: SubjectScreening[];
}

export type ScreeningTrigger = "submission" | "on_demand" | "list_import";
export type Verdict = "true_match" | "not_a_match" | "needs_review";
export const verdicts: readonly Verdict[] = ["true_match", "not_a_match", "needs_review"];

/** A match remembered on a case, as the case page shows it. */
export interface CaseMatch extends Hit {
  matchId: string;
  role: SubjectRole;
  subjectName: string;
  subjectCountry: string | null;
  foundAt: Date;
  lastSeenAt: Date;
  verdict: { verdict: Verdict; note: string | null; byId: string; at: Date } | null;
  /** The verdict on an earlier version of the same listed entry, for context (it does not carry). */
  earlierVerdict: { verdict: Verdict; note: string | null; at: Date } | null;
  /** Flagged, and no verdict yet or "needs review". */
  unresolved: boolean;
}

export interface CaseScreeningResult {
  runId: string;
  hits: CaseMatch[];
  /** Matches this screening found for the first time (to notify the assigned officer). */
  newHits: CaseMatch[];
}

/** The due-diligence reason a true or unresolved match adds to a case. */
export interface SanctionsMatchReason {
  code: "sanctions_match";
  matchId: string;
  role: SubjectRole;
  subjectName: string;
  source: SourceId;
  externalId: string;
  primaryName: string;
  regime: string | null;
  listVersion: ListVersionRef;
  verdict: Verdict | null;
}

export interface CaseScreeningStatus {
  /** When the case was last screened, and against what. */
  lastRun: { id: string; at: Date; trigger: ScreeningTrigger; versionIds: string[] } | null;
  matches: CaseMatch[];
  unresolved: CaseMatch[];
  /** True while a flagged match is unresolved: the case cannot be approved. */
  blocksApproval: boolean;
  reasons: SanctionsMatchReason[];
}

export interface RescreenResult {
  version: ListVersionRef;
  casesScreened: number;
  cases: { caseId: string; reference: string | null; assigneeId: string | null; newHits: CaseMatch[] }[];
}

export class ScreeningError extends Error {}

function versionRef(version: Pick<VersionSummary, "id" | "source" | "number" | "reportDate">): ListVersionRef {
  return {
    id: version.id,
    source: version.source,
    sourceLabel: sources[version.source].label,
    number: version.number,
    reportDate: version.reportDate ? version.reportDate.toISOString().slice(0, 10) : null,
  };
}

/** Entry types a query of a given type may match: ships never match a partner. */
function typeAllowed(query: ScreeningQuery, type: EntityType): boolean {
  if (!query.type) return true;
  if (type === "other") return true;
  return query.type === type;
}

type Db = PrismaClient | Prisma.TransactionClient;

export function screeningService(
  prisma: PrismaClient,
  lists: ListImportService,
  settings: ScreeningSettings,
  hooks: { raiseNotifications?: RaiseCaseNotifications } = {},
) {
  const jobs = rescreenJobs(
    prisma,
    {
      versionUsable: async (versionId) => (await lists.version(versionId))?.status === "accepted",
      async screenBatch(versionId, cases, actorId) {
        const version = await lists.version(versionId);
        if (!version) throw new ScreeningError("There is no such list version.");
        const ref = versionRef(version);
        const found: { item: RescreenCase; outcome: SubjectsScreening }[] = [];
        for (const item of cases) {
          if (!item.answers) continue;
          const outcome = await screenSubjectsAgainst(subjectsFromAnswers(item.answers), [ref], { onlyChanged: true });
          if (outcome.subjects.some((subject) => subject.hits.length > 0)) found.push({ item, outcome });
        }
        return async (tx) => {
          const result: BatchOutcome = { newHits: 0, newFlaggedHits: 0, cases: [] };
          for (const { item, outcome } of found) {
            const screened = await recordCaseScreening(tx, item.id, outcome, { trigger: "list_import", actorId });
            if (screened.newHits.length === 0) continue;
            result.newHits += screened.newHits.length;
            result.newFlaggedHits += screened.newHits.filter((hit) => hit.flagged).length;
            result.cases.push({
              caseId: item.id,
              reference: item.reference,
              assigneeId: item.assigneeId,
              newHits: screened.newHits,
            });
          }
          return result;
        };
      },
    },
    { ...defaultRescreenSettings, ...settings.rescreen },
  );

  const finder = candidateFinder(prisma, { maxCompiledNames: settings.maxCompiledNames ?? 100_000 });

  const listsShown = recentCache<ListVersionRef[]>({ maxAgeMs: 5_000, maxEntries: 1 });

  async function currentVersions(): Promise<ListVersionRef[]> {
    const versions = (await lists.currentVersions()).map(versionRef);
    finder.keepOnly(versions.map((version) => version.id));
    return versions;
  }

  async function screenAgainst(
    query: ScreeningQuery,
    versions: readonly ListVersionRef[],
    options: { onlyChanged?: boolean } = {},
  ): Promise<Hit[]> {
    const prepared = prepareQuery(query);
    const candidates = await finder.find(
      prepared,
      versions.map((version) => version.id),
      options,
    );
    if (candidates.length === 0) return [];
    const byVersion = new Map(versions.map((version) => [version.id, version]));
    const best = new Map<string, { candidate: Candidate; score: ReturnType<typeof scoreName> }>();
    // Ties go to the primary name, then to good aliases.
    const rank = (c: CandidateName) => (c.nameType === "primary" ? 2 : c.aliasStrength === "low" ? 0 : 1);
    for (const candidate of candidates) {
      if (!typeAllowed(query, candidate.entry.type)) continue;
      const score = scoreName(prepared, candidate, candidate.entry);
      const previous = best.get(candidate.entryId);
      if (
        !previous ||
        score.score > previous.score.score ||
        (score.score === previous.score.score && rank(candidate) > rank(previous.candidate))
      ) {
        best.set(candidate.entryId, { candidate, score });
      }
    }
    // The entries' particulars, for the hits only (most names screened have none).
    const shown = [...best].filter(([, { score }]) => score.score >= settings.showThreshold);
    if (shown.length === 0) return [];
    const entries = new Map(
      (
        await prisma.screeningEntry.findMany({
          where: { id: { in: shown.map(([entryId]) => entryId) } },
          select: {
            id: true,
            externalId: true,
            type: true,
            primaryName: true,
            regime: true,
            sanctionsImposed: true,
            statementOfReasons: true,
          },
        })
      ).map((entry) => [entry.id, entry]),
    );
    const hits: Hit[] = [];
    for (const [entryId, { candidate, score }] of shown) {
      const entry = entries.get(entryId);
      const listVersion = byVersion.get(candidate.versionId);
      if (!entry || !listVersion) continue;
      hits.push({
        entryId,
        externalId: entry.externalId,
        listVersion,
        score: score.score,
        flagged: score.score >= settings.flagThreshold,
        entityType: entry.type as EntityType,
        primaryName: entry.primaryName,
        regime: entry.regime,
        sanctionsImposed: entry.sanctionsImposed,
        statementOfReasons: entry.statementOfReasons,
        matchedName: {
          id: candidate.id,
          name: candidate.name,
          nameType: candidate.nameType,
          aliasStrength: candidate.aliasStrength,
          script: candidate.script,
        },
        explanation: { features: score.features, alignment: score.alignment },
      });
    }
    return hits.sort((a, b) => b.score - a.score || a.externalId.localeCompare(b.externalId));
  }

  async function screenSubjectsAgainst(
    subjects: readonly Subject[],
    versions: readonly ListVersionRef[],
    options: { onlyChanged?: boolean } = {},
  ): Promise<SubjectsScreening> {
    const screened: SubjectScreening[] = [];
    for (const subject of subjects) screened.push({ subject, hits: await screenAgainst(subject, versions, options) });
    return { listVersions: [...versions], subjects: screened };
  }

  async function latestSubmittedAnswers(caseId: string) {
    const proposal = await prisma.proposal.findUnique({
      where: { id: caseId },
      select: {
        id: true,
        reference: true,
        assigneeId: true,
        submissions: { orderBy: { number: "desc" }, take: 1, select: { answers: true } },
      },
    });
    if (!proposal) return undefined;
    const answers = proposal.submissions[0]?.answers;
    return {
      proposal,
      answers:
        answers && typeof answers === "object" && !Array.isArray(answers)
          ? (answers as Record<string, unknown>)
          : undefined,
    };
  }

  async function loadCaseMatches(db: Db, where: Prisma.ScreeningMatchWhereInput): Promise<CaseMatch[]> {
    const rows = await db.screeningMatch.findMany({
      where,
      include: {
        entry: true,
        matchedName: true,
        verdicts: { orderBy: { at: "desc" }, take: 1 },
      },
      orderBy: [{ score: "desc" }, { foundAt: "asc" }],
    });
    if (rows.length === 0) return [];
    const versionRows = await db.screeningListVersion.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.versionId))] } },
    });
    const versions = new Map(
      versionRows.map((row) => [
        row.id,
        versionRef({ id: row.id, source: row.source as SourceId, number: row.number, reportDate: row.reportDate }),
      ]),
    );
    // Verdicts on earlier contents of the same listed entries, for the same party.
    const earlier = await db.screeningMatch.findMany({
      where: {
        OR: rows.map((row) => ({
          proposalId: row.proposalId,
          role: row.role,
          subjectKey: row.subjectKey,
          entry: { source: row.entry.source, externalId: row.entry.externalId },
          entryId: { not: row.entryId },
        })),
        verdicts: { some: {} },
      },
      include: {
        entry: { select: { externalId: true, source: true } },
        verdicts: { orderBy: { at: "desc" }, take: 1 },
      },
      orderBy: { lastSeenAt: "desc" },
    });
    return rows.map((row) => {
      const latest = row.verdicts[0];
      const previous = earlier.find(
        (match) =>
          match.role === row.role &&
          match.subjectKey === row.subjectKey &&
          match.entry.source === row.entry.source &&
          match.entry.externalId === row.entry.externalId,
      )?.verdicts[0];
      const flagged = row.score >= settings.flagThreshold;
      const verdict = latest
        ? { verdict: latest.verdict as Verdict, note: latest.note, byId: latest.byId, at: latest.at }
        : null;
      const explanation = row.explanation as unknown as Hit["explanation"];
      return {
        matchId: row.id,
        role: row.role as SubjectRole,
        subjectName: row.subjectName,
        subjectCountry: row.subjectCountry,
        foundAt: row.foundAt,
        lastSeenAt: row.lastSeenAt,
        entryId: row.entryId,
        externalId: row.entry.externalId,
        listVersion:
          versions.get(row.versionId) ??
          versionRef({ id: row.versionId, source: row.entry.source as SourceId, number: 0, reportDate: null }),
        score: row.score,
        flagged,
        entityType: row.entry.type as EntityType,
        primaryName: row.entry.primaryName,
        regime: row.entry.regime,
        sanctionsImposed: row.entry.sanctionsImposed,
        statementOfReasons: row.entry.statementOfReasons,
        matchedName: {
          id: row.matchedName.id,
          name: row.matchedName.name,
          nameType: row.matchedName.nameType,
          aliasStrength: row.matchedName.aliasStrength,
          script: row.matchedName.script,
        },
        explanation,
        verdict,
        earlierVerdict: previous
          ? { verdict: previous.verdict as Verdict, note: previous.note, at: previous.at }
          : null,
        unresolved: flagged && (!verdict || verdict.verdict === "needs_review"),
      };
    });
  }

  /** Stores a screening of a case's parties (inside the caller's transaction) and says what is new. */
  async function recordCaseScreening(
    tx: Prisma.TransactionClient,
    caseId: string,
    outcome: SubjectsScreening,
    options: { trigger: ScreeningTrigger; actorId: string | null },
  ): Promise<CaseScreeningResult> {
    const hitCount = outcome.subjects.reduce((sum, subject) => sum + subject.hits.length, 0);
    const run = await tx.screeningRun.create({
      data: {
        proposalId: caseId,
        trigger: options.trigger,
        versionIds: outcome.listVersions.map((version) => version.id),
        subjects: outcome.subjects.map(({ subject }) => ({
          role: subject.role,
          name: subject.name,
          country: subject.country ?? null,
          type: subject.type ?? null,
        })),
        hitCount,
        newHitCount: 0,
        actorId: options.actorId,
      },
    });
    const now = new Date();
    const touched: string[] = [];
    const created: string[] = [];
    for (const { subject, hits } of outcome.subjects) {
      const key = subjectKey(subject);
      for (const hit of hits) {
        const explanation = hit.explanation as unknown as Prisma.InputJsonObject;
        const match = await tx.screeningMatch.upsert({
          where: {
            proposalId_role_subjectKey_entryId: {
              proposalId: caseId,
              role: subject.role,
              subjectKey: key,
              entryId: hit.entryId,
            },
          },
          create: {
            proposalId: caseId,
            role: subject.role,
            subjectName: subject.name,
            subjectKey: key,
            subjectCountry: subject.country ?? null,
            entryId: hit.entryId,
            versionId: hit.listVersion.id,
            matchedNameId: hit.matchedName.id,
            score: hit.score,
            explanation,
            firstRunId: run.id,
            lastRunId: run.id,
            foundAt: now,
            lastSeenAt: now,
          },
          update: {
            versionId: hit.listVersion.id,
            matchedNameId: hit.matchedName.id,
            score: hit.score,
            explanation,
            lastRunId: run.id,
            lastSeenAt: now,
          },
        });
        touched.push(match.id);
        if (match.firstRunId === run.id) created.push(match.id);
      }
    }
    await tx.screeningRun.update({ where: { id: run.id }, data: { newHitCount: created.length } });
    const hits = await loadCaseMatches(tx, { id: { in: touched } });
    const isNew = new Set(created);
    const newHits = hits.filter((hit) => isNew.has(hit.matchId));
    const screened: AuditEvent = {
      actorId: options.actorId,
      action: "screening.case_screened",
      entityType: "proposal",
      entityId: caseId,
      details: {
        runId: run.id,
        trigger: options.trigger,
        listVersions: outcome.listVersions.map((version) => `${version.source} v${version.number}`),
        subjects: outcome.subjects.map(({ subject }) => subject.role),
        hits: hitCount,
        newHits: created.length,
        newFlaggedHits: newHits.filter((hit) => hit.flagged).length,
      },
    };
    await recordAudit(tx, screened);
    // At submission the submitted case's own messages say it all (its routes included).
    const raise = options.trigger === "submission" ? undefined : hooks.raiseNotifications;
    await raise?.(tx, screened);
    await requireDueDiligence(tx, caseId, { all: hits, found: newHits }, options.actorId, raise);
    return { runId: run.id, hits, newHits };
  }

  return {
    settings,

    /** Loads the lists in use into memory (at start-up), so that the first screening does not wait for it. */
    async warm(): Promise<void> {
      await finder.warm((await currentVersions()).map((version) => version.id));
    },

    /** The list versions screening uses now (the latest accepted of each source). */
    listsInUse: () => currentVersions(),

    /**
     * The same for a page to show (the case page's screening panel): at most a few seconds
     * old, and read afresh once this process records an import or a confirmation. Screening
     * itself, and the check before an approval, always read the lists in use.
     */
    listsInUseShown: () => listsShown.get("in use", currentVersions),

    /** One name against the lists in use (the command line; the case page's "check a name"). */
    async screenName(query: ScreeningQuery): Promise<NameScreening> {
      const versions = await currentVersions();
      return { listVersions: versions, hits: await screenAgainst(query, versions) };
    },

    /** Several parties against the lists in use; writes nothing (for use before the submit transaction). */
    async screenSubjects(subjects: readonly Subject[]): Promise<SubjectsScreening> {
      return screenSubjectsAgainst(subjects, await currentVersions());
    },

    recordCaseScreening,

    /** Screens a submitted case's parties now and remembers the matches (on demand, from the case page). */
    async screenCase(
      caseId: string,
      options: { trigger?: ScreeningTrigger; actorId: string | null },
    ): Promise<CaseScreeningResult> {
      const found = await latestSubmittedAnswers(caseId);
      if (!found) throw new ScreeningError("There is no such case.");
      if (!found.answers) throw new ScreeningError("The case has not been submitted: there is nothing to screen yet.");
      const outcome = await screenSubjectsAgainst(subjectsFromAnswers(found.answers), await currentVersions());
      return prisma.$transaction((tx) =>
        recordCaseScreening(tx, caseId, outcome, { trigger: options.trigger ?? "on_demand", actorId: options.actorId }),
      );
    },

    /**
     * The case's matches for its current parties against the lists in use, with verdicts.
     * `known`: the latest submission's answers and the lists in use, when the caller (the
     * case page) has them already.
     */
    async caseStatus(
      caseId: string,
      known?: { answers: Record<string, unknown>; lists: readonly ListVersionRef[] },
    ): Promise<CaseScreeningStatus> {
      const [answers, lastRun, versions] = await Promise.all([
        known ? known.answers : latestSubmittedAnswers(caseId).then((found) => found?.answers),
        prisma.screeningRun.findFirst({ where: { proposalId: caseId }, orderBy: { at: "desc" } }),
        known ? known.lists : currentVersions(),
      ]);
      const subjects = answers ? subjectsFromAnswers(answers) : [];
      const versionIds = versions.map((version) => version.id);
      const matches =
        subjects.length === 0 || versionIds.length === 0
          ? []
          : await loadCaseMatches(prisma, {
              proposalId: caseId,
              OR: subjects.map((subject) => ({ role: subject.role, subjectKey: subjectKey(subject) })),
              // Entries no longer listed (or changed since) are no longer hits.
              entry: { versions: { some: { versionId: { in: versionIds } } } },
            });
      const unresolved = matches.filter((match) => match.unresolved);
      const reasons: SanctionsMatchReason[] = matches
        .filter((match) => match.unresolved || match.verdict?.verdict === "true_match")
        .map((match) => ({
          code: "sanctions_match",
          matchId: match.matchId,
          role: match.role,
          subjectName: match.subjectName,
          source: match.listVersion.source,
          externalId: match.externalId,
          primaryName: match.primaryName,
          regime: match.regime,
          listVersion: match.listVersion,
          verdict: match.verdict?.verdict ?? null,
        }));
      return {
        lastRun: lastRun
          ? {
              id: lastRun.id,
              at: lastRun.at,
              trigger: lastRun.trigger as ScreeningTrigger,
              versionIds: lastRun.versionIds,
            }
          : null,
        matches,
        unresolved,
        blocksApproval: unresolved.length > 0,
        reasons,
      };
    },

    /**
     * An officer's verdict on a match of the case, with its audit entry, in one transaction.
     * "Not a match" needs a note saying why.
     */
    async recordVerdict(input: {
      caseId: string;
      matchId: string;
      verdict: Verdict;
      note?: string;
      actorId: string;
    }): Promise<{ verdictId: string }> {
      const note = input.note?.trim() || null;
      if (input.verdict === "not_a_match" && !note) throw new ScreeningError("Say why it is not a match.");
      return prisma.$transaction(async (tx) => {
        const match = await tx.screeningMatch.findFirst({
          where: { id: input.matchId, proposalId: input.caseId },
          include: {
            entry: { select: { source: true, externalId: true } },
            verdicts: { orderBy: { at: "desc" }, take: 1 },
          },
        });
        if (!match) throw new ScreeningError("There is no such match on this case.");
        const verdict = await tx.screeningVerdict.create({
          data: { matchId: match.id, verdict: input.verdict, note, byId: input.actorId },
        });
        await recordAudit(tx, {
          actorId: input.actorId,
          action: "screening.verdict_recorded",
          entityType: "proposal",
          entityId: input.caseId,
          fromState: match.verdicts[0]?.verdict ?? null,
          toState: input.verdict,
          details: {
            matchId: match.id,
            verdictId: verdict.id,
            role: match.role,
            subjectName: match.subjectName,
            source: match.entry.source,
            externalId: match.entry.externalId,
            score: match.score,
            note,
          },
        });
        return { verdictId: verdict.id };
      });
    },

    /** The background re-screening after each import (rescreenJob.ts): the worker, progress, running one now. */
    rescreens: jobs,

    /**
     * Re-screens every open or approved case against a version's added and changed entries
     * now, in this process (the command line's --wait, tests): the version's job, recorded
     * when it came into use, is claimed and worked to the end. Returns the new hits per
     * case; undefined when another process is working the job.
     */
    async rescreenAfterImport(versionId: string, actorId: string | null = null): Promise<RescreenResult | undefined> {
      const version = await lists.version(versionId);
      if (!version) throw new ScreeningError("There is no such list version.");
      if (version.status !== "accepted")
        throw new ScreeningError(`Version ${version.number} is ${version.status}, not in use.`);
      await queueRescreen(prisma, versionId, actorId);
      const cases = await jobs.runVersion(versionId);
      const progress = await jobs.progress(versionId);
      if (!cases || !progress) return undefined;
      return { version: versionRef(version), casesScreened: progress.casesDone, cases };
    },
  };
}

export type ScreeningService = ReturnType<typeof screeningService>;
