/**
 * Making text safe to print on a terminal. Article text may hold escape sequences (`ESC[2J`
 * clears the screen, `ESC]0;…BEL` retitles the window, `ESC]8;;url` hides a link) and other
 * control characters: each one is shown as its visible Unicode "control picture" (`␛[2J`), one
 * code unit for one, so that offsets into the text (highlights) stay valid.
 */

// C0 controls but line feed, DEL, C1 controls (U+009B is a one-character CSI), and the
// bidirectional overrides and isolates (U+202E shows a line reversed).
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL_TEST = new RegExp(CONTROL.source, 'u');

function picture(c: string): string {
  const code = c.charCodeAt(0);
  // Tabs, carriage returns, vertical tabs and form feeds are layout, not content: a space.
  if (code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d) return ' ';
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟, ␛ for ESC
  if (code === 0x7f) return '\u2421'; // ␡
  return '\ufffd'; // C1 controls and bidi overrides have no pictures.
}

/**
 * `text` with every control character but the line feed shown inertly (same length in UTF-16
 * code units). Text without control characters is returned as is.
 */
export function terminalSafe(text: string): string {
  return CONTROL_TEST.test(text) ? text.replace(CONTROL, picture) : text;
}

/**
 * JSON text for a terminal: `JSON.stringify` escapes C0 controls but not DEL and C1 controls
 * (U+009B acts as CSI on some terminals); they are escaped too. Still the same JSON value.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
