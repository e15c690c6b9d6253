import {
  closeSync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { open } from "node:fs/promises";

/**
 * The file operations the usage journal needs, and nothing more, so a test can make
 * any one of them fail (a full disk, a read-only mount, an I/O error) without root.
 * Every method throws the operating system's error (`code`: ENOSPC, EFBIG, EROFS, EIO...).
 */
export interface JournalFs {
  mkdir(dir: string): void;
  /** Names (not paths) in `dir`; [] when it does not exist. */
  list(dir: string): string[];
  /** Bytes; undefined when the file does not exist. */
  size(file: string): number | undefined;
  /** Opens for appending (created 0600 when missing); returns a descriptor. */
  openAppend(file: string): number;
  /** Writes `buf` from `offset`; returns the bytes written, which may be fewer. */
  write(fd: number, buf: Buffer, offset: number): number;
  fdatasync(fd: number): void;
  /** Cuts the file to `length` bytes (undoes a torn append). */
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  remove(file: string): void;
  /** Up to `length` bytes from `position`; fewer (or none) at the end of the file. */
  read(file: string, position: number, length: number): Promise<Buffer>;
  /** Replaces a small file as a whole (write then rename). */
  replace(file: string, text: string): void;
  /** The whole of a small file; undefined when missing. */
  readSmall(file: string): string | undefined;
}

function missing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === "ENOENT";
}

/** The journal file system on the real disk. */
export const nodeJournalFs: JournalFs = {
  mkdir: (dir) => void mkdirSync(dir, { recursive: true }),
  list(dir) {
    try {
      return readdirSync(dir);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
  },
  size(file) {
    try {
      return statSync(file).size;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
  openAppend: (file) => openSync(file, "a", 0o600),
  write: (fd, buf, offset) => writeSync(fd, buf, offset, buf.length - offset),
  fdatasync: (fd) => fdatasyncSync(fd),
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  remove: (file) => rmSync(file, { force: true }),
  async read(file, position, length) {
    const handle = await open(file, "r");
    try {
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  replace(file, text) {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  },
  readSmall(file) {
    try {
      return readFileSync(file, "utf8");
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
};
