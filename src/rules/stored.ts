// A decision as stored with a submission (jsonb), read back through a schema rather than
// a cast. Stored decisions outlive rule versions, so rule and advice ids are read as
// strings: a retired id still shows, with the sentence and source stored beside it.
import { z } from "zod";
import { routeNames } from "../domain/reviews";

const reason = z.object({ rule: z.string(), text: z.string(), source: z.string() });

export const storedDecisionSchema = z.object({
  // Decisions stored before the second edition have no stops, flags or not-asked list.
  stops: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })).default([]),
  routes: z.array(z.object({ route: z.enum(routeNames), mandatory: z.boolean(), reasons: z.array(reason) })),
  advice: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })),
  signOff: z.object({ department: z.literal(true), school: z.boolean(), schoolReasons: z.array(reason) }),
  flags: z.array(z.object({ id: z.string(), question: z.string(), text: z.string() })).default([]),
  notAsked: z.array(z.object({ question: z.string(), assumed: z.string() })).default([]),
  ruleSetVersion: z.string(),
});

export type StoredDecision = z.output<typeof storedDecisionSchema>;

/** The stored decision; throws if the stored JSON is not one (a corrupted row is a bug, not a page). */
export function readDecision(json: unknown): StoredDecision {
  return storedDecisionSchema.parse(json);
}
