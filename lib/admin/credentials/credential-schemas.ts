import { z } from "zod";

/** Admin API input shapes for provider credentials, their breakers and the 401/403 timeline. */

/** `POST /api/admin/credentials`: a provider key to add (stored sealed, never echoed). */
export const CredentialCreateSchema = z.strictObject({
  provider: z.string().min(1, "choose the provider the key belongs to"),
  key: z.string().trim().min(8, "key looks too short to be a provider key").max(1000),
  label: z.string().trim().min(1).max(100).optional(),
});

const note = z.string().trim().max(1000).optional();

/** `POST /api/admin/credentials/{id}/close`: with `verify`, closes only on a passed verification. */
export const BreakerCloseSchema = z.strictObject({ note, verify: z.boolean().optional() });

/** `POST /api/admin/credentials/{id}/open` and `.../verify`: a person's note for the audit trail. */
export const BreakerNoteSchema = z.strictObject({ note });

/** `GET /api/admin/credentials/{id}/history?limit`: how many transitions, newest first. */
export const BreakerHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

// Date-times with a time zone, read into Dates for the storage queries.
const dateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .optional();

/** `GET /api/admin/auth-failures?from&to&credentialId&limit`: the newest 401/403 events. */
export const AuthFailuresQuerySchema = z.object({
  from: dateTime,
  to: dateTime,
  credentialId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** `GET /api/admin/auth-failures/timeline?from&to&credentialId`: counts per bucket. */
export const AuthFailureTimelineQuerySchema = z.object({
  from: dateTime,
  to: dateTime,
  credentialId: z.string().min(1).optional(),
});
