/**
 * Copying a snippet. The Clipboard API needs a secure context and may be refused (a collector reached
 * over plain http on the LAN, a denied permission); then the text is selected instead, so that one
 * keystroke copies it.
 */

export type CopyOutcome = 'copied' | 'selected';

export interface CopyEnv {
  clipboard?: Pick<Clipboard, 'writeText'>;
  /** Selects the text of `element` in the page. */
  select(element: Node): void;
}

function selectContents(element: Node): void {
  const selection = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(element);
  selection?.removeAllRanges();
  selection?.addRange(range);
}

export async function copyText(
  text: string,
  element: Node | null,
  env: CopyEnv = { clipboard: navigator.clipboard, select: selectContents },
): Promise<CopyOutcome> {
  try {
    if (env.clipboard) {
      await env.clipboard.writeText(text);
      return 'copied';
    }
  } catch {}
  if (element) env.select(element);
  return 'selected';
}
