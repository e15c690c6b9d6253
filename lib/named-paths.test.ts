import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A newcomer finds each place the README and the code's comments point to: every
 * repository path they name exists. Placeholders (`<resource>`, `*`, `{id}`) are skipped.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const TOP = "(?:app|lib|tests|e2e|scripts|prisma)";
const PATH = new RegExp(`(?<![\\w/.@-])(${TOP}/[\\w.\\-/\\[\\]()<>*{}]+)`, "g");
const PLACEHOLDER = /[<>*{}]/;
const SOURCE = /\.(ts|tsx|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "generated", "__fixtures__"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP_DIRS.has(name) || name.startsWith(".")) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

/** Drops sentence punctuation after a path, and a closing parenthesis it did not open. */
function trimEnd(p: string): string {
  let out = p.replace(/[.,;:]+$/, "");
  while (out.endsWith(")") && out.split("(").length < out.split(")").length)
    out = out.slice(0, -1).replace(/[.,;:]+$/, "");
  return out.replace(/\/$/, "");
}

/** The paths named in `text`, trailing punctuation removed. */
function namedPaths(text: string): string[] {
  return [...text.matchAll(PATH)].map((m) => trimEnd(m[1]!)).filter((p) => !PLACEHOLDER.test(p));
}

/** Comment lines of a source file (`//`, `/* ... *\/` and JSDoc lines). */
function commentText(source: string): string {
  return source
    .split("\n")
    .filter((line) => /^\s*(\/\/|\/\*|\*)/.test(line) || /\s\/\/\s/.test(line))
    .join("\n");
}

function exists(named: string): boolean {
  const full = path.join(ROOT, named);
  return [full, `${full}.ts`, `${full}.tsx`].some((p) => existsSync(p));
}

describe("paths named in the README and in comments", () => {
  it("every path the README names exists", () => {
    const missing = namedPaths(readFileSync(path.join(ROOT, "README.md"), "utf8")).filter(
      (p) => !exists(p),
    );
    expect(missing).toEqual([]);
  });

  it("every path a comment names exists", () => {
    const missing = ["app", "lib", "tests", "e2e", "scripts"]
      .flatMap((top) => sourceFiles(path.join(ROOT, top)))
      .flatMap((file) =>
        namedPaths(commentText(readFileSync(file, "utf8")))
          .filter((p) => !exists(p))
          .map((p) => `${path.relative(ROOT, file)}: ${p}`),
      );
    expect(missing).toEqual([]);
  });

  it("no comment points to notes outside the repository", () => {
    const outside = ["app", "lib", "tests", "e2e", "scripts"]
      .flatMap((top) => sourceFiles(path.join(ROOT, top)))
      .filter((file) =>
        /architecture notes|CONTRACT\.md|ARCHITECTURE\.md/i.test(
          commentText(readFileSync(file, "utf8")),
        ),
      )
      .map((file) => path.relative(ROOT, file));
    expect(outside).toEqual([]);
  });
});
