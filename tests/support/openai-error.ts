/**
 * Assertions for the product's one error shape, `{"error":{"message","type","param","code"}}`,
 * over raw HTTP: status, JSON content type, a request id, and nothing a caller must never
 * see (stack frames, source paths, key material).
 */
import { expect } from "vitest";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null } & Record<
    string,
    unknown
  >;
}

export interface ExpectedError {
  type?: string;
  code?: string | null;
  param?: string | null;
  /** Strings that must not appear anywhere in the body (keys, hashes). */
  secrets?: readonly string[];
  /** Whether the response must carry `x-request-id` (the gateway's `/v1` answers do). */
  requestId?: boolean;
}

/** Stack frames, source locations and paths of this machine. */
const INTERNALS = [
  /\n\s*at\s/,
  /\bat\s+\S+\s+\(/,
  /\.tsx?:\d+/,
  /\.m?js:\d+/,
  /node_modules/,
  /file:\/\//,
  /\/(work|tmp|home|root|usr)\//,
  /webpack|turbopack/i,
];

export function expectNoInternals(text: string, secrets: readonly string[] = []): void {
  for (const pattern of INTERNALS) expect(text, `body leaks ${pattern}`).not.toMatch(pattern);
  for (const secret of secrets)
    expect(text.includes(secret), `body contains secret material ${secret.slice(0, 10)}...`).toBe(
      false,
    );
}

/** Reads the response and asserts it is the expected OpenAI-shaped error; returns the parsed body. */
export async function expectOpenAIError(
  res: Response,
  status: number,
  expected: ExpectedError = {},
): Promise<OpenAIErrorBody> {
  const text = await res.text();
  expect(res.status, `status (body: ${text.slice(0, 300)})`).toBe(status);
  expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  if (expected.requestId ?? true) expect(res.headers.get("x-request-id") ?? "").toMatch(/\S{6,}/);
  let body: OpenAIErrorBody;
  try {
    body = JSON.parse(text) as OpenAIErrorBody;
  } catch {
    throw new Error(`error body is not JSON: ${text.slice(0, 300)}`);
  }
  expect(body).toEqual({
    error: expect.objectContaining({ message: expect.any(String), type: expect.any(String) }),
  });
  const err = body.error;
  expect(err.message.length).toBeGreaterThan(0);
  expect("param" in err && "code" in err, "error has param and code (null allowed)").toBe(true);
  expect(err.param === null || typeof err.param === "string").toBe(true);
  expect(err.code === null || typeof err.code === "string").toBe(true);
  if (expected.type !== undefined) expect(err.type).toBe(expected.type);
  if (expected.code !== undefined) expect(err.code).toBe(expected.code);
  if (expected.param !== undefined) expect(err.param).toBe(expected.param);
  expectNoInternals(text, expected.secrets);
  return body;
}
