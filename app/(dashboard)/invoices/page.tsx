import { InvoicesView } from "./invoices-view";

export const metadata = { title: "Invoices · LLM Gateway" };

export default function InvoicesPage() {
  return <InvoicesView />;
}
