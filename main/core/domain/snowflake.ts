/** Custom epoch 2024-01-01T00:00:00Z: 41 bits of milliseconds last until 2093. */
export const SNOWFLAKE_EPOCH_MS = 1_704_067_200_000;

/** A snowflake generator for one process: 41 bits time, 10 bits machine id, 12 bits sequence. */
export class Snowflake {
  private lastMs = -1;
  private seq = 0;

  /** Next id for a machine; `nowMs` is passed in. A clock that steps back reuses the last millisecond. */
  next(machineId: number, nowMs: number): bigint {
    if (!Number.isInteger(machineId) || machineId < 0 || machineId > 1023) throw new RangeError(`machine id ${machineId} is outside 0–1023`);
    let ms = Math.max(nowMs, this.lastMs);
    if (ms === this.lastMs) {
      this.seq = (this.seq + 1) & 0xfff;
      if (this.seq === 0) ms = this.lastMs + 1; // 4096 ids in one millisecond: borrow the next one
    } else {
      this.seq = 0;
    }
    this.lastMs = ms;
    return (BigInt(ms - SNOWFLAKE_EPOCH_MS) << 22n) | (BigInt(machineId) << 12n) | BigInt(this.seq);
  }
}

export function snowflakeParts(id: bigint): { ms: number; machineId: number; seq: number } {
  return { ms: Number(id >> 22n) + SNOWFLAKE_EPOCH_MS, machineId: Number((id >> 12n) & 0x3ffn), seq: Number(id & 0xfffn) };
}
