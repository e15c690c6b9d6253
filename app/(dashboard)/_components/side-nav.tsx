"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { ThemeToggle } from "./theme-toggle";

export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/breakers", label: "Providers & breakers" },
  { href: "/auth-failures", label: "Auth failures" },
  { href: "/spend", label: "Spend" },
  { href: "/tenants", label: "Tenants & keys" },
  { href: "/plans", label: "Plans" },
  { href: "/invoices", label: "Invoices" },
  { href: "/requests", label: "Requests" },
  { href: "/deployments", label: "Deployments" },
  { href: "/routing", label: "Prices & routing" },
  { href: "/alerts", label: "Alerts & audit" },
  { href: "/settings", label: "Settings" },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function SideNav({ email }: { email: string }) {
  const pathname = usePathname();
  return (
    <aside className="no-print flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="px-4 py-5 text-lg font-semibold">LLM Gateway</div>
      <nav aria-label="Dashboard" className="flex-1 px-2">
        <ul className="space-y-0.5">
          {NAV_ITEMS.map((item) => {
            const active = isActive(pathname, item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={clsx(
                    "block rounded-md px-3 py-2 text-sm",
                    active
                      ? "bg-indigo-50 font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
                      : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                  )}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="space-y-2 border-t border-slate-200 p-4 text-sm dark:border-slate-800">
        <p className="truncate text-slate-600 dark:text-slate-400" title={email}>
          {email}
        </p>
        <div className="flex items-center gap-2">
          <ThemeToggle />
          <button
            type="button"
            onClick={() => void signOut({ callbackUrl: "/login" })}
            className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Sign out
          </button>
        </div>
      </div>
    </aside>
  );
}
