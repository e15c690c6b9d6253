import { hash as argon2Hash } from "@node-rs/argon2";
import { createDashboardUser } from "./create-dashboard-user";
import type { DashboardUserCreate } from "./dashboard-user-schemas";

/**
 * Adds a dashboard user; the password is hashed with argon2id here and never stored or
 * logged. Returns the user as `toDashboardUser` shows it.
 * @throws ApiError `conflict` when the email is taken
 */
export async function addDashboardUser({
  input,
  actor,
}: {
  input: DashboardUserCreate;
  actor: string;
}) {
  return createDashboardUser({
    email: input.email,
    name: input.name,
    passwordHash: await argon2Hash(input.password),
    actor,
  });
}
