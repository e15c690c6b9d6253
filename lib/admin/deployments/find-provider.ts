import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/errors";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * The registered provider a deployment names.
 * @throws ApiError `invalid_request_error` (400, param `provider`) naming the registered ones
 */
export async function findProvider(tx: Prisma.TransactionClient, id: string) {
  const providers = await tx.provider.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  if (providers.some((p) => p.id === id)) return id;
  throw new ApiError(
    "invalid_request_error",
    `Unknown provider ${quoteInput(id)}. Registered providers: ${providers.map((p) => p.id).join(", ")}.`,
    { param: "provider" },
  );
}
