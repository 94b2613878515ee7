/**
 * Conformance of the local runtime's non-spreadsheet services to Apps Script. Each block names
 * the documentation it follows; exact texts marked [inference] in the sources are pinned here so
 * that a change is deliberate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createCacheService } from '../../src/local/runtime/services/cache-service';
import { createHtmlService, readHtmlOutput } from '../../src/local/runtime/services/html-service';
import {
  createLockService,
  LOCK_TIMEOUT_MESSAGE,
} from '../../src/local/runtime/services/lock-service';
import { createConsole, createLogger } from '../../src/local/runtime/services/logger';
import { parseEml } from '../../src/local/runtime/services/mail/eml-reader';
import { createGmailAdvanced } from '../../src/local/runtime/services/mail/gmail-advanced';
import { createGmailApp } from '../../src/local/runtime/services/mail/gmail-app';
import { createMailApp } from '../../src/local/runtime/services/mail/mail-app';
import { createPropertiesService } from '../../src/local/runtime/services/properties-service';
import { createScriptApp, TOO_MANY_TRIGGERS } from '../../src/local/runtime/services/script-app';
import { createSession } from '../../src/local/runtime/services/session';
import { createServiceGlobals, dueTriggers, nextFireTime } from '../../src/local/runtime/services';
import type { Realm } from '../../src/local/runtime/services/support/realm';
import { createUtilities } from '../../src/local/runtime/services/utilities';
import { makeEnv, makeTempDir } from './services-test-env';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

// developers.google.com/apps-script/reference/properties/properties; quotas page (9 KB / 500 KB).
describe('PropertiesService', () => {
  it('stores strings, reads null for a missing key and persists in the state', () => {
    const env = makeEnv();
    const props = createPropertiesService(env).getScriptProperties();
    expect(props.getProperty('missing')).toBeNull();
    expect(props.setProperty('n', 42)).toBe(props);
    expect(props.getProperty('n')).toBe('42');
    expect(env.state.scriptProperties).toEqual({ n: '42' });
    // A new execution (new service objects) sees the same store.
    expect(createPropertiesService(env).getScriptProperties().getProperty('n')).toBe('42');
  });

  it('keeps the three stores apart and supports the bulk methods', () => {
    const env = makeEnv();
    const service = createPropertiesService(env);
    service.getUserProperties().setProperties({ a: 1, b: true });
    service.getDocumentProperties()?.setProperty('doc', 'x');
    const user = service.getUserProperties();
    expect(user.getProperties()).toEqual({ a: '1', b: 'true' });
    expect(user.getKeys().sort()).toEqual(['a', 'b']);
    user.setProperties({ c: 'z' }, true);
    expect(user.getProperties()).toEqual({ c: 'z' });
    user.deleteProperty('c');
    expect(user.getKeys()).toEqual([]);
    expect(env.state.documentProperties).toEqual({ doc: 'x' });
    service.getDocumentProperties()?.deleteAllProperties();
    expect(env.state.documentProperties).toEqual({});
    expect(env.state.scriptProperties).toEqual({});
  });

  it('has no document store in a standalone script', () => {
    expect(
      createPropertiesService(makeEnv(), { documentBound: false }).getDocumentProperties(),
    ).toBeNull();
  });

  it('refuses a value over 9 KB and a store over 500 KB, leaving the store unchanged', () => {
    const env = makeEnv();
    const props = createPropertiesService(env).getScriptProperties();
    expect(thrown(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).message).toBe(
      'Argument too large: value',
    );
    const chunk = 'y'.repeat(9000);
    const many: Record<string, string> = {};
    for (let i = 0; i < 58; i++) many[`k${i}`] = chunk;
    const error = thrown(() => props.setProperties(many));
    expect(error.message).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(error.name).toBe('Exception');
    expect(props.getKeys()).toEqual([]);
  });

  it('counts every call', () => {
    const env = makeEnv();
    const props = createPropertiesService(env).getScriptProperties();
    props.getProperty('a');
    props.getProperty('b');
    expect(env.counter.snapshot()).toEqual({
      'PropertiesService.getScriptProperties': 1,
      'Properties.getProperty': 2,
    });
  });
});

// developers.google.com/apps-script/reference/cache/cache (250-char keys, 100 KB, 600 s / 6 h).
describe('CacheService', () => {
  it('returns null when missing and expires entries by the runtime clock', () => {
    const env = makeEnv();
    const cache = createCacheService(env).getScriptCache();
    expect(cache.get('k')).toBeNull();
    cache.put('k', 'v');
    cache.put('short', 's', 5);
    env.setNow('2026-03-10T09:00:04Z');
    expect(cache.get('short')).toBe('s');
    env.setNow('2026-03-10T09:00:05Z');
    expect(cache.get('short')).toBeNull();
    env.setNow('2026-03-10T09:09:59Z');
    expect(cache.get('k')).toBe('v');
    env.setNow('2026-03-10T09:10:00Z');
    expect(cache.get('k')).toBeNull();
  });

  it('caps the expiry at 21,600 s and survives into the next execution', () => {
    const env = makeEnv();
    createCacheService(env).getUserCache().put('k', 'v', 999_999);
    env.setNow('2026-03-10T14:59:59Z');
    expect(createCacheService(env).getUserCache().get('k')).toBe('v');
    env.setNow('2026-03-10T15:00:00Z');
    expect(createCacheService(env).getUserCache().get('k')).toBeNull();
  });

  it('supports putAll, getAll, remove and removeAll', () => {
    const cache = createCacheService(makeEnv()).getDocumentCache();
    if (cache === null) throw new Error('document cache expected');
    cache.putAll({ a: '1', b: '2', c: '3' });
    expect(cache.getAll(['a', 'b', 'x'])).toEqual({ a: '1', b: '2' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  it('refuses keys over 250 characters and values over 100 KB', () => {
    const cache = createCacheService(makeEnv()).getScriptCache();
    expect(thrown(() => cache.put('k'.repeat(251), 'v')).message).toBe('Argument too large: key');
    expect(thrown(() => cache.get('k'.repeat(251))).message).toBe('Argument too large: key');
    expect(thrown(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).message).toBe(
      'Argument too large: value',
    );
  });

  it('keeps at most 1,000 items, dropping those nearest to expiry', () => {
    const env = makeEnv();
    const cache = createCacheService(env).getScriptCache();
    for (let i = 0; i < 1001; i++) cache.put(`k${i}`, 'v', 100 + i);
    expect(Object.keys(env.state.cache.script)).toHaveLength(900);
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k1000')).toBe('v');
  });
});

// developers.google.com/apps-script/reference/lock/lock (cross-process: services-lock.test.ts).
describe('LockService', () => {
  it('takes, reports and releases a lock; other executions wait and time out', () => {
    const dir = makeTempDir();
    const lockFilePath = path.join(dir, 'crm.xlsx.lock');
    const first = createLockService(makeEnv(), { lockFilePath });
    const second = createLockService(makeEnv(), { lockFilePath, pollMs: 5 });
    const lock = first.LockService.getDocumentLock();
    if (lock === null) throw new Error('document lock expected');
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(fs.existsSync(lockFilePath)).toBe(true);

    const other = second.LockService.getDocumentLock();
    expect(other?.tryLock(20)).toBe(false);
    const error = thrown(() => other?.waitLock(20));
    expect(error.message).toBe(LOCK_TIMEOUT_MESSAGE);
    expect(String(error)).toBe(`Exception: ${LOCK_TIMEOUT_MESSAGE}`);

    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(other?.tryLock(0)).toBe(true);
    second.releaseAll();
    expect(fs.existsSync(lockFilePath)).toBe(false);
  });

  it('shares one lock per scope within an execution and keeps scopes apart', () => {
    const lockFilePath = path.join(makeTempDir(), 'crm.xlsx.lock');
    const { LockService, releaseAll } = createLockService(makeEnv(), { lockFilePath });
    LockService.getDocumentLock()?.waitLock(0);
    expect(LockService.getDocumentLock()?.hasLock()).toBe(true);
    expect(LockService.getDocumentLock()?.tryLock(0)).toBe(true);
    expect(LockService.getScriptLock().hasLock()).toBe(false);
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    releaseAll();
    expect(fs.readdirSync(path.dirname(lockFilePath))).toEqual([]);
  });

  it('calls onAcquire when the first lock is taken and onRelease before the last is freed', () => {
    const lockFilePath = path.join(makeTempDir(), 'crm.xlsx.lock');
    const events: string[] = [];
    const { LockService, releaseAll } = createLockService(makeEnv(), {
      lockFilePath,
      onAcquire: () => events.push(`acquire:${fs.existsSync(lockFilePath)}`),
      onRelease: () => events.push(`release:${fs.existsSync(lockFilePath)}`),
    });
    LockService.getDocumentLock()?.waitLock(0);
    LockService.getScriptLock().waitLock(0);
    LockService.getScriptLock().releaseLock();
    releaseAll();
    // Reload happens under the lock; the save happens before another process can take it.
    expect(events).toEqual(['acquire:true', 'release:true']);
    expect(fs.existsSync(lockFilePath)).toBe(false);
  });

  it('has no document lock in a standalone script', () => {
    const lockFilePath = path.join(makeTempDir(), 'x.lock');
    const { LockService } = createLockService(makeEnv(), { lockFilePath, documentBound: false });
    expect(LockService.getDocumentLock()).toBeNull();
  });
});

// developers.google.com/apps-script/reference/utilities/utilities; Java SimpleDateFormat.
describe('Utilities', () => {
  const { Utilities } = createUtilities(makeEnv());
  const winter = new Date('2026-01-05T08:07:09.045Z');
  const summer = new Date('2026-07-14T22:30:00Z');

  it('formats with Java SimpleDateFormat letters in the given zone, in English', () => {
    expect(Utilities.formatDate(winter, 'Europe/Paris', 'dd/MM/yyyy HH:mm:ss.SSS')).toBe(
      '05/01/2026 09:07:09.045',
    );
    expect(Utilities.formatDate(summer, 'Europe/Paris', 'dd/MM/yyyy HH:mm')).toBe(
      '15/07/2026 00:30',
    );
    expect(Utilities.formatDate(winter, 'Europe/Paris', 'EEE EEEE MMM MMMM yy')).toBe(
      'Mon Monday Jan January 26',
    );
    expect(Utilities.formatDate(winter, 'Europe/Paris', 'h:mm a, k K H')).toBe('9:07 AM, 9 9 9');
    expect(Utilities.formatDate(winter, 'Europe/Paris', 'Z XXX X z')).toBe('+0100 +01:00 +01 CET');
    expect(Utilities.formatDate(summer, 'Europe/Paris', 'Z z')).toBe('+0200 CEST');
    expect(Utilities.formatDate(winter, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      '2026-01-05T08:07:09Z',
    );
    expect(Utilities.formatDate(winter, 'GMT+05:30', 'HH:mm Z')).toBe('13:37 +0530');
    expect(Utilities.formatDate(winter, 'Europe/Paris', "'le' d 'à' H'h' '''x'''")).toBe(
      "le 5 à 9h 'x'",
    );
    expect(thrown(() => Utilities.formatDate(winter, 'UTC', "''x")).message).toBe(
      "Illegal pattern character 'x'",
    );
    // u is the ISO day number (1 = Monday), D the day of the year, w the US week of the year.
    expect(Utilities.formatDate(winter, 'Europe/Paris', 'u D w W F')).toBe('1 5 2 2 1');
    expect(Utilities.formatDate(new Date('2025-12-31T12:00:00Z'), 'UTC', 'Y w')).toBe('2026 1');
  });

  it('throws on unquoted unknown letters and on a non-Date', () => {
    const error = thrown(() => Utilities.formatDate(winter, 'UTC', 'yyyy-MM-ddTHH:mm'));
    expect(error.message).toBe("Illegal pattern character 'T'");
    expect(error.name).toBe('Exception');
    expect(
      thrown(() => Utilities.formatDate('2026-01-05' as unknown as Date, 'UTC', 'yyyy')).message,
    ).toBe(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('treats an unknown time zone as GMT, as Java does', () => {
    expect(Utilities.formatDate(winter, 'Mars/Olympus', 'HH:mm')).toBe('08:07');
  });

  it('parses dates in the given zone', () => {
    expect(
      Utilities.parseDate('14/07/2026 09:30', 'Europe/Paris', 'dd/MM/yyyy HH:mm').toISOString(),
    ).toBe('2026-07-14T07:30:00.000Z');
    expect(Utilities.parseDate('20260105', 'UTC', 'yyyyMMdd').toISOString()).toBe(
      '2026-01-05T00:00:00.000Z',
    );
    expect(
      Utilities.parseDate('5 Jan 2026 3:04 PM', 'UTC', 'd MMM yyyy h:mm a').toISOString(),
    ).toBe('2026-01-05T15:04:00.000Z');
    expect(thrown(() => Utilities.parseDate('hier', 'UTC', 'dd/MM/yyyy')).message).toBe(
      'Unparseable date: "hier"',
    );
  });

  it('returns digests and signatures as Java signed bytes', () => {
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]);
    expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
    const sha = Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      'été',
      Utilities.Charset.UTF_8,
    );
    expect(sha).toHaveLength(32);
    const hmac = Utilities.computeHmacSha256Signature('message', 'key');
    // HMAC-SHA256("key", "message") starts 6e9ef29b
    expect(hmac.slice(0, 4)).toEqual([110, -98, -14, -101]);
    expect(
      Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_256, 'message', 'key'),
    ).toEqual(hmac);
  });

  it('encodes and decodes base64, web-safe keeping the padding', () => {
    expect(Utilities.base64Encode('été')).toBe('w6l0w6k=');
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(Utilities.base64Decode('w6l0w6k=')).toEqual([-61, -87, 116, -61, -87]);
    expect(Utilities.newBlob(Utilities.base64DecodeWebSafe('-_8=')).getBytes()).toEqual([-5, -1]);
    expect(thrown(() => Utilities.base64Decode('***')).message).toBe('Could not decode string.');
  });

  it('makes UUIDs, blobs, formatted strings and parses CSV', () => {
    expect(Utilities.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const blob = Utilities.newBlob('Zoé', 'text/plain', 'a.txt');
    expect(blob.getDataAsString()).toBe('Zoé');
    expect(blob.getBytes()).toHaveLength(4);
    expect(blob.setName('b.csv').getName()).toBe('b.csv');
    expect(blob.getContentType()).toBe('text/plain');
    // Java rounds %.2f half up on the decimal value: 1.005 → 1.01, -2.675 → -2.68.
    expect(Utilities.formatString('%s: %d (%.2f %.2f) %05d %%', 'x', 3.7, 1.005, -2.675, -42)).toBe(
      'x: 3 (1.01 -2.68) -0042 %',
    );
    expect(Utilities.parseCsv('a,"b,c"\n"d ""e""",f')).toEqual([
      ['a', 'b,c'],
      ['d "e"', 'f'],
    ]);
  });

  it('sleeps without blocking by default and reports the time asked', () => {
    const env = makeEnv();
    const { Utilities: u, sleptMs } = createUtilities(env);
    u.sleep(1500);
    u.sleep(500);
    expect(sleptMs()).toBe(2000);
    expect(env.counter.snapshot()['Utilities.sleep']).toBe(2);
  });
});

// developers.google.com/apps-script/reference/base/session and …/logger.
describe('Session, Logger and console', () => {
  it('answers the user and the script time zone', () => {
    const session = createSession(makeEnv());
    expect(session.getActiveUser().getEmail()).toBe('commercial@utpla.fr');
    expect(session.getEffectiveUser().getEmail()).toBe('commercial@utpla.fr');
    expect(session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(session.getTemporaryActiveUserKey()).toBe(session.getTemporaryActiveUserKey());
  });

  it('logs with Java formatting into the execution log', () => {
    const env = makeEnv();
    const logger = createLogger(env);
    expect(logger.log('%s contacts, %d %%', 12, 3)).toBe(logger);
    logger.log({ a: 1 });
    expect(logger.getLog()).toBe('12 contacts, 3 %\n{"a":1}\n');
    createConsole(env).warn('attention', { n: 1 });
    expect(env.logs).toEqual([
      { level: 'log', message: '12 contacts, 3 %' },
      { level: 'log', message: '{"a":1}' },
      { level: 'warn', message: 'attention { n: 1 }' },
    ]);
    logger.clear();
    expect(logger.getLog()).toBe('');
  });
});

// developers.google.com/apps-script/reference/script/script-app and …/clock-trigger-builder.
describe('ScriptApp', () => {
  it('stores clock triggers with their schedule and lists and deletes them', () => {
    const env = makeEnv();
    const ScriptApp = createScriptApp(env);
    const hourly = ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).nearMinute(30).create();
    ScriptApp.newTrigger('weekly')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(8)
      .create();
    ScriptApp.newTrigger('resume').timeBased().after(60_000).create();
    ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet('id').onOpen().create();
    expect(hourly.getHandlerFunction()).toBe('tick');
    expect(hourly.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(hourly.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(
      env.state.triggers.map((t) => [
        t.handlerFunction,
        t.eventType,
        t.everyMs,
        t.atHour,
        t.weekDay,
      ]),
    ).toEqual([
      ['tick', 'CLOCK', 3_600_000, undefined, undefined],
      ['daily', 'CLOCK', 86_400_000, 7, undefined],
      ['weekly', 'CLOCK', 7 * 86_400_000, 8, 'MONDAY'],
      ['resume', 'CLOCK', 0, undefined, undefined],
      ['onOpenInstalled', 'ON_OPEN', 0, undefined, undefined],
    ]);
    expect(env.state.triggers[3]?.atIso).toBe('2026-03-10T09:01:00.000Z');
    const listed = createScriptApp(env).getProjectTriggers();
    expect(listed.map((t) => t.getUniqueId())).toEqual(['1', '2', '3', '4', '5']);
    ScriptApp.deleteTrigger(listed[0] ?? hourly);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(4);
  });

  it('rejects the schedules Apps Script rejects', () => {
    const ScriptApp = createScriptApp(makeEnv());
    expect(thrown(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).name).toBe(
      'Exception',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(2).atHour(5).create()).toThrow(
      'atHour() and nearMinute() require everyDays() or everyWeeks().',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().create()).toThrow();
    for (const n of [1, 5, 10, 15, 30])
      ScriptApp.newTrigger('f').timeBased().everyMinutes(n).create();
  });

  it('refuses a 21st trigger with Apps Script text', () => {
    const env = makeEnv();
    const ScriptApp = createScriptApp(env);
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(thrown(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).create()).message).toBe(
      TOO_MANY_TRIGGERS,
    );
    expect(env.state.triggers).toHaveLength(20);
  });

  it('applies the editor add-on rules when asked: one clock trigger, hourly at most', () => {
    const ScriptApp = createScriptApp(makeEnv(), { addOn: true });
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(
      /once per hour/,
    );
    ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('g').timeBased().everyDays(1).create()).toThrow(
      /too many time-based triggers/,
    );
  });

  it('exposes the enums and the project identity', () => {
    const ScriptApp = createScriptApp(makeEnv(), { scriptId: 'abc' });
    expect(ScriptApp.AuthMode.FULL).toBe('FULL');
    expect(String(ScriptApp.WeekDay.SUNDAY)).toBe('SUNDAY');
    expect(ScriptApp.getScriptId()).toBe('abc');
    expect(typeof ScriptApp.getOAuthToken()).toBe('string');
    expect(ScriptApp.getService().getUrl()).toMatch(/^http/);
  });
});

describe('dueTriggers', () => {
  it('fires periodic triggers a period after creation or the last firing', () => {
    const env = makeEnv();
    const ScriptApp = createScriptApp(env);
    ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    const [tick] = env.state.triggers;
    if (tick === undefined) throw new Error('trigger expected');
    expect(dueTriggers(env.state.triggers, new Date('2026-03-10T09:59:59Z'))).toEqual([]);
    expect(dueTriggers(env.state.triggers, new Date('2026-03-10T10:00:00Z'))).toEqual([tick]);
    tick.lastFiredIso = '2026-03-10T12:30:00Z';
    expect(nextFireTime(tick)).toBe(Date.parse('2026-03-10T13:30:00Z'));
  });

  it('fires daily and weekly triggers at the local hour, one-shot triggers once', () => {
    const env = makeEnv();
    const ScriptApp = createScriptApp(env);
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).create();
    ScriptApp.newTrigger('weekly')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(8)
      .create();
    ScriptApp.newTrigger('once')
      .timeBased()
      .after(30 * 60_000)
      .create();
    const [daily, weekly, once] = env.state.triggers;
    if (daily === undefined || weekly === undefined || once === undefined)
      throw new Error('triggers');
    // Created Tue 10 March 2026 10:00 Paris: next 07:00 Paris is Wed 11 March 06:00Z.
    expect(nextFireTime(daily, 'Europe/Paris')).toBe(Date.parse('2026-03-11T06:00:00Z'));
    daily.lastFiredIso = '2026-03-11T06:00:00Z';
    expect(nextFireTime(daily, 'Europe/Paris')).toBe(Date.parse('2026-03-12T06:00:00Z'));
    // After the switch to summer time, 07:00 Paris is 05:00Z.
    daily.lastFiredIso = '2026-03-29T05:00:00Z';
    expect(nextFireTime(daily, 'Europe/Paris')).toBe(Date.parse('2026-03-30T05:00:00Z'));
    expect(nextFireTime(weekly, 'Europe/Paris')).toBe(Date.parse('2026-03-16T07:00:00Z'));
    expect(
      dueTriggers(env.state.triggers, new Date('2026-03-10T09:30:00Z'), 'Europe/Paris'),
    ).toEqual([once]);
    once.lastFiredIso = '2026-03-10T09:30:00Z';
    expect(nextFireTime(once)).toBeNull();
  });
});

// developers.google.com/apps-script/reference/html/html-service, …/html-output, guides/html/templates.
describe('HtmlService', () => {
  it('reads dist/<name>.html and keeps the output settings', () => {
    const env = makeEnv();
    fs.writeFileSync(path.join(env.distDir, 'Sidebar.html'), '<h1>CRM</h1>');
    const HtmlService = createHtmlService(env);
    const output = HtmlService.createHtmlOutputFromFile('Sidebar')
      .setTitle('CRM UTPLA')
      .setWidth(400)
      .setHeight(300)
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width')
      .append('<p>x</p>');
    expect(output.getContent()).toBe('<h1>CRM</h1><p>x</p>');
    expect(output.getTitle()).toBe('CRM UTPLA');
    expect([output.getWidth(), output.getHeight()]).toEqual([400, 300]);
    expect(readHtmlOutput(output)).toMatchObject({
      html: '<h1>CRM</h1><p>x</p>',
      title: 'CRM UTPLA',
      xFrameOptionsMode: 'ALLOWALL',
      metaTags: [{ name: 'viewport', content: 'width=device-width' }],
    });
    expect(HtmlService.createHtmlOutput().getContent()).toBe('');
  });

  it('throws for a missing file', () => {
    const HtmlService = createHtmlService(makeEnv());
    expect(thrown(() => HtmlService.createHtmlOutputFromFile('Nope')).message).toBe(
      'No HTML file named Nope was found.',
    );
    expect(() => HtmlService.createHtmlOutputFromFile('../secret')).toThrow(
      'No HTML file named ../secret was found.',
    );
  });

  it('evaluates templates: escaped and raw printing, code and variables', () => {
    const env = makeEnv();
    fs.writeFileSync(
      path.join(env.distDir, 'Report.html'),
      '<h1><?= title ?></h1><? for (var i = 0; i < items.length; i++) { ?><li><?!= items[i] ?></li><? } ?>',
    );
    const HtmlService = createHtmlService(env);
    const template = HtmlService.createTemplateFromFile('Report');
    template.title = 'Ruches & <abeilles>';
    template.items = ['<b>a</b>', 'b'];
    expect(template.evaluate().getContent()).toBe(
      '<h1>Ruches &amp; &lt;abeilles&gt;</h1><li><b>a</b></li><li>b</li>',
    );
    expect(HtmlService.createTemplate('<?= x; ?>|<?= y ?>').evaluate).toBeDefined();
  });
});

// developers.google.com/apps-script/reference/mail/mail-app; quotas page; RFC 5322 / 2045–2047.
describe('MailApp, GmailApp and Gmail drafts', () => {
  const outboxFiles = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];

  it('writes a sent message as an .eml with encoded subject, alternative parts and Date', () => {
    const env = makeEnv();
    const MailApp = createMailApp(env);
    MailApp.sendEmail('maire@commune.fr', 'Rapport — été', 'Bonjour,\nvoici le rapport.', {
      htmlBody: '<p>Bonjour</p>',
      cc: 'a@utpla.fr, b@utpla.fr',
      name: 'CRM UTPLA',
      attachments: [createUtilities(env).Utilities.newBlob('x;y', 'text/csv', 'leads.csv')],
    });
    const [file] = outboxFiles(env.outboxDir);
    if (file === undefined) throw new Error('no .eml written');
    const raw = fs.readFileSync(path.join(env.outboxDir, file), 'utf8');
    expect(raw).toContain('Subject: =?UTF-8?B?');
    expect(raw).toContain('Date: Tue, 10 Mar 2026 10:00:00 +0100');
    expect(raw).toContain('From: "CRM UTPLA" <commercial@utpla.fr>');
    expect(raw).toMatch(/multipart\/mixed/);
    expect(raw).toMatch(/multipart\/alternative/);
    const parsed = parseEml(raw);
    expect(parsed.headers.subject).toBe('Rapport — été');
    expect(parsed.headers.to).toBe('maire@commune.fr');
    expect(parsed.textBody).toBe('Bonjour,\nvoici le rapport.');
    expect(parsed.htmlBody).toBe('<p>Bonjour</p>');
    expect(parsed.attachments.map((a) => [a.name, a.contentType, a.data.toString()])).toEqual([
      ['leads.csv', 'text/csv', 'x;y'],
    ]);
    expect(MailApp.getRemainingDailyQuota()).toBe(97);
  });

  it('accepts the message-object form', () => {
    const env = makeEnv();
    createMailApp(env).sendEmail({
      to: 'x@y.fr',
      subject: 'S',
      body: 'B',
      replyTo: 'r@y.fr',
      noReply: true,
    });
    const [file] = outboxFiles(env.outboxDir);
    const parsed = parseEml(fs.readFileSync(path.join(env.outboxDir, file ?? ''), 'utf8'));
    expect(parsed.headers['reply-to']).toBe('r@y.fr');
    expect(parsed.headers.from).toBe('noreply@utpla.fr');
  });

  it('enforces 50 recipients per message and 100 a day, reset the next day in the script zone', () => {
    const env = makeEnv();
    const MailApp = createMailApp(env);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@x.fr`).join(',');
    expect(thrown(() => MailApp.sendEmail(many, 's', 'b')).message).toBe(
      'Limit exceeded: Email Recipients Per Message.',
    );
    const fifty = Array.from({ length: 50 }, (_, i) => `p${i}@x.fr`).join(',');
    MailApp.sendEmail(fifty, 's', 'b');
    MailApp.sendEmail(fifty, 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => MailApp.sendEmail('one@x.fr', 's', 'b')).message).toBe(
      'Service invoked too many times for one day: email.',
    );
    expect(outboxFiles(env.outboxDir)).toHaveLength(2);
    env.setNow('2026-03-10T23:00:00Z'); // midnight in Paris
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
  });

  it('rejects invalid addresses', () => {
    expect(
      thrown(() => createMailApp(makeEnv()).sendEmail('pas-une-adresse', 's', 'b')).message,
    ).toBe('Invalid email: pas-une-adresse');
  });

  it('writes GmailApp drafts to outbox/drafts and lists them', () => {
    const env = makeEnv();
    const GmailApp = createGmailApp(env);
    const draft = GmailApp.createDraft('contact@entreprise.fr', 'Relance', 'Bonjour Zoé', {
      htmlBody: '<p>Bonjour Zoé</p>',
    });
    expect(draft.getId()).toMatch(/^r-\d{19}$/);
    expect(draft.getMessage().getId()).toMatch(/^[0-9a-f]{16}$/);
    expect(fs.readdirSync(path.join(env.outboxDir, 'drafts'))).toEqual([`${draft.getId()}.eml`]);
    const [listed] = createGmailApp(env).getDrafts();
    expect(listed?.getId()).toBe(draft.getId());
    expect(listed?.getMessage().getSubject()).toBe('Relance');
    expect(listed?.getMessage().getPlainBody()).toBe('Bonjour Zoé');
    expect(listed?.getMessage().getBody()).toBe('<p>Bonjour Zoé</p>');
    expect(listed?.getMessage().getTo()).toBe('contact@entreprise.fr');
    // Drafts are not sends: the quota is untouched.
    expect(createMailApp(env).getRemainingDailyQuota()).toBe(100);
    expect(() => draft.send()).toThrow(/not emulated/);
    draft.deleteDraft();
    expect(GmailApp.getDrafts()).toEqual([]);
  });

  it('creates drafts through the Gmail advanced service from a raw message', () => {
    const env = makeEnv();
    const Gmail = createGmailAdvanced(env);
    const raw = [
      'To: contact@entreprise.fr',
      'Subject: =?UTF-8?B?' + Buffer.from('Proposition été').toString('base64') + '?=',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Bonjour',
    ].join('\r\n');
    const created = Gmail.Users.Drafts.create(
      { message: { raw: Buffer.from(raw).toString('base64url') } },
      'me',
    );
    expect(created.id).toMatch(/^r-\d{19}$/);
    expect(created.message.id).toMatch(/^[0-9a-f]{16}$/);
    expect(created.message.labelIds).toEqual(['DRAFT']);
    expect(Gmail.Users.Drafts.list('me').drafts?.map((d) => d.id)).toEqual([created.id]);
    const message = createGmailApp(env).getDraft(created.id).getMessage();
    expect(message.getSubject()).toBe('Proposition été');
    expect(message.getPlainBody()).toBe('Bonjour');
    expect(() => Gmail.Users.Drafts.create({ message: { raw: 'x' } }, 'someone@else.fr')).toThrow(
      'API call to gmail.users.drafts.create failed with error: Delegation denied for commercial@utpla.fr',
    );
    Gmail.Users.Drafts.remove('me', created.id);
    expect(Gmail.Users.Drafts.list('me')).toEqual({ resultSizeEstimate: 0 });
  });
});

// The script runs in a vm context: what it gets must behave as values of its own realm.
describe('services seen from the script realm', () => {
  it('throws Errors, returns Dates and arrays of the script realm, and runs templates there', () => {
    const env = makeEnv();
    const context = vm.createContext({});
    const realm = vm.runInContext('({ Error, Date, Array })', context) as Realm;
    const services = createServiceGlobals(env, {
      realm,
      lock: { lockFilePath: path.join(env.dir, 'crm.xlsx.lock') },
      html: { compileInScript: (source) => vm.runInContext(source, context) },
    });
    Object.assign(context, services.globals);
    fs.writeFileSync(path.join(env.distDir, 'Styles.html'), '<style>b{}</style>');
    const result = vm.runInContext(
      `
      function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
      var out = {};
      try { Utilities.formatDate(new Date(), 'UTC', 'T'); } catch (e) { out.isError = e instanceof Error; out.text = String(e); }
      out.isDate = Utilities.parseDate('01/02/2026', 'UTC', 'dd/MM/yyyy') instanceof Date;
      out.isArray = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'a') instanceof Array;
      out.html = HtmlService.createTemplate('<?!= include("Styles") ?><?= x ?>');
      out.html.x = 1;
      out.html = out.html.evaluate().getContent();
      LockService.getDocumentLock().waitLock(1000);
      out;
      `,
      context,
    ) as Record<string, unknown>;
    expect(result).toEqual({
      isError: true,
      text: "Exception: Illegal pattern character 'T'",
      isDate: true,
      isArray: true,
      html: '<style>b{}</style>1',
    });
    services.endExecution();
    expect(fs.existsSync(path.join(env.dir, 'crm.xlsx.lock'))).toBe(false);
  });
});
