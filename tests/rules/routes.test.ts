// Every route rule, firing and not firing, one change at a time from answers that trigger
// nothing. Each row lists every reason the whole decision should give, in order, so a rule
// firing where it should not is caught as surely as one that stays silent.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DraftAnswers } from "../../src/domain/questions";
import { answersSchema } from "../../src/domain/questions";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersWith, quietAnswers, quietFunding } from "../fixtures/answers";
import type { Decision, RouteRuleId } from "../../src/rules";
import {
  acbelaRuleIds,
  adviceIds,
  decide,
  dueDiligenceRuleIds,
  exportControlRuleIds,
  schoolSignOffRuleIds,
} from "../../src/rules";

const ruleIds = (decision: Decision) => decision.routes.flatMap((route) => route.reasons.map((reason) => reason.rule));

interface Row {
  name: string;
  about: RouteRuleId;
  changes: DraftAnswers;
  /** Every rule id the decision should give, in route order. */
  expected: RouteRuleId[];
  /** Words the reason's text must contain (the specific fact). */
  says?: string[];
}

const rows: Row[] = [
  // ACBELA: the former Soviet Union rule
  {
    name: "partner in Kazakhstan, new",
    about: "acbela.fsu_partner_country",
    changes: { partnerCountry: "KZ", relationship: "new" },
    expected: ["acbela.fsu_partner_country", "due_diligence.new_partner"],
    says: ["Kazakhstan", "former Soviet Union", "CBELA (formerly ACBELA)", "earliest opportunity"],
  },
  {
    name: "partner in Ukraine, informal",
    about: "acbela.fsu_partner_country",
    changes: { partnerCountry: "UA", relationship: "existing_informal" },
    expected: ["acbela.fsu_partner_country", "due_diligence.new_partner"],
    says: ["Ukraine", "no formal agreement with the partner, so it counts as a new linkage"],
  },
  {
    name: "partner in Kazakhstan, with agreement",
    about: "acbela.fsu_partner_country",
    changes: { partnerCountry: "KZ" },
    expected: [],
  },
  {
    name: "partner in Estonia, new",
    about: "acbela.fsu_partner_country",
    changes: { partnerCountry: "EE", relationship: "new" },
    expected: ["due_diligence.new_partner"],
  },
  {
    name: "Uzbekistan among other countries, new",
    about: "acbela.fsu_other_country",
    changes: { otherCountries: ["FR", "UZ"], relationship: "new", otherParticipantsRelationship: "some_new" },
    expected: ["acbela.fsu_other_country", "due_diligence.new_partner"],
    says: ["Other participants take part from a country that formed part of the former Soviet Union (Uzbekistan)"],
  },
  {
    name: "two FSU other countries",
    about: "acbela.fsu_other_country",
    changes: { otherCountries: ["GE", "MD"], otherParticipantsRelationship: "unsure" },
    expected: ["acbela.fsu_other_country"],
    says: [
      "countries that formed part of the former Soviet Union (Georgia; Moldova, Republic of)",
      "you were not sure",
    ],
  },
  {
    name: "Baltic other countries, new",
    about: "acbela.fsu_other_country",
    changes: { otherCountries: ["LT", "LV", "EE"], relationship: "new", otherParticipantsRelationship: "some_new" },
    expected: ["due_diligence.new_partner"],
  },
  {
    name: "funder in Kyrgyzstan, new",
    about: "acbela.fsu_funder_country",
    changes: { ...quietFunding, funderType: "uk_charity", funderCountry: "KG", funderRelationship: "new" },
    expected: ["acbela.fsu_funder_country", "due_diligence.new_funder"],
    says: [
      "The funder is in a country that formed part of the former Soviet Union (Kyrgyzstan)",
      "the funder is new to the University",
    ],
  },
  {
    name: "funder in Kyrgyzstan, with agreement",
    about: "acbela.fsu_funder_country",
    changes: { ...quietFunding, funderCountry: "KG" },
    expected: [],
  },

  // ACBELA: significant public interest or reputational risk
  {
    name: "public interest yes",
    about: "acbela.public_interest",
    changes: { publicInterest: "yes" },
    expected: ["acbela.public_interest"],
    says: ["You said", "significant public interest", "ACBELA"],
  },
  {
    name: "public interest unsure",
    about: "acbela.public_interest",
    changes: { publicInterest: "unsure" },
    expected: ["acbela.public_interest"],
    says: ["You were not sure whether"],
  },
  {
    name: "public interest no",
    about: "acbela.public_interest",
    changes: { publicInterest: "no", academicFreedom: "yes" },
    expected: [],
  },
  {
    name: "foreign government partner",
    about: "acbela.state_partner",
    changes: { partnerType: "government_body", partnerCountry: "JP" },
    expected: ["acbela.state_partner", "due_diligence.state_party"],
    says: ["government body of a foreign state (Japan)"],
  },
  {
    name: "foreign state-owned enterprise partner",
    about: "acbela.state_partner",
    changes: { partnerType: "state_owned_enterprise", partnerCountry: "BR" },
    expected: ["acbela.state_partner", "due_diligence.state_party"],
    says: ["enterprise owned by a foreign state (Brazil)"],
  },
  {
    name: "UK government partner",
    about: "acbela.state_partner",
    changes: { partnerType: "government_body", partnerCountry: "GB" },
    expected: [],
  },
  {
    name: "company partner",
    about: "acbela.state_partner",
    changes: { partnerType: "company", partnerCountry: "JP" },
    expected: [],
  },
  {
    name: "foreign government funder",
    about: "acbela.state_funder",
    changes: { ...quietFunding, funderType: "foreign_government", funderCountry: "JP" },
    expected: ["acbela.state_funder", "due_diligence.funder_type"],
    says: ["foreign government (Japan)"],
  },
  {
    name: "foreign state-owned funder",
    about: "acbela.state_funder",
    changes: { ...quietFunding, funderType: "foreign_state_owned", funderCountry: "SG" },
    expected: ["acbela.state_funder", "due_diligence.funder_type"],
    says: ["state-owned body (Singapore)"],
  },
  {
    name: "UK public funder",
    about: "acbela.state_funder",
    changes: { ...quietFunding, funderType: "uk_public" },
    expected: [],
  },
  {
    name: "state links yes",
    about: "acbela.state_links",
    changes: { stateLinks: "yes" },
    expected: ["acbela.state_links", "due_diligence.state_links"],
    says: ["state military or security services"],
  },
  {
    name: "state links unsure",
    about: "acbela.state_links",
    changes: { stateLinks: "unsure" },
    expected: ["acbela.state_links", "due_diligence.state_links"],
    says: ["not sure"],
  },
  {
    name: "state links no, other ACBELA reason",
    about: "acbela.state_links",
    changes: { stateLinks: "no", valueGbp: 1_500_000 },
    expected: ["acbela.value_threshold"],
  },
  {
    name: "tobacco funder",
    about: "acbela.controversial_sector",
    changes: { ...quietFunding, funderSector: "tobacco" },
    expected: ["acbela.controversial_sector", "due_diligence.controversial_sector"],
    says: ["tobacco"],
  },
  {
    name: "fossil fuel funder",
    about: "acbela.controversial_sector",
    changes: { ...quietFunding, funderSector: "fossil_fuels" },
    expected: ["acbela.controversial_sector", "due_diligence.controversial_sector"],
    says: ["fossil fuel"],
  },
  {
    name: "arms funder",
    about: "acbela.controversial_sector",
    changes: { ...quietFunding, funderSector: "arms_defence" },
    expected: ["acbela.controversial_sector", "due_diligence.controversial_sector"],
  },
  {
    name: "other controversial funder",
    about: "acbela.controversial_sector",
    changes: { ...quietFunding, funderSector: "other_controversial" },
    expected: ["acbela.controversial_sector", "due_diligence.controversial_sector"],
  },
  {
    name: "funder in none of these sectors",
    about: "acbela.controversial_sector",
    changes: { ...quietFunding, funderSector: "none_of_these" },
    expected: [],
  },
  {
    name: "value at the threshold",
    about: "acbela.value_threshold",
    changes: { valueGbp: 1_000_000 },
    expected: ["acbela.value_threshold"],
    says: ["£1,000,000"],
  },
  {
    name: "value above the threshold",
    about: "acbela.value_threshold",
    changes: { valueGbp: 4_200_000 },
    expected: ["acbela.value_threshold"],
    says: ["£4,200,000", "£1,000,000"],
  },
  {
    name: "value just below the threshold",
    about: "acbela.value_threshold",
    changes: { valueGbp: 999_999 },
    expected: [],
  },

  // Export control
  {
    name: "control listed yes",
    about: "export_control.control_listed",
    changes: { controlListed: "yes" },
    expected: ["export_control.control_listed"],
    says: ["strategic export control lists"],
  },
  {
    name: "control listed unsure",
    about: "export_control.control_listed",
    changes: { controlListed: "unsure" },
    expected: ["export_control.control_listed"],
  },
  {
    name: "military use yes",
    about: "export_control.military_use",
    changes: { militaryUse: "yes" },
    expected: ["export_control.military_use"],
    says: ["military use"],
  },
  {
    name: "military use unsure",
    about: "export_control.military_use",
    changes: { militaryUse: "unsure" },
    expected: ["export_control.military_use"],
  },
  {
    name: "WMD yes",
    about: "export_control.wmd",
    changes: { wmdConcern: "yes" },
    expected: ["export_control.wmd"],
    says: ["weapons of mass destruction"],
  },
  {
    name: "WMD unsure",
    about: "export_control.wmd",
    changes: { wmdConcern: "unsure" },
    expected: ["export_control.wmd"],
  },
  {
    name: "control listed no, military use yes",
    about: "export_control.control_listed",
    changes: { controlListed: "no", militaryUse: "yes" },
    expected: ["export_control.military_use"],
  },
  {
    name: "military use no, WMD yes",
    about: "export_control.military_use",
    changes: { militaryUse: "no", wmdConcern: "yes" },
    expected: ["export_control.wmd"],
  },
  {
    name: "WMD no, control listed yes",
    about: "export_control.wmd",
    changes: { wmdConcern: "no", controlListed: "yes" },
    expected: ["export_control.control_listed"],
  },
  {
    name: "military partner",
    about: "export_control.military_partner",
    changes: { partnerType: "military_or_defence" },
    expected: ["acbela.state_partner", "export_control.military_partner", "due_diligence.state_party"],
    says: ["military or defence organisation (France)"],
  },
  {
    name: "research institute partner",
    about: "export_control.military_partner",
    changes: { partnerType: "research_institute" },
    expected: [],
  },
  {
    name: "transfer to an embargoed other country",
    about: "export_control.transfer_embargoed",
    changes: { transferAbroad: "yes", otherCountries: ["IR"] },
    expected: ["export_control.transfer_embargoed", "due_diligence.sanctioned_country"],
    says: ["will be sent", "Iran"],
  },
  {
    name: "maybe transfer to an embargoed partner, exemption claimed",
    about: "export_control.transfer_embargoed",
    changes: { transferAbroad: "unsure", partnerCountry: "MM", exemption: "public_domain" },
    expected: ["export_control.transfer_embargoed", "due_diligence.sanctioned_country"],
    says: ["may be sent", "Myanmar"],
  },
  {
    name: "no transfer, embargoed other country",
    about: "export_control.transfer_embargoed",
    changes: { transferAbroad: "no", otherCountries: ["IR"] },
    expected: ["due_diligence.sanctioned_country"],
  },
  {
    name: "transfer to a country not embargoed",
    about: "export_control.transfer_embargoed",
    changes: { transferAbroad: "yes", otherCountries: ["DE"] },
    expected: [],
  },
  {
    name: "transfer in an NSI sector, no exemption",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "yes", nsiSectors: ["quantum_technologies"], exemption: "none" },
    expected: ["export_control.transfer_nsi_no_exemption"],
    says: ["Quantum technologies", "no export control exemption"],
  },
  {
    name: "transfer in NSI sectors, exemption unsure",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "unsure", nsiSectors: ["energy", "transport"], exemption: "unsure" },
    expected: ["export_control.transfer_nsi_no_exemption"],
    says: ["Energy; Transport", "not sure whether an export control exemption"],
  },
  {
    name: "transfer in an NSI sector, public domain",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "yes", nsiSectors: ["quantum_technologies"], exemption: "public_domain" },
    expected: [],
  },
  {
    name: "transfer in an NSI sector, basic research",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "yes", nsiSectors: ["energy"], exemption: "basic_scientific_research" },
    expected: [],
  },
  {
    name: "no transfer, NSI sector, no exemption",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "no", nsiSectors: ["energy"] },
    expected: [],
  },
  {
    name: "transfer, no NSI sector, no exemption",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "yes", nsiSectors: [] },
    expected: [],
  },
  {
    name: "exemption does not clear military use",
    about: "export_control.transfer_nsi_no_exemption",
    changes: { transferAbroad: "yes", nsiSectors: ["defence"], exemption: "public_domain", militaryUse: "yes" },
    expected: ["export_control.military_use", "export_control.transfer_nsi_no_exemption"],
    says: ["public domain exemption does not apply"],
  },
  {
    name: "exemption does not clear a WMD concern",
    about: "export_control.transfer_nsi_no_exemption",
    changes: {
      transferAbroad: "yes",
      nsiSectors: ["synthetic_biology"],
      exemption: "basic_scientific_research",
      wmdConcern: "unsure",
    },
    expected: ["export_control.wmd", "export_control.transfer_nsi_no_exemption"],
    says: ["basic scientific research exemption does not apply"],
  },
  {
    name: "exemption does not clear a military partner",
    about: "export_control.transfer_nsi_no_exemption",
    changes: {
      transferAbroad: "yes",
      nsiSectors: ["advanced_materials"],
      exemption: "public_domain",
      partnerType: "military_or_defence",
    },
    expected: [
      "acbela.state_partner",
      "export_control.military_partner",
      "export_control.transfer_nsi_no_exemption",
      "due_diligence.state_party",
    ],
  },

  // Due diligence
  {
    name: "new partner",
    about: "due_diligence.new_partner",
    changes: { relationship: "new" },
    expected: ["due_diligence.new_partner"],
    says: ["new to the University"],
  },
  {
    name: "informal relationship",
    about: "due_diligence.new_partner",
    changes: { relationship: "existing_informal" },
    expected: ["due_diligence.new_partner"],
    says: ["no formal agreement"],
  },
  {
    name: "existing partner with agreement",
    about: "due_diligence.new_partner",
    changes: { relationship: "existing_with_agreement" },
    expected: [],
  },
  {
    name: "company funder",
    about: "due_diligence.funder_type",
    changes: { ...quietFunding, funderType: "company", funderCountry: "US" },
    expected: ["due_diligence.funder_type"],
    says: ["a company (United States of America)"],
  },
  {
    name: "individual funder",
    about: "due_diligence.funder_type",
    changes: { ...quietFunding, funderType: "individual" },
    expected: ["due_diligence.funder_type"],
    says: ["an individual"],
  },
  {
    name: "UK charity funder",
    about: "due_diligence.funder_type",
    changes: { ...quietFunding, funderType: "uk_charity" },
    expected: [],
  },
  {
    name: "partner funds itself",
    about: "due_diligence.funder_type",
    changes: { ...quietFunding, funderType: "partner_itself" },
    expected: [],
  },
  {
    name: "other funder",
    about: "due_diligence.funder_type",
    changes: { ...quietFunding, funderType: "other" },
    expected: [],
  },
  {
    name: "state links no",
    about: "due_diligence.state_links",
    changes: { stateLinks: "no", publicInterest: "yes" },
    expected: ["acbela.public_interest"],
  },
  {
    name: "conflicts of interest yes",
    about: "due_diligence.conflicts_of_interest",
    changes: { conflictsOfInterest: "yes", conflictsOfInterestDetails: "Board seat" },
    expected: ["due_diligence.conflicts_of_interest"],
    says: ["You said there are conflicts of interest"],
  },
  {
    name: "conflicts of interest unsure",
    about: "due_diligence.conflicts_of_interest",
    changes: { conflictsOfInterest: "unsure", conflictsOfInterestDetails: "Maybe" },
    expected: ["due_diligence.conflicts_of_interest"],
  },
  {
    name: "conflicts of interest no",
    about: "due_diligence.conflicts_of_interest",
    changes: { conflictsOfInterest: "no" },
    expected: [],
  },
  {
    name: "partner in Iran",
    about: "due_diligence.sanctioned_country",
    changes: { partnerCountry: "IR" },
    expected: ["due_diligence.sanctioned_country"],
    says: [
      "UK restrictions apply to the partner's country (Islamic Republic of Iran)",
      "a full UK arms embargo (UK arms embargo on Iran; GOV.UK: Arms embargoes and other restrictions (Export Control Joint Unit), as of 2025-06-01)",
      "the UK sanctions regime for Iran",
    ],
  },
  {
    name: "funder in North Korea",
    about: "due_diligence.sanctioned_country",
    changes: { ...quietFunding, funderCountry: "KP" },
    expected: ["due_diligence.sanctioned_country"],
    says: ["the funder's country (North Korea)"],
  },
  {
    name: "other countries Syria and Libya",
    about: "due_diligence.sanctioned_country",
    changes: { otherCountries: ["SY", "FR", "LY"] },
    expected: ["due_diligence.sanctioned_country"],
    says: ["other participating countries (Syrian Arab Republic; Libya)"],
  },
  {
    name: "partner and funder both embargoed",
    about: "due_diligence.sanctioned_country",
    changes: { ...quietFunding, partnerCountry: "SD", funderCountry: "VE" },
    expected: ["due_diligence.sanctioned_country"],
    says: [
      "the partner's country (Sudan) and the funder's country (Venezuela)",
      "a partial UK arms embargo (UN arms embargo on Darfur",
    ],
  },
  {
    name: "partner, others and funder not embargoed",
    about: "due_diligence.sanctioned_country",
    changes: { ...quietFunding, partnerCountry: "DE", otherCountries: ["IT"], funderCountry: "ES" },
    expected: [],
  },
  {
    name: "values conflict, no controversial sector",
    about: "due_diligence.controversial_sector",
    changes: { ...quietFunding, funderSector: "none_of_these", valuesConflict: "yes" },
    expected: ["due_diligence.values_conflict"],
  },
  {
    name: "controversial sector, no values conflict",
    about: "due_diligence.values_conflict",
    changes: { ...quietFunding, funderSector: "fossil_fuels", valuesConflict: "no" },
    expected: ["acbela.controversial_sector", "due_diligence.controversial_sector"],
  },
  {
    name: "values conflict yes",
    about: "due_diligence.values_conflict",
    changes: { ...quietFunding, valuesConflict: "yes" },
    expected: ["due_diligence.values_conflict"],
    says: ["You said the funder's interests conflict"],
  },
  {
    name: "values conflict unsure",
    about: "due_diligence.values_conflict",
    changes: { ...quietFunding, valuesConflict: "unsure" },
    expected: ["due_diligence.values_conflict"],
    says: ["not sure"],
  },

  // Second edition: the former Soviet Union rule per party, each with its own relationship
  {
    name: "a new Belarusian company funder on an existing German partnership",
    about: "acbela.fsu_funder_country",
    changes: {
      partnerCountry: "DE",
      ...quietFunding,
      funderType: "company",
      funderCountry: "BY",
      funderRelationship: "new",
    },
    expected: [
      "acbela.fsu_funder_country",
      "due_diligence.new_funder",
      "due_diligence.funder_type",
      "due_diligence.sanctioned_country",
    ],
    says: ["(Belarus)", "CBELA (formerly ACBELA)"],
  },
  {
    name: "a new Belarusian institute joining an existing Polish consortium",
    about: "acbela.fsu_other_country",
    changes: { partnerCountry: "PL", otherCountries: ["BY"], otherParticipantsRelationship: "some_new" },
    expected: ["acbela.fsu_other_country", "due_diligence.sanctioned_country"],
    says: ["Belarus", "some of the other participants are new"],
  },
  {
    name: "other participants from Uzbekistan, all under agreements",
    about: "acbela.fsu_other_country",
    changes: { otherCountries: ["UZ"], otherParticipantsRelationship: "all_existing_with_agreement" },
    expected: [],
  },
  {
    name: "a new Ukrainian government funder on an existing Ukrainian partnership",
    about: "acbela.fsu_funder_country",
    changes: {
      partnerCountry: "UA",
      ...quietFunding,
      funderType: "foreign_government",
      funderCountry: "UA",
      funderRelationship: "new",
    },
    expected: [
      "acbela.fsu_funder_country",
      "acbela.state_funder",
      "due_diligence.new_funder",
      "due_diligence.funder_type",
    ],
  },
  {
    name: "an agreement without its SPO reference",
    about: "acbela.fsu_partner_country",
    changes: { partnerCountry: "KZ", existingAgreementReference: "" },
    expected: ["acbela.fsu_partner_country", "due_diligence.new_partner"],
    says: ["no SPO reference was given for the agreement"],
  },
  {
    name: "a Ukrainian national living in the UK, new",
    about: "acbela.fsu_partner_nationality",
    changes: {
      partnerType: "individual",
      partnerCountry: "GB",
      relationship: "new",
      partnerNationalities: ["PL", "UA"],
    },
    expected: ["acbela.fsu_partner_nationality", "due_diligence.new_partner"],
    says: ["The partner is a national of a country that formed part of the former Soviet Union (Ukraine)"],
  },
  {
    name: "a Latvian national living in the UK, new",
    about: "acbela.fsu_partner_nationality",
    changes: { partnerType: "individual", partnerCountry: "GB", relationship: "new", partnerNationalities: ["LV"] },
    expected: ["due_diligence.new_partner"],
  },
  {
    name: "a UK company owned by a Russian group, new",
    about: "acbela.fsu_partner_parent_country",
    changes: {
      partnerType: "company",
      partnerCountry: "GB",
      relationship: "new",
      partnerOwnership: "part_of_group",
      partnerParentCountry: "RU",
    },
    expected: ["acbela.fsu_partner_parent_country", "due_diligence.new_partner", "due_diligence.sanctioned_country"],
    says: [
      "owns or controls the partner is in a country that formed part of the former Soviet Union (Russian Federation)",
    ],
  },
  {
    name: "a UK company owned by a Russian group, under an agreement with its reference",
    about: "acbela.fsu_partner_parent_country",
    changes: { partnerType: "company", partnerOwnership: "part_of_group", partnerParentCountry: "RU" },
    expected: ["due_diligence.sanctioned_country"],
  },

  // Second edition: state parties, partner_itself, new funders
  {
    name: "a UK subsidiary of a French state-owned company",
    about: "acbela.state_partner",
    changes: {
      partnerType: "company",
      partnerCountry: "GB",
      partnerOwnership: "state_owned_or_controlled",
      partnerParentCountry: "FR",
    },
    expected: ["acbela.state_partner", "due_diligence.state_party"],
    says: ["The partner (United Kingdom) is owned or controlled by a foreign state, through its owner in France"],
  },
  {
    name: "a partner that may be state-controlled",
    about: "due_diligence.state_party",
    changes: { partnerType: "research_institute", partnerOwnership: "unsure", partnerParentCountry: "IN" },
    expected: ["acbela.state_partner", "due_diligence.state_party"],
    says: ["you were not sure"],
  },
  {
    name: "a UK company owned by the UK state",
    about: "due_diligence.state_party",
    changes: {
      partnerType: "company",
      partnerCountry: "GB",
      partnerOwnership: "state_owned_or_controlled",
      partnerParentCountry: "GB",
    },
    expected: [],
  },
  {
    name: "a Japanese company funding its own work",
    about: "due_diligence.funder_type",
    changes: {
      partnerType: "company",
      partnerCountry: "JP",
      ...quietFunding,
      funderType: "partner_itself",
      funderCountry: "JP",
    },
    expected: ["due_diligence.funder_type"],
    says: ["The funder (the partner itself) is a company (Japan)"],
  },
  {
    name: "a foreign ministry funding its own work",
    about: "acbela.state_funder",
    changes: {
      partnerType: "government_body",
      partnerCountry: "SA",
      ...quietFunding,
      funderType: "partner_itself",
      funderCountry: "SA",
    },
    expected: ["acbela.state_partner", "acbela.state_funder", "due_diligence.state_party", "due_diligence.funder_type"],
  },
  {
    name: "a new UK research council",
    about: "due_diligence.new_funder",
    changes: { ...quietFunding, funderRelationship: "new" },
    expected: [],
  },
  {
    name: "a new German charity funder",
    about: "due_diligence.new_funder",
    changes: { ...quietFunding, funderType: "other", funderCountry: "DE", funderRelationship: "existing_informal" },
    expected: ["due_diligence.new_funder"],
    says: ["no formal agreement with the funder"],
  },

  // Second edition: every destination of a transfer, the public-domain exemption, typed entries
  {
    name: "a funder in China that owns the results",
    about: "export_control.transfer_embargoed",
    changes: {
      transferAbroad: "yes",
      foregroundIp: "funder",
      cambridgeEnterpriseContacted: "yes",
      ...quietFunding,
      funderType: "other",
      funderCountry: "CN",
    },
    expected: ["export_control.transfer_embargoed", "due_diligence.sanctioned_country"],
    says: ["China", "a partial UK arms embargo"],
  },
  {
    name: "a funder in China that does not take the results",
    about: "export_control.transfer_embargoed",
    changes: { transferAbroad: "yes", ...quietFunding, funderType: "other", funderCountry: "CN" },
    expected: ["due_diligence.sanctioned_country"],
  },
  {
    name: "know-how to a partner whose owner is in Iran",
    about: "export_control.transfer_embargoed",
    changes: {
      transferAbroad: "yes",
      partnerType: "company",
      partnerOwnership: "part_of_group",
      partnerParentCountry: "IR",
    },
    expected: ["export_control.transfer_embargoed", "due_diligence.sanctioned_country"],
    says: ["Islamic Republic of Iran"],
  },
  {
    name: "know-how to a new Hong Kong university",
    about: "export_control.transfer_embargoed",
    changes: { partnerCountry: "HK", relationship: "new", transferAbroad: "yes" },
    expected: ["export_control.transfer_embargoed", "due_diligence.new_partner", "due_diligence.sanctioned_country"],
    says: ["Hong Kong", "covers Hong Kong and Macao"],
  },
  {
    name: "a partner in Macao",
    about: "due_diligence.sanctioned_country",
    changes: { partnerCountry: "MO" },
    expected: ["due_diligence.sanctioned_country"],
    says: ["Macao", "UK arms embargo on China"],
  },
  {
    name: "a partner in Argentina (a licensing policy)",
    about: "due_diligence.sanctioned_country",
    changes: { partnerCountry: "AR" },
    expected: ["due_diligence.sanctioned_country"],
    says: ["a UK export licensing policy"],
  },
  {
    name: "public domain claimed while publication is restricted",
    about: "export_control.transfer_nsi_no_exemption",
    changes: {
      transferAbroad: "yes",
      nsiSectors: ["synthetic_biology"],
      exemption: "public_domain",
      publicationRestrictions: "yes",
      cambridgeEnterpriseContacted: "yes",
    },
    expected: ["export_control.transfer_nsi_no_exemption"],
    says: ["public domain exemption does not hold while publication of the results is restricted"],
  },
  {
    name: "public domain claimed while the funder may limit use",
    about: "export_control.transfer_nsi_no_exemption",
    changes: {
      transferAbroad: "yes",
      nsiSectors: ["synthetic_biology"],
      exemption: "public_domain",
      ...quietFunding,
      useRestrictions: "unsure",
      cambridgeEnterpriseContacted: "yes",
    },
    expected: ["export_control.transfer_nsi_no_exemption"],
    says: ["while use of the results is restricted"],
  },
  {
    name: "basic research claimed while publication is restricted",
    about: "export_control.transfer_nsi_no_exemption",
    changes: {
      transferAbroad: "yes",
      nsiSectors: ["synthetic_biology"],
      exemption: "basic_scientific_research",
      publicationRestrictions: "yes",
      cambridgeEnterpriseContacted: "yes",
    },
    expected: [],
  },
];

