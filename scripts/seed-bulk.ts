// `npm run seed:bulk -- <n> [--seed <number>]`: adds n realistic submitted cases to the
// configured database (DATABASE_URL, or the embedded one in DATA_DIR), for trying the
// queue at scale and for the benchmarks (scripts/bench-queue.ts imports seedBulkCases).
//
// Each case is what the app itself would have stored: a proposal with its answers, a
// submission holding those answers with the real decide() decision and rule-set version,
// the tasks openTasksForDecision opens (department and school sign-off, one review per
// route), the triage columns (routes, risk), a unique SPO-<year>-<5 digits> reference
// issued from reference_counter, and audit entries. Cases are then moved on as officers
// would have: assigned, information requested, decided (every task done) or withdrawn
// (open tasks cancelled), with submission dates spread over the last two years.
//
// Fast: everything is computed in memory, then written in chunks of 1,000 cases with one
// `INSERT ... SELECT FROM unnest(...)` per table, each chunk one transaction.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "../src/generated/prisma/client";
import { loadConfig } from "../src/config";
import { openMigratedDatabase } from "../src/db/database";
import { StartupError, startupFailureLine } from "../src/startup/startupError";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { schools } from "../src/seed/organisation";
import { referenceService } from "../src/reference/referenceService";
import type { ReferenceData } from "../src/reference/defaults";
import { countryName } from "../src/domain/countries";
import { answersSchema, nsiSectorIds, type Answers, type DraftAnswers } from "../src/domain/questions";
import { formatReference } from "../src/proposals/submissionService";
import { decide, type Decision } from "../src/rules";
import { riskOf } from "../src/workflow/tasks";
import { reviewKinds, signOffKinds } from "../src/domain/reviews";

export interface BulkSeedOptions {
  /** Seeds the pseudo-random generator: the same seed and clock give the same cases. */
  seed?: number;
  /** "Now" for the submission dates (the last two years before it). */
  now?: Date;
  /** Cases per chunk (one transaction, one INSERT per table). */
  chunkSize?: number;
  log?: (message: string) => void;
}

export interface BulkSeedResult {
  cases: number;
  tasks: number;
  auditEntries: number;
  ms: number;
  byStatus: Record<string, number>;
}

// ---------------------------------------------------------------------------------------
// Randomness (seeded, so a run can be repeated)
// ---------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(readonly random: () => number) {}
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  /** Weighted choice from [value, weight] pairs. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let roll = this.random() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![0];
  }
  yesNoUnsure(pYes: number, pUnsure: number): "yes" | "no" | "unsure" {
    const roll = this.random();
    return roll < pYes ? "yes" : roll < pYes + pUnsure ? "unsure" : "no";
  }
}

// ---------------------------------------------------------------------------------------
// What the cases are made of
// ---------------------------------------------------------------------------------------

/** Partner countries, weighted roughly as a UK university's international work is. */
const partnerCountries: readonly (readonly [string, number])[] = [
  // EU and Europe
  ["FR", 5],
  ["DE", 6],
  ["NL", 3],
  ["IT", 3],
  ["ES", 3],
  ["SE", 2],
  ["BE", 2],
  ["IE", 2],
  ["PL", 2],
  ["DK", 1.5],
  ["FI", 1],
  ["AT", 1],
  ["PT", 1],
  ["CZ", 1],
  ["GR", 1],
  ["CH", 2],
  ["NO", 1],
  ["GB", 2],
  // The rest of the world
  ["US", 12],
  ["CN", 8],
  ["IN", 5],
  ["JP", 3],
  ["KR", 2],
  ["SG", 2],
  ["AU", 3],
  ["CA", 3],
  ["BR", 2],
  ["ZA", 1.5],
  ["NG", 1],
  ["KE", 1],
  ["IL", 1],
  ["SA", 1],
  ["AE", 1.5],
  ["TR", 1],
  ["MX", 1],
  ["HK", 1.5],
  ["TW", 1],
  // Former Soviet Union (the ACBELA rule), and the Baltic states it excepts
  ["RU", 1.5],
  ["UA", 1.5],
  ["KZ", 1],
  ["GE", 0.7],
  ["AM", 0.5],
  ["AZ", 0.5],
  ["BY", 0.3],
  ["UZ", 0.5],
  ["KG", 0.2],
  ["MD", 0.3],
  ["TJ", 0.1],
  ["TM", 0.1],
  ["EE", 0.6],
  ["LV", 0.4],
  ["LT", 0.5],
  // Embargoed or sanctioned destinations
  ["IR", 0.5],
  ["SY", 0.1],
  ["VE", 0.3],
  ["MM", 0.2],
  ["IQ", 0.3],
  ["LB", 0.3],
  ["SD", 0.1],
  ["ZW", 0.2],
  ["AF", 0.1],
  ["KP", 0.02],
];

