import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { writeUsageDeadLetters } from "@/lib/data/usage/write-usage-dead-letters";
import { classifyDatabaseError } from "@/lib/database/database-error";
import type { UsageBufferOptions } from "@/lib/gateway/metering/usage-buffer";

/**
 * Where usage events go in Postgres, for the meter and for an operator's replay of a
 * journal: batches idempotent on request id, dead letters for refused data, and the
 * verdict that tells refused data from a database away.
 */
export const postgresUsageStore: Pick<UsageBufferOptions, "write" | "deadLetter" | "classify"> = {
  write: async (events) => void (await writeUsageBatch(events)),
  deadLetter: (letters) => writeUsageDeadLetters(letters),
  classify: (err) => {
    const kind = classifyDatabaseError(err);
    return kind === "bad_input" || kind === "constraint" ? "bad_data" : "unavailable";
  },
};
