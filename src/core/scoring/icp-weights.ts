/** The weight of each dimension, from Parametres (20 each by default: a plain sum out of 100). */
import type { DimensionKey } from './icp-types';

export type IcpWeights = Readonly<Record<DimensionKey, number>>;

export const WEIGHT_KEYS: Readonly<Record<DimensionKey, string>> = {
  fit: 'icp.poids.adequation',
  commitment: 'icp.poids.engagement',
  need: 'icp.poids.besoin',
  access: 'icp.poids.acces',
  relationship: 'icp.poids.relation',
};

export const DEFAULT_WEIGHTS: IcpWeights = {
  fit: 20,
  commitment: 20,
  need: 20,
  access: 20,
  relationship: 20,
};

/** Unreadable or negative weights keep their default; all zero falls back to the defaults. */
export function weightsFromSettings(settings: ReadonlyMap<string, string>): IcpWeights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(WEIGHT_KEYS) as DimensionKey[]) {
    const raw = (settings.get(WEIGHT_KEYS[key]) ?? '').trim().replace(',', '.');
    const value = Number(raw);
    if (raw !== '' && Number.isFinite(value) && value >= 0) weights[key] = value;
  }
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  return total > 0 ? weights : DEFAULT_WEIGHTS;
}
