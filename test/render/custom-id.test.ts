/** Button state in `custom_id`: what is encoded decodes to the same action, and anything else decodes to nothing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ButtonAction, decodeButton, encodeButton } from '../../src/render/custom-id.ts';

const USER = '200000000000000001';

describe('button custom ids', () => {
  it.each<ButtonAction>([
    { kind: 'more', requesterId: USER, offset: 3, hidden: true, query: 'armenia' },
    { kind: 'more', requesterId: USER, offset: 0, hidden: false, query: 'why: the drills?' },
    { kind: 'para', requesterId: USER, paragraphId: 'csto-hardest-moment#12', query: 'a:b:c' },
    { kind: 'share', requesterId: USER, offset: 6, query: '' },
  ])('round-trips %o, a query holding the separator included', (action) => {
    const id = encodeButton(action);
    expect(id).not.toBeNull();
    expect(decodeButton(id as string)).toEqual(action);
  });

  it('round-trips any query that fits, and gives no id (no button) to one that does not', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.nat({ max: 9999 }),
        fc.boolean(),
        (query, offset, hidden) => {
          const action: ButtonAction = { kind: 'more', requesterId: USER, offset, hidden, query };
          const id = encodeButton(action);
          if (id === null)
            expect(`more:${USER}:${offset}:${hidden ? 1 : 0}:${query}`.length).toBeGreaterThan(100);
          else {
            expect(id.length).toBeLessThanOrEqual(100);
            expect(decodeButton(id)).toEqual(action);
          }
        },
      ),
    );
  });

  it('takes a query that fills the 100 characters exactly, and refuses one character more', () => {
    const prefix = `share:${USER}:1:`;
    const fits = 'q'.repeat(100 - prefix.length);
    expect(encodeButton({ kind: 'share', requesterId: USER, offset: 1, query: fits })).toBe(prefix + fits);
    expect(encodeButton({ kind: 'share', requesterId: USER, offset: 1, query: `${fits}q` })).toBeNull();
  });

  it.each([
    '',
    'more',
    `more:${USER}`,
    `more:not-a-user:1:0:armenia`,
    `more:${USER}:x:0:armenia`,
    `more:${USER}:12345:0:armenia`,
    `more:${USER}:1:2:armenia`,
    `share:${USER}::armenia`,
    `para:${USER}::armenia`,
    `delete:${USER}:1:armenia`,
  ])('decodes the forged or stale id %j to nothing', (customId) => {
    expect(decodeButton(customId)).toBeNull();
  });
});
