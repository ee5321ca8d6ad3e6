// Peak memory of this process — its worker threads included, they share the process — while
// something runs: the kernel's high-water mark (VmHWM, reset first through clear_refs) and our own
// samples of RSS every few milliseconds (the samples also work where /proc is read-only).
import { readFileSync, writeFileSync } from 'node:fs';

function statusKb(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryPeak {
  /** RSS when sampling started, MB. */
  startMb: number;
  /** Highest RSS seen, MB (VmHWM when the kernel could reset it, else the sampled maximum). */
  peakMb: number;
  sampledPeakMb: number;
  hwmPeakMb: number | null;
  samples: number;
}

export class MemorySampler {
  private readonly startRss = process.memoryUsage().rss;
  private max = this.startRss;
  private count = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly hwmReset = resetHighWaterMark();

  constructor(intervalMs = 20) {
    this.timer = setInterval(() => {
      this.count++;
      this.max = Math.max(this.max, process.memoryUsage().rss);
    }, intervalMs);
  }

  stop(): MemoryPeak {
    clearInterval(this.timer);
    this.max = Math.max(this.max, process.memoryUsage().rss);
    const hwm = this.hwmReset ? statusKb('VmHWM') : null;
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    const hwmMb = hwm === null ? null : Math.round(hwm / 1024);
    return { startMb: mb(this.startRss), peakMb: Math.max(hwmMb ?? 0, mb(this.max)), sampledPeakMb: mb(this.max), hwmPeakMb: hwmMb, samples: this.count };
  }
}
