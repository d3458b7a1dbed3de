// The proposal form's questions: stable ids, option lists, the labels people see, and the
// zod schemas that check each answer. The rules module, the triage command, the form pages
// and exports all use these ids (docs/rules.md, the questions), so changing one here is
// a change to stored data: add new options, never rename existing ones.
import { z } from "zod";
import { isCountryCode } from "./countries";

// ---------------------------------------------------------------------------------------
// Option lists
// ---------------------------------------------------------------------------------------

export const engagementTypes = [
  "research_collaboration",
  "sponsored_research",
  "mou",
  "student_exchange",
  "joint_degree",
  "executive_education",
  "consultancy",
  "visiting_researcher",
  "data_or_material_transfer",
  "benefaction",
  "other",
] as const;
export type EngagementType = (typeof engagementTypes)[number];

export const partnerTypes = [
  "university",
  "research_institute",
  "company",
  "state_owned_enterprise",
  "government_body",
  "military_or_defence",
  "ngo_or_charity",
  "individual",
  "other",
] as const;
export type PartnerType = (typeof partnerTypes)[number];

export const relationships = ["new", "existing_with_agreement", "existing_informal"] as const;
export type Relationship = (typeof relationships)[number];

export const otherParticipantsRelationships = ["all_existing_with_agreement", "some_new", "unsure"] as const;
export type OtherParticipantsRelationship = (typeof otherParticipantsRelationships)[number];

export const partnerOwnerships = ["independent", "part_of_group", "state_owned_or_controlled", "unsure"] as const;
export type PartnerOwnership = (typeof partnerOwnerships)[number];

export const funderTypes = [
  "uk_public",
  "uk_charity",
  "company",
  "foreign_government",
  "foreign_state_owned",
  "individual",
  "partner_itself",
  "other",
] as const;
export type FunderType = (typeof funderTypes)[number];

export const funderSectors = [
  "none_of_these",
  "tobacco",
  "fossil_fuels",
  "arms_defence",
  "other_controversial",
] as const;
export type FunderSector = (typeof funderSectors)[number];

export const exemptions = ["none", "public_domain", "basic_scientific_research", "unsure"] as const;
export type Exemption = (typeof exemptions)[number];

export const foregroundIpOwners = ["university", "partner", "funder", "joint", "not_applicable", "undecided"] as const;
export type ForegroundIp = (typeof foregroundIpOwners)[number];

export const yesNoUnsure = ["yes", "no", "unsure"] as const;
export type YesNoUnsure = (typeof yesNoUnsure)[number];

export const yesNo = ["yes", "no"] as const;
export type YesNo = (typeof yesNo)[number];

/** The 17 sectors of the National Security and Investment Act 2021 (Notifiable Acquisition Regulations). */
export const nsiSectorIds = [
  "advanced_materials",
  "advanced_robotics",
  "artificial_intelligence",
  "civil_nuclear",
  "communications",
  "computing_hardware",
  "critical_suppliers_to_government",
  "cryptographic_authentication",
  "data_infrastructure",
  "defence",
  "energy",
  "military_and_dual_use",
  "quantum_technologies",
  "satellite_and_space",
  "suppliers_to_emergency_services",
  "synthetic_biology",
  "transport",
] as const;
export type NsiSectorId = (typeof nsiSectorIds)[number];

// ---------------------------------------------------------------------------------------
// Labels: what people see for each option (radios, check answers, exports)
// ---------------------------------------------------------------------------------------

export const engagementTypeLabels: Record<EngagementType, string> = {
  research_collaboration: "Research collaboration",
  sponsored_research: "Sponsored research",
  mou: "Memorandum of understanding (MoU)",
  student_exchange: "Student exchange",
  joint_degree: "Joint or dual degree",
  executive_education: "Executive education",
  consultancy: "Consultancy",
  visiting_researcher: "Visiting researcher",
  data_or_material_transfer: "Data or material transfer",
  benefaction: "Benefaction (gift or donation)",
  other: "Other",
};

