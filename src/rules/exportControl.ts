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
import { countries, countriesIn, isYes, nsiSectorsPhrase, said } from "./facts";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { ExportControlRuleId, Reason, Route } from "./types";

const review = "an export control review is required before anything is shared or sent.";

export function hasMilitaryOrWmdConcern(answers: Answers): boolean {
  return isYes(answers.militaryUse) || isYes(answers.wmdConcern) || answers.partnerType === "military_or_defence";
}

export function exportControlRoute(answers: Answers, ref: PreparedReference): Route | undefined {
  const reasons: Reason<ExportControlRuleId>[] = [];

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
    // Destinations are the partner's and the other participants' countries; an embargo
    // applies whatever exemption is claimed.
    const embargoed = countriesIn([answers.partnerCountry, ...answers.otherCountries], ref.embargo);
    if (embargoed.length > 0) {
      reasons.push({
        rule: "export_control.transfer_embargoed",
        text: `Technology, software, data or know-how ${sent}, to ${embargoed.length === 1 ? "a country" : "countries"} on the UK arms embargo and sanctions list (${countries(embargoed)}): ${review}`,
        source: sources.exportControlEmbargo,
      });
    }
    if (answers.nsiSectors.length > 0) {
      let exemption: string | undefined;
      if (answers.exemption === "none") exemption = "with no export control exemption claimed";
      else if (answers.exemption === "unsure")
        exemption = "and you were not sure whether an export control exemption applies";
      else if (hasMilitaryOrWmdConcern(answers)) {
        exemption = `and the ${exemptionLabels[answers.exemption].toLowerCase()} exemption does not apply where there is a military or WMD end-use concern`;
      }
      if (exemption) {
        reasons.push({
          rule: "export_control.transfer_nsi_no_exemption",
          text: `Technology, software, data or know-how ${sent} in ${nsiSectorsPhrase(answers.nsiSectors, ref)} ${exemption}: ${review}`,
          source: sources.exportControl,
        });
      }
    }
  }

  return reasons.length > 0 ? { route: "export_control", mandatory: true, reasons } : undefined;
}
