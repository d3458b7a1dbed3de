// What is shown before the routes: policies that stop a proposal as it stands, and answers
// that contradict each other as far as the rules can see (for the proposer to check; the
// rules still decide on the answers as given, so nothing is hidden from the SPO).
import { funderTypeLabels } from "../domain/questions";
import { countries } from "./facts";
import { UNIVERSITY_COUNTRY } from "./facts";
import type { Facts } from "./parties";
import { sources } from "./sources";
import type { Flag, Stop } from "./types";

export function stopsFor(facts: Facts): Stop[] {
  const stops: Stop[] = [];
  if (facts.funder?.sector === "tobacco") {
    stops.push({
      id: "stop.tobacco_funding",
      text: "The funder is in the tobacco industry: the University does not accept funding from the tobacco industry, so the proposal cannot go ahead with this funder. Talk to the SPO before going further.",
      source: sources.tobaccoFunding,
    });
  }
  return stops;
}

export function flagsFor(facts: Facts): Flag[] {
  const flags: Flag[] = [];
  const { answers } = facts;
  if (answers.hasFunding !== "yes") return flags;
  if (
    (answers.funderType === "uk_public" || answers.funderType === "uk_charity") &&
    answers.funderCountry !== UNIVERSITY_COUNTRY
  ) {
    flags.push({
      id: "flag.uk_funder_outside_uk",
      question: "funderCountry",
      text: `You said the funder is a ${funderTypeLabels[answers.funderType]} but gave a country outside the UK (${countries([answers.funderCountry])}): check the funder's type and country.`,
    });
  }
  if (answers.funderType === "partner_itself" && answers.funderCountry !== answers.partnerCountry) {
    flags.push({
      id: "flag.partner_funder_country",
      question: "funderCountry",
      text: `You said the partner itself funds it, but gave different countries for the funder (${countries([answers.funderCountry])}) and the partner (${countries([answers.partnerCountry])}): check them. The rules use the partner's country.`,
    });
  }
  return flags;
}
