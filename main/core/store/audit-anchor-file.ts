import fs from 'node:fs';
import path from 'node:path';
import type { AnchorRead, SignedAnchor } from '../domain/audit-chain';

/** The audit chain's anchor outside the database: one small JSON file, replaced atomically, private to its owner. */
export class AuditAnchorFile {
  private readonly tmp: string;

  constructor(readonly file: string) {
    this.tmp = `${file}.tmp`;
  }

  read(): AnchorRead {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', reason: (err as Error).message };
    }
    try {
      return { kind: 'present', value: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'present', value: null };
    }
  }

  /** For start-up, before anything else may append. */
  writeSync(a: SignedAnchor): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(this.tmp, 'w', 0o600);
    try {
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, JSON.stringify(a));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.tmp, this.file);
    syncDirSync(path.dirname(this.file));
  }

  /** Temp file, fsync, rename, fsync of the folder: a crash leaves the old anchor or the new one, never half of one. */
  async write(a: SignedAnchor): Promise<void> {
    const fh = await fs.promises.open(this.tmp, 'w', 0o600);
    try {
      // The mode of open() applies only to a file it creates: a leftover temp file keeps its own.
      await fh.chmod(0o600);
      await fh.writeFile(JSON.stringify(a));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(this.tmp, this.file);
    const dir = await fs.promises.open(path.dirname(this.file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

function syncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