export const partnerTypeLabels: Record<PartnerType, string> = {
  university: "University",
  research_institute: "Research institute",
  company: "Company",
  state_owned_enterprise: "State-owned enterprise",
  government_body: "Government body or agency",
  military_or_defence: "Military or defence organisation",
  ngo_or_charity: "NGO or charity",
  individual: "Individual",
  other: "Other",
};

export const relationshipLabels: Record<Relationship, string> = {
  new: "A new partner",
  existing_with_agreement: "An existing partner, with a formal agreement",
  existing_informal: "An existing partner, without a formal agreement",
};

export const funderRelationshipLabels: Record<Relationship, string> = {
  new: "A new funder",
  existing_with_agreement: "An existing funder, with a formal agreement",
  existing_informal: "An existing funder, without a formal agreement",
};

export const otherParticipantsRelationshipLabels: Record<OtherParticipantsRelationship, string> = {
  all_existing_with_agreement: "All of them already work with the University under a formal agreement",
  some_new: "Some or all of them are new, or work with the University without a formal agreement",
  unsure: "Not sure",
};

export const partnerOwnershipLabels: Record<PartnerOwnership, string> = {
  independent: "Independent: not owned or controlled by another organisation or a state",
  part_of_group: "Part of a group: owned or controlled by another organisation",
  state_owned_or_controlled: "Owned or controlled by a state",
  unsure: "Not sure",
};

export const funderTypeLabels: Record<FunderType, string> = {
  uk_public: "UK public body or research council",
  uk_charity: "UK charity",
  company: "Company",
  foreign_government: "Foreign government",
  foreign_state_owned: "Foreign state-owned body",
  individual: "Individual",
  partner_itself: "The partner itself",
  other: "Other",
};

export const funderSectorLabels: Record<FunderSector, string> = {
  none_of_these: "None of these",
  tobacco: "Tobacco",
  fossil_fuels: "Fossil fuels",
  arms_defence: "Arms or defence",
  other_controversial: "Another controversial sector",
};

export const exemptionLabels: Record<Exemption, string> = {
  none: "No exemption",
  public_domain: "Public domain",
  basic_scientific_research: "Basic scientific research",
  unsure: "Not sure",
};

export const foregroundIpLabels: Record<ForegroundIp, string> = {
  university: "The University",
  partner: "The partner",
  funder: "The funder",
  joint: "Jointly owned",
  not_applicable: "Not applicable: no new intellectual property is expected",
  undecided: "Not decided yet",
};

export const yesNoUnsureLabels: Record<YesNoUnsure, string> = { yes: "Yes", no: "No", unsure: "Not sure" };

export const yesNoLabels: Record<YesNo, string> = { yes: "Yes", no: "No" };

export const nsiSectorLabels: Record<NsiSectorId, string> = {
  advanced_materials: "Advanced materials",
  advanced_robotics: "Advanced robotics",
  artificial_intelligence: "Artificial intelligence",
  civil_nuclear: "Civil nuclear",
  communications: "Communications",
  computing_hardware: "Computing hardware",
  critical_suppliers_to_government: "Critical suppliers to government",
  cryptographic_authentication: "Cryptographic authentication",
  data_infrastructure: "Data infrastructure",
  defence: "Defence",
  energy: "Energy",
  military_and_dual_use: "Military and dual-use",
  quantum_technologies: "Quantum technologies",
  satellite_and_space: "Satellite and space technologies",
  suppliers_to_emergency_services: "Suppliers to the emergency services",
  synthetic_biology: "Synthetic biology",
  transport: "Transport",
};

// ---------------------------------------------------------------------------------------
// Field schemas, one per question, with GOV.UK-style messages. A missing answer and a
// wrong type get the same "Enter…/Select…" message: a person filling in the form cannot
// send a wrong type, so the plainest instruction is the most useful one.
// ---------------------------------------------------------------------------------------

