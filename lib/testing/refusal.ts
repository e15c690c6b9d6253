import { ApiError } from "@/lib/errors";

/**
 * The ApiError `fn` throws, for tests of refusals; any other error is rethrown.
 * @throws Error when `fn` returns instead of refusing.
 */
export function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
