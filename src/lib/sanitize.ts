/**
 * Characters that have no place in a display name: C0/C1 controls (terminal escapes, NUL, newlines that
 * forge log or mail lines) and the invisible bidirectional/zero-width marks that make "Eve\u202Egnp.exe"
 * render as "Eveexe.png" in a mail or a list.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** The text without control, bidi override and zero-width characters. */
export function stripUnsafeChars(text: string): string {
  return text.replace(UNSAFE, '');
}
