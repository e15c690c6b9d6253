import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CollapsingFailureLog } from "./failure-log";

interface Line {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A pino logger writing straight into an array, so each line can be read back and measured. */
function memoryLogger() {
  const raw: string[] = [];
  const logger = pino(
    { base: undefined, timestamp: false },
    { write: (line: string) => void raw.push(line) },
  );
  return {
    logger,
    lines: () =>
      raw
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line),
    bytes: () => Buffer.byteLength(raw.join("")),
  };
}

const fields = {
  provider: "deepseek",
  credential: "deepseek-env-1",
  errorClass: "permanent_auth",
  status: 401,
};
const MSG = "upstream rejected the key";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("CollapsingFailureLog", () => {
  it("logs the first occurrence at once and the other 99,999 as one line when the interval ends", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000);

    failures.record("deepseek:permanent_auth:401", fields, MSG);
    expect(mem.lines()).toEqual([{ level: 40, ...fields, msg: MSG }]);

    for (let i = 1; i < 100_000; i++) failures.record("deepseek:permanent_auth:401", fields, MSG);
    expect(mem.lines()).toHaveLength(1);

    vi.advanceTimersByTime(10_000);
    const lines = mem.lines();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      level: 40,
      ...fields,
      repeated: 99_999,
      intervalMs: 10_000,
      msg: `${MSG} (repeated 99999 times in the last 10s)`,
    });
  });

  it("writes nothing more for a key that did not repeat", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger);
    failures.record("a", { provider: "a" }, "once");
    vi.advanceTimersByTime(60_000);
    expect(mem.lines()).toHaveLength(1);
  });

  it("keeps different keys on separate lines with their own counts", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000);
    for (let i = 0; i < 5; i++)
      failures.record(
        "openai:rate_limit",
        { provider: "openai", errorClass: "rate_limit" },
        "rate limited",
      );
    for (let i = 0; i < 3; i++)
      failures.record("gemini:timeout", { provider: "gemini", errorClass: "timeout" }, "timed out");
    vi.advanceTimersByTime(10_000);

    expect(mem.lines().map((l) => [l.provider, l.repeated, l.msg])).toEqual([
      ["openai", undefined, "rate limited"],
      ["gemini", undefined, "timed out"],
      ["openai", 4, "rate limited (repeated 4 times in the last 10s)"],
      ["gemini", 2, "timed out (repeated 2 times in the last 10s)"],
    ]);
  });

  it("starts afresh each interval: the first occurrence is logged again", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000);
    failures.record("k", fields, MSG);
    failures.record("k", fields, MSG);
    vi.advanceTimersByTime(10_000);
    failures.record("k", fields, MSG);
    expect(mem.lines().map((l) => l.repeated)).toEqual([undefined, 1, undefined]);
  });

  it("keeps a storm of 100,000 failures over six intervals to a few kilobytes", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000);
    // 100,000 failures spread evenly over a minute: six 10 s intervals.
    for (let i = 0; i < 100_000; i++) {
      failures.record("deepseek:permanent_auth:401", fields, MSG);
      vi.advanceTimersByTime(60_000 / 100_000);
    }
    failures.flush();
    expect(mem.lines()).toHaveLength(12);
    expect(mem.bytes()).toBeLessThan(3_000);
  });

  it("bounds memory: past maxKeys the rest are counted under one overflow key", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000, 3);
    for (let i = 0; i < 10_000; i++) failures.record(`key-${i}`, { n: i }, "distinct failure");
    // Three first occurrences plus one line announcing the overflow.
    expect(mem.lines()).toHaveLength(4);
    expect(mem.lines()[3]).toMatchObject({ distinctKeys: 3 });

    vi.advanceTimersByTime(10_000);
    const last = mem.lines().at(-1)!;
    expect(mem.lines()).toHaveLength(5);
    expect(last).toMatchObject({ distinctKeys: 3, repeated: 10_000 - 4, intervalMs: 10_000 });
    expect(mem.bytes()).toBeLessThan(1_000);
  });

  it("flush() writes the counts now and close() leaves no timer behind", () => {
    const mem = memoryLogger();
    const failures = new CollapsingFailureLog(mem.logger, 10_000);
    failures.record("k", fields, MSG);
    failures.record("k", fields, MSG);
    failures.flush();
    expect(mem.lines().map((l) => l.repeated)).toEqual([undefined, 1]);

    failures.record("k", fields, MSG);
    failures.record("k", fields, MSG);
    failures.close();
    expect(mem.lines().map((l) => l.repeated)).toEqual([undefined, 1, undefined, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("uses a timer that does not keep the process alive", () => {
    vi.useRealTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const failures = new CollapsingFailureLog(memoryLogger().logger, 10_000);
    failures.record("k", fields, MSG);
    const timer = setTimeoutSpy.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    failures.close();
    setTimeoutSpy.mockRestore();
  });
});
