import { TenantsView } from "./tenants-view";

export const metadata = { title: "Tenants & keys · LLM Gateway" };

export default function TenantsPage() {
  return <TenantsView />;
}
