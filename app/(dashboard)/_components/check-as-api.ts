import type { z } from "zod";
import { describeIssue } from "@/lib/http/describe-issue";

/** What a form shows for a draft the API would refuse: the field and the API's own message. */
export interface FormProblem {
  param: string | null;
  message: string;
}

/**
 * Checks a form's draft with the schema the admin route parses it with, so the form
 * refuses exactly what the API refuses and in the API's words (the same `describeIssue`
 * the route answers with). Rules that need the database (unknown provider, a name taken)
 * are the API's alone: its answer is shown the same way.
 * @returns null when the API would accept the draft
 */
export function checkAsApi(schema: z.ZodType, draft: unknown): FormProblem | null {
  const result = schema.safeParse(draft);
  return result.success ? null : describeIssue(result.error.issues[0]!, schema);
}
