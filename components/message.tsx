import { Fragment, type ReactNode } from 'react';
import { tParts, type MessageKey } from '@/lib/i18n';

/**
 * A UI message whose values are each isolated in a `<bdi>`: a name, address or subject from mail
 * may hold right-to-left text or a U+202E override, and must not reorder the sentence around it.
 * The text is the same as t() gives. `nodes` fills placeholders with elements of their own (a
 * list of names, each isolated: IsolatedList).
 */
export function Message({
  id,
  values = {},
  nodes = {},
}: {
  id: MessageKey;
  values?: Record<string, string | number>;
  nodes?: Record<string, ReactNode>;
}) {
  const filled = { ...values, ...Object.fromEntries(Object.keys(nodes).map((name) => [name, ''])) };
  return (
    <>
      {tParts(id, filled).map((part, index) =>
        typeof part === 'string' ? (
          <Fragment key={index}>{part}</Fragment>
        ) : Object.hasOwn(nodes, part.placeholder) ? (
          <Fragment key={index}>{nodes[part.placeholder]}</Fragment>
        ) : (
          <bdi key={index}>{part.value}</bdi>
        ),
      )}
    </>
  );
}

/** Names (or addresses), each isolated, joined by `separator`. */
export function IsolatedList({ items, separator = ', ' }: { items: readonly string[]; separator?: string }) {
  return (
    <>
      {items.map((item, index) => (
        <Fragment key={index}>
          {index > 0 && separator}
          <bdi>{item}</bdi>
        </Fragment>
      ))}
    </>
  );
}
