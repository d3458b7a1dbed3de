// Research Office due diligence (seed 002, Trusted Research: "When commencing a new
// agreement, it is essential to carry out due diligence checks on potential partners and
// the Research Office can help you with this"). Every reason makes the check required.
import type { FunderType } from "../domain/questions";
import { partnerStateText, sectorPhrases } from "./acbela";
import { countries, countriesIn, distinct, isYes, listOf, restrictionsText, said, upperFirst } from "./facts";
import { UNIVERSITY_COUNTRY } from "./facts";
import type { Facts } from "./parties";
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

export function dueDiligenceRoute(facts: Facts, ref: PreparedReference): Route | undefined {
  const reasons: Reason<DueDiligenceRuleId>[] = [];
  const { answers, partner, others, funder } = facts;

  if (partner.newLinkage) {
    reasons.push({
      rule: "due_diligence.new_partner",
      text: `${upperFirst(partner.linkage)}: due diligence checks on potential partners are essential before a new agreement, and the Research Office can help.`,
      source: sources.dueDiligencePartners,
    });
  }
  // A new funder is checked as a new partner is. A UK public funder in the UK (a research
  // council, a government department) is the exception: there is nothing to find out.
  if (
    funder &&
    !funder.isPartner &&
    funder.newLinkage &&
    !(funder.type === "uk_public" && funder.country === UNIVERSITY_COUNTRY)
  ) {
    reasons.push({
      rule: "due_diligence.new_funder",
      text: `${upperFirst(funder.linkage.replace(/^the funder/, `the funder (${countries([funder.country])})`))}: check a new funder as you would a new partner, what interests it represents and what it may do with the research.`,
      source: sources.dueDiligenceFunders,
    });
  }
  const statePartner = partnerStateText(facts);
  if (statePartner) {
    reasons.push({
      rule: "due_diligence.state_party",
      text: `${upperFirst(statePartner)}: check its background and its relationship with the state for ethical or national security concerns.`,
      source: sources.knowYourPartners,
    });
  }
  const funderKind = funder ? checkedFunders[funder.type] : undefined;
  if (funder && funderKind) {
    reasons.push({
      rule: "due_diligence.funder_type",
      text: `The funder${funder.isPartner ? " (the partner itself)" : ""} is ${funderKind} (${countries([funder.country])}): check what interests it represents and any controls it puts on the research.`,
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

  // Every party counts: the partner (where it is, who owns it, an individual's
  // nationalities), the other participants and the funder.
  const named: string[] = [];
  const listed: string[] = [];
  const party = (what: string, codes: readonly string[]) => {
    const found = countriesIn(codes, ref.restrictions);
    if (found.length === 0) return;
    named.push(`${what} (${countries(found)})`);
    listed.push(...found);
  };
  party("the partner's country", [partner.country]);
  party(
    partner.nationalities.length > 1 ? "the partner's nationalities" : "the partner's nationality",
    partner.nationalities,
  );
  if (partner.parentCountry) party("the country of the partner's owner", [partner.parentCountry]);
  const otherCodes = others.countries.filter((code) => code !== partner.country);
  party(
    countriesIn(otherCodes, ref.restrictions).length === 1
      ? "another participating country"
      : "other participating countries",
    otherCodes,
  );
  if (funder && !funder.isPartner) party("the funder's country", [funder.country]);
  if (named.length > 0) {
    const codes = distinct(listed);
    reasons.push({
      rule: "due_diligence.sanctioned_country",
      text: `UK restrictions apply to ${listOf(named)}. ${restrictionsText(codes, ref)}. Check every party against UK sanctions before going further.`,
      source: sources.knowYourPartnersSanctions,
    });
  }

  if (funder && funder.sector !== "none_of_these") {
    reasons.push({
      rule: "due_diligence.controversial_sector",
      text: `The funder is in ${sectorPhrases[funder.sector]}: check whether its interests conflict with the University's values.`,
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
