/** A site's tracking snippet, ready to paste, with a copy button. */
import { useRef, useState } from 'preact/hooks';
import type { Site } from '../api.js';
import { type CopyOutcome, copyText } from '../clipboard.js';
import { siteLabel } from '../format.js';
import { snippetFor } from '../site-form.js';

interface SnippetProps {
  site: Site;
  /** The collector's origin, where `cp.js` is served. */
  origin: string;
  /** @default copyText */
  copy?: typeof copyText;
}

const OUTCOME_TEXT: Record<CopyOutcome, string> = {
  copied: 'Copied.',
  selected: 'Selected: press Ctrl+C (⌘C on a Mac) to copy.',
};

export function Snippet({ site, origin, copy = copyText }: SnippetProps) {
  const code = useRef<HTMLElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const text = snippetFor(origin, site.id);
  return (
    <div class="snippet" data-snippet={site.id}>
      <p>
        Add this to every page of {siteLabel(site)}, inside <code>&lt;head&gt;</code>:
      </p>
      <pre>
        <code ref={code}>{text}</code>
      </pre>
      <button type="button" onClick={async () => setOutcome(await copy(text, code.current))}>
        Copy snippet
      </button>{' '}
      <span class="muted" role="status">
        {outcome && OUTCOME_TEXT[outcome]}
      </span>
    </div>
  );
}
