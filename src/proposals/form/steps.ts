// The proposal form, page by page, in the order of docs/product.md. Each step names the
// questions it asks (by their stable ids) and when it applies; the rest of the form
// machinery (validation, saving, navigation, check answers) is driven by this table.
import { questionApplies } from "../../domain/questions";

export interface Step {
  /** The page's address segment: /proposals/:id/<slug>. */
  slug: string;
  /** The page heading (a question, or the group's name). */
  title: string;
  section: string;
  /** Question ids asked on this page, in order. */
  questions: readonly string[];
  /** A short explanation of what counts, with the policy pages to read (shown above the questions). */
  guidance?: { paragraphs: readonly string[]; links: readonly { text: string; href: string }[] };
  /** Only shown where it applies (no funder questions without funding). */
  appliesTo?: (answers: Record<string, unknown>) => boolean;
}

const withFunding = (answers: Record<string, unknown>) => answers.hasFunding === "yes";
/** A page asking one later question is shown where that question applies (domain/questions.ts). */
const whereApplies = (id: string) => (answers: Record<string, unknown>) => questionApplies(id, answers);

export const steps: readonly [Step, ...Step[]] = [
  {
    slug: "title",
    section: "About the collaboration",
    title: "Name and describe the collaboration",
    questions: ["title", "summary"],
  },
  {
    slug: "engagement-type",
    section: "About the collaboration",
    title: "What type of engagement is it?",
    questions: ["engagementType"],
  },
  {
    slug: "department",
    section: "About the collaboration",
    title: "Which department is proposing it?",
    questions: ["department"],
  },
  {
    slug: "dates",
    section: "About the collaboration",
    title: "When will it run?",
    questions: ["startDate", "endDate"],
  },
  {
    slug: "value",
    section: "About the collaboration",
    title: "What is its total value to the University?",
    questions: ["valueGbp"],
  },
  {
    slug: "overseas-activity",
    section: "About the collaboration",
    title: "Activity overseas",
    questions: ["overseasActivity", "viaSubsidiary"],
  },
  {
    slug: "partner",
    section: "The partner",
    title: "Who is the partner?",
    questions: ["partnerName", "partnerType", "partnerWebsite"],
  },
  {
    slug: "countries",
    section: "The partner",
    title: "Which countries are involved?",
    questions: ["partnerCountry", "otherCountries"],
  },
  {
    slug: "other-participants",
    section: "The partner",
    title: "Do the other participants already work with the University?",
    questions: ["otherParticipantsRelationship"],
    appliesTo: whereApplies("otherParticipantsRelationship"),
  },
  {
    slug: "nationalities",
    section: "The partner",
    title: "What nationalities does the partner hold?",
    questions: ["partnerNationalities"],
    appliesTo: whereApplies("partnerNationalities"),
  },
  {
    slug: "ownership",
    section: "The partner",
    title: "Who owns or controls the partner?",
    questions: ["partnerOwnership"],
    appliesTo: whereApplies("partnerOwnership"),
  },
  {
    slug: "owner-country",
    section: "The partner",
    title: "The organisation or state that owns or controls the partner",
    questions: ["partnerParentName", "partnerParentCountry"],
    appliesTo: whereApplies("partnerParentCountry"),
  },
  {
    slug: "relationship",
    section: "The partner",
    title: "What is your relationship with the partner?",
    questions: ["relationship"],
  },
  {
    slug: "agreement",
    section: "The partner",
    title: "What is the SPO reference of the agreement?",
    questions: ["existingAgreementReference"],
    appliesTo: whereApplies("existingAgreementReference"),
  },
  {
    slug: "connections",
    section: "The partner",
    title: "The partner's connections",
    questions: ["stateLinks", "conflictsOfInterest", "conflictsOfInterestDetails"],
  },
  { slug: "funding", section: "Funding", title: "Is the collaboration funded?", questions: ["hasFunding"] },
  {
    slug: "funder",
    section: "Funding",
    title: "Who is the funder?",
    questions: ["funderName", "funderType", "funderCountry", "funderRelationship"],
    appliesTo: withFunding,
  },
  {
    slug: "funder-terms",
    section: "Funding",
    title: "The funder's interests and terms",
    questions: ["funderSector", "useRestrictions", "valuesConflict"],
    appliesTo: withFunding,
  },
  {
    slug: "export-control",
    section: "Research and dual use",
    title: "Export control",
    questions: ["controlListed", "militaryUse", "wmdConcern"],
    guidance: {
      paragraphs: [
        "Export controls can apply to research that is not published, such as designs, data, software or know-how, when it is sent or taken abroad, shared with someone overseas by email, video call or a shared drive, or taught to visitors. They are most likely in engineering, physics, chemistry, biology, computing and materials science.",
        "Research already in the public domain and basic scientific research are usually exempt. If you are not sure, answer “Not sure”: the SPO’s export control reviewer will check with you.",
      ],
      links: [
        {
          text: "Export controls applying to academic research (GOV.UK)",
          href: "https://www.gov.uk/guidance/export-controls-applying-to-academic-research",
        },
        {
          text: "UK strategic export control lists (GOV.UK)",
          href: "https://www.gov.uk/government/publications/uk-strategic-export-control-lists-the-consolidated-list-of-strategic-military-and-dual-use-items",
        },
      ],
    },
  },
  {
    slug: "transfer",
    section: "Research and dual use",
    title: "Sending technology or know-how abroad",
    questions: ["transferAbroad", "exemption"],
  },
  {
    slug: "nsi-sectors",
    section: "Research and dual use",
    title: "Does the research fall in any of these sectors?",
    questions: ["nsiSectors"],
    guidance: {
      paragraphs: [
        "The National Security and Investment Act 2021 lets the government review a partner gaining rights in the University’s research, such as intellectual property, data, software or equipment, or in a spin-out company, in 17 sensitive sectors of the economy.",
        "Select a sector if the research, or what it produces, is used in it, even in part. The SPO decides with you whether the government needs to be told.",
      ],
      links: [
        {
          text: "National Security and Investment Act: guidance for the higher education and research-intensive sectors (GOV.UK)",
          href: "https://www.gov.uk/government/publications/national-security-and-investment-act-guidance-for-the-higher-education-and-research-intensive-sectors",
        },
      ],
    },
  },
  {
    slug: "access-and-travel",
    section: "Research and dual use",
    title: "Access and travel",
    questions: ["facilityAccess", "travel", "visitingResearchers"],
  },
  {
    slug: "visitors",
    section: "Research and dual use",
    title: "What nationalities do the visiting researchers hold?",
    questions: ["visitorNationalities"],
    appliesTo: whereApplies("visitorNationalities"),
  },
  {
    slug: "intellectual-property",
    section: "Intellectual property",
    title: "Intellectual property",
    questions: ["foregroundIp", "publicationRestrictions", "cambridgeEnterpriseContacted"],
  },
  {
    slug: "reputation",
    section: "Reputation",
    title: "Reputation and academic freedom",
    questions: ["publicInterest", "academicFreedom"],
  },
];

export const firstStep: Step = steps[0];

export function applicableSteps(answers: Record<string, unknown>): Step[] {
  return steps.filter((step) => !step.appliesTo || step.appliesTo(answers));
}

/** The page that asks a question. */
export function stepOfQuestion(question: string): Step | undefined {
  return steps.find((step) => step.questions.includes(question));
}

export function stepBySlug(slug: string): Step | undefined {
  return steps.find((step) => step.slug === slug);
}

/** The step after this one that applies, given the answers so far. */
export function nextStep(current: Step, answers: Record<string, unknown>): Step | undefined {
  const applicable = applicableSteps(answers);
  const index = applicable.findIndex((step) => step.slug === current.slug);
  return applicable[index + 1];
}

export function previousStep(current: Step, answers: Record<string, unknown>): Step | undefined {
  const applicable = applicableSteps(answers);
  const index = applicable.findIndex((step) => step.slug === current.slug);
  return index > 0 ? applicable[index - 1] : undefined;
}
