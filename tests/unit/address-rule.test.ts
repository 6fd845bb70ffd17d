/**
 * One address rule (lib/vocabulary/address.ts) for the readers, the observation contract and the
 * classifiers: no address passes one of them and fails another, and what passes keeps its domain
 * evidence end to end (reader -> contract -> classifier).
 */
import { describe, expect, it } from 'vitest';
import { classifyOrganisation, classifyStakeholder } from '@/lib/classify';
import { AddressSchema, ObservationBatchSchema } from '@/lib/messaging/observations';
import { readGmail } from '@/lib/readers/gmail';
import { domainOfAddress, normaliseAddress } from '@/lib/vocabulary/address';
import { dutch } from '../fixtures/evidence';

/** A Gmail list with one row whose participant's `email` attribute is `address`. */
function gmailRow(address: string): Document {
  const html = `<!doctype html><html lang="nl"><head><title>Postvak IN - sanne@buurtkracht.nl - Gmail</title></head><body>
    <div role="main"><div gh="tl"><table class="F"><tbody>
      <tr class="zA yO"><td class="yX"><div class="yW"><span email="${address}" name="Jan">Jan</span></div></td>
      <td><span class="bog"><span class="bqe">Wijkaanpak</span></span></td><td class="xW"><span title="3 nov 2026 10:00">3 nov</span></td></tr>
    </tbody></table></div></div></body></html>`;
  return new DOMParser().parseFromString(html, 'text/html');
}

/** How each of the three sees one address: does it pass, and with which domain. */
function throughAllThree(address: string) {
  const reader = readGmail(gmailRow(address), { now: new Date(2026, 10, 4) }).threads[0]?.participants[0]?.address ?? null;
  return {
    reader,
    contract: AddressSchema.safeParse(address).success,
    classifierDomain: domainOfAddress(address),
  };
}

// Bare addresses as a page's attributes hold them (lower-case: the readers lower-case first, and
// the contract wants lower-case; wrappers such as "<...>" and "mailto:" are the readers' concern).
const TRICKY: Array<[address: string, domain: string | null]> = [
  ['jan@zwolle.nl', 'zwolle.nl'],
  ['jan@zwolle.nl.', 'zwolle.nl'], // fully qualified, trailing dot
  ['jan@zölle.nl', 'zölle.nl'], // internationalised domain, as shown
  ['jan@gemeente-súdwest-fryslân.nl', 'gemeente-súdwest-fryslân.nl'],
  ['jan@xn--zlle-5qa.nl', 'xn--zlle-5qa.nl'], // the same, in punycode
  ['j.de.vries+radar@mail.zwolle.nl', 'mail.zwolle.nl'],
  ["o'brien@zwolle.nl", 'zwolle.nl'],
  ['jan@zwolle', null], // no top-level domain
  ['jan@localhost', null],
  ['jan@', null],
  ['@zwolle.nl', null],
  ['jan@@zwolle.nl', null],
  ['a@b@zwolle.nl', null],
  ['jan zwolle@zwolle.nl', null],
  ['jan@zwolle.nl,piet@zwolle.nl', null],
  ['jan@(zwolle).nl', null],
  ['"jan"@zwolle.nl', null],
  [`${'a'.repeat(320)}@zwolle.nl`, null],
];

describe('one address rule for reader, contract and classifier', () => {
  it.each(TRICKY)('%j: all three agree (domain %j)', (address, domain) => {
    const seen = throughAllThree(address);
    const passes = domain !== null;
    expect(seen.reader !== null, 'reader').toBe(passes);
    expect(seen.classifierDomain !== null, 'classifier').toBe(passes);
    expect(seen.classifierDomain).toBe(domain);
    if (passes) {
      // what the reader sends, the contract accepts and the classifier reads with the same domain
      expect(AddressSchema.safeParse(seen.reader).success, 'contract on what the reader sends').toBe(true);
      expect(domainOfAddress(seen.reader)).toBe(domain);
    } else {
      expect(seen.contract, 'contract').toBe(false);
    }
  });

  it('the contract accepts an address exactly when the normaliser keeps it as it is, or only drops the trailing dot', () => {
    for (const [address] of TRICKY) {
      const normalised = normaliseAddress(address);
      expect(AddressSchema.safeParse(address).success, address).toBe(normalised !== null);
    }
  });

  it.each([
    ['jan@zwolle.nl.', 'GM0193', 'domein zwolle.nl'],
    ['jan@zölle.nl', null, 'domein zölle.nl'],
  ])('%j keeps its domain evidence from the page to the classifier', (address, municipality, evidence) => {
    const document = gmailRow(address);
    const result = readGmail(document, { now: new Date(2026, 10, 4) });
    const batch = ObservationBatchSchema.parse({ host: 'gmail', observedAt: 0, ...result });
    const sent = batch.threads[0]!.participants[0]!.address!;
    const tags = classifyStakeholder(sent, [{ address: sent, name: 'Jan' }]);
    expect(tags.municipality?.value ?? null).toBe(municipality);
    expect(dutch([...(tags.organisation?.evidence ?? []), ...(tags.municipality?.evidence ?? [])]).join('\n')).toContain(
      evidence,
    );
    expect(classifyOrganisation(sent)?.domain).toBe(evidence.replace('domein ', ''));
  });
});
