// The layering the code keeps, checked on every run: the domain imports no feature, the
// rules only the domain, route files never import each other or the database, and src/
// holds no tests. A rule broken here is a dependency that makes the next feature cost more.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const src = path.join(root, "src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : filesUnder(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

interface Import {
  from: string;
  target: string;
  typeOnly: boolean;
}

const importPattern = /^\s*(import|export)\s+(type\s+)?[^"';]*?\s*from\s+["']([^"']+)["']/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(importPattern)].flatMap((match) => {
    const specifier = match[3] ?? "";
    if (!specifier.startsWith(".")) return [];
    return [{ from: file, target: path.resolve(path.dirname(file), specifier), typeOnly: Boolean(match[2]) }];
  });
}

const relative = (file: string) => path.relative(root, file);
const inside = (file: string, folder: string) => file.startsWith(path.join(src, folder) + path.sep);
const allImports = filesUnder(src).flatMap(importsOf);
const describeImport = (entry: Import) => `${relative(entry.from)} -> ${relative(entry.target)}`;

describe("the import rules of src/", () => {
  it("finds the files and their imports (the checks below are not vacuous)", () => {
    expect(allImports.length).toBeGreaterThan(200);
    expect(allImports.some((entry) => inside(entry.from, "domain"))).toBe(true);
  });

  it("src/domain imports nothing but itself (and the database's enum types, to check they agree)", () => {
    const broken = allImports.filter(
      (entry) =>
        inside(entry.from, "domain") &&
        !inside(entry.target, "domain") &&
        !(entry.typeOnly && entry.target === path.join(src, "generated/prisma/enums")),
    );
    expect(broken.map(describeImport)).toEqual([]);
  });

  it("src/rules imports only itself and the domain (the triage command lives in src/commands)", () => {
    const broken = allImports.filter(
      (entry) => inside(entry.from, "rules") && !inside(entry.target, "rules") && !inside(entry.target, "domain"),
    );
    expect(broken.map(describeImport)).toEqual([]);
  });

  it("a route file never imports another route file", () => {
    const isRouteFile = (file: string) => /Routes(\.ts)?$/.test(file);
    const broken = allImports.filter((entry) => isRouteFile(entry.from) && isRouteFile(entry.target));
    expect(broken.map(describeImport)).toEqual([]);
  });

  it("route files see services, not Prisma", () => {
    // Readiness is the one page whose job is to ask the database itself.
    const routeFiles = filesUnder(src).filter(
      (file) => file.endsWith("Routes.ts") && file !== path.join(src, "health/healthRoutes.ts"),
    );
    expect(routeFiles.length).toBeGreaterThan(8);
    const broken = routeFiles.filter((file) => {
      const text = readFileSync(file, "utf8");
      return (
        /generated\/prisma\/client/.test(text) ||
        /services\.prisma\b|\{[^}]*\bprisma\b[^}]*\}\s*=\s*services/.test(text)
      );
    });
    expect(broken.map(relative)).toEqual([]);
  });

  it("nothing in src/ imports from tests/, and src/ holds no tests", () => {
    const fromTests = allImports.filter((entry) => entry.target.startsWith(path.join(root, "tests") + path.sep));
    expect(fromTests.map(describeImport)).toEqual([]);
    expect(
      filesUnder(src)
        .filter((file) => file.endsWith(".test.ts"))
        .map(relative),
    ).toEqual([]);
  });
});