const TITLE_MAX = 200;
const SUMMARY_MAX = 5_000;
const NAME_MAX = 200;
const DETAILS_MAX = 2_000;
const AGREEMENT_REFERENCE_MAX = 100;
const WEBSITE_MAX = 2_000;

function text(messages: { required: string; tooLong: string }, max: number) {
  return z.string({ error: messages.required }).trim().min(1, messages.required).max(max, messages.tooLong);
}

function option<const T extends readonly [string, ...string[]]>(options: T, message: string) {
  return z.enum(options, { error: message });
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isRealIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isoDate(messages: { required: string; invalid: string }) {
  return z
    .string({ error: messages.required })
    .min(1, { error: messages.required, abort: true })
    .refine(isRealIsoDate, messages.invalid);
}

function country(message: string) {
  return z.string({ error: message }).refine(isCountryCode, message);
}

/** A list of distinct codes: duplicates would double-count in exports and the rules' texts. */
function distinctList<T extends z.ZodType<string>>(item: T, messages: { invalid: string; duplicate: string }) {
  return z
    .array(item, { error: messages.invalid })
    .refine((items) => new Set(items).size === items.length, messages.duplicate);
}

/** http(s) only: a stored `javascript:` or `data:` URL would become a script link on every page that shows it. */
function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
}

/**
 * People type "www.example.org": an address that starts with a host name and names no
 * scheme is taken as https://. Anything else is left alone for the check below, so
 * "javascript:", "mailto:" and "//host" are still refused; "example.org:8080" is a host
 * and port, not a scheme.
 */
