import { hash as argon2Hash } from "@node-rs/argon2";
import { z } from "zod";
import { createDashboardUser } from "@/lib/data/dashboard-users/create-dashboard-user";
import { updateDashboardUser } from "@/lib/data/dashboard-users/update-dashboard-user";

const password = z.string().min(12, "use at least 12 characters").max(200);

export const DashboardUserCreateSchema = z.strictObject({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(200).optional(),
  password,
});
export const DashboardUserUpdateSchema = z
  .strictObject({
    disabled: z.boolean().optional(),
    password: password.optional(),
    name: z.string().trim().max(200).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length === 1, {
    message: "Change one thing at a time: 'disabled', 'password' or 'name'.",
  });

/** Adds a dashboard user; the password is hashed with argon2id here and never stored or logged. */
export async function addDashboardUser({
  input,
  actor,
}: {
  input: z.infer<typeof DashboardUserCreateSchema>;
  actor: string;
}) {
  return createDashboardUser({
    email: input.email,
    name: input.name,
    passwordHash: await argon2Hash(input.password),
    actor,
  });
}

/** Disables or enables a user, resets their password (ending their sessions), or renames them. */
export async function changeDashboardUser({
  id,
  input,
  actor,
}: {
  id: string;
  input: z.infer<typeof DashboardUserUpdateSchema>;
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
