/**
 * Which tenders deserve an alert today (issue 5): a notice of level Cœur the first time it is
 * seen, and any tender linked to an open opportunity whose deadline falls within the urgent delay
 * (7 days by default), each day until the deadline. A notice is alerted at most once a day,
 * whatever the number of runs.
 */
export interface TenderForAlert {
  readonly idweb: string;
  readonly objet: string;
  readonly acheteur: string;
  readonly niveau: string;
  /** Submission deadline as epoch ms, null when the notice gives none. */
  readonly deadlineMs: number | null;
  readonly url: string;
  readonly score: number | null;
  readonly matched: string;
  /** The open opportunity following this tender, if any. */
  readonly opportunity: {
    readonly id: string;
    readonly titre: string;
    readonly etape: string;
  } | null;
}

export type AlertReason = 'coeur' | 'echeance';

export interface TenderAlert {
  readonly tender: TenderForAlert;
  readonly reasons: readonly AlertReason[];
  /** Whole days left before the deadline, when the deadline is the reason. */
  readonly daysLeft: number | null;
}

export interface AlertClock {
  /** `yyyy-MM-dd`, the CRM's day. */
  readonly day: string;
  readonly nowMs: number;
}

const DAY_MS = 86_400_000;

export function tendersToAlert(
  tenders: readonly TenderForAlert[],
  clock: AlertClock,
  /** idweb → last day an alert went out for it. */
  sent: Readonly<Record<string, string>>,
  urgentDays = 7,
): TenderAlert[] {
  const alerts: TenderAlert[] = [];
  for (const tender of tenders) {
    const last = sent[tender.idweb];
    if (last === clock.day) continue;
    const reasons: AlertReason[] = [];
    if (tender.niveau === 'Cœur' && last === undefined) reasons.push('coeur');
    const left = tender.deadlineMs === null ? null : (tender.deadlineMs - clock.nowMs) / DAY_MS;
    const urgent = tender.opportunity !== null && left !== null && left >= 0 && left <= urgentDays;
    if (urgent) reasons.push('echeance');
    if (reasons.length > 0) {
      alerts.push({ tender, reasons, daysLeft: urgent && left !== null ? Math.floor(left) : null });
    }
  }
  return alerts.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
}

/**
 * The sent log after today's alerts. Entries older than `keepSince` are dropped, so keep it longer
 * than a notice stays open (a year), or an old Cœur notice would be announced again.
 */
export function recordSent(
  sent: Readonly<Record<string, string>>,
  alerts: readonly TenderAlert[],
  day: string,
  keepSince: string,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [idweb, last] of Object.entries(sent)) if (last >= keepSince) next[idweb] = last;
  for (const alert of alerts) next[alert.tender.idweb] = day;
  return next;
}
