// The schools and departments admin forms.
import { z } from "zod";

const code = z
  .string({ error: "Enter a code" })
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z][A-Z0-9]{1,11}$/,
    "Enter a code of 2 to 12 letters and digits, starting with a letter, for example ENG",
  );
const name = (what: string) =>
  z
    .string({ error: `Enter the ${what}'s name` })
    .trim()
    .min(1, `Enter the ${what}'s name`)
    .max(200, `The ${what}'s name must be 200 characters or fewer`);
const schoolId = z.uuid({ error: "Select a school" });

export const schoolForm = z.strictObject({ code, name: name("school") });
export const departmentForm = z.strictObject({ schoolId, code, name: name("department") });
export const renameSchoolForm = z.strictObject({ name: name("school") });
export const renameDepartmentForm = z.strictObject({ name: name("department") });
export const moveForm = z.strictObject({ schoolId });
export const retireForm = z.strictObject({});
