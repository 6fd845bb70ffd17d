import { describe, expect, it } from 'vitest';
import { fnv1a } from '@/lib/fnv1a';
import {
  $,
  $$,
  $$first,
  $optional,
  addressesIn,
  closestOf,
  foldWhitespace,
  isRendered,
  SelectorNotFoundError,
  textLines,
  textOf,
} from '@/lib/readers/dom';
import { normaliseAddress } from '@/lib/vocabulary/address';

function parse(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head></head><body>${body}</body></html>`, 'text/html');
}

describe('$, $optional, $$, $$first, closestOf', () => {
  const doc = parse(`
    <div id="a" class="old"><span class="x" id="x1"></span></div>
    <div id="b" class="new"><span class="x" id="x2"></span><span class="y" id="y1"></span></div>
    <div id="c" class="new" hidden><span class="x" id="x3"></span></div>`);

  it('$optional tries fallbacks in order of trust, not document order', () => {
    expect($optional(['.new', '.old'], doc)!.id).toBe('b');
    expect($optional(['.missing', '.old'], doc)!.id).toBe('a');
    expect($optional('.missing', doc)).toBeNull();
  });

  it('$ throws a SelectorNotFoundError naming the selectors', () => {
    expect($(['.missing', '.new'], doc).id).toBe('b');
    expect(() => $(['.gone', '.also-gone'], doc)).toThrow(SelectorNotFoundError);
    expect(() => $(['.gone', '.also-gone'], doc)).toThrow('.gone | .also-gone');
  });

  it('$$ returns every match once, in document order, across selectors', () => {
    expect($$(['.y', '.x', '#x2'], doc).map((element) => element.id)).toEqual(['x1', 'x2', 'y1', 'x3']);
    expect($$('.missing', doc)).toEqual([]);
  });

  it('$$first returns the matches of the first selector with any (accepted) match', () => {
    expect($$first(['.missing', '.x', '.y'], doc).map((element) => element.id)).toEqual(['x1', 'x2', 'x3']);
    // a hidden stale copy in "old" markup must not hide visible "new" markup
    const shown = (element: Element) => isRendered(element);
    expect($$first(['#c .x', '.y'], doc, shown).map((element) => element.id)).toEqual(['y1']);
  });

  it('closestOf finds the nearest ancestor matching any selector', () => {
    const span = doc.getElementById('x2')!;
    expect(closestOf(span, ['body', '.new'])!.id).toBe('b');
    expect(closestOf(span, ['.old'])).toBeNull();
    expect(closestOf(span, 'span')).toBe(span);
  });
});

describe('text', () => {
  it.each([
    ['  a \n\t b  ', 'a b'],
    ['a\u00a0-\u00a0b', 'a - b'],
    ['12:35\u202fPM', '12:35 PM'],
    ['D\u200cecember', 'December'],
    ['\ufeffclean', 'clean'],
    ['already clean', 'already clean'],
    ['', ''],
  ])('foldWhitespace(%j) = %j', (input, expected) => {
    expect(foldWhitespace(input)).toBe(expected);
  });

  it('textOf reads text, never markup, and is empty for null', () => {
    const doc = parse('<p id="p">&lt;img src=x onerror=alert(1)&gt; <b>vet</b>\n tekst</p>');
    expect(textOf(doc.getElementById('p'))).toBe('<img src=x onerror=alert(1)> vet tekst');
    expect(doc.querySelector('img')).toBeNull();
    expect(textOf(null)).toBe('');
  });

  it('textLines breaks at <br> and blocks, drops empty lines, scripts and styles', () => {
    const doc = parse(`<div id="m">Beste Erik,<div><br></div><div>Dank <b>voor</b> het gesprek.</div>
      <p>Met vriendelijke groet,</p><p>Sanne de Vries<br>Buurtkracht</p><script>var x = 1;</script><style>p{}</style></div>`);
    expect(textLines(doc.getElementById('m')!)).toEqual([
      'Beste Erik,',
      'Dank voor het gesprek.',
      'Met vriendelijke groet,',
      'Sanne de Vries',
      'Buurtkracht',
    ]);
  });

  it('textLines leaves out skipped subtrees, by selector or by element set, and stops near maxChars', () => {
    const doc = parse('<div id="m">Eigen tekst<div class="quote">Geciteerd</div><div class="sig">Handtekening</div>Slot</div>');
    const body = doc.getElementById('m')!;
    expect(textLines(body, { skip: '.quote' })).toEqual(['Eigen tekst', 'Handtekening', 'Slot']);
    expect(textLines(body, { skip: new Set([doc.querySelector('.sig')!]) })).toEqual(['Eigen tekst', 'Geciteerd', 'Slot']);
    expect(textLines(body, { maxChars: 5 })).toEqual(['Eigen tekst']);
  });
});

describe('isRendered', () => {
  const doc = parse(`
    <style>.gone { display: none }</style>
    <div id="shown"><span id="inner"></span></div>
    <div hidden><span id="in-hidden"></span></div>
    <div aria-hidden="true"><span id="in-aria-hidden"></span></div>
    <div style="color: red; display:none"><span id="in-display-none"></span></div>
    <div style="visibility: hidden"><span id="in-visibility-hidden"></span></div>
    <div style="display: block"><span id="in-display-block"></span></div>
    <div class="gone"><span id="in-class-hidden"></span></div>`);
  const byId = (id: string) => doc.getElementById(id)!;

  it.each([
    ['inner', true],
    ['in-hidden', false],
    ['in-aria-hidden', false],
    ['in-display-none', false],
    ['in-visibility-hidden', false],
    ['in-display-block', true],
    // a stylesheet rule: attributes cannot tell, the browser can (deep)
    ['in-class-hidden', true],
  ])('%s from attributes: %s', (id, expected) => {
    expect(isRendered(byId(id))).toBe(expected);
  });

  it('deep asks the browser, which also sees stylesheet rules', () => {
    expect(isRendered(byId('in-class-hidden'), { deep: true })).toBe(false);
    expect(isRendered(byId('inner'), { deep: true })).toBe(true);
  });

  it('within stops at a known-shown ancestor; a detached element is not rendered', () => {
    const hiddenParent = byId('in-hidden').parentElement!;
    expect(isRendered(byId('in-hidden'), { within: hiddenParent })).toBe(true);
    expect(isRendered(doc.createElement('div'))).toBe(false);
  });

  it('a shared cache gives the same verdicts as without', () => {
    const cache = new Map<Element, boolean>();
    for (const id of ['inner', 'in-hidden', 'in-aria-hidden', 'in-display-none', 'in-display-block']) {
      expect(isRendered(byId(id), { cache }), id).toBe(isRendered(byId(id)));
      expect(isRendered(byId(id), { cache }), `${id} (cached)`).toBe(isRendered(byId(id)));
    }
    expect(cache.get(byId('in-hidden').parentElement!)).toBe(false);
  });
});

describe('addresses', () => {
  it.each([
    ['sanne@buurtkracht.nl', 'sanne@buurtkracht.nl'],
    ['  M.van.Dijk@Zwolle.NL ', 'm.van.dijk@zwolle.nl'],
    ['<griffie@utrecht.nl>', 'griffie@utrecht.nl'],
    ['mailto:h.jansen@weesp.nl?subject=Hallo', 'h.jansen@weesp.nl'],
    ['lotte\u200b.verbeek@overbetuwevoorelkaar.nl', 'lotte.verbeek@overbetuwevoorelkaar.nl'],
    ['Sanne de Vries', null],
    ['sanne@localhost', null],
    ['a@b@c.nl', null],
    ['<script>@x.nl', null],
    ['', null],
    [null, null],
    [`${'a'.repeat(320)}@x.nl`, null],
  ])('normaliseAddress(%j) = %j', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it('addressesIn finds addresses in labels and titles, once each, in order', () => {
    expect(addressesIn('Google-account: Sanne de Vries \n(Sanne@Buurtkracht.nl)')).toEqual(['sanne@buurtkracht.nl']);
    expect(addressesIn('a@zwolle.nl, b@utrecht.nl; A@Zwolle.nl')).toEqual(['a@zwolle.nl', 'b@utrecht.nl']);
    expect(addressesIn(null)).toEqual([]);
  });
});

describe('fnv1a', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('FNV-1a 64 of %j is %s (published test vectors)', (input, expected) => {
    expect(fnv1a(input)).toBe(expected);
  });

  it('is stable, 16 hex digits, and spreads 20,000 similar keys without a collision', () => {
    expect(fnv1a('wijkaanpak holtenbroek\ne.bosman@zwolle.nl')).toBe(fnv1a('wijkaanpak holtenbroek\ne.bosman@zwolle.nl'));
    const seen = new Set<string>();
    for (let index = 0; index < 20_000; index++) seen.add(fnv1a(`onderwerp ${index}\nbewoner${index % 97}@gmail.com`));
    expect(seen.size).toBe(20_000);
    expect([...seen].every((hash) => /^[0-9a-f]{16}$/.test(hash))).toBe(true);
  });
});

describe('isRendered with ignoreAriaHidden', () => {
  it('treats aria-hidden as shown (a page behind a modal dialog), [hidden] and display:none still as hidden', () => {
    const doc = parse(`
      <div aria-hidden="true"><span id="behind-modal"></span></div>
      <div hidden><span id="hidden"></span></div>
      <div style="display: none"><span id="none"></span></div>`);
    const el = (id: string) => doc.getElementById(id)!;
    expect(isRendered(el('behind-modal'))).toBe(false);
    expect(isRendered(el('behind-modal'), { ignoreAriaHidden: true })).toBe(true);
    expect(isRendered(el('hidden'), { ignoreAriaHidden: true })).toBe(false);
    expect(isRendered(el('none'), { ignoreAriaHidden: true })).toBe(false);
  });
});
