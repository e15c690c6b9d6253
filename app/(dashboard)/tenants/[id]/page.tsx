import { TenantView } from "./tenant-view";

export const metadata = { title: "Tenant · LLM Gateway" };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TenantView id={id} />;
}
