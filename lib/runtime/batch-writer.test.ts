import pino from "pino";
import { describe, expect, it } from "vitest";
import { BatchWriter, BoundedQueue } from "./batch-writer";

const log = pino({ level: "silent" });

describe("BatchWriter", () => {
  it("writes one batch at a time and keeps a failed batch ahead of newer rows", async () => {
    const queue = new BoundedQueue<number>(10);
    const writes: number[][] = [];
    let fail = true;
    let gated = true;
    let release!: () => void;
    const writer = new BatchWriter(
      queue,
      async (rows) => {
        if (fail) throw new Error("database down");
        if (gated) await new Promise<void>((r) => (release = r));
        writes.push(rows);
      },
      log,
      "numbers",
      60_000,
    );
    queue.push(1);
    queue.push(2);
    await writer.flush();
    expect(queue.size).toBe(2);
    fail = false;
    queue.push(3);
    const first = writer.flush();
    queue.push(4);
    // A flush while a write is in flight waits for that write instead of starting another.
    expect(writer.flush()).toBe(first);
    release();
    await first;
    gated = false;
    await writer.close();
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it("keeps at most its bound, dropping and counting the oldest", () => {
    const queue = new BoundedQueue<number>(3);
    for (const n of [1, 2, 3, 4]) queue.push(n);
    expect(queue.dropped).toBe(1);
    const batch = queue.take();
    expect(batch).toEqual([2, 3, 4]);
    queue.push(5);
    queue.push(6);
    queue.putBack(batch);
    expect(queue.take()).toEqual([4, 5, 6]);
    expect(queue.dropped).toBe(3);
  });
});
