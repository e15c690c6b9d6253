"use client";

import { useState, type FormEvent } from "react";
import { useSaveSettings, useSettings, useTestAlert } from "@/lib/queries/use-settings";
import { QueryState } from "../_components/query-state";
import { Button, Card, ErrorText, Field, Input, Notice, PageHeader } from "../_components/ui";
import { UsersCard } from "./users-card";

function WebhookCard() {
  const query = useSettings();
  const save = useSaveSettings();
  const test = useTestAlert();
  const [url, setUrl] = useState<string | null>(null);
  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(url?.trim() ? url.trim() : null, { onSuccess: () => setUrl(null) });
  }
  return (
    <Card title="Alert webhook">
      <QueryState query={query}>
        {(s) => {
          const value = url ?? s.alertWebhookUrl ?? "";
          return (
            <form onSubmit={onSave} className="space-y-4">
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Breaker trips, quarantines and &quot;no provider left&quot; are POSTed here as JSON
                with a Slack-compatible <code>text</code> field.{" "}
                {s.source === "dashboard" && "Alerts use the URL below."}
                {s.source === "environment" &&
                  `Alerts use ALERT_WEBHOOK_URL (${s.envAlertWebhookHost}); a URL saved here takes precedence.`}
                {s.source === null && "None is set: alerts appear only in the dashboard."}
              </p>
              <Field label="Webhook URL" id="webhook-url">
                <Input
                  id="webhook-url"
                  type="url"
                  value={value}
                  placeholder="https://hooks.example.com/…"
                  onChange={(e) => setUrl(e.target.value)}
                />
              </Field>
              <ErrorText>{save.error?.message ?? test.error?.message}</ErrorText>
              {save.isSuccess && url === null && <Notice tone="success">Saved.</Notice>}
              <div className="flex flex-wrap gap-2">
                <Button type="submit" variant="primary" disabled={save.isPending}>
                  Save
                </Button>
                <Button
                  onClick={() => test.mutate(value.trim() || undefined)}
                  disabled={test.isPending || (!value.trim() && s.source === null)}
                >
                  {test.isPending ? "Sending…" : "Send test alert"}
                </Button>
              </div>
              {test.data && (
                <div
                  role="status"
                  className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
                >
                  {test.data.sent ? (
                    <>
                      <p
                        className={
                          test.data.ok
                            ? "font-medium text-emerald-800 dark:text-emerald-300"
                            : "font-medium text-red-800 dark:text-red-300"
                        }
                      >
                        The receiver answered HTTP {test.data.status}{" "}
                        {test.data.ok ? "(delivered)" : "(not accepted)"}
                      </p>
                      {test.data.body && (
                        <pre className="mt-2 max-h-40 overflow-auto text-xs whitespace-pre-wrap">
                          {test.data.body}
                        </pre>
                      )}
                    </>
                  ) : (
                    <p className="font-medium text-red-800 dark:text-red-300">
                      Not delivered: {test.data.error}
                    </p>
                  )}
                </div>
              )}
            </form>
          );
        }}
      </QueryState>
    </Card>
  );
}

export function SettingsView() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Where alerts go, and who may sign in to this dashboard."
      />
      <div className="space-y-6">
        <WebhookCard />
        <UsersCard />
      </div>
    </>
  );
}
