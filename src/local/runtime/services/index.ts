/**
 * Builds the non-spreadsheet Apps Script globals of one execution (SpreadsheetApp is built
 * elsewhere) and the controls the runtime needs around the run: release the locks when it ends,
 * read the time the script slept. Each service also has its own factory for tests that need one.
 */
import type { ExecutionEnv } from '../env';
import { createCacheService, type CacheServiceGlobal } from './cache-service';
import { createContentService, type ContentServiceGlobal } from './content-service';
import { createHtmlService, type HtmlServiceGlobal, type HtmlServiceOptions } from './html-service';
import { createLockService, type LockServiceGlobal, type LockServiceOptions } from './lock-service';
import { createConsole, createLogger, type ConsoleGlobal, type LoggerGlobal } from './logger';
import { createGmailAdvanced, type GmailAdvancedGlobal } from './mail/gmail-advanced';
import { createGmailApp, type GmailAppGlobal } from './mail/gmail-app';
import { createMailApp, type MailAppGlobal, type MailAppOptions } from './mail/mail-app';
import { createPropertiesService, type PropertiesServiceGlobal } from './properties-service';
import { createScriptApp, type ScriptAppGlobal, type ScriptAppOptions } from './script-app';
import { createSession, type SessionGlobal, type SessionOptions } from './session';
import { hostRealm, type Realm } from './support/realm';
import {
  createUrlFetchApp,
  type UrlFetchAppGlobal,
  type UrlFetchAppOptions,
} from './url-fetch/url-fetch-app';
import { createUtilities, type UtilitiesGlobal, type UtilitiesOptions } from './utilities';

export interface ServiceGlobalsOptions {
  /** The script's realm (`vm.runInContext('({Error, Date, Array})', ctx)`); see support/realm.ts. */
  realm?: Realm;
  /** False for a standalone script (document properties, cache and lock are then null). */
  documentBound?: boolean;
  lock: Omit<LockServiceOptions, 'realm' | 'documentBound'>;
  urlFetch?: Omit<UrlFetchAppOptions, 'realm'>;
  utilities?: Omit<UtilitiesOptions, 'realm'>;
  scriptApp?: Omit<ScriptAppOptions, 'realm'>;
  html?: Omit<HtmlServiceOptions, 'realm'>;
  mail?: Omit<MailAppOptions, 'realm'>;
  session?: SessionOptions;
}

export interface ServiceGlobalObjects {
  PropertiesService: PropertiesServiceGlobal;
  CacheService: CacheServiceGlobal;
  LockService: LockServiceGlobal;
  Utilities: UtilitiesGlobal;
  Session: SessionGlobal;
  Logger: LoggerGlobal;
  console: ConsoleGlobal;
  ScriptApp: ScriptAppGlobal;
  HtmlService: HtmlServiceGlobal;
  ContentService: ContentServiceGlobal;
  UrlFetchApp: UrlFetchAppGlobal;
  MailApp: MailAppGlobal;
  GmailApp: GmailAppGlobal;
  Gmail: GmailAdvancedGlobal;
}

export interface ServiceGlobals {
  /** To install as globals of the script's context. */
  globals: ServiceGlobalObjects;
  /** Call when the execution ends, normally or not: releases the locks it still holds. */
  endExecution(): void;
  /** Milliseconds the script asked to sleep (Utilities.sleep), for time models. */
  sleptMs(): number;
}

export function createServiceGlobals(
  env: ExecutionEnv,
  options: ServiceGlobalsOptions,
): ServiceGlobals {
  const realm = options.realm ?? hostRealm;
  const documentBound = options.documentBound;
  const lock = createLockService(env, { ...options.lock, realm, documentBound });
  const utilities = createUtilities(env, { ...options.utilities, realm });
  const mailOptions = { ...options.mail, realm };
  return {
    globals: {
      PropertiesService: createPropertiesService(env, { realm, documentBound }),
      CacheService: createCacheService(env, { realm, documentBound }),
      LockService: lock.LockService,
      Utilities: utilities.Utilities,
      Session: createSession(env, options.session),
      Logger: createLogger(env),
      console: createConsole(env),
      ScriptApp: createScriptApp(env, { ...options.scriptApp, realm }),
      HtmlService: createHtmlService(env, { ...options.html, realm }),
      ContentService: createContentService(env, { realm }),
      UrlFetchApp: createUrlFetchApp(env, { ...options.urlFetch, realm }),
      MailApp: createMailApp(env, mailOptions),
      GmailApp: createGmailApp(env, mailOptions),
      Gmail: createGmailAdvanced(env, { realm }),
    },
    endExecution: () => lock.releaseAll(),
    sleptMs: () => utilities.sleptMs(),
  };
}

export { dueTriggers, nextFireTime } from './trigger-schedule';
export { readHtmlOutput, type HtmlOutputSnapshot } from './html-service';
export { readTextOutput, type TextOutputSnapshot } from './content-service';
export type { Realm } from './support/realm';