export function withWebScheme(value: string): string {
  const trimmed = value.trim();
  if (!/^[a-z0-9]/i.test(trimmed) || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

const hasFundingMessage = "Select yes if the collaboration is funded";
const websiteMessage = "Enter a website address starting with http:// or https://, or like www.example.org";

export const questionSchemas = {
  // About the collaboration
  title: text({ required: "Enter a title", tooLong: "Title must be 200 characters or fewer" }, TITLE_MAX),
  summary: text(
    { required: "Enter a summary of the collaboration", tooLong: "Summary must be 5,000 characters or fewer" },
    SUMMARY_MAX,
  ),
  engagementType: option(engagementTypes, "Select the type of engagement"),
  // The code's existence is checked against the database by the caller; here only its shape.
  department: z
    .string({ error: "Select a department" })
    .trim()
    .min(1, { error: "Select a department", abort: true })
    .max(20, "Select a department from the list")
    .regex(/^[A-Z0-9_-]+$/i, "Select a department from the list"),
  startDate: isoDate({ required: "Enter the start date", invalid: "Start date must be a real date" }),
  endDate: isoDate({ required: "Enter the end date", invalid: "End date must be a real date" }),
  valueGbp: z
    .number({ error: "Enter the total value in pounds" })
    .int("Total value must be a whole number of pounds")
    .min(0, "Total value must be 0 or more"),
  overseasActivity: option(yesNoUnsure, "Select yes, no or not sure for activity overseas"),
  viaSubsidiary: option(yesNo, "Select yes if it is run through a wholly owned subsidiary of the University"),

  // The partner
  partnerName: text(
    { required: "Enter the partner's name", tooLong: "Partner's name must be 200 characters or fewer" },
    NAME_MAX,
  ),
  partnerType: option(partnerTypes, "Select the type of partner"),
  partnerCountry: country("Select the partner's country"),
  otherCountries: distinctList(country("Select countries from the list"), {
    invalid: "Select countries from the list",
    duplicate: "Select each country only once",
  }),
  // Optional: a blank answer (what an empty text input sends) means "no website".
  partnerWebsite: z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : withWebScheme(value)) : value),
    z
      .string({ error: websiteMessage })
      .trim()
      .max(WEBSITE_MAX, "Website address must be 2,000 characters or fewer")
      .refine(isWebAddress, websiteMessage)
      .optional(),
  ),
  relationship: option(relationships, "Select your relationship with the partner"),
  // Optional: blank (stored as "") means no reference was given, so the agreement cannot
  // be checked and the partner counts as a new linkage.
  existingAgreementReference: z
    .string({ error: "Enter the SPO reference of the agreement, or leave it blank" })
    .trim()
    .max(AGREEMENT_REFERENCE_MAX, "Agreement reference must be 100 characters or fewer"),
  partnerNationalities: distinctList(country("Select nationalities from the list"), {
    invalid: "Select nationalities from the list",
    duplicate: "Select each nationality only once",
  }),
  partnerOwnership: option(partnerOwnerships, "Select who owns or controls the partner, or not sure"),
  // Optional: blank (stored as "") when the proposer does not know it. Given, it is screened
  // against the sanctions lists as the partner's parent (src/screening/subjects.ts).
  partnerParentName: z
    .string({
      error: "Enter the name of the organisation or state that owns or controls the partner, or leave it blank",
    })
    .trim()
    .max(NAME_MAX, "The owner's name must be 200 characters or fewer"),
  partnerParentCountry: country("Select the country of the organisation or state that owns or controls the partner"),
  otherParticipantsRelationship: option(
    otherParticipantsRelationships,
    "Select whether the other participants already work with the University",
  ),
  stateLinks: option(
    yesNoUnsure,
    "Select yes, no or not sure for links with a state, state military or security services",
  ),
  conflictsOfInterest: option(yesNoUnsure, "Select yes, no or not sure for conflicts of interest"),
  conflictsOfInterestDetails: text(
    { required: "Give details of the conflicts of interest", tooLong: "Details must be 2,000 characters or fewer" },
    DETAILS_MAX,
  ),

  // Funding
  hasFunding: option(yesNo, hasFundingMessage),
  funderName: text(
    { required: "Enter the funder's name", tooLong: "Funder's name must be 200 characters or fewer" },
    NAME_MAX,
  ),
  funderType: option(funderTypes, "Select the type of funder"),
  funderRelationship: option(relationships, "Select your relationship with the funder"),
  funderCountry: country("Select the funder's country"),
  funderSector: option(funderSectors, "Select the funder's sector, or none of these"),
  useRestrictions: option(yesNoUnsure, "Select yes, no or not sure for limits on use or publication of the results"),
  valuesConflict: option(yesNoUnsure, "Select yes, no or not sure for a conflict with the University's values"),

  // Research and dual use
  controlListed: option(yesNoUnsure, "Select yes, no or not sure for items on the UK strategic export control lists"),
  militaryUse: option(yesNoUnsure, "Select yes, no or not sure for possible military use"),
  wmdConcern: option(yesNoUnsure, "Select yes, no or not sure for weapons of mass destruction concerns"),
  transferAbroad: option(yesNoUnsure, "Select yes, no or not sure for sending technology or know-how overseas"),
  exemption: option(exemptions, "Select an exemption, no exemption or not sure"),
  nsiSectors: distinctList(option(nsiSectorIds, "Select sectors from the list"), {
    invalid: "Select sectors from the list",
    duplicate: "Select each sector only once",
  }),
  facilityAccess: option(yesNo, "Select yes if partner staff will have access to University networks, labs or data"),
  travel: option(yesNo, "Select yes if staff or students will travel to the partner's country"),
  visitingResearchers: option(yesNo, "Select yes if researchers will come to Cambridge from the partner"),
  visitorNationalities: distinctList(country("Select nationalities from the list"), {
    invalid: "Select nationalities from the list",
    duplicate: "Select each nationality only once",
  }),

  // Intellectual property
  foregroundIp: option(foregroundIpOwners, "Select who will own the new intellectual property"),
  publicationRestrictions: option(yesNoUnsure, "Select yes, no or not sure for restrictions on publication"),
  cambridgeEnterpriseContacted: option(yesNo, "Select yes if you have contacted Cambridge Enterprise"),

  // Reputation
  publicInterest: option(
    yesNoUnsure,
    "Select yes, no or not sure for significant public interest or reputational risk",
  ),
  academicFreedom: option(yesNoUnsure, "Select yes, no or not sure for threats to academic freedom"),
} as const;

