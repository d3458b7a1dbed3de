// Set-up for the sign-off tests: submitted cases, the sign-off tasks they opened, and a
// filled-in checklist as a browser would post it.
import type { Services } from "../../src/services";
import type { Page } from "../helpers/testApp";

export async function signOffTask(
  services: Services,
  caseId: string,
  kind: "department_sign_off" | "school_sign_off",
  state = "open",
) {
  return services.prisma.caseTask.findFirstOrThrow({
    where: { proposalId: caseId, kind, state },
    orderBy: { createdAt: "desc" },
  });
}

export { personNamed as currentUser } from "../helpers/testApp";

/** The checklist page's own fields (hidden version fields and every item's name), all answered yes, then the changes. */
export function filledChecklist(page: Page, changes: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    version: String(page.$('input[name="version"]').val()),
    checklistVersion: String(page.$('input[name="checklistVersion"]').val()),
    decision: "approve",
    comment: "",
  };
  page.$('input[type="radio"][name^="item-"]').each((_, element) => {
    const name = page.$(element).attr("name")!;
    fields[name] = "yes";
    fields[name.replace(/^item-/, "comment-")] = "";
  });
  return { ...fields, ...changes };
}

export function itemNames(page: Page): string[] {
  return [
    ...new Set(
      page
        .$('input[type="radio"][name^="item-"]')
        .map((_, element) => page.$(element).attr("name")!)
        .get(),
    ),
  ];
}
