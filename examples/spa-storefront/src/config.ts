/**
 * The SDK options the SPA's server writes into the page (`<script type="application/json"
 * id="cartpulse-config">`), so the same bundle works against any collector.
 */
import type { Options } from '@cartpulse/sdk';

export const CONFIG_ELEMENT_ID = 'cartpulse-config';

export function readConfig(doc: Document): Options | null {
  const text = doc.getElementById(CONFIG_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const config = JSON.parse(text) as Options;
    return typeof config.site === 'string' && typeof config.endpoint === 'string' ? config : null;
  } catch {
    return null;
  }
}
