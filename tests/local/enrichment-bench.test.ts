/**
 * The bulk enrichment bench on a small workbook: the CRM and the one-request-per-contact version
 * do the same work (the same credits billed), the CRM with far fewer Sheets calls, requests and
 * round trips. No timing is asserted: CPU time on a shared machine is not a test.
 */
import { measureEnrichment } from '../../src/local/bench/enrichment-bench';

describe('npm run bench: bulk enrichment', () => {
  it('compares the bulk run with one request per contact on the same work', async () => {
    const result = await measureEnrichment(100);
    expect(result.ours.apolloCredits).toBeGreaterThan(0);
    expect(result.ours.apolloCredits).toBe(result.naive.apolloCredits);
    expect(result.ours.hunterCredits).toBe(result.naive.hunterCredits);
    expect(result.ours.sheetsCalls * 10).toBeLessThan(result.naive.sheetsCalls);
    expect(result.ours.httpCalls).toBeLessThan(result.naive.httpCalls);
    expect(result.ours.roundTrips * 5).toBeLessThan(result.naive.roundTrips);
    expect(result.summary).toMatch(
      /^Enrichissement des contacts incomplets : 96 contacts traités sur 96/,
    );
  });
});
