import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Product code logs through pino (lib/log.ts) so that nothing secret is printed by accident.
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Scripts, tests and the simulator talk to a terminal on purpose.
    files: ["scripts/**", "tests/**", "e2e/**", "**/*.test.ts", "lib/simulator/**", "server.ts"],
    rules: { "no-console": "off" },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "bench-results/**", "test-results/**", "playwright-report/**"]),
]);
