// Export control review (seed 002, Trusted Research "How is your research being used?": "The
// UK government has restrictions in place relating to the sharing of military and dual-use
// academic research with overseas partners"). Every reason makes the review required.
//
// Exemptions (public domain, basic scientific research) only ever lift the NSI-sector
// transfer trigger, and never where there is a military or WMD end-use concern: UK law's
// end-use controls apply whatever the technology's status. A military or defence partner
// counts as a military end-use concern for this purpose.
import type { Answers } from "../domain/questions";
import { exemptionLabels } from "../domain/questions";
import {
  countries,
  countriesIn,
  distinct,
  isYes,
  listedSectors,
  nsiSectorsPhrase,
  restrictionsText,
  said,
} from "./facts";
import type { Facts } from "./parties";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { ExportControlRuleId, Reason, Route } from "./types";

const review = "an export control review is required before anything is shared or sent.";

export function hasMilitaryOrWmdConcern(answers: Answers): boolean {
  return isYes(answers.militaryUse) || isYes(answers.wmdConcern) || answers.partnerType === "military_or_defence";
}

/**
 * Where technology, software, data or know-how goes: the partner's country, its owner's,
 * the other participants' and, when the funder owns or may jointly own the results, the
 * funder's.
 */
export function destinations(facts: Facts): string[] {
  const { partner, others, funder } = facts;
  return distinct([
    partner.country,
    ...(partner.parentCountry ? [partner.parentCountry] : []),
    ...others.countries,
    ...(funder?.takesResults ? [funder.country] : []),
  ]);
}

/** Why a claimed public-domain exemption does not hold: results that are restricted are not in the public domain. */
function restrictedPublication(facts: Facts): string | undefined {
  const restricted: string[] = [];
  if (isYes(facts.answers.publicationRestrictions)) restricted.push("publication");
  if (facts.funder && isYes(facts.funder.useRestrictions)) restricted.push("use");
  return restricted.length > 0 ? restricted.join(" or ") : undefined;
}

export function exportControlRoute(facts: Facts, ref: PreparedReference): Route | undefined {
  const reasons: Reason<ExportControlRuleId>[] = [];
  const { answers } = facts;

  if (isYes(answers.controlListed)) {
    reasons.push({
      rule: "export_control.control_listed",
      text: `${said(answers.controlListed, "goods, software or technology on the UK strategic export control lists are involved")}: ${review}`,
      source: sources.exportControl,
    });
  }
  if (isYes(answers.militaryUse)) {
    reasons.push({
      rule: "export_control.military_use",
      text: `${said(answers.militaryUse, "the research could have a military use")}: the UK restricts sharing military and dual-use research with overseas partners, and no exemption applies, so ${review}`,
      source: sources.exportControl,
    });
  }
  if (isYes(answers.wmdConcern)) {
    reasons.push({
      rule: "export_control.wmd",
      text: `${said(answers.wmdConcern, "the research could contribute to weapons of mass destruction")}: no exemption applies, so ${review}`,
      source: sources.exportControl,
    });
  }
  if (answers.partnerType === "military_or_defence") {
    reasons.push({
      rule: "export_control.military_partner",
      text: `The partner is a military or defence organisation (${countries([answers.partnerCountry])}): the UK restricts sharing military and dual-use research with such partners, so ${review}`,
      source: sources.exportControl,
    });
  }

  if (isYes(answers.transferAbroad)) {
    const sent =
      answers.transferAbroad === "unsure" ? "may be sent or shown overseas" : "will be sent or shown overseas";
    // An embargo or restriction applies whatever exemption is claimed.
    const restricted = countriesIn(destinations(facts), ref.restrictions);
    if (restricted.length > 0) {
      reasons.push({
        rule: "export_control.transfer_embargoed",
        text: `Technology, software, data or know-how ${sent}, to ${restricted.length === 1 ? "a country" : "countries"} under UK restrictions (${countries(restricted)}). ${restrictionsText(restricted, ref)}. So ${review}`,
        source: sources.exportControlEmbargo,
      });
    }
    const sectors = listedSectors(answers.nsiSectors, ref);
    if (sectors.length > 0) {
      let exemption: string | undefined;
      const restrictedUse = restrictedPublication(facts);
      if (answers.exemption === "none") exemption = "with no export control exemption claimed";
      else if (answers.exemption === "unsure")
        exemption = "and you were not sure whether an export control exemption applies";
      else if (hasMilitaryOrWmdConcern(answers)) {
        exemption = `and the ${exemptionLabels[answers.exemption].toLowerCase()} exemption does not apply where there is a military or WMD end-use concern`;
      } else if (answers.exemption === "public_domain" && restrictedUse) {
        exemption = `and the public domain exemption does not hold while ${restrictedUse} of the results is restricted`;
      }
      if (exemption) {
        reasons.push({
          rule: "export_control.transfer_nsi_no_exemption",
          text: `Technology, software, data or know-how ${sent} in ${nsiSectorsPhrase(sectors, ref)} ${exemption}: ${review}`,
          source: sources.exportControl,
        });
      }
    }
  }

  return reasons.length > 0 ? { route: "export_control", mandatory: true, reasons } : undefined;
}
