import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/** Matches an import of lib/<names> by alias or by a relative path. */
const LAYER = (names) => `^(@/lib/|(\\.\\./)+(lib/)?)(${names})($|/)`;
/** Matches an import of the app/ folder (routes and pages) by alias or by a relative path. */
const APP = "^(@/|(\\.\\./)+)app($|/)";

/** Refuses, in `files`, imports matching any of `patterns` (each with the reason why). */
const layerRule = (files, patterns) => ({
  files: [files],
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Product code logs through pino (lib/log.ts) so that nothing secret is printed by accident.
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Scripts, tests and the simulator talk to a terminal on purpose.
    files: ["scripts/**", "tests/**", "e2e/**", "**/*.test.ts", "lib/simulator/**", "server.ts"],
    rules: { "no-console": "off" },
  },
  // Layers point one way: app -> lib/admin -> lib/runtime (composition root) -> lib/auth,
  // lib/gateway -> lib/billing, lib/data -> lib/cluster, lib/catalog; admin routes reach
  // storage only through their resource folder, and the browser's hooks take types only. An import against that
  // direction is a lint error; each rule below has a case in lib/layer-rules.test.ts.
  layerRule("lib/data/**", [
    {
      regex: LAYER("runtime|admin|auth"),
      message:
        "lib/data sits below lib/runtime, lib/admin and lib/auth: take what you need as a parameter, or move it below (lib/cluster, lib/catalog).",
    },
    {
      regex: LAYER("gateway"),
      allowTypeImports: true,
      message:
        "lib/data may use the gateway's types only (import type); take its values as parameters.",
    },
  ]),
  layerRule("lib/gateway/**", [
    {
      regex: "^next($|/)",
      message:
        "lib/gateway knows nothing of Next.js: the doors under app/ and lib/server adapt it.",
    },
    {
      regex: LAYER("runtime|admin|data|simulator|auth|queries"),
      message:
        "lib/gateway is the core: it receives storage, wiring and upstreams through gateway-deps, never imports them.",
    },
  ]),
  layerRule("lib/runtime/**", [
    {
      regex: LAYER("admin|queries"),
      message:
        "lib/runtime sits below lib/admin and the dashboard: have the entry point hand such work in (see RuntimeJobs in process-gateway.ts).",
    },
    {
      regex: APP,
      message: "lib/runtime sits below app/: the doors and pages call it, never the reverse.",
    },
  ]),
  layerRule("lib/auth/**", [
    {
      regex: LAYER("runtime|admin"),
      message:
        "lib/auth sits below lib/runtime and lib/admin: the bootstrap hands it what it needs (see provideAuthSecret).",
    },
  ]),
  layerRule("lib/billing/**", [
    {
      regex: LAYER("gateway|admin|runtime|data"),
      message:
        "lib/billing is pure arithmetic at the bottom: shared shapes live in lib/billing, callers pass their figures in.",
    },
  ]),
  layerRule("app/api/admin/**", [
    {
      regex: LAYER("data|runtime|gateway|billing|queries"),
      message:
        "An admin route is guard, parse, one call into its resource folder (lib/admin/<resource>/); the resource reaches storage and the runtime.",
    },
  ]),
  layerRule("lib/queries/**", [
    {
      regex: LAYER("admin|gateway|billing|runtime|data|auth|server|database"),
      allowTypeImports: true,
      message:
        "Dashboard hooks run in the browser: take the server's answer types with `import type`, never a value.",
    },
  ]),
  // Formatting is Prettier's (`npm run format:check`); ESLint keeps to correctness.
  prettier,
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "bench-results/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
