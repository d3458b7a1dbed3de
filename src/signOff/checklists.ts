// The heads' checklists: part of the reference data (one versioned document), so an
// admin's change is a new version and every signature names the version it answered.
// The initial items come from the SPO's own pages (docs/policy-sources.md): the Handbook for
// International Engagement (the University's mission and core values, Section 24 of the
// Financial Regulations, the MoU template, the wholly owned subsidiary policy), the risks
// the international engagement page names (safety of staff and students abroad, academic
// freedom, intellectual property, funding independence) and the Trusted Research questions.
import { z } from "zod";

export interface ChecklistItem {
  /** Stable within a version: the form's field names are `item-<id>` and `comment-<id>`. */
  id: string;
  text: string;
  hint?: string;
}

export interface Checklists {
  department: ChecklistItem[];
  school: ChecklistItem[];
}

export type ChecklistKind = keyof Checklists;

/** Lower-case words joined by single hyphens: never ends in a digit, so `item-<id>-2` (a radio's id) cannot be another item's. */
export const checklistItemIdPattern = /^[a-z]+(?:-[a-z]+)*$/;
export const checklistLimits = { items: 40, text: 500, hint: 500, id: 60 } as const;

export const defaultChecklists: Checklists = {
  department: [
    {
      id: "mission-and-values",
      text: "The collaboration serves the University's mission and is consistent with its core values.",
      hint: "The mission: “to contribute to society through the pursuit of education, learning and research at the highest levels of international excellence”.",
    },
    {
      id: "academic-case",
      text: "The department supports the collaboration on its academic merits and has the people, space and facilities to deliver it.",
    },
    {
      id: "who-might-be-attracted",
      text: "You have considered who might be attracted to the research, and whether the collaboration gives access to people, IT networks or sensitive work that could be misused.",
      hint: "Trusted Research: “Who might be attracted to your research?”",
    },
    {
      id: "how-research-is-used",
      text: "You have considered how the results might be used, including any military or other unintended use, and what would prevent misuse.",
      hint: "Trusted Research: “How is your research being used?”",
    },
    {
      id: "export-control",
      text: "Any goods, software, technology or know-how to be shared or sent overseas has been checked against UK export control requirements, with the University's export control team where needed.",
    },
    {
      id: "funding",
      text: "You know who funds the work, what interests the funder represents and what it may do with the results, and the funding does not compromise the University's independence or values.",
      hint: "Trusted Research: “Who is funding your research?”",
    },
    {
      id: "partner-known",
      text: "The partner's background, connections and any conflicts of interest (including links to a state, its military or security services) are known, through due diligence by the Research Office where needed.",
      hint: "Trusted Research: “How well do you know your research partners?”",
    },
    {
      id: "intellectual-property",
      text: "Ownership and use of the intellectual property and of the results are agreed, with advice from Cambridge Enterprise where needed.",
    },
    {
      id: "staff-and-student-safety",
      text: "The safety of staff and students who will travel or work abroad has been assessed, with a travel risk assessment where anyone travels.",
    },
    {
      id: "academic-freedom",
      text: "The collaboration poses no threat to academic freedom, including freedom to publish.",
    },
    {
      id: "overseas-activity",
      text: "If the University will employ people, open an office or bank account, set up an entity or hold assets overseas, approval is being sought under Section 24 of the Financial Regulations (Overseas Activity).",
      hint: "Answer not applicable if there is no such activity.",
    },
  ],
  school: [
    {
      id: "department-sign-off-read",
      text: "You have read the head of department's signed checklist and comments.",
    },
    {
      id: "mission-and-strategy",
      text: "The collaboration serves the University's mission, is consistent with its core values and fits the School's strategy.",
    },
    {
      id: "reputation",
      text: "Any significant public interest or reputational risk to the University has been weighed, and the case has been or will be put to the committee that scrutinises such engagements where the SPO advises it.",
    },
    {
      id: "trusted-research",
      text: "The Trusted Research questions have been answered to your satisfaction: who might be attracted to the research, how it may be used, who funds it and how well the partner is known.",
    },
    {
      id: "export-control",
      text: "Where the case needs an export control review, the School is content for it to go ahead subject to that review.",
      hint: "Answer not applicable if the case has no export control route.",
    },
    {
      id: "funding-independence",
      text: "The funding and any conditions on it leave the University's independence, and its freedom to publish, intact.",
    },
    {
      id: "staff-and-student-safety",
      text: "The risks to staff and students working or travelling abroad are acceptable to the School, with the mitigations proposed.",
    },
    {
      id: "academic-freedom",
      text: "The collaboration poses no threat to academic freedom.",
    },
    {
      id: "overseas-activity",
      text: "Where the University will operate overseas, the School supports it and Finance's approval under Section 24 of the Financial Regulations (Overseas Activity) is in hand.",
      hint: "Answer not applicable if there is no overseas activity.",
    },
    {
      id: "institutional-agreements",
      text: "Where the engagement is a memorandum of understanding it uses the International MoU Template, and where it runs through a wholly owned subsidiary it follows the University's policy for such projects.",
      hint: "Answer not applicable if neither applies.",
    },
    {
      id: "school-commitment",
      text: "The School accepts the commitment the collaboration makes (its value, length and resources).",
    },
  ],
};

const item = z.strictObject({
  id: z
    .string()
    .max(checklistLimits.id)
    .regex(checklistItemIdPattern, "Item ids are lower-case words joined by hyphens"),
  text: z
    .string()
    .trim()
    .min(1, "Enter the item's text")
    .max(checklistLimits.text, `Keep each item under ${checklistLimits.text} characters`),
  hint: z
    .string()
    .trim()
    .min(1)
    .max(checklistLimits.hint, `Keep each hint under ${checklistLimits.hint} characters`)
    .optional(),
});

const list = z
  .array(item)
  .min(1, "A checklist needs at least one item")
  .max(checklistLimits.items, `A checklist can have at most ${checklistLimits.items} items`)
  .refine((items) => new Set(items.map((entry) => entry.id)).size === items.length, "Each item id must be used once");

export const checklistsSchema = z.strictObject({ department: list, school: list });
