// How each question is asked on its page and shown on "check your answers": the kind of
// control, its label, hint and options. Ids are the question ids of questions.ts.
import {
  engagementTypeLabels,
  exemptionLabels,
  foregroundIpLabels,
  funderRelationshipLabels,
  funderSectorLabels,
  funderTypeLabels,
  nsiSectorLabels,
  otherParticipantsRelationshipLabels,
  partnerOwnershipLabels,
  partnerTypeLabels,
  relationshipLabels,
  yesNoLabels,
  yesNoUnsureLabels,
} from "./questions";

type Options = Record<string, string>;

export type QuestionPresentation =
  | {
      kind: "text";
      label: string;
      hint?: string;
      width?: string;
      autocomplete?: string;
      inputmode?: string;
      prefix?: string;
      optional?: boolean;
    }
  | { kind: "textarea"; label: string; hint?: string; maxlength: number; rows?: number }
  | { kind: "radios"; label: string; hint?: string; options: Options; inline?: boolean; hints?: Options }
  | { kind: "checkboxes"; label: string; hint?: string; options: Options; noneOption: string }
  | { kind: "date"; label: string; hint?: string }
  | { kind: "country"; label: string; hint?: string }
  | { kind: "countryList"; label: string; hint?: string; slots: number; itemLabel?: string }
  | { kind: "department"; label: string; hint?: string };

export const questionPresentation: Record<string, QuestionPresentation> = {
  title: { kind: "text", label: "Title", hint: "A short name people will recognise, up to 200 characters." },
  summary: {
    kind: "textarea",
    label: "Summary",
    hint: "What the collaboration is, what each party does and what it is for.",
    maxlength: 5000,
    rows: 8,
  },
  engagementType: { kind: "radios", label: "What type of engagement is it?", options: engagementTypeLabels },
  department: {
    kind: "department",
    label: "Which department is proposing it?",
    hint: "The department whose head will sign it off.",
  },
  startDate: { kind: "date", label: "Start date", hint: "For example, 1 9 2026" },
  endDate: { kind: "date", label: "End date", hint: "For example, 31 8 2029" },
  valueGbp: {
    kind: "text",
    label: "Total value to the University, in pounds",
    hint: "A whole number of pounds. Enter 0 if there is no money involved.",
    width: "govuk-input--width-10",
    inputmode: "numeric",
    prefix: "£",
  },
  overseasActivity: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label:
      "Will the University employ people, open an office or bank account, set up an entity or hold assets overseas?",
    hint: "Financial Regulations, section 24 ('Overseas Activity').",
  },
  viaSubsidiary: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Is it run through a wholly owned subsidiary of the University?",
  },
  partnerName: { kind: "text", label: "Partner's name", autocomplete: "organization" },
  partnerType: { kind: "radios", label: "Type of partner", options: partnerTypeLabels },
  partnerWebsite: {
    kind: "text",
    label: "Partner's website (optional)",
    hint: "Starting with https:// or http://",
    autocomplete: "url",
    optional: true,
  },
  partnerCountry: { kind: "country", label: "Partner's country" },
  otherCountries: {
    kind: "countryList",
    slots: 5,
    label: "Other countries taking part (optional)",
    hint: "Countries whose people or institutions take part, other than the partner's. Leave blank if none.",
  },
  otherParticipantsRelationship: {
    kind: "radios",
    label: "Do the other participants already work with the University?",
    hint: "The people or institutions taking part from the other countries you named. A new participant from a former Soviet Union country is referred to the committee.",
    options: otherParticipantsRelationshipLabels,
  },
  partnerNationalities: {
    kind: "countryList",
    slots: 3,
    itemLabel: "Nationality",
    label: "What nationalities does the partner hold?",
    hint: "Every nationality they hold, whatever country they live in.",
  },
  partnerOwnership: {
    kind: "radios",
    label: "Who owns or controls the partner?",
    hint: "A subsidiary, branch or institute of another organisation is part of a group; a body a government owns or controls, in any country, is state-owned or controlled.",
    options: partnerOwnershipLabels,
  },
  partnerParentName: {
    kind: "text",
    label: "What is the name of the organisation or state that owns or controls the partner? (optional)",
    hint: "For example, its parent company or the government ministry. The SPO screens it against the UK Sanctions List, as it does the partner.",
    optional: true,
  },
  partnerParentCountry: {
    kind: "country",
    label: "Where is the organisation or state that owns or controls the partner?",
    hint: "If you are not sure, choose the country you think most likely.",
  },
  relationship: { kind: "radios", label: "What is your relationship with the partner?", options: relationshipLabels },
  existingAgreementReference: {
    kind: "text",
    label: "What is the SPO reference of the agreement? (optional)",
    hint: "For example, SPO-AGR-2023-0042. Without it the SPO cannot find the agreement, so the partner is treated as new.",
    width: "govuk-input--width-20",
    optional: true,
  },
  stateLinks: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Does the partner have a relationship with a state, state military or security services?",
  },
  conflictsOfInterest: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Might the partner have conflicts of interest, with other research or through its connections?",
  },
  conflictsOfInterestDetails: {
    kind: "textarea",
    label: "Details of the conflicts of interest",
    hint: "Required if you answered yes or not sure.",
    maxlength: 2000,
    rows: 4,
  },
  hasFunding: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Is the collaboration funded?",
    hint: "By the partner or by anyone else.",
  },
  funderName: { kind: "text", label: "Funder's name" },
  funderType: { kind: "radios", label: "Type of funder", options: funderTypeLabels },
  funderCountry: { kind: "country", label: "Funder's country" },
  funderRelationship: {
    kind: "radios",
    label: "What is the University's relationship with the funder?",
    options: funderRelationshipLabels,
  },
  funderSector: { kind: "radios", label: "Is the funder in any of these sectors?", options: funderSectorLabels },
  useRestrictions: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Does the funder limit the use or publication of the results?",
  },
  valuesConflict: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Might the funder's interests conflict with the University's values?",
  },
  controlListed: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Does it involve goods, software or technology on the UK strategic export control lists?",
  },
  militaryUse: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Could the results have a military use?",
  },
  wmdConcern: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Could the results contribute to weapons of mass destruction?",
  },
  transferAbroad: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Will technology, software, data or know-how be sent or shown overseas?",
  },
  exemption: {
    kind: "radios",
    label: "Do you claim an export control exemption?",
    options: exemptionLabels,
    hint: "Exemptions never apply where there is a military or weapons of mass destruction end-use concern.",
  },
  nsiSectors: {
    kind: "checkboxes",
    options: nsiSectorLabels,
    noneOption: "None of these sectors",
    label: "National Security and Investment Act sectors",
    hint: "Select all that apply.",
  },
  facilityAccess: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Will partner staff get access to University networks, labs or data?",
  },
  travel: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Will staff or students travel to the partner's country?",
  },
  visitingResearchers: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Will researchers come to Cambridge from the partner?",
  },
  visitorNationalities: {
    kind: "countryList",
    slots: 5,
    itemLabel: "Nationality",
    label: "What nationalities do the visiting researchers hold?",
    hint: "Every nationality among them: whether each needs an ATAS certificate depends on it.",
  },
  foregroundIp: {
    kind: "radios",
    label: "Who will own the new intellectual property (foreground IP)?",
    options: foregroundIpLabels,
  },
  publicationRestrictions: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Are there restrictions on publishing the results?",
  },
  cambridgeEnterpriseContacted: {
    kind: "radios",
    inline: true,
    options: yesNoLabels,
    label: "Have you been in touch with Cambridge Enterprise?",
  },
  publicInterest: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Could it attract significant public interest or pose a reputational risk to the University?",
  },
  academicFreedom: {
    kind: "radios",
    inline: true,
    options: yesNoUnsureLabels,
    label: "Could it threaten academic freedom?",
  },
};

