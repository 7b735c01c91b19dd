/**
 * Block Kit building blocks for the digest and for the sections other parts add to it, with Slack's limits
 * enforced here so no builder has to remember them. Types come from @slack/types through @slack/bolt (type-only).
 */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Button = types.Button;
export type ActionsBlock = types.ActionsBlock;

/** Slack's documented limits for a chat.postMessage payload (Block Kit reference). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  headerText: 150,
  buttonText: 75,
  actionsElements: 25,
} as const;

/**
 * Escape text that comes from data (service names, tag values, AWS messages) before it goes into mrkdwn: Slack reads
 * `<...>` as links and mentions and `&` as the start of an entity.
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Cut text to `max` characters, ending with "…". Never leaves half an entity (`&am`) or half a link (`<http`),
 * which Slack would render as garbage or reject.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/&[a-z]*$|<[^>]*$/, '');
  return `${cut}…`;
}

const mrkdwn = (text: string, max: number): types.MrkdwnElement => ({ type: 'mrkdwn', text: clip(text, max) });

/** A header block (plain text, at most 150 characters). */
export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.headerText), emoji: true },
});

/** A section of mrkdwn text, optionally with two-column fields and a button beside it. */
export function section(text: string, options: { fields?: string[]; accessory?: Button } = {}): Block {
  return {
    type: 'section',
    ...(text ? { text: mrkdwn(text, SLACK_LIMITS.sectionText) } : {}),
    ...(options.fields?.length
      ? { fields: options.fields.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(f, SLACK_LIMITS.fieldText)) }
      : {}),
    ...(options.accessory ? { accessory: options.accessory } : {}),
  };
}

/** A context block: small grey mrkdwn lines (at most 10 elements). */
export const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t, SLACK_LIMITS.sectionText)),
});

export const divider = (): Block => ({ type: 'divider' });

/** A button for a section accessory or an actions block. */
export function button(
  text: string,
  actionId: string,
  options: { value?: string; url?: string; style?: 'primary' | 'danger' } = {},
): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText) },
    action_id: actionId,
    ...options,
  };
}

/** An actions block of buttons (at most 25); `blockId` names the block for the interactivity handlers. */
export const actions = (buttons: Button[], blockId?: string): ActionsBlock => ({
  type: 'actions',
  ...(blockId ? { block_id: blockId } : {}),
  elements: buttons.slice(0, SLACK_LIMITS.actionsElements),
});

/** A button's label within 75 characters; other elements unchanged. */
function fitElement<E extends { type: string }>(element: E): E {
  if (element.type !== 'button') return element;
  const b = element as unknown as Button; // narrowed by its type tag, which TypeScript cannot follow through E
  return { ...element, text: { ...b.text, text: clip(b.text.text, SLACK_LIMITS.buttonText) } };
}

/**
 * Bring a block built elsewhere within Slack's per-block limits (text lengths, field and element counts), so one
 * oversized finding cannot make Slack refuse the whole digest.
 */
export function withinLimits(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { ...block, text: { ...block.text, text: clip(block.text.text, SLACK_LIMITS.headerText) } };
    case 'section':
      return {
        ...block,
        ...(block.text ? { text: { ...block.text, text: clip(block.text.text, SLACK_LIMITS.sectionText) } } : {}),
        ...(block.fields
          ? {
              fields: block.fields
                .slice(0, SLACK_LIMITS.fields)
                .map((f) => ({ ...f, text: clip(f.text, SLACK_LIMITS.fieldText) })),
            }
          : {}),
        ...(block.accessory ? { accessory: fitElement(block.accessory) } : {}),
      };
    case 'context':
      return {
        ...block,
        elements: block.elements
          .slice(0, SLACK_LIMITS.contextElements)
          .map((e) => ('text' in e ? { ...e, text: clip(e.text, SLACK_LIMITS.sectionText) } : e)),
      };
    case 'actions':
      return { ...block, elements: block.elements.slice(0, SLACK_LIMITS.actionsElements).map(fitElement) };
    default:
      return block;
  }
}
