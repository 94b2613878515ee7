/**
 * The local ContentService (what a web app returns) and the sandbox's Make.com stand-in, on
 * their own.
 */
import {
  createContentService,
  readTextOutput,
} from '../../src/local/runtime/services/content-service';
import { handleMakeWebhook, makeStandIn } from '../../src/local/sandbox/stand-ins/make';
import type { SandboxRequest } from '../../src/local/sandbox/types';
import { makeEnv } from './services-test-env';

describe('ContentService', () => {
  it('makes text outputs, TEXT by default, whose content and type the runtime reads back', () => {
    const env = makeEnv();
    const ContentService = createContentService(env);
    const output = ContentService.createTextOutput('{"ok":');
    expect(output.getMimeType()).toBe('TEXT');
    output.append('true}').setMimeType(ContentService.MimeType.JSON);
    expect(readTextOutput(output)).toEqual({
      content: '{"ok":true}',
      mimeType: 'JSON',
      contentType: 'application/json',
      fileName: null,
    });
    expect(ContentService.createTextOutput().getContent()).toBe('');
    expect(() => output.setMimeType('PDF')).toThrow('Invalid argument: mimeType');
    expect(output.clear().getContent()).toBe('');
    expect(env.counter.snapshot()['ContentService.createTextOutput']).toBe(2);
    expect(readTextOutput({})).toBeUndefined();
  });
});

describe('Make.com webhook stand-in', () => {
  const request = (
    path: string,
    body = '{"event":"test"}',
    type = 'application/json',
  ): SandboxRequest => ({
    method: 'POST',
    host: 'hook.eu2.make.com',
    path,
    query: {},
    headers: { 'content-type': type },
    body: Buffer.from(body),
    bodyText: body,
  });

  beforeEach(() => makeStandIn.reset?.());

  it('answers 200 Accepted as soon as it queues, keeping what it received', () => {
    expect(handleMakeWebhook(request('/abcdefghijklmnopqrstuvwxyz012345'))).toMatchObject({
      status: 200,
      body: 'Accepted',
    });
    expect(handleMakeWebhook(request('/abcd1234', 'not json'))).toMatchObject({ status: 200 });
    const control = makeStandIn.control?.('received', null);
    expect(control?.body).toEqual({
      received: [
        expect.objectContaining({ hook: '…2345', body: { event: 'test' }, apiKeySent: false }),
        expect.objectContaining({ hook: '…1234', body: 'not json' }),
      ],
    });
  });

  it('answers 410 Gone for a dead webhook, 404 for a path that is not one, Make’s words for faults', () => {
    expect(handleMakeWebhook(request('/gone1234'))).toMatchObject({ status: 410, body: 'Gone' });
    expect(handleMakeWebhook(request('/'))).toMatchObject({ status: 404 });
    expect(handleMakeWebhook(request('/a/b'))).toMatchObject({ status: 404 });
    expect(makeStandIn.errorResponse?.(400)).toMatchObject({ body: 'Queue is full.' });
    expect(makeStandIn.errorResponse?.(429)).toMatchObject({ body: 'Too many requests' });
  });
});