describe("route rules, one change at a time", () => {
  it("starts from answers that trigger nothing", () => {
    const decision = decide(quietAnswers, defaultReferenceData);
    expect(decision.routes).toEqual([]);
    expect(decision.advice).toEqual([]);
    expect(decision.signOff).toEqual({ department: true, school: false, schoolReasons: [] });
  });

  it.each(rows)("$name ($about)", ({ about, changes, expected, says }) => {
    const answers = answersWith(changes);
    // The tests only feed answers the form could produce.
    expect(answersSchema.safeParse(answers).success).toBe(true);
    const decision = decide(answers, defaultReferenceData);
    expect(ruleIds(decision)).toEqual(expected);
    const reason = decision.routes.flatMap((route) => route.reasons).find((r) => r.rule === about);
    expect(reason !== undefined).toBe(expected.includes(about));
    for (const words of says ?? []) expect(reason?.text).toContain(words);
    if (about.startsWith("acbela.fsu_") && expected.includes(about))
      expect(decision.routes.find((route) => route.route === "acbela")?.mandatory).toBe(true);
  });

  it("covers every route rule both firing and not firing", () => {
    const all: RouteRuleId[] = [...acbelaRuleIds, ...exportControlRuleIds, ...dueDiligenceRuleIds];
    for (const id of all) {
      expect(
        rows.some((row) => row.expected.includes(id)),
        `${id} fires in some row`,
      ).toBe(true);
      expect(
        rows.some((row) => row.about === id && !row.expected.includes(id)),
        `${id} stays silent in some row`,
      ).toBe(true);
    }
  });
});

