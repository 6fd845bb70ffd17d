/**
 * The inline badges of a mail page as the user sees them. Their shadow roots are closed (the page
 * cannot reach in); the DevTools protocol can, with `pierce`. Shared by the e2e files.
 */
import type { Page } from 'playwright-core';
import { BADGE_TAG, BADGE_THREAD_ATTRIBUTE } from '@/lib/content/inline-badges';

/** What an inline badge's pill shows: its text, its colour, and what a screen reader gets. */
export interface BadgePill {
  text: string;
  background: string;
  role: string | null;
  label: string | null;
  status: string | null;
}

export interface BadgeSeenWithPill {
  /** the conversation the badge was made for (the host's data attribute) */
  thread: string | null;
  pill: BadgePill;
}

/** Every inline badge of the page, in document order, with what its pill shows. */
export async function readInlineBadges(page: Page): Promise<BadgeSeenWithPill[]> {
  type DomNode = {
    nodeId: number;
    nodeName: string;
    nodeType: number;
    nodeValue?: string;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: DomNode[];
  };
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const inside = (node: DomNode) => [...(node.shadowRoots ?? []), ...(node.children ?? [])];
    const textOf = (node: DomNode): string => (node.nodeType === 3 ? (node.nodeValue ?? '') : inside(node).map(textOf).join(''));
    const badges: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName.toLowerCase() === BADGE_TAG) badges.push(node);
      inside(node).forEach(walk);
    };
    walk(root);
    const attribute = (node: DomNode | undefined, name: string) => {
      const index = node?.attributes?.findIndex((value, at) => at % 2 === 0 && value === name) ?? -1;
      return index >= 0 ? node!.attributes![index + 1]! : null;
    };
    const seen: BadgeSeenWithPill[] = [];
    for (const badge of badges) {
      const pill = badge.shadowRoots?.[0]?.children?.[0];
      const style = pill
        ? ((await session.send('CSS.getComputedStyleForNode', { nodeId: pill.nodeId })) as {
            computedStyle: Array<{ name: string; value: string }>;
          })
        : { computedStyle: [] };
      seen.push({
        thread: attribute(badge, BADGE_THREAD_ATTRIBUTE),
        pill: {
          text: (badge.shadowRoots ?? []).map(textOf).join(''),
          background: style.computedStyle.find((property) => property.name === 'background-color')?.value ?? '',
          role: attribute(pill, 'role'),
          label: attribute(pill, 'aria-label'),
          status: attribute(pill, 'data-status'),
        },
      });
    }
    return seen;
  } finally {
    await session.detach();
  }
}

/** What each inline badge shows: its text and its colour. */
export async function badgePills(page: Page): Promise<BadgePill[]> {
  return (await readInlineBadges(page)).map((badge) => badge.pill);
}
