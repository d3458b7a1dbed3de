import type { Role } from "../domain/roles";

/** One demo person per role (and two proposers), for the development sign-in page. */
export const demoPeople: {
  username: string;
  displayName: string;
  department: string;
  roles: { role: Role; department?: string; school?: string }[];
}[] = [
  { username: "ab123", displayName: "Alex Brown", department: "ENG", roles: [] },
  { username: "cd456", displayName: "Chen Du", department: "CHEM", roles: [] },
  {
    username: "hod01",
    displayName: "Dr Helen Okafor",
    department: "ENG",
    roles: [{ role: "HEAD_OF_DEPARTMENT", department: "ENG" }],
  },
  {
    username: "hod02",
    displayName: "Prof. Marta Novak",
    department: "CHEM",
    roles: [{ role: "HEAD_OF_DEPARTMENT", department: "CHEM" }],
  },
  {
    username: "hos01",
    displayName: "Prof. Hamid Shah",
    department: "CST",
    roles: [{ role: "HEAD_OF_SCHOOL", school: "TECH" }],
  },
  {
    username: "hos02",
    displayName: "Prof. Ruth Ellis",
    department: "PHYS",
    roles: [{ role: "HEAD_OF_SCHOOL", school: "PS" }],
  },
  { username: "spo01", displayName: "Priya Raman", department: "ENG", roles: [{ role: "SPO_OFFICER" }] },
  { username: "spo02", displayName: "Tom Fielding", department: "ENG", roles: [{ role: "SPO_OFFICER" }] },
  { username: "exc01", displayName: "Grace Liu", department: "ENG", roles: [{ role: "REVIEWER_EXPORT_CONTROL" }] },
  { username: "ddr01", displayName: "Owen Pryce", department: "ENG", roles: [{ role: "REVIEWER_DUE_DILIGENCE" }] },
  { username: "acb01", displayName: "Fatima Khan", department: "ENG", roles: [{ role: "ACBELA_SECRETARY" }] },
  { username: "adm01", displayName: "Sian Morgan", department: "ENG", roles: [{ role: "ADMIN" }] },
  { username: "spl01", displayName: "Nadia Hussain", department: "ENG", roles: [{ role: "SPO_LEAD" }] },
];