const cities: Record<string, string[]> = {
  FR: ["Paris", "Lyon", "Grenoble", "Toulouse"],
  DE: ["Berlin", "Munich", "Heidelberg", "Hamburg", "Aachen"],
  NL: ["Amsterdam", "Delft", "Leiden", "Utrecht"],
  IT: ["Milan", "Bologna", "Rome", "Padua"],
  ES: ["Madrid", "Barcelona", "Valencia"],
  SE: ["Stockholm", "Uppsala", "Lund"],
  BE: ["Leuven", "Ghent", "Brussels"],
  IE: ["Dublin", "Galway", "Cork"],
  PL: ["Warsaw", "Kraków"],
  DK: ["Copenhagen", "Aarhus"],
  FI: ["Helsinki", "Turku"],
  AT: ["Vienna", "Graz"],
  PT: ["Lisbon", "Porto"],
  CZ: ["Prague", "Brno"],
  GR: ["Athens", "Thessaloniki"],
  CH: ["Zurich", "Geneva", "Basel", "Lausanne"],
  NO: ["Oslo", "Bergen"],
  GB: ["Edinburgh", "Manchester", "Bristol"],
  US: ["Boston", "Stanford", "Chicago", "Seattle", "Austin", "Pittsburgh", "Atlanta"],
  CN: ["Beijing", "Shanghai", "Shenzhen", "Wuhan", "Hangzhou", "Nanjing"],
  IN: ["Delhi", "Bangalore", "Mumbai", "Chennai", "Hyderabad"],
  JP: ["Tokyo", "Kyoto", "Osaka"],
  KR: ["Seoul", "Daejeon"],
  SG: ["Singapore"],
  AU: ["Sydney", "Melbourne", "Brisbane"],
  CA: ["Toronto", "Montreal", "Vancouver"],
  BR: ["São Paulo", "Rio de Janeiro", "Campinas"],
  ZA: ["Cape Town", "Johannesburg"],
  NG: ["Lagos", "Ibadan"],
  KE: ["Nairobi"],
  IL: ["Tel Aviv", "Haifa", "Jerusalem"],
  SA: ["Riyadh", "Thuwal"],
  AE: ["Abu Dhabi", "Dubai"],
  TR: ["Istanbul", "Ankara"],
  MX: ["Mexico City", "Monterrey"],
  HK: ["Hong Kong"],
  TW: ["Taipei", "Hsinchu"],
  RU: ["Moscow", "Novosibirsk", "St Petersburg", "Kazan"],
  UA: ["Kyiv", "Kharkiv", "Lviv"],
  KZ: ["Almaty", "Astana"],
  GE: ["Tbilisi"],
  AM: ["Yerevan"],
  AZ: ["Baku"],
  BY: ["Minsk"],
  UZ: ["Tashkent", "Samarkand"],
  KG: ["Bishkek"],
  MD: ["Chișinău"],
  TJ: ["Dushanbe"],
  TM: ["Ashgabat"],
  EE: ["Tartu", "Tallinn"],
  LV: ["Riga"],
  LT: ["Vilnius", "Kaunas"],
  IR: ["Tehran", "Isfahan"],
  SY: ["Damascus"],
  VE: ["Caracas"],
  MM: ["Yangon"],
  IQ: ["Baghdad", "Erbil"],
  LB: ["Beirut"],
  SD: ["Khartoum"],
  ZW: ["Harare"],
  AF: ["Kabul"],
  KP: ["Pyongyang"],
};

const fsuCodes = new Set(["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UA", "UZ"]);
const companySuffix: Record<string, string> = {
  DE: "GmbH",
  AT: "GmbH",
  CH: "AG",
  FR: "SA",
  ES: "SL",
  IT: "SpA",
  NL: "BV",
  BE: "NV",
  US: "Inc.",
  CA: "Inc.",
  JP: "KK",
  CN: "Co., Ltd.",
  HK: "Ltd",
  KR: "Co., Ltd.",
  IN: "Pvt Ltd",
  RU: "LLC",
  UA: "LLC",
  KZ: "LLP",
  BR: "Ltda",
  GB: "Ltd",
};

const fields = [
  "Advanced Materials",
  "Photonics",
  "Genomics",
  "Climate Science",
  "Applied Mathematics",
  "Energy Research",
  "Neuroscience",
  "Quantum Technologies",
  "Data Science",
  "Public Health",
  "Agricultural Science",
  "Catalysis",
  "Robotics",
  "Economics",
  "Linguistics",
];
const industries = [
  "Biotech",
  "Robotics",
  "Semiconductors",
  "Pharma",
  "Energy",
  "Analytics",
  "Materials",
  "Aerospace",
  "Instruments",
  "Foods",
];
const surnames = [
  "Helix",
  "Vantor",
  "Orion",
  "Kestrel",
  "Meridian",
  "Novum",
  "Aster",
  "Borealis",
  "Cobalt",
  "Lumen",
  "Zenith",
  "Tessera",
];
const firstNames = [
  "Anna",
  "Wei",
  "Priya",
  "Olek",
  "Maria",
  "Kenji",
  "Amara",
  "Lars",
  "Sofia",
  "Yusuf",
  "Elena",
  "Tomás",
];
const lastNames = [
  "Ivanova",
  "Zhang",
  "Sharma",
  "Kowalski",
  "Rossi",
  "Tanaka",
  "Okafor",
  "Nilsson",
  "García",
  "Demir",
  "Petrova",
  "Silva",
];
const causes = ["Education", "Global Health", "Clean Water", "Heritage", "Child Nutrition", "Open Science", "Peace"];

const titleTopics = [
  "quantum materials",
  "antimicrobial resistance",
  "battery chemistry",
  "machine learning for medical imaging",
  "crop resilience",
  "urban air quality",
  "early-modern manuscripts",
  "carbon capture",
  "rare neurological disorders",
  "semiconductor lithography",
  "water security",
  "financial inclusion",
  "language acquisition",
  "permafrost thaw",
  "hydrogen storage",
  "structural biology",
  "satellite imaging",
  "public health surveillance",
  "heritage conservation",
  "robotic surgery",
  "nuclear fusion diagnostics",
  "supply-chain economics",
  "vaccine cold chains",
  "migration and labour markets",
  "coastal erosion",
  "cryptographic protocols",
  "soil microbiomes",
  "high-entropy alloys",
  "gene therapy vectors",
];
const titleForms: Record<string, string[]> = {
  research_collaboration: ["Joint research programme on", "Collaborative study of", "Research partnership in"],
  sponsored_research: ["Sponsored research into", "Industry-funded project on"],
  mou: ["Memorandum of understanding: cooperation in", "Framework agreement for collaboration in"],
  student_exchange: ["Student exchange in", "Doctoral exchange scheme for"],
  joint_degree: ["Joint MPhil in", "Dual PhD programme in"],
  executive_education: ["Executive course on", "Leadership programme on"],
  consultancy: ["Consultancy on", "Advisory work on"],
  visiting_researcher: ["Visiting fellowship in", "Visiting researcher programme in"],
  data_or_material_transfer: ["Data-sharing agreement for", "Material transfer for research on"],
  benefaction: ["Gift to support research in", "Endowed fund for"],
  other: ["Collaboration on", "Partnership in"],
};

