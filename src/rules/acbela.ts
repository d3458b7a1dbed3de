// ACBELA referral (seed 000, SPO "Due diligence"). Two kinds of reason:
// - the former Soviet Union rule: new linkages with persons or institutions from the twelve
//   countries "must be automatically submitted to ACBELA at the earliest opportunity", so
//   these make the route mandatory;
// - "engagements ... that might give rise to significant public interest and/or pose a
//   reputational risk": the page says the SPO "can advise whether any particular proposal
//   should be submitted", so these open the route for the SPO's judgement (mandatory false)
//   unless an FSU reason is also present.
import type { Answers, FunderSector } from "../domain/questions";
import {
  countries,
  countriesIn,
  funding,
  isNewLinkage,
  isYes,
  otherCountries,
  pounds,
  said,
  UNIVERSITY_COUNTRY,
} from "./facts";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { AcbelaRuleId, Reason, Route } from "./types";
import { fsuRuleIds } from "./types";

/** How each controversial funder sector reads in a sentence (shared with due diligence). */
export const sectorPhrases: Record<Exclude<FunderSector, "none_of_these">, string> = {
  tobacco: "the tobacco industry",
  fossil_fuels: "the fossil fuel industry",
  arms_defence: "the arms or defence industry",
  other_controversial: "a controversial sector",
};

const mandatoryRules: ReadonlySet<string> = new Set(fsuRuleIds);

export function acbelaRoute(answers: Answers, ref: PreparedReference): Route | undefined {
  const reasons: Reason<AcbelaRuleId>[] = [];
  const committee = ref.committeeName;
  const funder = funding(answers);

  if (isNewLinkage(answers.relationship)) {
    const fsuTail =
      `formed part of the former Soviet Union: new linkages must go to ${committee} at the earliest opportunity.` +
      (answers.relationship === "existing_informal"
        ? " A relationship without a formal agreement counts as a new linkage."
        : "");
    if (ref.fsu.has(answers.partnerCountry)) {
      reasons.push({
        rule: "acbela.fsu_partner_country",
        text: `The partner's country (${countries([answers.partnerCountry])}) ${fsuTail}`,
        source: sources.fsuRule,
      });
    }
    const others = countriesIn(otherCountries(answers), ref.fsu);
    if (others.length > 0) {
      reasons.push({
        rule: "acbela.fsu_other_country",
        text: `${others.length === 1 ? "Another participating country" : "Other participating countries"} (${countries(others)}) ${fsuTail}`,
        source: sources.fsuRule,
      });
    }
    if (funder && ref.fsu.has(funder.funderCountry)) {
      reasons.push({
        rule: "acbela.fsu_funder_country",
        text: `The funder's country (${countries([funder.funderCountry])}) ${fsuTail}`,
        source: sources.fsuRule,
      });
    }
  }

  const referral = `the SPO will advise whether it should be submitted to ${committee}.`;

  if (isYes(answers.publicInterest)) {
    reasons.push({
      rule: "acbela.public_interest",
      text: `${said(answers.publicInterest, "the collaboration could attract significant public interest or pose a reputational risk")}: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  const statePartner =
    answers.partnerType === "government_body"
      ? "a foreign government body"
      : answers.partnerType === "state_owned_enterprise"
        ? "a foreign state-owned enterprise"
        : undefined;
  if (statePartner && answers.partnerCountry !== UNIVERSITY_COUNTRY) {
    reasons.push({
      rule: "acbela.state_partner",
      text: `The partner is ${statePartner} (${countries([answers.partnerCountry])}), which may give rise to significant public interest: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  const stateFunder =
    funder?.funderType === "foreign_government"
      ? "a foreign government"
      : funder?.funderType === "foreign_state_owned"
        ? "a foreign state-owned body"
        : undefined;
  if (funder && stateFunder) {
    reasons.push({
      rule: "acbela.state_funder",
      text: `The funder is ${stateFunder} (${countries([funder.funderCountry])}), which may give rise to significant public interest: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  if (isYes(answers.stateLinks)) {
    reasons.push({
      rule: "acbela.state_links",
      text: `${said(answers.stateLinks, "the partner has links with a state, state military or security services")}: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  if (funder && funder.funderSector !== "none_of_these") {
    reasons.push({
      rule: "acbela.controversial_sector",
      text: `The funder is in ${sectorPhrases[funder.funderSector]}, which may pose a reputational risk: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  if (answers.valueGbp >= ref.acbelaThresholdGbp) {
    reasons.push({
      rule: "acbela.value_threshold",
      text: `The total value, ${pounds(answers.valueGbp)}, is at or above the ${committee} threshold of ${pounds(ref.acbelaThresholdGbp)}: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }

  if (reasons.length === 0) return undefined;
  return { route: "acbela", mandatory: reasons.some((reason) => mandatoryRules.has(reason.rule)), reasons };
}
