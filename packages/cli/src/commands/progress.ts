// A progress bar on stderr when it is a terminal; silent otherwise.
import { stderr } from 'node:process';

export class Progress {
  private done = 0;
  private last = 0;
  private readonly on: boolean;
  constructor(private readonly total: number, enabled: boolean) {
    this.on = enabled && Boolean(stderr.isTTY) && total > 1;
  }
  tick(label: string): void {
    this.done++;
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 80 && this.done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const name = label.length > 40 ? '…' + label.slice(-39) : label;
    stderr.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${this.done}/${this.total} ${name}\x1b[K`);
  }
  finish(): void {
    if (this.on) stderr.write('\r\x1b[K');
  }
}
