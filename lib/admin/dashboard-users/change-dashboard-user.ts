import { hash as argon2Hash } from "@node-rs/argon2";
import type { DashboardUserUpdate } from "./dashboard-user-schemas";
import { updateDashboardUser } from "./update-dashboard-user";

/**
 * Disables or enables a user, resets their password (ending their sessions), or renames
 * them: one change a call, as the schema allows. Returns the user as `toDashboardUser` shows it.
 * @throws ApiError `not_found`, or `conflict` for disabling the last enabled user
 */
export async function changeDashboardUser({
  id,
  input,
  actor,
}: {
  id: string;
  input: DashboardUserUpdate;
  actor: string;
}) {
  if (input.disabled !== undefined)
    return updateDashboardUser({
      id,
      change: { kind: input.disabled ? "disable" : "enable" },
      actor,
    });
  if (input.password !== undefined)
    return updateDashboardUser({
      id,
      change: { kind: "reset_password", passwordHash: await argon2Hash(input.password) },
      actor,
    });
  return updateDashboardUser({ id, change: { kind: "rename", name: input.name ?? null }, actor });
}
