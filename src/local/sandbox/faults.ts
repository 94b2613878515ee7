/**
 * Faults injected by tests through `POST /__sandbox/faults`: the first fault whose host, method
 * and path prefix match a request is consumed (one of its `times`) and decides the answer.
 */
import type { Fault } from './types';

export class FaultStore {
  private faults: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    if (typeof fault.host !== 'string' || fault.host === '') {
      throw new Error('A fault needs a host.');
    }
    this.faults.push({ ...fault, host: fault.host.toLowerCase(), remaining: fault.times ?? 1 });
  }

  /** The fault for this request, consumed; undefined when none matches. */
  take(host: string, method: string, path: string): Fault | undefined {
    const found = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        f.host === host &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)),
    );
    if (found === undefined) return undefined;
    found.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return found;
  }

  list(): Array<Fault & { remaining: number }> {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
