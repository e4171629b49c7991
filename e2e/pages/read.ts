import type { Locator } from 'playwright-core';

/** The page's document, in functions that run in the page (the tests compile without the DOM library). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first number in an element's text ("1,094 chunks" → 1094). */
export async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const m = /-?\d[\d,]*(\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replace(/,/g, ''));
}

/** A badge's word without its icon ("✓completed" → "completed"). */
export async function wordIn(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/^[^\p{L}]+/u, '').trim();
}

/** What a screen reader says after a field's label: the text of the element its aria-describedby names. */
export async function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id: string) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );
}

/** Escapes text for use inside a RegExp. */
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
