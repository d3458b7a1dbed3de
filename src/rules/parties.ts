// Who takes part, read once from the answers: the partner (its country, who owns it, an
// individual's nationalities), the other participants, the funder (resolved to the partner
// when the partner funds itself), each with its own relationship to the University. The
// rule files read these facts rather than the raw answers, so every rule sees every party.
//
// Answers given before a question was added lack it: the stated default below is applied
// and the question listed in the decision as not asked (docs/rules.md, not-asked defaults).
import type {
  Answers,
  ForegroundIp,
  FunderSector,
  FunderType,
  LaterQuestionId,
  OtherParticipantsRelationship,
  PartnerOwnership,
  Relationship,
  YesNoUnsure,
} from "../domain/questions";
import { laterQuestionIds, questionApplies } from "../domain/questions";
import { UNIVERSITY_COUNTRY } from "./facts";
import type { NotAsked } from "./types";

type Defaultable = Exclude<LaterQuestionId, "partnerParentCountry">;

/**
 * The default for each later question, and how the decision states it. `partnerParentCountry`
 * has none: it is asked only with an ownership answer, and the default ownership is independent.
 */
export const notAskedDefaults: Record<Defaultable, { assumed: string; value: (answers: Answers) => unknown }> = {
  existingAgreementReference: {
    assumed: "no SPO agreement reference (the partner counts as a new linkage)",
    value: () => "",
  },
  partnerNationalities: { assumed: "no nationalities", value: () => [] },
  partnerOwnership: { assumed: "independent", value: () => "independent" },
  otherParticipantsRelationship: { assumed: "some are new", value: () => "some_new" },
  funderRelationship: { assumed: "a new funder", value: () => "new" },
  visitorNationalities: {
    assumed: "the partner's country",
    value: (answers) => [answers.partnerCountry],
  },
};

/** The answers with the default of each later question that applies and was not asked. */
export function withDefaults(answers: Answers): { answers: Answers; notAsked: NotAsked[] } {
  let complete: Record<string, unknown> | undefined;
  const notAsked: NotAsked[] = [];
  for (const id of laterQuestionIds) {
    if (id === "partnerParentCountry") continue;
    const current = complete ?? answers;
    if (current[id] !== undefined || !questionApplies(id, current)) continue;
    const fallback = notAskedDefaults[id];
    complete = { ...current, [id]: fallback.value(answers) };
    notAsked.push({ question: id, assumed: fallback.assumed });
  }
  return { answers: (complete ?? answers) as Answers, notAsked };
}

/** A party's tie to a state, when it is a state party. */
export interface StateTie {
  /** "a government body of a foreign state", ... as a sentence reads it (used only when foreign). */
  text: string;
  /** The state's country: the owner's for an owned partner, else the partner's. */
  country: string;
  foreign: boolean;
  /** True for `partnerOwnership` unsure: the text says so. */
  unsure: boolean;
}

export interface PartnerFacts {
  country: string;
  /** An individual's nationalities (empty for an organisation). */
  nationalities: readonly string[];
  /** The owner's country, when the partner is part of a group or state-owned (or unsure). */
  parentCountry: string | undefined;
  newLinkage: boolean;
  /** Why the partner is a new linkage, as a clause ("the partner is new to the University"). */
  linkage: string;
  state: StateTie | undefined;
}

export interface FunderFacts {
  /** The funder's type, with `partner_itself` resolved from the partner's type and ownership. */
  type: FunderType;
  country: string;
  /** The partner funds its own work: partner facts apply to the funder. */
  isPartner: boolean;
  newLinkage: boolean;
  linkage: string;
  sector: FunderSector;
  useRestrictions: YesNoUnsure;
  valuesConflict: YesNoUnsure;
  /** The funder owns (or may jointly own) the results, so its country is a destination. */
  takesResults: boolean;
}

export interface Facts {
  answers: Answers;
  partner: PartnerFacts;
  others: { countries: readonly string[]; newLinkage: boolean; linkage: string };
  funder: FunderFacts | undefined;
  visitorNationalities: readonly string[];
  notAsked: NotAsked[];
}

/**
 * "New linkage" (seed 000): a new relationship, or one without a formal agreement (it has never
 * been through the SPO). For the partner an agreement counts only with its SPO reference,
 * so the SPO can find it; without one the linkage is treated as new.
 */
function partnerLinkage(relationship: Relationship, reference: string | undefined): { isNew: boolean; why: string } {
  if (relationship === "new") return { isNew: true, why: "the partner is new to the University" };
  if (relationship === "existing_informal")
    return { isNew: true, why: "there is no formal agreement with the partner, so it counts as a new linkage" };
  if (!reference)
    return {
      isNew: true,
      why: "no SPO reference was given for the agreement with the partner, so it counts as a new linkage",
    };
  return { isNew: false, why: "" };
}

