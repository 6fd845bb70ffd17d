import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf } from '@/lib/latency/threshold-draft';
import { defaultThresholds } from '@/lib/latency/thresholds';

describe('thresholds form', () => {
  it('turns a valid draft into thresholds, tolerating spaces', () => {
    const draft = draftOf(defaultThresholds());
    draft.wethouder = { ideal: ' 15 ', max: '30' };
    const checked = checkDraft(draft);
    expect(checked.errors).toEqual({});
    expect(checked.thresholds).toEqual({ ...defaultThresholds(), wethouder: { ideal: 15, max: 30 } });
  });

  it.each(['', 'tien', '1.5', '1,5', '1e1', '-3', '0', '251', '007x'])('refuses %j as a number of working days', (text) => {
    const draft = draftOf(defaultThresholds());
    draft.bewoner.max = text;
    const checked = checkDraft(draft);
    expect(checked.thresholds).toBeNull();
    expect(checked.errors).toEqual({ bewoner: { max: 'invalid' } });
  });

  it('accepts the bounds, 1 and 250', () => {
    const draft = draftOf(defaultThresholds());
    draft.ambtenaar = { ideal: '1', max: '250' };
    expect(checkDraft(draft).thresholds?.ambtenaar).toEqual({ ideal: 1, max: 250 });
  });

  it('says where "slow" comes after "unresponsive", per role', () => {
    const draft = draftOf(defaultThresholds());
    draft.gemeenteraad = { ideal: '12', max: '8' };
    draft.onbekend = { ideal: 'x', max: '8' };
    const checked = checkDraft(draft);
    expect(checked.thresholds).toBeNull();
    expect(checked.errors).toEqual({ gemeenteraad: { order: true }, onbekend: { ideal: 'invalid' } });
  });
});
