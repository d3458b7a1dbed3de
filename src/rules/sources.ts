// Short citations of the policy each rule comes from: three pages of the SPO's own site
// (docs/policy-sources.md). Citations name a page and its section so an officer can find it.
export const sources = {
  fsuRule: "SPO: Due diligence (ACBELA), former Soviet Union rule",
  acbelaScrutiny: "SPO: Due diligence (ACBELA), significant public interest or reputational risk",
  exportControl: "Trusted Research: How is your research being used? (UK export control)",
  exportControlEmbargo:
    "Trusted Research: How is your research being used? (UK export control); UK arms embargoes, sanctions regimes and licensing policies (reference data)",
  dueDiligencePartners:
    "Trusted Research: Who might be attracted to your research? (due diligence on potential partners)",
  knowYourPartners: "Trusted Research: How well do you know your research partners?",
  knowYourPartnersSanctions:
    "Trusted Research: How well do you know your research partners?; UK arms embargoes, sanctions regimes and licensing policies (reference data)",
  funding: "Trusted Research: Who is funding your research?",
  dueDiligenceFunders:
    "Trusted Research: Who is funding your research?; Who might be attracted to your research? (due diligence checks)",
  firsEnhancedTier: "National Security Act 2023: Foreign Influence Registration Scheme, enhanced tier (reference data)",
  tobaccoFunding:
    "University of Cambridge: policy on funding from the tobacco industry (the University does not accept it); SPO: Due diligence (ACBELA)",
  cambridgeEnterprise: "Trusted Research: Who is funding your research? (Cambridge Enterprise, IP)",
  financialRegulations: "Financial Regulations s.24 (Overseas activity)",
  travel: "SPO: International engagement principles (safety of staff and students travelling abroad)",
  atas: "UK Home Office: Academic Technology Approval Scheme (ATAS)",
  nsiAct: "National Security and Investment Act 2021 (17 sensitive sectors)",
  firs: "National Security Act 2023: Foreign Influence Registration Scheme (FIRS)",
  mouTemplate: "SPO: Handbook for International Engagement, International MoU Template",
  subsidiaryPolicy:
    "SPO: Handbook for International Engagement, policy for international projects of a wholly owned subsidiary",
  academicFreedom: "SPO: International engagement principles (academic freedom)",
  facilityAccess: "Trusted Research: Who might be attracted to your research? (access to people and IT networks)",
  schoolChecklist: "SPO: International Agreements Checklist for Heads of School",
  schoolChecklistOverseas:
    "SPO: International Agreements Checklist for Heads of School; Financial Regulations s.24 (Overseas activity)",
} as const;
