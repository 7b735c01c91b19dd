/** Money and its units: the month every figure is expressed in, and how dollars read. */

/** Hours in a billing month: every hourly price becomes monthly dollars through this one number. */
export const HOURS_PER_MONTH = 730;

/** Days in an average month (HOURS_PER_MONTH / 24): daily figures become monthly ones through this number. */
export const DAYS_PER_MONTH = 30.4167;

/** What Cost Explorer bills for each API request, each page counting as one (AWS Cost Explorer pricing). */
export const CE_REQUEST_USD = 0.01;

// One formatter each, made once: toLocaleString with options builds a new Intl.NumberFormat on every call, which
// dominated the rule catalog's time on large inventories.
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Dollars: cents below $1,000, whole dollars above ("$12.34", "$12,345"). */
export function usd(n: number): string {
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}$${(abs < 1000 ? CENTS : WHOLE).format(abs)}`;
}

/** Dollars to the cent with thousands separators, for finding reasons where the figure is exact: "$1,234.56". */
export const usdCents = (n: number): string => `$${toCents(n)}`;

/**
 * CENTS.format(n) without Intl where that is plain arithmetic (the rule catalog words tens of thousands of savings a
 * run, and each format took a microsecond). Intl rounds the number's shortest decimal form, String(n), half away from
 * zero (ECMA-402's ToIntlMathematicalValue), which is what this does to the digits of String(n); Intl keeps the rest:
 * exponent forms, figures too large for exact cents, NaN and -0.
 */
function toCents(n: number): string {
  const abs = Math.abs(n);
  if (!(abs >= 1e-6 && abs < 1e13) && n !== 0) return CENTS.format(n);
  if (Object.is(n, -0)) return CENTS.format(n);
  const text = String(abs);
  const dot = text.indexOf('.');
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  let cents = Number(dot < 0 ? text : text.slice(0, dot)) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (fraction.charCodeAt(2) >= 53) cents += 1; // a third decimal of 5 or more rounds up (half away from zero)
  const whole = String(Math.floor(cents / 100));
  const rest = String(cents % 100).padStart(2, '0');
  return `${n < 0 ? '-' : ''}${groupThousands(whole)}.${rest}`;
}

/**
 * A number as text with commas between the thousands of its leading run of digits ("1234567.5" → "1,234,567.5"; a
 * sign, an exponent or anything after the run stays as it is). Without a regular expression or Intl: the rule catalog
 * words hundreds of thousands of figures a run.
 */
export function groupThousands(text: string): string {
  let digits = 0;
  while (digits < text.length && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
  if (digits <= 3) return text;
  let at = digits % 3 || 3;
  let out = text.slice(0, at);
  for (; at < digits; at += 3) out += `,${text.slice(at, at + 3)}`;
  return out + text.slice(digits);
}

/** Dollars rounded to the cent, as every stored and shown figure is kept. */
export const roundCents = (usd: number): number => Math.round(usd * 100) / 100;

/** A share as a percentage, one decimal under 10%: "4.5%", "55%". */
export function percentOf(fraction: number): string {
  const p = fraction * 100;
  return `${p.toFixed(Math.abs(p) < 10 ? 1 : 0)}%`;
}
