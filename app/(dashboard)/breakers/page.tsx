import { BreakersView } from "./breakers-view";

export const metadata = { title: "Providers & breakers · LLM Gateway" };

export default function BreakersPage() {
  return <BreakersView />;
}