export type QuestionId = keyof typeof questionSchemas;
export const questionIds = Object.keys(questionSchemas) as QuestionId[];

/** Asked only when `hasFunding` is yes. */
export const fundingQuestionIds = [
  "funderName",
  "funderType",
  "funderRelationship",
  "funderCountry",
  "funderSector",
  "useRestrictions",
  "valuesConflict",
] as const satisfies readonly QuestionId[];

/**
 * Questions added in the second edition of the form. Answers given before them lack them
 * and stay valid: the rules apply a stated default for each (src/rules/parties.ts) and
 * list it in the decision as not asked.
 */
export const laterQuestionIds = [
  "existingAgreementReference",
  "partnerNationalities",
  "partnerOwnership",
  "partnerParentCountry",
  "otherParticipantsRelationship",
  "funderRelationship",
  "visitorNationalities",
] as const satisfies readonly QuestionId[];
export type LaterQuestionId = (typeof laterQuestionIds)[number];

const ownedOrControlled = (ownership: unknown) =>
  ownership === "part_of_group" || ownership === "state_owned_or_controlled" || ownership === "unsure";

/** Whether a question is asked, given the other answers: each is shown only where it applies. */
export function questionApplies(id: string, answers: Record<string, unknown>): boolean {
  switch (id) {
    case "existingAgreementReference":
      return answers.relationship === "existing_with_agreement";
    case "partnerNationalities":
      return answers.partnerType === "individual";
    case "partnerOwnership":
      return answers.partnerType !== undefined && answers.partnerType !== "individual";
    case "partnerParentName":
    case "partnerParentCountry":
      return questionApplies("partnerOwnership", answers) && ownedOrControlled(answers.partnerOwnership);
    case "otherParticipantsRelationship":
      return Array.isArray(answers.otherCountries) && answers.otherCountries.length > 0;
    case "visitorNationalities":
      return answers.visitingResearchers === "yes";
    case "conflictsOfInterestDetails":
      return answers.conflictsOfInterest !== "no";
    default:
      return (fundingQuestionIds as readonly string[]).includes(id) ? answers.hasFunding === "yes" : true;
  }
}

// ---------------------------------------------------------------------------------------
// A complete set of answers
// ---------------------------------------------------------------------------------------

const {
  funderName,
  funderType,
  funderRelationship,
  funderCountry,
  funderSector,
  useRestrictions,
  valuesConflict,
  // hasFunding picks the shape below, so it is not one of the shared fields.
  hasFunding: _hasFunding,
  ...baseFields
} = questionSchemas;
const fundingFields = {
  funderName,
  funderType,
  // Optional, as every later question: an answer set from before it was asked is still complete.
  funderRelationship: funderRelationship.optional(),
  funderCountry,
  funderSector,
  useRestrictions,
  valuesConflict,
};

const baseShape = {
  ...baseFields,
  // Required unless conflictsOfInterest is "no": checked across fields below.
  conflictsOfInterestDetails: baseFields.conflictsOfInterestDetails.optional(),
  existingAgreementReference: baseFields.existingAgreementReference.optional(),
  partnerNationalities: baseFields.partnerNationalities.optional(),
  partnerOwnership: baseFields.partnerOwnership.optional(),
  // Required when the partner is owned or controlled: checked across fields below.
  partnerParentCountry: baseFields.partnerParentCountry.optional(),
  partnerParentName: baseFields.partnerParentName.optional(),
  otherParticipantsRelationship: baseFields.otherParticipantsRelationship.optional(),
  visitorNationalities: baseFields.visitorNationalities.optional(),
};

type BaseAnswers = z.output<z.ZodObject<typeof baseShape>>;
type FundingAnswers = z.output<z.ZodObject<typeof fundingFields>>;

