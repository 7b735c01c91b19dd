/** Types of scripts/parity.mjs, for its test. */
export const MAPPING: URL;
export const PARITY_DOC: URL;
export function renderParity(rules: readonly { id: string; title: string }[], mapping: unknown): string;
