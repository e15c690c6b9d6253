import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/page-session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · LLM Gateway" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await currentSession()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only a path on this site: never send a freshly signed-in person elsewhere.
  const next = safeRedirectPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">LLM Gateway dashboard</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
