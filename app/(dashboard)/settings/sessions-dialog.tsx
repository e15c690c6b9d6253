"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  useDashboardSessions,
  useSignOutEverywhere,
  type DashboardUserRow,
} from "@/lib/queries/use-dashboard-users";
import { ModalDialog } from "../_components/dialogs";
import { QueryState } from "../_components/query-state";
import { RelTime } from "../_components/time";
import { Button, ErrorText } from "../_components/ui";

/**
 * A user's live sessions (where and when each signed in, which one is this browser's)
 * and "Sign out everywhere", which ends them all on every instance at once.
 */
export function SessionsDialog({ user }: { user: DashboardUserRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const sessions = useDashboardSessions(user.id, open);
  const signOut = useSignOutEverywhere();
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => signOut.reset()}
      title={`Sessions: ${user.email}`}
      description="Signed-in browsers. Signing out everywhere ends each of them at once."
      trigger={
        <Button size="sm" aria-label={`Sessions of ${user.email}`}>
          Sessions
        </Button>
      }
    >
      <QueryState query={sessions} isEmpty={(d) => d.data.length === 0}>
        {(d) => (
          <ul className="mb-4 space-y-2 text-sm" aria-label="Active sessions">
            {d.data.map((s) => (
              <li
                key={s.id}
                className="rounded-md border border-slate-200 p-2 dark:border-slate-800"
              >
                <div>
                  Signed in <RelTime at={s.createdAt} /> from {s.address ?? "an unknown address"}
                  {s.current && <strong> (this session)</strong>}
                </div>
                <div className="truncate text-slate-500" title={s.userAgent ?? ""}>
                  {s.userAgent ?? "unknown browser"}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <ErrorText>{signOut.error?.message}</ErrorText>
      {signOut.isSuccess && (
        <p role="status" className="mb-2 text-sm">
          {signOut.data.ended} session(s) ended.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={() => setOpen(false)}>Close</Button>
        <Button
          variant="danger"
          disabled={signOut.isPending}
          onClick={() =>
            signOut.mutate(user.id, {
              // Ending one's own sessions ends this one too: go to the sign-in page.
              onSuccess: () => {
                if (sessions.data?.data.some((s) => s.current)) router.replace("/login");
                else void sessions.refetch();
              },
            })
          }
        >
          Sign out everywhere
        </Button>
      </div>
    </ModalDialog>
  );
}