describe("routes", () => {
  it("come in a fixed order, each once, each with its reasons", () => {
    const decision = decide(
      answersWith({ relationship: "new", partnerCountry: "RU", controlListed: "yes", publicInterest: "yes" }),
      defaultReferenceData,
    );
    expect(decision.routes.map((route) => route.route)).toEqual(["acbela", "export_control", "due_diligence"]);
    expect(decision.routes[0]?.reasons.map((reason) => reason.rule)).toEqual([
      "acbela.fsu_partner_country",
      "acbela.public_interest",
    ]);
  });

  it("only acbela without export control", () => {
    const decision = decide(answersWith({ publicInterest: "yes", valueGbp: 2_000_000 }), defaultReferenceData);
    expect(decision.routes.map((route) => route.route)).toEqual(["acbela"]);
  });

  it("only export control", () => {
    const decision = decide(answersWith({ wmdConcern: "yes" }), defaultReferenceData);
    expect(decision.routes.map((route) => route.route)).toEqual(["export_control"]);
  });

  it("acbela is mandatory only by the former Soviet Union rule", () => {
    const referral = decide(
      answersWith({ publicInterest: "yes", stateLinks: "yes", valueGbp: 3_000_000 }),
      defaultReferenceData,
    );
    expect(referral.routes[0]).toMatchObject({ route: "acbela", mandatory: false });
    const fsu = decide(
      answersWith({ publicInterest: "yes", relationship: "new", otherCountries: ["AZ"] }),
      defaultReferenceData,
    );
    expect(fsu.routes[0]).toMatchObject({ route: "acbela", mandatory: true });
  });

  it("export control and due diligence are always mandatory", () => {
    const decision = decide(answersWith({ controlListed: "unsure", relationship: "new" }), defaultReferenceData);
    expect(decision.routes.map(({ route, mandatory }) => ({ route, mandatory }))).toEqual([
      { route: "export_control", mandatory: true },
      { route: "due_diligence", mandatory: true },
    ]);
  });

  it("ignores funder answers when there is no funding, even if they are present", () => {
    // answersSchema drops them; decide must not rely on that.
    const stale = {
      ...quietAnswers,
      relationship: "new",
      funderName: "Old funder",
      funderType: "foreign_government",
      funderCountry: "RU",
      funderSector: "tobacco",
      useRestrictions: "yes",
      valuesConflict: "yes",
    } as unknown as typeof quietAnswers;
    const decision = decide(stale, defaultReferenceData);
    expect(ruleIds(decision)).toEqual(["due_diligence.new_partner"]);
    expect(decision.advice).toEqual([]);
  });

  it("names every reason's rule, fact and source", () => {
    const decision = decide(
      answersWith({
        ...quietFunding,
        relationship: "new",
        partnerCountry: "BY",
        funderSector: "tobacco",
        militaryUse: "yes",
      }),
      defaultReferenceData,
    );
    for (const reason of decision.routes.flatMap((route) => route.reasons)) {
      expect(reason.rule).toMatch(/^(acbela|export_control|due_diligence)\.[a-z_]+$/);
      expect(reason.text.length).toBeGreaterThan(20);
      expect(reason.source.length).toBeGreaterThan(5);
    }
  });
});

describe("docs/rules.md", () => {
  const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
  it.each([...acbelaRuleIds, ...exportControlRuleIds, ...dueDiligenceRuleIds, ...schoolSignOffRuleIds, ...adviceIds])(
    "documents %s",
    (id) => {
      expect(doc).toContain(`\`${id}\``);
    },
  );
});
