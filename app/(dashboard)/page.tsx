import { OverviewView } from "./overview-view";

export const metadata = { title: "Overview · LLM Gateway" };

export default function OverviewPage() {
  return <OverviewView />;
}
