/**
 * Types shared by the BOAMP query builder, the parsers, the client and the watch.
 *
 * - `DayWindow`: publication days, both ends included, as `yyyy-MM-dd` (BOAMP's `dateparution`
 *   is a day, not an instant).
 * - `BoampRecord`: one result of the Explore API v2.1 `records` endpoint (shared/apis/boamp.md
 *   §1.4) with the field names of the API, multi-valued fields always arrays, absent fields null.
 *   `gestion` and `donnees` stay the JSON strings the API sends; they are only present when the
 *   request selected them (full records), and parse/ reads them.
 */

export interface DayWindow {
  /** First publication day, `yyyy-MM-dd`, included. */
  readonly from: string;
  /** Last publication day, `yyyy-MM-dd`, included. */
  readonly to: string;
}

export interface BoampRecord {
  /** `YY-NNNNN`, the notice number: the CRM's idempotency key. */
  readonly idweb: string;
  readonly objet: string | null;
  readonly nomacheteur: string | null;
  /** `yyyy-MM-dd`. */
  readonly dateparution: string | null;
  /**
   * As the API sends it, e.g. `2024-07-25T12:00:00+00:00`: Paris wall-clock time labelled UTC
   * (boamp.md §1.6). Read it with `parseBoampDeadline` (parse/), never with `Date.parse`.
   */
  readonly datelimitereponse: string | null;
  readonly url_avis: string | null;
  readonly famille: string | null;
  readonly nature: string | null;
  readonly etat: string | null;
  readonly type_procedure: string | null;
  readonly code_departement: readonly string[];
  readonly descripteur_code: readonly string[];
  readonly descripteur_libelle: readonly string[];
  readonly type_marche: readonly string[];
  /** The earlier notice a rectificatif, a cancellation or an award refers to, as sent. */
  readonly annonce_lie: string | null;
  readonly annonces_anterieures: string | null;
  /** Winners as sent (award notices only). */
  readonly titulaire: readonly string[];
  /** JSON string, full records only. */
  readonly gestion: string | null;
  /** JSON string, full records only. */
  readonly donnees: string | null;
}

/** One page of the `records` endpoint. */
export interface NoticePage {
  /** Matching records for the whole query, not this page; it moves as notices arrive. */
  readonly totalCount: number;
  readonly records: readonly BoampRecord[];
}
