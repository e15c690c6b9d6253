import type { ReactNode } from "react";
import { requirePageSession } from "@/lib/auth/page-session";
import { QueryProvider } from "./_components/query-provider";
import { SideNav } from "./_components/side-nav";

export const dynamic = "force-dynamic";

/** Every dashboard page: signed in or sent to /login, one side navigation, one content column. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  return (
    <QueryProvider>
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen">
        <SideNav email={session.email} />
        <main id="content" className="min-w-0 flex-1 p-6 lg:p-8">
          {children}
        </main>
      </div>
    </QueryProvider>
  );
}