/**
 * A complete, valid set of answers. Funding answers exist only when `hasFunding` is yes;
 * `conflictsOfInterestDetails` only when `conflictsOfInterest` is not no.
 */
export type Answers = BaseAnswers &
  (({ hasFunding: "yes" } & FundingAnswers) | ({ hasFunding: "no" } & { [K in keyof FundingAnswers]?: undefined }));

/** Answers saved so far: any subset, each valid on its own. */
export type DraftAnswers = Partial<Answers>;

const unknownKeysMessage = (keys: readonly string[]) =>
  `Unknown question ${keys.length === 1 ? "id" : "ids"}: ${keys.join(", ")}`;

const strictObjectError = (issue: { code?: string; keys?: readonly string[] }) =>
  issue.code === "unrecognized_keys" && issue.keys ? unknownKeysMessage(issue.keys) : undefined;

const withFunding = z.strictObject(
  { ...baseShape, hasFunding: z.literal("yes"), ...fundingFields },
  { error: strictObjectError },
);

// Without funding, answers to funder questions are ignored (and dropped at the end) rather than
// refused: a proposer who first said yes and then no leaves them behind in the draft.
const ignoredFunding = Object.fromEntries(fundingQuestionIds.map((id) => [id, z.unknown().optional()])) as {
  [K in (typeof fundingQuestionIds)[number]]: z.ZodOptional<z.ZodUnknown>;
};
const withoutFunding = z.strictObject(
  { ...baseShape, hasFunding: z.literal("no"), ...ignoredFunding },
  { error: strictObjectError },
);

/**
 * Drop answers that do not apply: funder answers without funding, conflict details with no
 * conflicts, and any later question whose condition the other answers do not meet (a
 * proposer who changed an earlier answer leaves them behind in the draft).
 */
function withoutInapplicable(answers: z.output<typeof withFunding> | z.output<typeof withoutFunding>): Answers {
  const record: Record<string, unknown> = answers;
  return Object.fromEntries(Object.entries(answers).filter(([id]) => questionApplies(id, record))) as Answers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The strict schema for a complete set of answers (at submit, in the triage command).
 * Unknown keys (including `__proto__`) are refused. Once `hasFunding` is answered, every
 * problem is reported at once: the cross-field checks run even when other answers are wrong.
 */
export const answersSchema: z.ZodType<Answers> = z
  // The funding answer picks the shape, so it is checked first: without it the other
  // answers cannot be checked and only its own message is reported.
  .discriminatedUnion("hasFunding", [withFunding, withoutFunding], {
    error: (issue) =>
      isRecord(issue.input) ? hasFundingMessage : "Answers must be an object of question ids and answers",
  })
  .superRefine(
    (answers, ctx) => {
      // Guarded reads: with `when` below this can run on partly invalid input.
      const value: Record<string, unknown> = answers;
      const { startDate, endDate, conflictsOfInterest, conflictsOfInterestDetails } = value;
      if (
        typeof startDate === "string" &&
        typeof endDate === "string" &&
        isRealIsoDate(startDate) &&
        isRealIsoDate(endDate)
      ) {
        // ISO dates compare correctly as strings.
        if (endDate < startDate) {
          ctx.addIssue({
            code: "custom",
            path: ["endDate"],
            message: "End date must be the same as or after the start date",
            input: endDate,
          });
        }
      }
      if (questionApplies("partnerParentCountry", value) && value.partnerParentCountry === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["partnerParentCountry"],
          message: "Select the country of the organisation or state that owns or controls the partner",
          input: undefined,
        });
      }
      if (
        (conflictsOfInterest === "yes" || conflictsOfInterest === "unsure") &&
        conflictsOfInterestDetails === undefined
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["conflictsOfInterestDetails"],
          message: "Give details of the conflicts of interest",
          input: undefined,
        });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  )
  .transform(withoutInapplicable);
