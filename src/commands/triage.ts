// `npm run triage -- answers.json [--reference ref.json] [--departments codes.json]`: the
// decision for a file of answers, as JSON on stdout. Officers use it to try a rule or
// reference change on past cases. Answers from an earlier form (without the questions
// added since) are accepted: the decision lists the defaults applied as `notAsked`.
// Exit codes: 0 decided; 2 unreadable, not JSON or invalid (messages on stderr).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { answersSchema } from "../domain/questions";
import { defaultReferenceData, referenceDataSchema } from "../reference/defaults";
import { decide } from "../rules/index";
import { schools } from "../seed/organisation";
import { CliError, runCli } from "./cli";

const usage = "Usage: npm run triage -- answers.json [--reference reference.json] [--departments departments.json]";

/** The departments the app ships with; `--departments` names a JSON list of codes for another organisation. */
const shippedDepartments = schools.flatMap((school) => school.departments.map((department) => department.code));

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read the ${what} file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`The ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** One `path: message` line per problem, as the form would show them. */
function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(answers)"}: ${issue.message}`)
    .join("\n");
}

function main(argv: string[]): number {
  let files: string[];
  let referencePath: string | undefined;
  let departmentsPath: string | undefined;
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { reference: { type: "string" }, departments: { type: "string" } },
    });
    files = positionals;
    referencePath = values.reference;
    departmentsPath = values.departments;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  const [answersPath, ...extra] = files;
  if (!answersPath || extra.length > 0) throw new CliError(usage);

  let reference = defaultReferenceData;
  if (referencePath) {
    const parsed = referenceDataSchema.safeParse(readJson(referencePath, "reference data"));
    if (!parsed.success)
      throw new CliError(`The reference data in ${referencePath} is not valid:\n${describe(parsed.error)}`);
    reference = parsed.data;
  }

  let departments = shippedDepartments;
  if (departmentsPath) {
    const list = readJson(departmentsPath, "departments");
    if (!Array.isArray(list) || !list.every((code) => typeof code === "string"))
      throw new CliError(`The departments file ${departmentsPath} must be a JSON list of department codes`);
    departments = list;
  }

  const answers = answersSchema.safeParse(readJson(answersPath, "answers"));
  if (!answers.success) throw new CliError(`The answers in ${answersPath} are not valid:\n${describe(answers.error)}`);
  // The form checks the department against the database; here against the known list, with its message.
  if (!departments.includes(answers.data.department))
    throw new CliError(`The answers in ${answersPath} are not valid:\ndepartment: Select a department from the list`);

  process.stdout.write(`${JSON.stringify(decide(answers.data, reference), null, 2)}\n`);
  return 0;
}

await runCli(main);
