// Research Office due diligence (seed 002, Trusted Research: "When commencing a new
// agreement, it is essential to carry out due diligence checks on potential partners and
// the Research Office can help you with this"). Every reason makes the check required.
import type { Answers, FunderType } from "../domain/questions";
import { sectorPhrases } from "./acbela";
import {
  countries,
  countriesIn,
  funding,
  isNewLinkage,
  isYes,
  listOf,
  otherCountries,
  said,
  upperFirst,
} from "./facts";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { DueDiligenceRuleId, Reason, Route } from "./types";

/** Funders whose interests need checking, as they read in a sentence. */
const checkedFunders: Partial<Record<FunderType, string>> = {
  company: "a company",
  foreign_government: "a foreign government",
  foreign_state_owned: "a foreign state-owned body",
  individual: "an individual",
};

export function dueDiligenceRoute(answers: Answers, ref: PreparedReference): Route | undefined {
  const reasons: Reason<DueDiligenceRuleId>[] = [];
  const funder = funding(answers);

  if (isNewLinkage(answers.relationship)) {
    reasons.push({
      rule: "due_diligence.new_partner",
      text:
        answers.relationship === "new"
          ? "The partner is new to the University: due diligence checks on potential partners are essential before a new agreement, and the Research Office can help."
          : "There is no formal agreement with the partner yet: due diligence checks are essential before a new agreement, and the Research Office can help.",
      source: sources.dueDiligencePartners,
    });
  }
  const funderKind = funder ? checkedFunders[funder.funderType] : undefined;
  if (funder && funderKind) {
    reasons.push({
      rule: "due_diligence.funder_type",
      text: `The funder is ${funderKind} (${countries([funder.funderCountry])}): check what interests it represents and any controls it puts on the research.`,
      source: sources.funding,
    });
  }
  if (isYes(answers.stateLinks)) {
    reasons.push({
      rule: "due_diligence.state_links",
      text: `${said(answers.stateLinks, "the partner has links with a state, state military or security services")}: check the partner's background and connections for ethical or national security concerns.`,
      source: sources.knowYourPartners,
    });
  }
  if (isYes(answers.conflictsOfInterest)) {
    reasons.push({
      rule: "due_diligence.conflicts_of_interest",
      text: `${said(answers.conflictsOfInterest, "there are conflicts of interest")}: check the partner's connections and put mitigations in place.`,
      source: sources.knowYourPartners,
    });
  }

  // Every party counts: the partner, the other participants and the funder.
  const facts: string[] = [];
  if (ref.embargo.has(answers.partnerCountry))
    facts.push(`the partner's country (${countries([answers.partnerCountry])})`);
  const others = countriesIn(otherCountries(answers), ref.embargo);
  if (others.length > 0) {
    facts.push(
      `${others.length === 1 ? "another participating country" : "other participating countries"} (${countries(others)})`,
    );
  }
  if (funder && ref.embargo.has(funder.funderCountry))
    facts.push(`the funder's country (${countries([funder.funderCountry])})`);
  if (facts.length > 0) {
    const plural = facts.length > 1 || others.length > 1;
    reasons.push({
      rule: "due_diligence.sanctioned_country",
      text: `${upperFirst(listOf(facts))} ${plural ? "are" : "is"} on the UK arms embargo and sanctions list: check every party against UK sanctions before going further.`,
      source: sources.knowYourPartnersSanctions,
    });
  }

  if (funder && funder.funderSector !== "none_of_these") {
    reasons.push({
      rule: "due_diligence.controversial_sector",
      text: `The funder is in ${sectorPhrases[funder.funderSector]}: check whether its interests conflict with the University's values.`,
      source: sources.funding,
    });
  }
  if (funder && isYes(funder.valuesConflict)) {
    reasons.push({
      rule: "due_diligence.values_conflict",
      text: `${said(funder.valuesConflict, "the funder's interests conflict with the University's values")}: this must be looked at before the funding is accepted.`,
      source: sources.funding,
    });
  }

  return reasons.length > 0 ? { route: "due_diligence", mandatory: true, reasons } : undefined;
}
