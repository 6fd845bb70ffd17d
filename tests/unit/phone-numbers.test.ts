import { describe, expect, it } from 'vitest';
import { PHONE_NUMBERS_MAX, phoneNumbersInSignature, readDutchPhoneNumber } from '@/lib/vocabulary/phone-numbers';

describe('readDutchPhoneNumber', () => {
  it.each([
    ['038 765 4321', '+31387654321', 'landline'],
    ['038-7654321', '+31387654321', 'landline'],
    ['020 - 123 45 67', '+31201234567', 'landline'],
    ['(020) 123 4567', '+31201234567', 'landline'],
    ['06-12345678', '+31612345678', 'mobile'],
    ['06 1234 5678', '+31612345678', 'mobile'],
    ['+31 6 1234 5678', '+31612345678', 'mobile'],
    ['+31 (0)6-1234 5678', '+31612345678', 'mobile'],
    ['0031 38 765 4321', '+31387654321', 'landline'],
    ['088 123 4567', '+31881234567', 'landline'],
    ['0800-1234', '+318001234', 'service'],
    ['0900 123 4567', '+319001234567', 'service'],
  ] as const)('reads %s as %s (%s)', (text, tel, kind) => {
    expect(readDutchPhoneNumber(text)).toEqual({ tel, kind });
  });

  it.each([
    ['+32 2 123 45 67', 'a Belgian number'],
    ['0044 20 7946 0000', 'a British number'],
    ['038 765 432', 'nine digits'],
    ['038 765 43210', 'eleven digits'],
    ['12345678', 'a KvK number'],
    ['0612345', 'too short for a mobile'],
    ['066 1234 5678', 'a pager number'],
    ['097 1234 5678', 'a machine-to-machine number'],
    ['0800 12345', 'a service number of five digits'],
  ])('leaves %s alone (%s)', (text) => {
    expect(readDutchPhoneNumber(text)).toBeNull();
  });
});

describe('phoneNumbersInSignature', () => {
  it('finds the numbers of a signature, each with its line as evidence', () => {
    const signature = ['Erik Bosman', 'Beleidsadviseur Wmo', 'Gemeente Zwolle', 'T 038 765 4321 | M: +31 (0)6-1234 5678'].join(
      '\n',
    );
    expect(phoneNumbersInSignature(signature)).toEqual([
      {
        tel: '+31387654321',
        shown: '038 765 4321',
        kind: 'landline',
        evidence: { source: 'signature', line: 'T 038 765 4321 | M: +31 (0)6-1234 5678' },
      },
      {
        tel: '+31612345678',
        shown: '+31 (0)6-1234 5678',
        kind: 'mobile',
        evidence: { source: 'signature', line: 'T 038 765 4321 | M: +31 (0)6-1234 5678' },
      },
    ]);
  });

  it('reads two numbers split by a slash as two', () => {
    expect(phoneNumbersInSignature('Tel. 038-7654321 / 06-12345678').map((found) => found.tel)).toEqual([
      '+31387654321',
      '+31612345678',
    ]);
  });

  it('keeps each number once, and at most PHONE_NUMBERS_MAX', () => {
    const lines = ['T 038 765 4321', 'Telefoon: 038-7654321', '020 123 4567', '030 123 4567', '040 123 4567', '050 123 4567'];
    const found = phoneNumbersInSignature(lines.join('\n'));
    expect(found.map((number) => number.tel)).toEqual(['+31387654321', '+31201234567', '+31301234567']);
    expect(found).toHaveLength(PHONE_NUMBERS_MAX);
  });

  it.each([
    ['IBAN NL91 ABNA 0417 1643 00', 'an IBAN'],
    ['NL91ABNA0417164300', 'an IBAN written together'],
    ['Afspraak op 03-12-2026 om 10:00', 'a date'],
    ['Postbus 10007, 8000 GA Zwolle', 'an address'],
    ['KvK 12345678', 'a chamber of commerce number'],
    ['Bel +32 2 123 45 67', 'a foreign number'],
  ])('finds nothing in %s (%s)', (line) => {
    expect(phoneNumbersInSignature(`Mark Visser\n${line}`)).toEqual([]);
  });

  it('finds nothing in no signature', () => {
    expect(phoneNumbersInSignature(null)).toEqual([]);
    expect(phoneNumbersInSignature('')).toEqual([]);
  });
});