const engagementWeights = [
  ["research_collaboration", 30],
  ["sponsored_research", 15],
  ["mou", 12],
  ["student_exchange", 8],
  ["joint_degree", 4],
  ["executive_education", 3],
  ["consultancy", 6],
  ["visiting_researcher", 8],
  ["data_or_material_transfer", 7],
  ["benefaction", 4],
  ["other", 3],
] as const;
const partnerTypeWeights = [
  ["university", 40],
  ["research_institute", 15],
  ["company", 20],
  ["state_owned_enterprise", 5],
  ["government_body", 7],
  ["military_or_defence", 1],
  ["ngo_or_charity", 7],
  ["individual", 2],
  ["other", 3],
] as const;
const funderTypeWeights = [
  ["uk_public", 30],
  ["uk_charity", 15],
  ["company", 18],
  ["foreign_government", 8],
  ["foreign_state_owned", 4],
  ["individual", 3],
  ["partner_itself", 15],
  ["other", 7],
] as const;
const ukPublicFunders = [
  "UK Research and Innovation",
  "Engineering and Physical Sciences Research Council",
  "Medical Research Council",
  "Biotechnology and Biological Sciences Research Council",
  "Economic and Social Research Council",
  "Natural Environment Research Council",
  "Innovate UK",
  "The Royal Society",
  "The British Academy",
];
const ukCharities = [
  "Wellcome Trust",
  "Leverhulme Trust",
  "Nuffield Foundation",
  "Cancer Research UK",
  "Gates Cambridge Trust",
  "British Heart Foundation",
];
const otherFunders: readonly (readonly [string, string])[] = [
  ["European Research Council", "BE"],
  ["Horizon Europe", "BE"],
  ["National Institutes of Health", "US"],
  ["Bill & Melinda Gates Foundation", "US"],
  ["Japan Society for the Promotion of Science", "JP"],
];

const informationMessages = [
  "Please send the draft agreement and the partner's ownership structure.",
  "Please confirm who will own the foreground intellectual property.",
  "Please give more detail on the funder and any conditions attached to the funding.",
  "Please confirm whether any controlled technology will be shared overseas.",
  "Please describe the partner's links with state bodies.",
];
const outcomeNotes: Record<string, string[]> = {
  approved: ["Approved: all checks complete.", "Approved after review."],
  approved_with_conditions: [
    "Approved on condition that no controlled technology is shared.",
    "Approved subject to the standard publication clause.",
  ],
  declined: ["Declined: the reputational risk outweighs the benefit.", "Declined on the reviewers' advice."],
};

interface Person {
  id: string;
  username: string;
  displayName: string;
  departmentCode: string | null;
  roles: { role: string; departmentCode: string | null; schoolCode: string | null }[];
}

interface Organisation {
  departmentId: Map<string, { id: string; name: string; schoolId: string; schoolName: string; schoolCode: string }>;
  departmentCodes: string[];
  people: Person[];
  officers: Person[];
  proposers: Person[];
}

async function loadOrganisation(prisma: PrismaClient): Promise<Organisation> {
  const departments = await prisma.department.findMany({ include: { school: true } });
  const users = await prisma.user.findMany({
    where: { disabled: false },
    include: { department: true, roles: { include: { department: true, school: true } } },
  });
  const departmentId = new Map(
    departments.map((d) => [
      d.code,
      { id: d.id, name: d.name, schoolId: d.schoolId, schoolName: d.school.name, schoolCode: d.school.code },
    ]),
  );
  const people: Person[] = users.map((user) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentCode: user.department?.code ?? null,
    roles: user.roles.map((grant) => ({
      role: grant.role,
      departmentCode: grant.department?.code ?? null,
      schoolCode: grant.school?.code ?? null,
    })),
  }));
  const officers = people.filter((person) => person.roles.some((grant) => grant.role === "SPO_OFFICER"));
  // Everyone may propose; people without any role are the ordinary proposers.
  const proposers = people.filter((person) => person.roles.length === 0);
  if (departments.length === 0 || officers.length === 0)
    throw new Error("seed-bulk needs the organisation and demo people: run with demo data seeded");
  return {
    departmentId,
    departmentCodes: [...departmentId.keys()].sort(),
    people,
    officers,
    proposers: proposers.length ? proposers : people,
  };
}

// ---------------------------------------------------------------------------------------
// One case, in memory
// ---------------------------------------------------------------------------------------

