/**
 * How a tender is told in the sidebar: its level as a coloured badge, its deadline as a
 * countdown (`J-5`), and BOAMP's codes (`APPEL_OFFRE`, `PROCEDURE_ADAPTE`) in words. The
 * countdown counts calendar days in Paris from the server-aligned today, so "J-0" means the same
 * day for the team and for the CRM's deadline alerts.
 */
import { today } from '../clock';
import { parisDay } from '../format';

export interface Countdown {
  /** `J-5`, `Aujourd’hui`, `Clos` */
  readonly label: string;
  /** `bad` under a week (the CRM's urgent alert), `warn` under two, '' beyond or closed. */
  readonly tone: 'bad' | 'warn' | 'muted' | '';
  readonly days: number;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The countdown to an ISO deadline, or null when there is none. */
export function countdown(deadlineIso: string | null | undefined, now = today()): Countdown | null {
  if (!deadlineIso) return null;
  const at = new Date(deadlineIso);
  if (Number.isNaN(at.getTime())) return null;
  const days = dayNumber(parisDay(at)) - dayNumber(now);
  if (days < 0) return { label: 'Clos', tone: 'muted', days };
  if (days === 0) return { label: 'Aujourd’hui', tone: 'bad', days };
  return { label: `J-${days}`, tone: days <= 7 ? 'bad' : days <= 14 ? 'warn' : '', days };
}

/** CSS suffix of a level badge: `level-coeur`, `level-adjacent`, `level-hors`. */
export function levelClass(level: string | null | undefined): string {
  switch (level) {
    case 'Cœur':
      return 'level level-coeur';
    case 'Adjacent':
      return 'level level-adjacent';
    default:
      return 'level level-hors';
  }
}

const CODES: Readonly<Record<string, string>> = {
  APPEL_OFFRE: 'Avis de marché',
  ATTRIBUTION: 'Avis d’attribution',
  RECTIFICATIF: 'Rectificatif',
  ANNULATION: 'Avis d’annulation',
  PRE_INFORMATION: 'Avis de pré-information',
  PROCEDURE_ADAPTE: 'Procédure adaptée',
  OUVERT: 'Appel d’offres ouvert',
  RESTREINT: 'Appel d’offres restreint',
  NEGOCIE: 'Procédure négociée',
  DIALOGUE_COMPETITIF: 'Dialogue compétitif',
};

/** BOAMP's code in words; anything else as it is. */
export function boampLabel(code: string): string {
  return CODES[code] ?? code;
}

/**
 * The « Analyse IA » text cut into its parts: a block whose first line is a capitalised heading
 * (the CRM writes them so, core/ai/tender-analysis.ts) becomes a heading and its lines; any other
 * text — typed by hand in the cell — stays one plain block.
 */
export interface AnalysisPart {
  readonly heading: string | null;
  readonly body: string;
}

export function analysisParts(text: string): AnalysisPart[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => {
      const [first = '', ...rest] = block.split('\n');
      // « RECOMMANDATION DE CLAUDE : Go » is a heading too: the label before « : » is capitalised.
      const label = first.split(' : ')[0] ?? '';
      const isHeading = /[A-ZÀ-Ý]/.test(label) && label === label.toLocaleUpperCase('fr-FR');
      return isHeading
        ? { heading: first.trim(), body: rest.join('\n').trim() }
        : { heading: null, body: block };
    });
}
