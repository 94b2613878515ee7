/**
 * What the CRM keeps of a notice's full content, whatever its form. A form that does not hold a
 * fact leaves it null or empty: nothing here is estimated or inferred from other fields.
 *
 * Dates: ISO 8601 with the Paris offset when the notice gives a time
 * (`2024-07-25T12:00:00+02:00`), `yyyy-MM-dd` when it gives only a day.
 */

/** `donnees`' family: which parser read it. */
export type NoticeForm = 'MAPA' | 'FNSimple' | 'EFORMS' | 'LEGACY';

/** Whether the notice is the first publication or changes an earlier one. */
export type NoticeStatus = 'initial' | 'rectificatif' | 'annulation' | 'modification';

export interface Money {
  readonly amount: number;
  /** ISO code as the notice states it (`EUR`); null when it states none. */
  readonly currency: string | null;
}

/** An estimated value: one amount, or a range, or both. */
export interface ValueEstimate {
  readonly amount: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly currency: string | null;
}

export interface Duration {
  readonly months: number | null;
  readonly days: number | null;
  /** `yyyy-MM-dd` or date-time. */
  readonly start: string | null;
  readonly end: string | null;
}

export interface TenderLot {
  /** As the notice numbers it: `1`, `LOT-0001`. */
  readonly number: string | null;
  readonly title: string | null;
  readonly value: ValueEstimate | null;
  readonly cpv: readonly string[];
  readonly duration: Duration | null;
  /** The lot's own submission deadline, when the form gives one per lot (eForms). */
  readonly deadline: string | null;
}

export interface AwardCriterion {
  readonly label: string;
  /** Weight as given (a percentage or points); null for criteria listed by priority or unweighted. */
  readonly weight: number | null;
}

export interface Winner {
  readonly name: string;
  readonly siret: string | null;
  readonly siren: string | null;
  readonly town: string | null;
  /** The lot this winner was awarded, when the notice says. */
  readonly lot: string | null;
}

export interface AwardDetails {
  readonly winners: readonly Winner[];
  /**
   * The awarded amount: the notice's total, else the sum of the awarded lots when every one of
   * them states an amount in the same currency, else null.
   */
  readonly amount: Money | null;
  /** Decision or contract date. */
  readonly date: string | null;
}

export interface TenderDetails {
  readonly idweb: string | null;
  /** Null when `donnees` is absent, unreadable or of a family without a parser (e.g. DSP). */
  readonly form: NoticeForm | null;
  /** BOAMP's nature code: `APPEL_OFFRE`, `ATTRIBUTION`… */
  readonly nature: string | null;
  readonly status: NoticeStatus | null;
  readonly buyer: {
    readonly name: string | null;
    readonly siret: string | null;
    readonly siren: string | null;
  };
  readonly contact: {
    readonly name: string | null;
    readonly role: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly submissionDeadline: string | null;
  readonly questionsDeadline: string | null;
  readonly estimatedValue: ValueEstimate | null;
  /** Main code first, then additional and lot codes; 8 digits, no check digit. */
  readonly cpv: readonly string[];
  readonly lots: readonly TenderLot[];
  readonly duration: Duration | null;
  readonly criteria: readonly AwardCriterion[];
  /** Where the consultation documents (DCE) are, when the notice names that place. */
  readonly documentsUrl: string | null;
  /** The buyer's profile (platform), a different thing from the documents' address. */
  readonly buyerProfileUrl: string | null;
  /** Award notices only. */
  readonly award: AwardDetails | null;
  /** The earlier notice this one rectifies, cancels or awards (its idweb). */
  readonly linkedIdweb: string | null;
  /** French notes on what could not be read, for the Journal. */
  readonly issues: readonly string[];
}