const dayMs = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function partnerName(dice: Dice, type: string, country: string): string {
  const city = dice.pick(cities[country] ?? [countryName(country)]);
  const nation = countryName(country)
    .replace(/,.*$/, "")
    .replace(/ \(.*\)$/, "");
  switch (type) {
    case "university":
      return dice.pick(
        fsuCodes.has(country)
          ? [`${city} State University`, `${nation} National University`, `${city} Polytechnic University`]
          : [
              `University of ${city}`,
              `${city} University`,
              `${city} Institute of Technology`,
              `${nation} National University`,
            ],
      );
    case "research_institute":
      return dice.pick([
        `${city} Institute for ${dice.pick(fields)}`,
        `${nation} Academy of Sciences`,
        `${dice.pick(fields)} Research Centre ${city}`,
      ]);
    case "company":
      return `${dice.pick(surnames)} ${dice.pick(industries)} ${companySuffix[country] ?? "Ltd"}`;
    case "state_owned_enterprise":
      return `${nation} National ${dice.pick(industries)} Corporation`;
    case "government_body":
      return dice.pick([
        `Ministry of Science and Higher Education, ${nation}`,
        `${nation} Research Council`,
        `${city} Municipal Government`,
      ]);
    case "military_or_defence":
      return `${nation} Defence Research Agency`;
    case "ngo_or_charity":
      return dice.pick([`${dice.pick(causes)} Foundation`, `${city} ${dice.pick(causes)} Trust`]);
    case "individual":
      return `Dr ${dice.pick(firstNames)} ${dice.pick(lastNames)}`;
    default:
      return `${city} Science Park`;
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}

function makeAnswers(dice: Dice, departmentCodes: readonly string[], submittedAt: number): Answers {
  const engagementType = dice.weighted(engagementWeights);
  const partnerType = dice.weighted(partnerTypeWeights);
  const partnerCountry = dice.weighted(partnerCountries);
  const name = partnerName(dice, partnerType, partnerCountry);
  const topic = dice.pick(titleTopics);
  const title = `${dice.pick(titleForms[engagementType]!)} ${topic}`;
  const start = submittedAt + dice.int(20, 180) * dayMs;
  const end = start + dice.int(90, 1_100) * dayMs;
  // Mostly modest sums, with a long tail past the £1m thresholds.
  const valueGbp =
    engagementType === "mou" || engagementType === "student_exchange"
      ? dice.int(0, 20) * 1_000
      : Math.round(Math.exp(8 + dice.random() * 6.6) / 1_000) * 1_000;
  const otherCountries = dice.chance(0.15)
    ? [...new Set(Array.from({ length: dice.int(1, 3) }, () => dice.weighted(partnerCountries)))].filter(
        (code) => code !== partnerCountry,
      )
    : [];
  const conflictsOfInterest = dice.yesNoUnsure(0.03, 0.02);
  const answers: DraftAnswers & Record<string, unknown> = {
    title,
    summary: `A ${engagementType.replace(/_/g, " ")} with ${name} on ${topic}, led from the department with colleagues in ${countryName(partnerCountry)}.`,
    engagementType,
    department: dice.pick(departmentCodes),
    startDate: isoDay(start),
    endDate: isoDay(end),
    valueGbp,
    overseasActivity: dice.yesNoUnsure(0.25, 0.05),
    viaSubsidiary: dice.chance(0.03) ? "yes" : "no",
    partnerName: name,
    partnerType,
    partnerCountry,
    otherCountries,
    relationship: dice.weighted([
      ["new", 35],
      ["existing_with_agreement", 45],
      ["existing_informal", 20],
    ] as const),
    stateLinks: dice.yesNoUnsure(
      partnerType === "state_owned_enterprise" || partnerType === "government_body" ? 0.6 : 0.04,
      0.05,
    ),
    conflictsOfInterest,
    controlListed: dice.yesNoUnsure(0.04, 0.04),
    militaryUse: partnerType === "military_or_defence" ? "yes" : dice.yesNoUnsure(0.02, 0.02),
    wmdConcern: dice.yesNoUnsure(0.005, 0.01),
    transferAbroad: dice.yesNoUnsure(0.15, 0.05),
    exemption: dice.weighted([
      ["none", 50],
      ["public_domain", 20],
      ["basic_scientific_research", 25],
      ["unsure", 5],
    ] as const),
    nsiSectors: dice.chance(0.2)
      ? [...new Set(Array.from({ length: dice.int(1, 2) }, () => dice.pick(nsiSectorIds)))]
      : [],
    facilityAccess: dice.chance(0.3) ? "yes" : "no",
    travel: dice.chance(0.4) ? "yes" : "no",
    visitingResearchers: dice.chance(0.3) ? "yes" : "no",
    foregroundIp: dice.weighted([
      ["university", 30],
      ["partner", 8],
      ["funder", 5],
      ["joint", 20],
      ["not_applicable", 30],
      ["undecided", 7],
    ] as const),
    publicationRestrictions: dice.yesNoUnsure(0.08, 0.05),
    cambridgeEnterpriseContacted: dice.chance(0.3) ? "yes" : "no",
    publicInterest: dice.yesNoUnsure(0.05, 0.04),
    academicFreedom: dice.yesNoUnsure(0.02, 0.02),
  };
  if (dice.chance(0.5)) answers.partnerWebsite = `https://www.${slug(name)}.example`;
  if (conflictsOfInterest !== "no")
    answers.conflictsOfInterestDetails = "A co-investigator holds an honorary post with the partner.";
  if (dice.chance(0.65)) {
    const funderType = dice.weighted(funderTypeWeights);
    let funderName: string;
    let funderCountry: string;
    switch (funderType) {
      case "uk_public":
        funderName = dice.pick(ukPublicFunders);
        funderCountry = "GB";
        break;
      case "uk_charity":
        funderName = dice.pick(ukCharities);
        funderCountry = "GB";
        break;
      case "company":
        funderCountry = dice.chance(0.6) ? partnerCountry : dice.weighted(partnerCountries);
        funderName = partnerName(dice, "company", funderCountry);
        break;
      case "foreign_government":
        funderCountry = partnerCountry === "GB" ? "US" : partnerCountry;
        funderName = `Government of ${countryName(funderCountry)}`;
        break;
      case "foreign_state_owned":
        funderCountry = partnerCountry === "GB" ? "CN" : partnerCountry;
        funderName = partnerName(dice, "state_owned_enterprise", funderCountry);
        break;
      case "individual":
        funderCountry = dice.weighted(partnerCountries);
        funderName = `${dice.pick(firstNames)} ${dice.pick(lastNames)}`;
        break;
      case "partner_itself":
        funderName = name;
        funderCountry = partnerCountry;
        break;
      default: {
        const [fname, fcountry] = dice.pick(otherFunders);
        funderName = fname;
        funderCountry = fcountry;
      }
    }
    Object.assign(answers, {
      hasFunding: "yes",
      funderName,
      funderType,
      funderCountry,
      funderSector: dice.weighted([
        ["none_of_these", 92],
        ["fossil_fuels", 3],
        ["arms_defence", 2],
        ["tobacco", 0.5],
        ["other_controversial", 2.5],
      ] as const),
      useRestrictions: dice.yesNoUnsure(0.06, 0.04),
      valuesConflict: dice.yesNoUnsure(0.01, 0.02),
    });
  } else {
    answers.hasFunding = "no";
  }
  return answers as Answers;
}

type Status = "IN_REVIEW" | "INFORMATION_REQUESTED" | "DECIDED" | "WITHDRAWN";

/** Older cases are more likely to be finished; a few stay open for a long time. */
function statusFor(dice: Dice, ageDays: number): Status {
  const table: readonly (readonly [Status, number])[] =
    ageDays < 30
      ? [
          ["IN_REVIEW", 75],
          ["INFORMATION_REQUESTED", 12],
          ["DECIDED", 8],
          ["WITHDRAWN", 5],
        ]
      : ageDays < 120
        ? [
            ["IN_REVIEW", 45],
            ["INFORMATION_REQUESTED", 10],
            ["DECIDED", 38],
            ["WITHDRAWN", 7],
          ]
        : [
            ["IN_REVIEW", 16],
            ["INFORMATION_REQUESTED", 5],
            ["DECIDED", 71],
            ["WITHDRAWN", 8],
          ];
  return dice.weighted(table);
}

/** Columns of each table, filled chunk by chunk. */
class Columns<Name extends string> {
  readonly data: Record<Name, unknown[]>;
  constructor(readonly names: readonly Name[]) {
    this.data = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<Name, unknown[]>;
  }
  push(row: Record<Name, unknown>) {
    for (const name of this.names) this.data[name].push(row[name] ?? null);
  }
  get length() {
    return this.data[this.names[0]!].length;
  }
  values(): unknown[][] {
    return this.names.map((name) => this.data[name]);
  }
}

const proposalColumns = [
  "id",
  "owner_id",
  "status",
  "version",
  "answers",
  "reference",
  "title",
  "department_id",
  "partner_name",
  "partner_country",
  "submitted_at",
  "created_at",
  "updated_at",
  "assignee_id",
  "routes",
  "risk",
  "outcome",
  "outcome_note",
  "decided_at",
  "decided_by_id",
  "withdrawn_at",
] as const;
const submissionColumns = [
  "id",
  "proposal_id",
  "number",
  "answers",
  "decision",
  "rule_set_version",
  "submitted_by_id",
  "submitted_at",
] as const;
const taskColumns = [
  "id",
  "proposal_id",
  "kind",
  "state",
  "outcome",
  "note",
  "opened_because",
  "completed_by_id",
  "completed_at",
  "created_at",
  "signer_name",
  "signer_role",
  "scope_kind",
  "scope_id",
  "scope_name",
] as const;
const requestColumns = ["id", "proposal_id", "message", "requested_by_id", "requested_at"] as const;
const auditColumns = [
  "at",
  "actor_id",
  "action",
  "entity_type",
  "entity_id",
  "from_state",
  "to_state",
  "details",
] as const;

/** `INSERT ... SELECT FROM unnest($1::text[], ...)`: one parameter per column, cast per column. */
function unnestInsert(table: string, columns: readonly string[], casts: Record<string, string>): string {
  // Every column travels as text[] (a jsonb or text[] value as its text), then is cast.
  const params = columns.map((_, index) => `$${index + 1}::text[]`);
  const selects = columns.map((column) => {
    const cast = casts[column];
    return cast ? `"${column}"::${cast}` : `"${column}"`;
  });
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
    SELECT ${selects.join(", ")} FROM unnest(${params.join(", ")}) AS t(${columns.map((c) => `"${c}"`).join(", ")})`;
}

const uuid = "uuid";
const time = "timestamptz";
const json = "jsonb";
const proposalInsert = unnestInsert("proposal", proposalColumns, {
  id: uuid,
  owner_id: uuid,
  status: '"ProposalStatus"',
  version: "int",
  answers: json,
  department_id: uuid,
  submitted_at: time,
  created_at: time,
  updated_at: time,
  assignee_id: uuid,
  routes: "text[]",
  decided_at: time,
  decided_by_id: uuid,
  withdrawn_at: time,
});
const submissionInsert = unnestInsert("proposal_submission", submissionColumns, {
  id: uuid,
  proposal_id: uuid,
  number: "int",
  answers: json,
  decision: json,
  submitted_by_id: uuid,
  submitted_at: time,
});
// A signed sign-off's `signature` (the shape signOffService stores) is built by the database
// from the signer's columns and the checklist items, sent once per chunk ($16-$18) rather
// than as 2 KB of JSON text per task.
const taskInsert = `INSERT INTO "case_task" ("id", "proposal_id", "kind", "state", "outcome", "note", "opened_because", "completed_by_id", "completed_at", "created_at", "signature")
  SELECT t.id::uuid, t.proposal_id::uuid, t.kind, t.state, t.outcome, t.note, t.opened_because, t.completed_by_id::uuid, t.completed_at::timestamptz, t.created_at::timestamptz,
         CASE WHEN t.signer_role IS NULL THEN NULL ELSE jsonb_build_object(
           'signerId', t.completed_by_id, 'signerName', t.signer_name, 'role', t.signer_role,
           'scope', jsonb_build_object('kind', t.scope_kind, 'id', t.scope_id, 'name', t.scope_name),
           'checklistVersion', $16::int, 'items', CASE t.scope_kind WHEN 'school' THEN $18::jsonb ELSE $17::jsonb END,
           'decision', 'approved', 'comment', '', 'signedAt', t.completed_at) END
    FROM unnest(${taskColumns.map((_, index) => `$${index + 1}::text[]`).join(", ")}) AS t(${taskColumns.join(", ")})`;
const requestInsert = unnestInsert("information_request", requestColumns, {
  id: uuid,
  proposal_id: uuid,
  requested_by_id: uuid,
  requested_at: time,
});
const auditInsert = unnestInsert("audit_entry", auditColumns, { at: time, actor_id: uuid, details: json });

function pgTextArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

// ---------------------------------------------------------------------------------------
// The seeding
// ---------------------------------------------------------------------------------------

export async function seedBulkCases(
  prisma: PrismaClient,
  count: number,
  options: BulkSeedOptions = {},
): Promise<BulkSeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const dice = new Dice(mulberry32(seed));
  const now = (options.now ?? new Date()).getTime();
  const chunkSize = options.chunkSize ?? 1_000;
  const org = await loadOrganisation(prisma);
  const referenceData: ReferenceData = await referenceService(prisma).current();
  // Every signature answers "yes" to each item of the checklist in force.
  const checklistItems = Object.fromEntries(
    (["department", "school"] as const).map((kind) => [
      kind,
      JSON.stringify(
        referenceData.checklists[kind].map((item) => ({
          id: item.id,
          text: item.text,
          answer: "yes",
          comment: "",
        })),
      ),
    ]),
  ) as Record<"department" | "school", string>;
  const schoolCodes = new Map(
    schools.flatMap((school) => school.departments.map((department) => [department.code, school.code] as const)),
  );

  // Submission times over the last two years, in order: references then follow time.
  const times = Array.from(
    { length: count },
    () => now - Math.floor(dice.random() * 730 * dayMs) - dice.int(60, 3_600) * 1_000,
  ).sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  let tasksWritten = 0;
  let auditWritten = 0;

  const headFor = (kind: "department" | "school", departmentCode: string): Person | undefined => {
    const role = kind === "department" ? "HEAD_OF_DEPARTMENT" : "HEAD_OF_SCHOOL";
    const schoolCode = schoolCodes.get(departmentCode) ?? null;
    const holders = org.people.filter((person) => person.roles.some((grant) => grant.role === role));
    return (
      holders.find((person) =>
        person.roles.some(
          (grant) =>
            grant.role === role &&
            (kind === "department" ? grant.departmentCode === departmentCode : grant.schoolCode === schoolCode),
        ),
      ) ?? holders[0]
    );
  };
  const reviewerFor = (kind: string): Person | undefined => {
    const role =
      kind === reviewKinds.acbela
        ? "ACBELA_SECRETARY"
        : kind === reviewKinds.export_control
          ? "REVIEWER_EXPORT_CONTROL"
          : "REVIEWER_DUE_DILIGENCE";
    return org.people.find((person) => person.roles.some((grant) => grant.role === role));
  };

  // Reserve every year's reference numbers at once, with the counter submit() uses: the
  // numbers are ours even if the app submits cases meanwhile.
  const nextNumber = new Map<number, number>();
  const yearsNeeded = new Map<number, number>();
  for (const t of times) {
    const year = new Date(t).getUTCFullYear();
    yearsNeeded.set(year, (yearsNeeded.get(year) ?? 0) + 1);
  }
  for (const [year, needed] of yearsNeeded) {
    const [row] = await prisma.$queryRawUnsafe<{ last: number }[]>(
      `INSERT INTO "reference_counter" ("year", "last") VALUES ($1, $2)
       ON CONFLICT ("year") DO UPDATE SET "last" = "reference_counter"."last" + $2 RETURNING "last"`,
      year,
      needed,
    );
    nextNumber.set(year, row!.last - needed + 1);
  }

  // Chunks are built here (CPU, this process) while earlier ones are written (the database's
  // CPU): at most two writes in flight.
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  for (let offset = 0; offset < count; offset += chunkSize) {
    const chunkTimes = times.slice(offset, offset + chunkSize);
    const proposals = new Columns(proposalColumns);
    const submissions = new Columns(submissionColumns);
    const tasks = new Columns(taskColumns);
    const requests = new Columns(requestColumns);
    const audits = new Columns(auditColumns);

    chunkTimes.forEach((submittedAt, index) => {
      const ageDays = (now - submittedAt) / dayMs;
      let answers = makeAnswers(dice, org.departmentCodes, submittedAt);
      // The answers are what the form would have accepted: checked on a sample (the
      // generator is deterministic code), or all of them for small runs.
      if (count <= 5_000 || (offset + index) % 50 === 0) answers = answersSchema.parse(answers);
      const decision: Decision = decide(answers, referenceData);
      const department = org.departmentId.get(answers.department)!;
      const owner =
        org.proposers.find((person) => person.departmentCode === answers.department) ?? dice.pick(org.proposers);
      const year = new Date(submittedAt).getUTCFullYear();
      const number = nextNumber.get(year)!;
      nextNumber.set(year, number + 1);
      const reference = formatReference(year, number);
      const id = randomUUID();
      const status = statusFor(dice, ageDays);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const span = Math.max(now - submittedAt, 60_000);
      const at = (fraction: number) => new Date(submittedAt + Math.floor(span * fraction));
      const routes = decision.routes.map((route) => route.route);
      const assigned =
        status === "DECIDED" || dice.chance(status === "WITHDRAWN" ? 0.6 : 0.7) ? dice.pick(org.officers) : undefined;
      let version = 2 + (assigned ? 1 : 0);
      const auditEntry = (event: {
        at: Date;
        actor: string | null;
        action: string;
        from: string | null;
        to: string | null;
        details: unknown;
      }) =>
        audits.push({
          at: event.at.toISOString(),
          actor_id: event.actor,
          action: event.action,
          entity_type: "proposal",
          entity_id: id,
          from_state: event.from,
          to_state: event.to,
          details: JSON.stringify(event.details),
        });

      // Tasks: what openTasksForDecision opens at submission.
      const wanted: string[] = [signOffKinds.department];
      if (decision.signOff.school) wanted.push(signOffKinds.school);
      for (const route of routes) wanted.push(reviewKinds[route]);
      const finishedAt =
        status === "DECIDED"
          ? at(0.3 + 0.6 * dice.random())
          : status === "WITHDRAWN"
            ? at(0.2 + 0.7 * dice.random())
            : new Date(now);
      for (const kind of wanted) {
        const signOff = kind === signOffKinds.department || kind === signOffKinds.school;
        // Decided: everything done before the decision. Open: older cases have more done.
        const done =
          status === "DECIDED" ||
          (status !== "INFORMATION_REQUESTED" && dice.chance(Math.min(0.8, ageDays / 60) * (signOff ? 0.9 : 0.5)));
        const completedAt = new Date(
          submittedAt + Math.floor((finishedAt.getTime() - submittedAt) * (0.2 + 0.7 * dice.random())),
        );
        let row: Record<(typeof taskColumns)[number], unknown> = {
          id: randomUUID(),
          proposal_id: id,
          kind,
          state: "open",
          outcome: null,
          note: null,
          opened_because: "rules",
          completed_by_id: null,
          completed_at: null,
          created_at: new Date(submittedAt).toISOString(),
          signer_name: null,
          signer_role: null,
          scope_kind: null,
          scope_id: null,
          scope_name: null,
        };
        if (done && signOff) {
          const scopeKind = kind === signOffKinds.department ? "department" : "school";
          const head = headFor(scopeKind, answers.department);
          row = {
            ...row,
            state: "done",
            outcome: "approved",
            completed_by_id: head?.id ?? null,
            completed_at: completedAt.toISOString(),
          };
          if (head) {
            Object.assign(row, {
              signer_name: head.displayName,
              signer_role: scopeKind === "department" ? "HEAD_OF_DEPARTMENT" : "HEAD_OF_SCHOOL",
              scope_kind: scopeKind,
              scope_id: scopeKind === "department" ? department.id : department.schoolId,
              scope_name: scopeKind === "department" ? department.name : department.schoolName,
            });
          }
          version += 1;
        } else if (done) {
          const outcome = dice.weighted([
            ["cleared", 75],
            ["cleared_with_conditions", 20],
            ["not_cleared", 5],
          ] as const);
          row = {
            ...row,
            state: "done",
            outcome,
            note: outcome === "cleared" ? "No concerns." : "See the reviewer's conditions in the case notes.",
            completed_by_id: reviewerFor(kind)?.id ?? null,
            completed_at: completedAt.toISOString(),
          };
          version += 1;
        } else if (status === "WITHDRAWN") {
          row = {
            ...row,
            state: "cancelled",
            note: "Withdrawn by the proposer",
            completed_by_id: owner.id,
            completed_at: finishedAt.toISOString(),
          };
        }
        tasks.push(row);
      }

      auditEntry({
        at: new Date(submittedAt),
        actor: owner.id,
        action: "proposal.submitted",
        from: "DRAFT",
        to: "IN_REVIEW",
        details: { reference, ruleSetVersion: decision.ruleSetVersion, routes, tasksOpened: wanted },
      });
      if (assigned) {
        auditEntry({
          at: at(0.05),
          actor: dice.pick(org.officers).id,
          action: "case.assigned",
          from: "IN_REVIEW",
          to: "IN_REVIEW",
          details: { from: null, to: assigned.id },
        });
      }
      let outcome: string | null = null;
      let outcomeNote: string | null = null;
      if (status === "INFORMATION_REQUESTED") {
        const requester = assigned ?? dice.pick(org.officers);
        const message = dice.pick(informationMessages);
        const requestedAt = at(0.1 + 0.8 * dice.random());
        requests.push({
          id: randomUUID(),
          proposal_id: id,
          message,
          requested_by_id: requester.id,
          requested_at: requestedAt.toISOString(),
        });
        auditEntry({
          at: requestedAt,
          actor: requester.id,
          action: "case.information_requested",
          from: "IN_REVIEW",
          to: "INFORMATION_REQUESTED",
          details: { message },
        });
        version += 1;
      } else if (status === "DECIDED") {
        outcome = dice.weighted([
          ["approved", 70],
          ["approved_with_conditions", 20],
          ["declined", 10],
        ] as const);
        outcomeNote = dice.pick(outcomeNotes[outcome]!);
        auditEntry({
          at: finishedAt,
          actor: assigned!.id,
          action: "case.decided",
          from: "IN_REVIEW",
          to: "DECIDED",
          details: { outcome, note: outcomeNote },
        });
        version += 1;
      } else if (status === "WITHDRAWN") {
        auditEntry({
          at: finishedAt,
          actor: owner.id,
          action: "case.withdrawn",
          from: "IN_REVIEW",
          to: "WITHDRAWN",
          details: {},
        });
        version += 1;
      }

      const answersJson = JSON.stringify(answers);
      proposals.push({
        id,
        owner_id: owner.id,
        status,
        version,
        answers: answersJson,
        reference,
        title: answers.title,
        department_id: department.id,
        partner_name: answers.partnerName,
        partner_country: answers.partnerCountry,
        submitted_at: new Date(submittedAt).toISOString(),
        created_at: new Date(submittedAt - dice.int(1, 20) * dayMs).toISOString(),
        updated_at: (status === "IN_REVIEW" ? at(dice.random()) : finishedAt).toISOString(),
        assignee_id: assigned?.id ?? null,
        routes: pgTextArray(routes),
        risk: riskOf(decision.routes),
        outcome,
        outcome_note: outcomeNote,
        decided_at: status === "DECIDED" ? finishedAt.toISOString() : null,
        decided_by_id: status === "DECIDED" ? assigned!.id : null,
        withdrawn_at: status === "WITHDRAWN" ? finishedAt.toISOString() : null,
      });
      submissions.push({
        id: randomUUID(),
        proposal_id: id,
        number: 1,
        answers: answersJson,
        decision: JSON.stringify(decision),
        rule_set_version: decision.ruleSetVersion,
        submitted_by_id: owner.id,
        submitted_at: new Date(submittedAt).toISOString(),
      });
    });

    const write = prisma
      .$transaction(
        async (tx) => {
          // A made-up case lost in a crash costs nothing: no need to wait for the disk.
          await tx.$executeRawUnsafe(`SET LOCAL synchronous_commit TO off`);
          await tx.$executeRawUnsafe(proposalInsert, ...proposals.values());
          await tx.$executeRawUnsafe(submissionInsert, ...submissions.values());
          await tx.$executeRawUnsafe(
            taskInsert,
            ...tasks.values(),
            referenceData.version,
            checklistItems.department,
            checklistItems.school,
          );
          if (requests.length > 0) await tx.$executeRawUnsafe(requestInsert, ...requests.values());
          await tx.$executeRawUnsafe(auditInsert, ...audits.values());
        },
        { timeout: 300_000, maxWait: 300_000 },
      )
      .then(() => {
        tasksWritten += tasks.length;
        auditWritten += audits.length;
        written += proposals.length;
        if (written % 10_000 === 0 || written === count)
          log(`  ${written.toLocaleString("en-GB")} cases (${Math.round(performance.now() - started)} ms)`);
      });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write)).catch(() => {});
    if (inFlight.size >= 2) {
      try {
        await Promise.race(inFlight);
      } catch (error) {
        await Promise.allSettled(inFlight);
        throw error;
      }
    }
  }
  await Promise.all(inFlight);
  // Fresh statistics, as autovacuum would gather soon after: the queue's plans depend on them.
  await prisma.$executeRawUnsafe(
    `ANALYZE "proposal", "proposal_submission", "case_task", "information_request", "audit_entry"`,
  );
  return { cases: count, tasks: tasksWritten, auditEntries: auditWritten, ms: performance.now() - started, byStatus };
}

// ---------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const seedIndex = args.indexOf("--seed");
  const seed = seedIndex >= 0 ? Number(args[seedIndex + 1]) : undefined;
  const positional = seedIndex >= 0 ? args.filter((_, index) => index !== seedIndex && index !== seedIndex + 1) : args;
  const count = Number(positional[0]?.replace(/[_,]/g, ""));
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000 || (seed !== undefined && !Number.isInteger(seed))) {
    console.error("Usage: npm run seed:bulk -- <number of cases, 1 to 1,000,000> [--seed <integer>]");
    process.exit(2);
  }
  const config = loadConfig();
  if (config.production) {
    console.error("seed:bulk adds made-up cases: it refuses to run with NODE_ENV=production.");
    process.exit(2);
  }
  const started = performance.now();
  const database = await openMigratedDatabase(config.database, (message) => console.log(message));
  try {
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    console.log(
      `Adding ${count.toLocaleString("en-GB")} cases to the ${database.kind === "postgres" ? "PostgreSQL" : "embedded"} database...`,
    );
    const result = await seedBulkCases(database.prisma, count, { seed, log: console.log });
    console.log(
      `Added ${result.cases.toLocaleString("en-GB")} cases, ${result.tasks.toLocaleString("en-GB")} tasks and ` +
        `${result.auditEntries.toLocaleString("en-GB")} audit entries in ${(result.ms / 1_000).toFixed(1)} s ` +
        `(${Math.round(result.cases / (result.ms / 1_000)).toLocaleString("en-GB")} cases/s; ${((performance.now() - started) / 1_000).toFixed(1)} s in all).`,
    );
    console.log(
      `By status: ${Object.entries(result.byStatus)
        .map(([status, n]) => `${status} ${n.toLocaleString("en-GB")}`)
        .join(", ")}`,
    );
  } finally {
    await database.close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    // A locked or unwritable data directory, or bad settings: one line. A bug: the whole error.
    console.error(error instanceof StartupError ? startupFailureLine(error, "seed:bulk failed") : error);
    process.exitCode = 1;
  });
}
