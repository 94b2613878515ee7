/**
 * The sidebar's "now", aligned on the server's clock. What is late, what is today and the default
 * date of a new interaction must agree with the server that files them: the user's computer clock
 * may be wrong, and the local runtime can run the script at another date (`--now`). The offset is
 * learnt from `generatedAtIso` of getSidebarState, which the sidebar loads first.
 */
import { parisDay } from './format';

let offsetMs = 0;

export function syncClock(serverIso: string): void {
  const server = Date.parse(serverIso);
  if (!Number.isNaN(server)) offsetMs = server - Date.now();
}

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today in Paris, `yyyy-MM-dd`. */
export function today(): string {
  return parisDay(now());
}
