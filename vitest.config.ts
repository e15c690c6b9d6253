import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/build-app.ts", "tests/support/global-setup.ts"],
          setupFiles: ["tests/support/use-test-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files share one database and one built app; run them one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
