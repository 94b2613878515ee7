/**
 * Apollo and Hunter wired to Apps Script: the keys from the script's properties (never a cell,
 * never a log), UrlFetchApp, Utilities.sleep, the credit ledger of Parametres' budgets. Without
 * a key a service is off and says so; the rest of the CRM keeps working.
 */
import { CrmError } from '../../core/errors';
import { MISSING_APOLLO_KEY_MESSAGE, MISSING_HUNTER_KEY_MESSAGE } from '../../core/enrichment';
import { now } from '../platform/clock';
import type { Settings } from '../settings/settings-reader';
import { createApolloClient, type ApolloClient } from './apollo-client';
import type { EnrichmentServices } from './contact-enricher';
import { createCreditLedger } from './credit-ledger';
import { createHunterClient, type HunterClient } from './hunter-client';

/** Script properties holding the keys (entered through the settings dialog). */
export const APOLLO_API_KEY_PROPERTY = 'APOLLO_API_KEY';
export const HUNTER_API_KEY_PROPERTY = 'HUNTER_API_KEY';

export function readKey(property: string): string | null {
  const key = PropertiesService.getScriptProperties().getProperty(property);
  return key === null || key.trim() === '' ? null : key.trim();
}

export function openApollo(): ApolloClient | null {
  const apiKey = readKey(APOLLO_API_KEY_PROPERTY);
  if (apiKey === null) return null;
  return createApolloClient({
    apiKey,
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
  });
}

export function openHunter(): HunterClient | null {
  const apiKey = readKey(HUNTER_API_KEY_PROPERTY);
  if (apiKey === null) return null;
  return createHunterClient({
    apiKey,
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
  });
}

export function requireApollo(): ApolloClient {
  const client = openApollo();
  if (!client) throw new CrmError('CONFIG', MISSING_APOLLO_KEY_MESSAGE);
  return client;
}

export function requireHunter(): HunterClient {
  const client = openHunter();
  if (!client) throw new CrmError('CONFIG', MISSING_HUNTER_KEY_MESSAGE);
  return client;
}

/** Both services as configured; CONFIG when neither has a key, since nothing could be done. */
export function openEnrichmentServices(settings: Settings): EnrichmentServices {
  const apollo = openApollo();
  const hunter = openHunter();
  if (!apollo && !hunter)
    throw new CrmError(
      'CONFIG',
      'Ni clé Apollo ni clé Hunter : renseignez APOLLO_API_KEY et/ou HUNTER_API_KEY dans Paramètres pour enrichir les contacts.',
    );
  return {
    apollo,
    hunter,
    ledger: createCreditLedger(settings),
    log: (line) => console.warn(line),
  };
}
