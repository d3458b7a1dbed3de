// People's names as pages show them, by id: one statement for everyone a page names, and
// none when there is nobody left to look up.
import type { PrismaClient } from "../generated/prisma/client";

/** Display names of `ids`; names already `known` are kept and not looked up again. */
export async function displayNames(
  prisma: PrismaClient,
  ids: Iterable<string>,
  known: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const names = new Map(known);
  const unknown = [...new Set(ids)].filter((id) => !names.has(id));
  if (unknown.length === 0) return names;
  const people = await prisma.user.findMany({
    where: { id: { in: unknown } },
    select: { id: true, displayName: true },
  });
  for (const person of people) names.set(person.id, person.displayName);
  return names;
}
