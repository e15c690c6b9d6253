import { DeploymentsView } from "./deployments-view";

export const metadata = { title: "Deployments · LLM Gateway" };

export default function DeploymentsPage() {
  return <DeploymentsView />;
}
