// The rules simulator: every submitted case in scope decided again with candidate reference
// data, and compared with the decision the case has now (its newest submission's, or the
// newest re-run of it). Cases are read in keyset-paginated batches by id, only the columns
// the rules need, so memory stays flat however many cases there are; each changed case is
// handed to the caller as it is found (the page keeps the first few, the CSV writes them
// all), and the counts are kept as it goes.
import type { PrismaClient } from "../generated/prisma/client";
import type { ReferenceData } from "../reference/defaults";
import { referenceDataSchema } from "../reference/defaults";
import { decide } from "../rules";
import { readDecision } from "../rules/stored";
import type { Answers } from "../domain/questions";
import { openStates } from "../domain/caseStates";
import { compareDecisions, countRoutes, emptyRouteCounts, type CaseComparison, type RouteCounts } from "./outcomes";

/** Which cases to replay: all submitted ones, those first submitted in a date range, or the open ones. */
export interface SimulationScope {
  /** First submitted on or after this day (YYYY-MM-DD, UTC). */
  since?: string;
  /** First submitted on or before this day (YYYY-MM-DD, UTC). */
  until?: string;
  openOnly?: boolean;
  /** At most this many cases, in id order (the command line's --limit). */
  limit?: number;
}

export interface CaseChange extends CaseComparison {
  id: string;
  reference: string;
  status: string;
  /** The version of the decision the case has now. */
  ruleSetVersion: string;
}

export interface SimulationSummary {
  cases: number;
  changed: number;
  byRoute: RouteCounts;
  candidateVersion: number;
  ms: number;
}

export interface SimulationOptions {
  batchSize?: number;
  onChange?: (change: CaseChange) => void | Promise<void>;
  onProgress?: (progress: { cases: number; changed: number }) => void | Promise<void>;
}

interface CaseRow {
  id: string;
  reference: string;
  status: string;
  answers: unknown;
  decision: unknown;
  rule_set_version: string;
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

export function simulatorService(prisma: PrismaClient) {
  /** One batch of cases after `after` in id order: the newest submission and its current decision. */
  async function batch(scope: SimulationScope, after: string, size: number): Promise<CaseRow[]> {
    const since = scope.since ? new Date(`${scope.since}T00:00:00Z`) : null;
    const until = scope.until ? dayAfter(scope.until) : null;
    const states = scope.openOnly ? [...openStates] : null;
    // Decisions are jsonb; the answers too. The newest re-run of the newest submission, if
    // any, is the case's decision now (src/simulator/rerun.ts).
    return prisma.$queryRaw<CaseRow[]>`
      SELECT p."id"::text AS "id", p."reference", p."status"::text AS "status", s."answers",
             COALESCE(r."decision", s."decision") AS "decision",
             COALESCE(r."rule_set_version", s."rule_set_version") AS "rule_set_version"
      FROM "proposal" p
      CROSS JOIN LATERAL (
        SELECT "number", "answers", "decision", "rule_set_version" FROM "proposal_submission"
        WHERE "proposal_id" = p."id" ORDER BY "number" DESC LIMIT 1
      ) s
      LEFT JOIN LATERAL (
        SELECT "decision", "rule_set_version" FROM "rules_rerun"
        WHERE "proposal_id" = p."id" AND "submission_number" = s."number"
        ORDER BY "rerun_at" DESC LIMIT 1
      ) r ON TRUE
      WHERE p."reference" IS NOT NULL
        AND p."id" > ${after}::uuid
        AND (${since}::timestamptz IS NULL OR p."submitted_at" >= ${since}::timestamptz)
        AND (${until}::timestamptz IS NULL OR p."submitted_at" < ${until}::timestamptz)
        AND (${states}::text[] IS NULL OR p."status"::text = ANY(${states}::text[]))
      ORDER BY p."id"
      LIMIT ${size}`;
  }

  return {
    /** Reference data by version number, any version (published or draft); undefined if there is none. */
    async candidate(version: number): Promise<ReferenceData | undefined> {
      const row = await prisma.referenceDataVersion.findUnique({
        where: { version },
        select: { version: true, data: true },
      });
      if (!row) return undefined;
      return referenceDataSchema.parse({ ...(row.data as object), version: row.version });
    },

    async simulate(
      candidate: ReferenceData,
      scope: SimulationScope = {},
      options: SimulationOptions = {},
    ): Promise<SimulationSummary> {
      const started = performance.now();
      const batchSize = options.batchSize ?? 2_000;
      const byRoute = emptyRouteCounts();
      let cases = 0;
      let changed = 0;
      let after = "00000000-0000-0000-0000-000000000000";
      for (;;) {
        const wanted = scope.limit === undefined ? batchSize : Math.min(batchSize, scope.limit - cases);
        if (wanted <= 0) break;
        const rows = await batch(scope, after, wanted);
        for (const row of rows) {
          // The answers were checked by answersSchema when they were submitted; answers from
          // an earlier form are decided with the defaults the rules apply (notAsked).
          const now = decide(row.answers as Answers, candidate);
          const comparison = compareDecisions(readDecision(row.decision), now);
          countRoutes(byRoute, comparison);
          cases += 1;
          if (comparison.changed) {
            changed += 1;
            await options.onChange?.({
              ...comparison,
              id: row.id,
              reference: row.reference,
              status: row.status,
              ruleSetVersion: row.rule_set_version,
            });
          }
        }
        await options.onProgress?.({ cases, changed });
        const last = rows.at(-1);
        if (!last || rows.length < wanted) break;
        after = last.id;
      }
      return { cases, changed, byRoute, candidateVersion: candidate.version, ms: performance.now() - started };
    },
  };
}

export type SimulatorService = ReturnType<typeof simulatorService>;