function funderLinkage(relationship: Relationship): { isNew: boolean; why: string } {
  if (relationship === "new") return { isNew: true, why: "the funder is new to the University" };
  if (relationship === "existing_informal")
    return { isNew: true, why: "there is no formal agreement with the funder, so it counts as a new linkage" };
  return { isNew: false, why: "" };
}

function othersLinkage(relationship: OtherParticipantsRelationship): { isNew: boolean; why: string } {
  if (relationship === "some_new") return { isNew: true, why: "some of them are new to the University" };
  if (relationship === "unsure")
    return { isNew: true, why: "you were not sure whether they all work with the University under an agreement" };
  return { isNew: false, why: "" };
}

const ownedOrControlled = (ownership: PartnerOwnership | undefined): boolean =>
  ownership !== undefined && ownership !== "independent";

function partnerState(answers: Answers, parentCountry: string | undefined): StateTie | undefined {
  const country = answers.partnerCountry;
  const tie = (text: string, at: string, unsure = false): StateTie => ({
    text,
    country: at,
    foreign: at !== UNIVERSITY_COUNTRY,
    unsure,
  });
  switch (answers.partnerType) {
    case "government_body":
      return tie("a government body of a foreign state", country);
    case "military_or_defence":
      return tie("a military or defence body of a foreign state", country);
    case "state_owned_enterprise":
      return tie("an enterprise owned by a foreign state", parentCountry ?? country);
    case "individual":
      return undefined;
    default:
      if (answers.partnerOwnership === "state_owned_or_controlled")
        return tie("owned or controlled by a foreign state", parentCountry ?? country);
      if (answers.partnerOwnership === "unsure")
        return tie(
          "possibly owned or controlled by a foreign state (you were not sure)",
          parentCountry ?? country,
          true,
        );
      return undefined;
  }
}

/** What the partner is, as a funder: "partner_itself takes the partner's type, country and ownership". */
function partnerAsFunderType(answers: Answers, state: StateTie | undefined): FunderType {
  const government = answers.partnerType === "government_body" || answers.partnerType === "military_or_defence";
  if (state?.foreign) return government ? "foreign_government" : "foreign_state_owned";
  if (state && government) return "uk_public";
  // A UK state tie does not make a company or a person anything other than that: a
  // company funding its own work is checked as a company funder whatever its owner
  // (and an "unsure" about its owner never removes that check).
  if (answers.partnerType === "company") return "company";
  if (answers.partnerType === "individual") return "individual";
  return "other";
}

const ownsResults: ReadonlySet<ForegroundIp> = new Set(["funder", "joint"]);

export function factsFrom(given: Answers): Facts {
  const { answers, notAsked } = withDefaults(given);
  const parentCountry = ownedOrControlled(answers.partnerOwnership) ? answers.partnerParentCountry : undefined;
  const state = partnerState(answers, parentCountry);
  const linkage = partnerLinkage(answers.relationship, answers.existingAgreementReference);
  const partner: PartnerFacts = {
    country: answers.partnerCountry,
    nationalities: answers.partnerType === "individual" ? (answers.partnerNationalities ?? []) : [],
    parentCountry,
    newLinkage: linkage.isNew,
    linkage: linkage.why,
    state,
  };
  const others = othersLinkage(answers.otherParticipantsRelationship ?? "some_new");

  let funder: FunderFacts | undefined;
  if (answers.hasFunding === "yes") {
    const isPartner = answers.funderType === "partner_itself";
    const own = funderLinkage(answers.funderRelationship ?? "new");
    funder = {
      type: isPartner ? partnerAsFunderType(answers, state) : answers.funderType,
      country: isPartner ? answers.partnerCountry : answers.funderCountry,
      isPartner,
      newLinkage: isPartner ? linkage.isNew : own.isNew,
      linkage: isPartner ? linkage.why : own.why,
      sector: answers.funderSector,
      useRestrictions: answers.useRestrictions,
      valuesConflict: answers.valuesConflict,
      takesResults: ownsResults.has(answers.foregroundIp) || (isPartner && answers.foregroundIp === "partner"),
    };
  }

  return {
    answers,
    partner,
    others: { countries: answers.otherCountries, newLinkage: others.isNew, linkage: others.why },
    funder,
    visitorNationalities: answers.visitingResearchers === "yes" ? (answers.visitorNationalities ?? []) : [],
    notAsked,
  };
}
