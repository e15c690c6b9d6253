"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AddedCredentialWire,
  BreakerHistoryWire,
  ClosedBreakerWire,
  CredentialListWire,
  CredentialWire,
  ForcedOpenBreakerWire,
  VerificationWire,
} from "@/lib/admin/credentials/credential-wire";
import type {
  BreakerCloseSchema,
  BreakerNoteSchema,
  CredentialCreateSchema,
} from "@/lib/admin/credentials/credential-schemas";
import { adminFetch } from "./admin-fetch";

export type Credential = CredentialWire;
export type Verification = VerificationWire;

/** Whether a verification passed; undefined before there is one. */
export function verificationPassed(v: VerificationWire | null | undefined): boolean | undefined {
  return v?.passed;
}

const KEY = ["credentials"] as const;

/** GET /api/admin/credentials: every credential with its breaker, refreshed every 3 s. */
export function useCredentials() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<CredentialListWire>("/api/admin/credentials", { signal }),
    refetchInterval: 3_000,
  });
}

/** GET /api/admin/credentials/{id}/history: the credential's transitions with actors and notes. */
export function useCredentialHistory(id: string | null) {
  return useQuery({
    queryKey: [...KEY, id, "history"],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      adminFetch<BreakerHistoryWire>(`/api/admin/credentials/${id}/history`, { signal }),
    refetchInterval: 5_000,
  });
}

/** After a change to a key: the credentials, and the providers list that groups them, refresh. */
function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [KEY, ["providers"], ["overview"]].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

/** POST /api/admin/credentials/{id}/close `{note, verify}`: verify first (closes only on a pass), or close anyway. */
export function useCloseBreaker() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      note,
      verify,
    }: { id: string } & Required<Pick<z.input<typeof BreakerCloseSchema>, "verify">> & {
        note: string;
      }) =>
      adminFetch<ClosedBreakerWire>(`/api/admin/credentials/${id}/close`, {
        method: "POST",
        body: verify ? { note, verify: true } : { note },
      }),
    onSettled: invalidate,
  });
}

/** POST /api/admin/credentials/{id}/open `{note}`: a person forces a breaker open. */
export function useForceOpen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, note }: { id: string } & z.input<typeof BreakerNoteSchema>) =>
      adminFetch<ForcedOpenBreakerWire>(`/api/admin/credentials/${id}/open`, {
        method: "POST",
        body: { note },
      }),
    onSettled: invalidate,
  });
}

/** POST /api/admin/credentials/{id}/verify: one minimal live request with the credential. */
export function useVerifyCredential() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      adminFetch<VerificationWire>(`/api/admin/credentials/${id}/verify`, {
        method: "POST",
        body: {},
      }),
    onSettled: invalidate,
  });
}

/** POST /api/admin/credentials: add a provider key (stored encrypted, verified the same way). */
export function useAddCredential() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: z.input<typeof CredentialCreateSchema>) =>
      adminFetch<AddedCredentialWire>("/api/admin/credentials", {
        method: "POST",
        body: input,
      }),
    onSettled: invalidate,
  });
}
