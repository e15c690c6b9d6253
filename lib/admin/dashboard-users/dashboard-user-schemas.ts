import { z } from "zod";

/** Admin API input shapes for dashboard users. Passwords are checked here, hashed later. */
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

export type DashboardUserCreate = z.infer<typeof DashboardUserCreateSchema>;
export type DashboardUserUpdate = z.infer<typeof DashboardUserUpdateSchema>;
