// Committee referral (seed 000, SPO "Due diligence"; the committee is CBELA, formerly
// ACBELA, and the route id stays `acbela`). Two kinds of reason:
// - the former Soviet Union rule: "any proposed new linkages with persons or institutions
//   from any countries which formed part of the former Soviet Union" must be submitted "at
//   the earliest opportunity", so these make the route mandatory. It is applied per party:
//   the partner (its country, its owner's country, an individual's nationalities), the other
//   participants and the funder, each with its own relationship to the University;
// - "engagements ... that might give rise to significant public interest and/or pose a
//   reputational risk": the page says the SPO "can advise whether any particular proposal
//   should be submitted", so these open the route for the SPO's judgement (mandatory false)
//   unless an FSU reason is also present.
import type { FunderSector } from "../domain/questions";
import { countries, countriesIn, isYes, pounds, said, upperFirst } from "./facts";
import type { Facts } from "./parties";
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

/** A foreign state partner as a sentence reads it: "the partner is a government body of a foreign state (Japan)". */
export function partnerStateText(facts: Facts): string | undefined {
  const { state, country } = facts.partner;
  if (!state?.foreign) return undefined;
  if (state.country !== country)
    return `the partner (${countries([country])}) is ${state.text}, through its owner in ${countries([state.country])}`;
  return `the partner is ${state.text} (${countries([state.country])})`;
}

export function acbelaRoute(facts: Facts, ref: PreparedReference): Route | undefined {
  const reasons: Reason<AcbelaRuleId>[] = [];
  const { answers, partner, others, funder } = facts;
  const committee = ref.committeeName;
  // "The funder is in a country that formed part of the former Soviet Union (Belarus), and
  // the funder is new to the University: new linkages must go to ... at the earliest opportunity."
  const fsu = (rule: AcbelaRuleId, subject: string, codes: readonly string[], why: string) =>
    reasons.push({
      rule,
      text: `${subject} ${codes.length === 1 ? "a country" : "countries"} that formed part of the former Soviet Union (${countries(codes)}), and ${why}: new linkages must go to ${committee} at the earliest opportunity.`,
      source: sources.fsuRule,
    });

  if (partner.newLinkage) {
    if (ref.fsu.has(partner.country))
      fsu("acbela.fsu_partner_country", "The partner is in", [partner.country], partner.linkage);
    const nationalities = countriesIn(partner.nationalities, ref.fsu);
    if (nationalities.length > 0)
      fsu("acbela.fsu_partner_nationality", "The partner is a national of", nationalities, partner.linkage);
    if (partner.parentCountry && ref.fsu.has(partner.parentCountry))
      fsu(
        "acbela.fsu_partner_parent_country",
        "The organisation or state that owns or controls the partner is in",
        [partner.parentCountry],
        partner.linkage,
      );
  }
  if (others.newLinkage) {
    const found = countriesIn(others.countries, ref.fsu);
    if (found.length > 0)
      fsu(
        "acbela.fsu_other_country",
        "Other participants take part from",
        found,
        others.linkage.replace("some of them", "some of the other participants"),
      );
  }
  // A partner funding itself is the partner: its reason is the partner's.
  if (funder && !funder.isPartner && funder.newLinkage && ref.fsu.has(funder.country))
    fsu("acbela.fsu_funder_country", "The funder is in", [funder.country], funder.linkage);

  const referral = `the SPO will advise whether it should be submitted to ${committee}.`;

  if (isYes(answers.publicInterest)) {
    reasons.push({
      rule: "acbela.public_interest",
      text: `${said(answers.publicInterest, "the collaboration could attract significant public interest or pose a reputational risk")}: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  const statePartner = partnerStateText(facts);
  if (statePartner) {
    reasons.push({
      rule: "acbela.state_partner",
      text: `${upperFirst(statePartner)}, which may give rise to significant public interest: ${referral}`,
      source: sources.acbelaScrutiny,
    });
  }
  const stateFunder =
    funder?.type === "foreign_government"
      ? "a foreign government"
      : funder?.type === "foreign_state_owned"
        ? "a foreign state-owned body"
        : undefined;
  if (funder && stateFunder) {
    reasons.push({
      rule: "acbela.state_funder",
      text: `The funder${funder.isPartner ? " (the partner itself)" : ""} is ${stateFunder} (${countries([funder.country])}), which may give rise to significant public interest: ${referral}`,
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
  if (funder && funder.sector !== "none_of_these") {
    reasons.push({
      rule: "acbela.controversial_sector",
      text: `The funder is in ${sectorPhrases[funder.sector]}, which may pose a reputational risk: ${referral}`,
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
