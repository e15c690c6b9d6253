import type { ReactNode } from "react";

export const metadata = { title: "LLM Gateway", description: "Self-hosted LLM API gateway" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
