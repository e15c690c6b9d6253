import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/** Matches an import of lib/<names> by alias or by a relative path. */
const LAYER = (names) => `^(@/lib/|(\\.\\./)+(lib/)?)(${names})($|/)`;

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
  // Layers point one way: app -> lib/admin -> lib/runtime (wiring) -> lib/gateway, lib/data
  // -> lib/cluster, lib/catalog. An import against that direction is a lint error.
  {
    files: ["lib/data/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: LAYER("runtime|admin"),
              message:
                "lib/data sits below lib/runtime and lib/admin: take what you need as a parameter, or move it below (lib/cluster, lib/catalog).",
            },
            {
              regex: LAYER("gateway"),
              allowTypeImports: true,
              message: "lib/data may use the gateway's types only (import type).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/gateway/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^next($|/)",
              message:
                "lib/gateway knows nothing of Next.js: the doors under app/ and lib/server adapt it.",
            },
            {
              regex: LAYER("runtime|admin|data|simulator"),
              message:
                "lib/gateway is the core: it receives storage, wiring and upstreams through gateway-deps, never imports them.",
            },
          ],
        },
      ],
    },
  },
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
