/** Accumulates a dimension's points and reasons, capped at the dimension's maximum. */
import { DIMENSION_MAX, type DimensionKey, type DimensionScore } from './icp-types';

export class DimensionBuilder {
  private points = 0;
  private readonly reasons: string[] = [];
  private readonly missing: string[] = [];

  constructor(
    private readonly key: DimensionKey,
    private readonly label: string,
  ) {}

  /** Adds points with the reason shown to the user ("… : +18"). */
  add(points: number, reason: string): this {
    this.points += points;
    this.reasons.push(`${reason} : ${points >= 0 ? '+' : ''}${points}`);
    return this;
  }

  /** A fact that gives nothing, said so rather than left silent. */
  note(reason: string): this {
    this.reasons.push(`${reason} : +0`);
    return this;
  }

  /** Data the dimension needed and did not have; lowers the score's confidence. */
  lack(what: string): this {
    this.missing.push(what);
    this.reasons.push(`${what} : donnée manquante`);
    return this;
  }

  build(): DimensionScore {
    const points = Math.max(0, Math.min(DIMENSION_MAX, this.points));
    const capped = this.points > DIMENSION_MAX ? [`plafonné à ${DIMENSION_MAX}`] : [];
    return {
      key: this.key,
      label: this.label,
      points,
      reasons: [...this.reasons, ...capped],
      missing: [...this.missing],
    };
  }
}
