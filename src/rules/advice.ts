// Further actions raised as advice (docs/rules.md, advice): they never open a route
// or block a case, they tell the proposer and the SPO what else to do. The last two items
// (academic freedom, facility access) are ours: those questions are asked but no route
// reads them, and the principles and Trusted Research pages both raise them as risks.
import type { ForegroundIp } from "../domain/questions";
import { partnerStateText } from "./acbela";
import {
  countries,
  countriesIn,
  distinct,
  isYes,
  listedSectors,
  listOf,
  nsiSectorsPhrase,
  said,
  upperFirst,
} from "./facts";
import type { Facts } from "./parties";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { Advice } from "./types";

/** Owners of new IP that take it, or part of it, out of the University's hands. */
const ipLeaving: Partial<Record<ForegroundIp, string>> = {
  partner: "the new intellectual property will be owned by the partner",
  funder: "the new intellectual property will be owned by the funder",
  joint: "the new intellectual property will be jointly owned",
};

export function adviceFor(facts: Facts, ref: PreparedReference): Advice[] {
  const advice: Advice[] = [];
  const { answers, funder, partner } = facts;

  // Cambridge Enterprise: only when there is an IP or publication question to raise and
  // the proposer is not yet in touch (once in touch, the advice has been taken).
  if (answers.cambridgeEnterpriseContacted === "no") {
    const facts: string[] = [];
    const ip = ipLeaving[answers.foregroundIp];
    if (ip) facts.push(ip);
    if (answers.foregroundIp === "undecided")
      facts.push("who will own the new intellectual property is not decided yet");
    if (isYes(answers.publicationRestrictions)) {
      facts.push(
        answers.publicationRestrictions === "unsure"
          ? "there may be restrictions on publication"
          : "there will be restrictions on publication",
      );
    }
    if (funder && isYes(funder.useRestrictions)) {
      facts.push(
        funder.useRestrictions === "unsure"
          ? "the funder may limit use or publication of the results"
          : "the funder will limit use or publication of the results",
      );
    }
    if (facts.length > 0) {
      advice.push({
        id: "advice.cambridge_enterprise",
        text: `${upperFirst(listOf(facts))}: contact Cambridge Enterprise early, before terms are agreed, about protecting and using the intellectual property.`,
        source: sources.cambridgeEnterprise,
      });
    }
  }

  if (isYes(answers.overseasActivity)) {
    advice.push({
      id: "advice.finance_overseas_activity",
      text: `${said(answers.overseasActivity, "the University will employ people, open an office or bank account, set up an entity or hold assets overseas")}: this needs Finance approval under section 24 of the Financial Regulations before it starts.`,
      source: sources.financialRegulations,
    });
  }

  if (answers.travel === "yes") {
    advice.push({
      id: "advice.travel_risk_assessment",
      text: `Staff or students will travel to the partner's country (${countries([answers.partnerCountry])}): complete a travel risk assessment before each trip.`,
      source: sources.travel,
    });
  }

  // ATAS depends on each visitor's nationality (when not asked, the partner's country stands in).
  const needAtas = facts.visitorNationalities.filter(
    (code, index, all) => !ref.atasExempt.has(code) && all.indexOf(code) === index,
  );
  if (needAtas.length > 0) {
    advice.push({
      id: "advice.atas",
      text: `Researchers will come to Cambridge with ${needAtas.length === 1 ? "a nationality" : "nationalities"} not exempt from ATAS (${countries(needAtas)}): check whether each of them needs an Academic Technology Approval Scheme certificate (it depends on their nationality and subject).`,
      source: sources.atas,
    });
  }

  const ip = ipLeaving[answers.foregroundIp];
  const sectors = listedSectors(answers.nsiSectors, ref);
  if (ip && sectors.length > 0) {
    advice.push({
      id: "advice.nsi_act",
      text: `${upperFirst(ip)} and the research is in ${nsiSectorsPhrase(sectors, ref)}: consider, with the Research Office, whether the transfer needs notifying under the National Security and Investment Act.`,
      source: sources.nsiAct,
    });
  }

  // State parties: a foreign government, military or defence body, or a state-owned or
  // controlled partner (or one that may be), and a foreign government or state funder.
  const foreignPowers: string[] = [];
  const statePartner = partnerStateText(facts);
  if (statePartner) foreignPowers.push(statePartner);
  if (funder && !funder.isPartner) {
    if (funder.type === "foreign_government")
      foreignPowers.push(`the funder is a foreign government (${countries([funder.country])})`);
    if (funder.type === "foreign_state_owned")
      foreignPowers.push(`the funder is a foreign state-owned body (${countries([funder.country])})`);
  }
  if (foreignPowers.length > 0) {
    advice.push({
      id: "advice.firs",
      text: `${upperFirst(listOf(foreignPowers))}: check with the SPO whether the arrangement must be registered under the Foreign Influence Registration Scheme.`,
      source: sources.firs,
    });
  }
  // The enhanced tier covers bodies a specified power controls, which can include its
  // universities and companies, so every party in such a country is named.
  const enhanced = countriesIn(
    distinct([
      partner.country,
      ...(partner.parentCountry ? [partner.parentCountry] : []),
      ...facts.others.countries,
      ...(funder ? [funder.country] : []),
    ]),
    ref.firsEnhancedTier,
  );
  if (enhanced.length > 0) {
    advice.push({
      id: "advice.firs_enhanced_tier",
      text: `A party is in ${enhanced.length === 1 ? "a country" : "countries"} specified for the enhanced tier of the Foreign Influence Registration Scheme (${countries(enhanced)}): an arrangement with its government, or with a body it controls (which can include a university or company), to carry out activities in the UK must be registered before they start. Check with the SPO.`,
      source: sources.firsEnhancedTier,
    });
  }

  if (answers.engagementType === "mou") {
    advice.push({
      id: "advice.mou_template",
      text: "This is a memorandum of understanding: start from the University's International MoU Template.",
      source: sources.mouTemplate,
    });
  }

  if (answers.viaSubsidiary === "yes") {
    advice.push({
      id: "advice.subsidiary_policy",
      text: "It will be run through a wholly owned subsidiary of the University: follow the subsidiary's policy for international projects (the IfM ECS policy in the Handbook is an example).",
      source: sources.subsidiaryPolicy,
    });
  }

  if (isYes(answers.academicFreedom)) {
    advice.push({
      id: "advice.academic_freedom",
      text: `${said(answers.academicFreedom, "the collaboration could threaten academic freedom")}: agree safeguards with the SPO before terms are agreed.`,
      source: sources.academicFreedom,
    });
  }

  if (answers.facilityAccess === "yes") {
    advice.push({
      id: "advice.facility_access",
      text: "Partner staff will have access to University networks, labs or data: agree what they may reach and how access is controlled before it is given.",
      source: sources.facilityAccess,
    });
  }

  return advice;
}
