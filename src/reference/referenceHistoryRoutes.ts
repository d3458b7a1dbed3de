// The reference data's history: every version (who published it, when, why) and the
// difference between any two, as tables. Admins and SPO officers may read them.
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { NotFoundError } from "../domain/errors";
import { diffReference } from "./diff";
import { referenceUrls } from "./urls";

const readers = rolesOnly("ADMIN", "SPO_OFFICER");
const versionNumber = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

export function referenceHistoryRoutes(services: Services): PageRoute[] {
  const { reference, referenceDrafts } = services;
  return [
    getRoute({
      path: referenceUrls.versions,
      name: "reference.versions",
      access: readers,
      handler: async ({ res }) => {
        const versions = await referenceDrafts.versions();
        res.render("reference/versions", {
          title: "Reference data versions",
          versions,
          urls: referenceUrls,
          compare: { a: String(versions.at(1)?.version ?? ""), b: String(versions.at(0)?.version ?? "") },
        });
      },
    }),
    getRoute({
      path: referenceUrls.compare,
      name: "reference.compare",
      access: readers,
      handler: ({ req, res }) => {
        const a = versionNumber.safeParse(req.query.a);
        const b = versionNumber.safeParse(req.query.b);
        if (!a.success || !b.success) {
          res.redirect(303, referenceUrls.versions);
          return;
        }
        res.redirect(303, referenceUrls.diff(a.data, b.data));
      },
    }),
    getRoute({
      path: referenceUrls.diff(":a", ":b"),
      name: "reference.diff",
      access: readers,
      handler: async ({ req, res }) => {
        const a = versionNumber.safeParse(req.params.a);
        const b = versionNumber.safeParse(req.params.b);
        if (!a.success || !b.success) throw new NotFoundError();
        const [before, after] = await Promise.all([reference.version(a.data), reference.version(b.data)]);
        const versions = await referenceDrafts.versions();
        const summary = (version: number) => versions.find((row) => row.version === version);
        res.render("reference/diff", {
          title: `Reference data: version ${a.data} compared with version ${b.data}`,
          backLink: referenceUrls.versions,
          a: summary(a.data),
          b: summary(b.data),
          diff: diffReference(before, after),
        });
      },
    }),
  ];
}
