// The rules simulator: every submitted case in scope decided again with candidate reference
// data, and compared with the decision the case has now (its newest submission's, or the
// newest re-run of it). Cases are read in keyset-paginated batches by id, only the columns
// the rules need, so memory stays flat however many cases there are; each changed case is
// handed to the caller as it is found (the page keeps the first few, the CSV writes them
// all), and the counts are kept as it goes.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { ReferenceData } from "../reference/defaults";
import { referenceDataSchema } from "../reference/defaults";
import { decide, type Decision } from "../rules";
import { readDecision } from "../rules/stored";
import type { Answers } from "../domain/questions";
import { openStates } from "../domain/caseStates";
import {
  compareDecisions,
  countRoutes,
  emptyRouteCounts,
  outcomeFromKey,
  outcomeKey,
  outcomeOf,
  type CaseComparison,
  type RouteCounts,
} from "./outcomes";

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

/** What every case needs: few columns, so that 100,000 of them read quickly. */
interface CaseRow {
  id: string;
  /** The answers as JSON text: parsed here, which is cheaper than the driver's jsonb decoding. */
  answers: string;
  /** The current decision's outcome as outcomeKey writes it, built by the query. */
  outcome_key: string;
}

/** What only a changed case needs. */
interface ChangedRow {
  id: string;
  reference: string;
  status: string;
  decision: string;
  rule_set_version: string;
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

// The stored decision's outcome as outcomeKey (outcomes.ts) writes it: routes in the fixed
// order with "!" for mandatory, the sign-off level, the advice ids in code-unit order.
const outcomeKeySql = Prisma.sql`concat_ws('|',
  coalesce((SELECT string_agg((x->>'route') || CASE WHEN (x->>'mandatory')::boolean THEN '!' ELSE '' END, ','
            ORDER BY array_position(ARRAY['acbela', 'export_control', 'due_diligence'], x->>'route'))
            FROM jsonb_array_elements(d."decision"->'routes') x), ''),
  CASE WHEN (d."decision"->'signOff'->>'school')::boolean THEN 'school' ELSE 'department' END,
  coalesce((SELECT string_agg(x->>'id', ',' ORDER BY x->>'id' COLLATE "C")
            FROM jsonb_array_elements(d."decision"->'advice') x), ''))`;

export function simulatorService(prisma: PrismaClient) {
  // The newest re-run of the newest submission, if any, is the case's decision now (rerun.ts).
  const currentDecision = Prisma.sql`
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
      CROSS JOIN LATERAL (
        SELECT COALESCE(r."decision", s."decision") AS "decision",
               COALESCE(r."rule_set_version", s."rule_set_version") AS "rule_set_version"
      ) d`;

  /** One batch of cases after `after` in id order: the newest submission's answers and the current decision's outcome. */
  async function batch(scope: SimulationScope, after: string, size: number): Promise<CaseRow[]> {
    const since = scope.since ? new Date(`${scope.since}T00:00:00Z`) : null;
    const until = scope.until ? dayAfter(scope.until) : null;
    const states = scope.openOnly ? [...openStates] : null;
    return prisma.$queryRaw<CaseRow[]>`
      SELECT p."id"::text AS "id", s."answers"::text AS "answers", ${outcomeKeySql} AS "outcome_key"
      ${currentDecision}
      WHERE p."reference" IS NOT NULL
        AND p."id" > ${after}::uuid
        AND (${since}::timestamptz IS NULL OR p."submitted_at" >= ${since}::timestamptz)
        AND (${until}::timestamptz IS NULL OR p."submitted_at" < ${until}::timestamptz)
        AND (${states}::text[] IS NULL OR p."status"::text = ANY(${states}::text[]))
      ORDER BY p."id"
      LIMIT ${size}`;
  }

  /** The changed cases of a batch in full: reference, state and the whole current decision (its reasons' texts). */
  async function changedRows(ids: readonly string[]): Promise<Map<string, ChangedRow>> {
    const rows = await prisma.$queryRaw<ChangedRow[]>`
      SELECT p."id"::text AS "id", p."reference", p."status"::text AS "status",
             d."decision"::text AS "decision", d."rule_set_version"
      ${currentDecision}
      WHERE p."id" = ANY(${ids}::uuid[])`;
    return new Map(rows.map((row) => [row.id, row]));
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
      const sizeAfter = (done: number) =>
        scope.limit === undefined ? batchSize : Math.min(batchSize, scope.limit - done);
      let wanted = sizeAfter(0);
      // The next batch is read while this one is decided: the database works meanwhile.
      let next = wanted > 0 ? batch(scope, "00000000-0000-0000-0000-000000000000", wanted) : Promise.resolve([]);
      for (;;) {
        const rows = await next;
        const last = rows.at(-1);
        if (!last) break;
        const full = rows.length === wanted;
        const following = sizeAfter(cases + rows.length);
        next = full && following > 0 ? batch(scope, last.id, following) : Promise.resolve([]);
        // Caught here, awaited on the next turn: a failed read ahead must not go unhandled meanwhile.
        next.catch(() => {});

        const differing: { row: CaseRow; decision: Decision }[] = [];
        for (const row of rows) {
          // The answers were checked by answersSchema when they were submitted; answers from
          // an earlier form are decided with the defaults the rules apply (notAsked).
          const decision = decide(JSON.parse(row.answers) as Answers, candidate);
          const afterOutcome = outcomeOf(decision);
          countRoutes(byRoute, outcomeFromKey(row.outcome_key), afterOutcome);
          if (outcomeKey(afterOutcome) !== row.outcome_key) differing.push({ row, decision });
        }
        cases += rows.length;
        if (differing.length > 0) {
          const details = await changedRows(differing.map(({ row }) => row.id));
          for (const { row, decision } of differing) {
            const detail = details.get(row.id);
            if (!detail) throw new Error(`case ${row.id} went while it was replayed`);
            const comparison = compareDecisions(readDecision(JSON.parse(detail.decision)), decision);
            changed += 1;
            await options.onChange?.({
              ...comparison,
              id: row.id,
              reference: detail.reference,
              status: detail.status,
              ruleSetVersion: detail.rule_set_version,
            });
          }
        }
        await options.onProgress?.({ cases, changed });
        if (!full) break;
        wanted = following;
      }
      await next;
      return { cases, changed, byRoute, candidateVersion: candidate.version, ms: performance.now() - started };
    },
  };
}

export type SimulatorService = ReturnType<typeof simulatorService>;
