// What the rules produce. Rule ids are stable: they are stored with every decided case,
// shown to officers and named in docs/rules.md, so never reuse or rename one.

import type { RouteName } from "../domain/reviews";

export { routeNames, type RouteName } from "../domain/reviews";

export const acbelaRuleIds = [
  "acbela.fsu_partner_country",
  "acbela.fsu_other_country",
  "acbela.fsu_funder_country",
  "acbela.fsu_partner_nationality",
  "acbela.fsu_partner_parent_country",
  "acbela.public_interest",
  "acbela.state_partner",
  "acbela.state_funder",
  "acbela.state_links",
  "acbela.controversial_sector",
  "acbela.value_threshold",
] as const;

/** The former Soviet Union rule: the reasons that make an ACBELA referral mandatory. */
export const fsuRuleIds = [
  "acbela.fsu_partner_country",
  "acbela.fsu_other_country",
  "acbela.fsu_funder_country",
  "acbela.fsu_partner_nationality",
  "acbela.fsu_partner_parent_country",
] as const;

export const exportControlRuleIds = [
  "export_control.control_listed",
  "export_control.military_use",
  "export_control.wmd",
  "export_control.military_partner",
  "export_control.transfer_embargoed",
  "export_control.transfer_nsi_no_exemption",
] as const;

export const dueDiligenceRuleIds = [
  "due_diligence.new_partner",
  "due_diligence.new_funder",
  "due_diligence.state_party",
  "due_diligence.funder_type",
  "due_diligence.state_links",
  "due_diligence.conflicts_of_interest",
  "due_diligence.sanctioned_country",
  "due_diligence.controversial_sector",
  "due_diligence.values_conflict",
] as const;

export const schoolSignOffRuleIds = [
  "sign_off.school.acbela_route",
  "sign_off.school.export_control_route",
  "sign_off.school.institution_wide",
  "sign_off.school.overseas_activity",
  "sign_off.school.value_threshold",
] as const;

export const adviceIds = [
  "advice.cambridge_enterprise",
  "advice.finance_overseas_activity",
  "advice.travel_risk_assessment",
  "advice.atas",
  "advice.nsi_act",
  "advice.firs",
  "advice.mou_template",
  "advice.subsidiary_policy",
  "advice.academic_freedom",
  "advice.facility_access",
  "advice.firs_enhanced_tier",
] as const;

/** University policies that rule a proposal out as it stands: shown first, to the proposer and the SPO. */
export const stopIds = ["stop.tobacco_funding"] as const;

/** Answers that contradict each other, as far as the rules can see: the proposer is asked to check them. */
export const flagIds = ["flag.uk_funder_outside_uk", "flag.partner_funder_country"] as const;

export type AcbelaRuleId = (typeof acbelaRuleIds)[number];
export type ExportControlRuleId = (typeof exportControlRuleIds)[number];
export type DueDiligenceRuleId = (typeof dueDiligenceRuleIds)[number];
export type RouteRuleId = AcbelaRuleId | ExportControlRuleId | DueDiligenceRuleId;
export type SchoolSignOffRuleId = (typeof schoolSignOffRuleIds)[number];
export type AdviceId = (typeof adviceIds)[number];
export type StopId = (typeof stopIds)[number];
export type FlagId = (typeof flagIds)[number];

/** Why a route or sign-off applies: the rule, a sentence naming the fact, and the policy it comes from. */
export interface Reason<Id extends string = string> {
  rule: Id;
  text: string;
  source: string;
}

export interface Route {
  route: RouteName;
  /** True when the review must happen; false when the SPO decides whether to refer (see docs/rules.md). */
  mandatory: boolean;
  reasons: Reason<RouteRuleId>[];
}

/** A further action for the proposer or SPO; never blocks the case. */
export interface Advice {
  id: AdviceId;
  text: string;
  source: string;
}

export interface Stop {
  id: StopId;
  text: string;
  source: string;
}

export interface Flag {
  id: FlagId;
  /** The question to check, for a link to it. */
  question: string;
  text: string;
}

/** A question the answers lack because it was added after they were given, and what the rules assumed. */
export interface NotAsked {
  question: string;
  assumed: string;
}

export interface SignOff {
  /** A head of department signs off every proposal. */
  department: true;
  school: boolean;
  schoolReasons: Reason<SchoolSignOffRuleId>[];
}

export interface Decision {
  /** Policies that stop the proposal as it stands; empty for almost every case. */
  stops: Stop[];
  routes: Route[];
  advice: Advice[];
  signOff: SignOff;
  /** Contradictions in the answers, for the proposer to check. */
  flags: Flag[];
  /** Questions added since these answers were given, with the default the rules applied. */
  notAsked: NotAsked[];
  /** `<rules version>+ref.<reference data version>`: both are needed to reproduce a decision. */
  ruleSetVersion: string;
}

export const countryRestrictionTypes = ["arms_embargo", "sanctions_regime", "licensing_policy"] as const;
export type CountryRestrictionType = (typeof countryRestrictionTypes)[number];

/** One UK restriction on one country, as GOV.UK lists it, with where and when it was read. */
// A type, not an interface: it is stored as JSON, and Prisma's JSON type needs an index signature.
export type CountryRestriction = {
  country: string;
  type: CountryRestrictionType;
  /** Arms embargoes: on the whole country, or on some forces or groups; null for other types. */
  scope: "full" | "partial" | null;
  /** The embargo's or regime's name, as a sentence can quote it. */
  name: string;
  source: string;
  /** YYYY-MM-DD: when the entry was last checked against its source. */
  asOf: string;
};

/** The reference data the rules read: country lists, sectors, thresholds, the committee's name. */
export interface RulesReference {
  countryLists: {
    /** Countries that formed part of the former Soviet Union: new linkages go to the committee. */
    fsu: string[];
    /** The policy's named exceptions to the FSU rule (Estonia, Latvia, Lithuania): never trigger it. */
    fsuExceptions: string[];
    /** Nationalities exempt from the Academic Technology Approval Scheme. */
    atasExempt: string[];
    /** Foreign Influence Registration Scheme: countries specified for the enhanced tier. */
    firsEnhancedTier: string[];
  };
  /** UK arms embargoes, sanctions regimes and licensing policies, by country. */
  countryRestrictions: CountryRestriction[];
  /** The National Security and Investment Act sectors: only sectors listed here count. */
  nsiSectors: { id: string; label: string }[];
  thresholds: { acbelaThresholdGbp: number; schoolThresholdGbp: number };
  /** The committee's name in every text (CBELA, formerly ACBELA); the route id stays `acbela`. */
  committeeName: string;
  /** Named after the committee's name in texts, "CBELA (formerly ACBELA)"; "" for none. */
  committeeFormerName: string;
  /** Named in the decision's rule-set version, so a decision can be reproduced. */
  version: number;
}
