"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface Credential {
  id: string;
  provider: string;
  label: string;
  last4: string;
  source?: string;
  simulated?: boolean;
  state: "closed" | "open" | "half_open" | "quarantined";
  lastErrorClass: string | null;
  lastError?: string | null;
  openedAt: string | null;
  retryAt: string | null;
  failures: number;
}

export interface BreakerEventRow {
  id: string;
  from: string;
  to: string;
  errorClass: string | null;
  reason: string;
  actor: string;
  note: string | null;
  at: string;
}

/**
 * What a verification answered. The admin API names the outcome; older or newer shapes
 * are read tolerantly (`passed`, `ok` or `pass`), since only "did it pass" and "why" matter here.
 */
export interface Verification {
  passed?: boolean;
  ok?: boolean;
  pass?: boolean;
  status?: number | null;
  httpStatus?: number | null;
  errorClass?: string | null;
  class?: string | null;
  message?: string | null;
}

export function verificationPassed(v: Verification | null | undefined): boolean | undefined {
  if (!v) return undefined;
  return v.passed ?? v.ok ?? v.pass;
}

const KEY = ["credentials"] as const;

/** GET /api/admin/credentials: every credential with its breaker, refreshed every 3 s. */
export function useCredentials() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      adminFetch<{ data: Credential[] }>("/api/admin/credentials", { signal }),
    refetchInterval: 3_000,
  });
}

/** GET /api/admin/credentials/{id}/history: the credential's transitions with actors and notes. */
export function useCredentialHistory(id: string | null) {
  return useQuery({
    queryKey: [...KEY, id, "history"],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      adminFetch<{ data: BreakerEventRow[] }>(`/api/admin/credentials/${id}/history`, { signal }),
    refetchInterval: 5_000,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

/** POST /api/admin/credentials/{id}/close `{note, verify}`: verify first (closes only on a pass), or close anyway. */
export function useCloseBreaker() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, note, verify }: { id: string; note: string; verify: boolean }) =>
      adminFetch<Record<string, unknown>>(`/api/admin/credentials/${id}/close`, {
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
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      adminFetch(`/api/admin/credentials/${id}/open`, { method: "POST", body: { note } }),
    onSettled: invalidate,
  });
}

/** POST /api/admin/credentials/{id}/verify: one minimal live request with the credential. */
export function useVerifyCredential() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      adminFetch<Verification & Record<string, unknown>>(`/api/admin/credentials/${id}/verify`, {
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
    mutationFn: (input: { provider: string; key: string; label?: string }) =>
      adminFetch<Record<string, unknown>>("/api/admin/credentials", {
        method: "POST",
        body: input,
      }),
    onSettled: invalidate,
  });
}