/**
 * Short names for summaries (check your answers, the case page, exports), where the full
 * question would wrap over many lines. Questions not listed use their label.
 */
const summaryLabels: Record<string, string> = {
  engagementType: "Type of engagement",
  department: "Department",
  valueGbp: "Total value",
  overseasActivity: "Activity overseas (Financial Regulations s.24)",
  viaSubsidiary: "Run through a wholly owned subsidiary",
  partnerWebsite: "Partner's website",
  otherCountries: "Other countries taking part",
  relationship: "Relationship with the partner",
  otherParticipantsRelationship: "Other participants already work with the University",
  partnerNationalities: "Partner's nationalities",
  partnerOwnership: "Who owns or controls the partner",
  partnerParentName: "Name of the partner's owner",
  partnerParentCountry: "Country of the partner's owner",
  existingAgreementReference: "SPO reference of the agreement",
  funderRelationship: "Relationship with the funder",
  visitorNationalities: "Visiting researchers' nationalities",
  stateLinks: "Links with a state, its military or security services",
  conflictsOfInterest: "Conflicts of interest",
  conflictsOfInterestDetails: "Conflicts of interest: details",
  hasFunding: "Funded",
  funderSector: "Funder's sector",
  useRestrictions: "Limits on use or publication",
  valuesConflict: "Conflict with the University's values",
  controlListed: "On the UK strategic export control lists",
  militaryUse: "Possible military use",
  wmdConcern: "Weapons of mass destruction concern",
  transferAbroad: "Technology or know-how sent or shown overseas",
  exemption: "Export control exemption claimed",
  nsiSectors: "National Security and Investment Act sectors",
  facilityAccess: "Partner access to networks, labs or data",
  travel: "Travel to the partner's country",
  visitingResearchers: "Visiting researchers from the partner",
  foregroundIp: "Owner of new intellectual property",
  publicationRestrictions: "Restrictions on publishing",
  cambridgeEnterpriseContacted: "In touch with Cambridge Enterprise",
  publicInterest: "Public interest or reputational risk",
  academicFreedom: "Threat to academic freedom",
};

export function summaryLabelOf(id: string): string {
  return summaryLabels[id] ?? presentationOf(id).label;
}

export function presentationOf(id: string): QuestionPresentation {
  const presentation = questionPresentation[id];
  if (!presentation) throw new Error(`No presentation for question ${id}`);
  return presentation;
}
