import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";

export async function getCredential({ id }: { id: string }) {
  const row = await getPrisma().credential.findUnique({ where: { id } });
  if (!row) throw new ApiError("not_found", `No credential with id '${id}'.`);
  return row;
}
