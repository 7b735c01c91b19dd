/** CSV as every output file writes it (RFC 4180). */

/** One CSV cell, quoted where it holds a comma, a quote or a line break. */
export const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
