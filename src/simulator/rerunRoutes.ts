// "Re-run the rules with the current reference data" on an open case: a check page showing
// what would change, then the confirmation. SPO officers only.
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { ActionNotAllowedError } from "../domain/errors";
import { routeLabels } from "../domain/reviews";
import { describeOutcome } from "./outcomes";
import type { RerunCheck } from "./rerun";

const officers = rolesOnly("SPO_OFFICER");

const confirmForm = z.strictObject({
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1),
});

export function rerunRoutes(services: Services): PageRoute[] {
  const { rulesRerun } = services;
  const checkPath = (id: string) => `/cases/${id}/rules-rerun`;

  function render(res: Response, check: RerunCheck, options: { message?: string; status?: number } = {}) {
    res.status(options.status ?? 200).render("simulator/rerunCheck", {
      title: `${options.message ? "Error: " : ""}Re-run the rules on ${check.reference}`,
      backLink: `/cases/${check.id}`,
      check,
      beforeText: describeOutcome(check.comparison.before),
      afterText: describeOutcome(check.comparison.after),
      routeLabels,
      action: checkPath(check.id),
      message: options.message,
    });
  }

  return [
    getRoute({
      path: "/cases/:id/rules-rerun",
      name: "case.rulesRerunCheck",
      access: officers,
      handler: async ({ req, res }) => render(res, await rulesRerun.check(String(req.params.id))),
    }),
    postRoute({
      path: "/cases/:id/rules-rerun",
      name: "case.rulesRerun",
      access: officers,
      body: confirmForm,
      handler: async ({ req, res, user }, form) => {
        const id = String(req.params.id);
        try {
          await rulesRerun.rerun(id, form.version, user);
        } catch (error) {
          if (!(error instanceof ActionNotAllowedError)) throw error;
          render(res, await rulesRerun.check(id), { message: error.message, status: 409 });
          return;
        }
        res.redirect(303, `/cases/${id}`);
      },
      invalid: async ({ req, res }) =>
        render(res, await rulesRerun.check(String(req.params.id)), {
          message: "Reload the page and try again",
          status: 400,
        }),
    }),
  ];
}
