/**
 * Product pictures as small flat SVG drawings, so the demo shop looks finished without shipping
 * photographs. Both storefronts serve them at `/art/<product id>.svg`.
 */
import type { Product } from './catalog.js';
import { escapeHtml } from './html.js';

const shapes: Record<Product['shape'], (ink: string, light: string) => string> = {
  mug: (ink) => `
    <path d="M70 40c0-8 8-10 8-18M90 40c0-8 8-10 8-18M110 40c0-8 8-10 8-18" stroke="${ink}" stroke-width="4" fill="none" stroke-linecap="round" opacity=".45"/>
    <path d="M128 80h10a20 20 0 0 1 0 40h-10" stroke="${ink}" stroke-width="10" fill="none"/>
    <rect x="56" y="60" width="76" height="92" rx="14" fill="${ink}"/>
    <rect x="56" y="78" width="76" height="8" fill="#fff" opacity=".25"/>`,
  pot: (ink) => `
    <path d="M62 150l12-76h52l12 76z" fill="${ink}"/>
    <path d="M74 74c-6-10 0-18 8-18h36c8 0 14 8 8 18z" fill="${ink}" opacity=".8"/>
    <circle cx="100" cy="48" r="7" fill="${ink}"/>
    <path d="M66 100l-22-26" stroke="${ink}" stroke-width="10" stroke-linecap="round"/>
    <path d="M136 92c18 0 22 34 4 40" stroke="${ink}" stroke-width="8" fill="none"/>
    <g fill="#fff" opacity=".35"><circle cx="90" cy="112" r="2.5"/><circle cx="108" cy="126" r="2.5"/><circle cx="118" cy="104" r="2"/><circle cx="84" cy="134" r="2"/></g>`,
  lamp: (ink, light) => `
    <path d="M100 0v54" stroke="${ink}" stroke-width="3"/>
    <circle cx="100" cy="112" r="58" fill="${ink}"/>
    <circle cx="100" cy="112" r="40" fill="${light}" opacity=".55"/>
    <g stroke="#fff" stroke-width="2" opacity=".35" fill="none"><ellipse cx="100" cy="112" rx="58" ry="14"/><ellipse cx="100" cy="112" rx="58" ry="34"/></g>
    <rect x="90" y="50" width="20" height="8" rx="2" fill="${ink}"/>`,
  chair: (ink) => `
    <rect x="66" y="30" width="68" height="58" rx="10" fill="${ink}"/>
    <rect x="58" y="96" width="84" height="18" rx="6" fill="${ink}"/>
    <g stroke="${ink}" stroke-width="9" stroke-linecap="round"><path d="M68 114l-6 56M132 114l6 56M76 88v8M124 88v8"/></g>
    <rect x="76" y="44" width="48" height="6" rx="3" fill="#fff" opacity=".3"/>`,
  plant: (ink, light) => `
    <g fill="${ink}">
      <ellipse cx="78" cy="70" rx="14" ry="30" transform="rotate(-35 78 70)"/>
      <ellipse cx="122" cy="66" rx="14" ry="30" transform="rotate(35 122 66)"/>
      <ellipse cx="100" cy="52" rx="13" ry="34"/>
      <ellipse cx="70" cy="104" rx="12" ry="24" transform="rotate(-60 70 104)"/>
      <ellipse cx="130" cy="102" rx="12" ry="24" transform="rotate(60 130 102)"/>
    </g>
    <path d="M100 86v30" stroke="${ink}" stroke-width="5"/>
    <path d="M66 118h68l-10 52H76z" fill="#b5651d"/>
    <rect x="62" y="112" width="76" height="12" rx="4" fill="#9a531a"/>
    <circle cx="100" cy="52" r="4" fill="${light}" opacity=".7"/>`,
  bag: (ink) => `
    <path d="M76 78V58a24 24 0 0 1 48 0v20" stroke="${ink}" stroke-width="7" fill="none"/>
    <path d="M52 76h96l-8 94H60z" fill="${ink}"/>
    <g stroke="#fff" stroke-width="2" opacity=".25"><path d="M56 100h88M58 124h84M60 148h80"/></g>`,
  towel: (ink) => `
    <rect x="44" y="48" width="112" height="40" rx="8" fill="${ink}"/>
    <rect x="50" y="82" width="100" height="36" rx="8" fill="${ink}" opacity=".85"/>
    <rect x="56" y="112" width="88" height="40" rx="8" fill="${ink}" opacity=".7"/>
    <g stroke="#fff" stroke-width="2" opacity=".3">
      <path d="M60 58h80M60 68h80M60 78h80"/><path d="M70 48v40M90 48v40M110 48v40M130 48v40"/>
    </g>`,
  candle: (ink, light) => `
    <path d="M100 40c12 14 10 30 0 34c-10-4-12-20 0-34z" fill="#f4a259"/>
    <path d="M100 54c5 6 4 14 0 16c-4-2-5-10 0-16z" fill="#fde68a"/>
    <path d="M100 74v10" stroke="#333" stroke-width="3"/>
    <rect x="62" y="84" width="76" height="82" rx="12" fill="${ink}"/>
    <rect x="62" y="112" width="76" height="30" fill="${light}" opacity=".8"/>
    <rect x="62" y="84" width="76" height="10" rx="5" fill="#fff" opacity=".25"/>`,
};

/** The picture of `product` as a standalone SVG document. */
export function productArt(product: Product): string {
  const [ink, light] = product.colors;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${escapeHtml(product.name)}">
  <rect width="200" height="200" fill="${light}"/>
  <ellipse cx="100" cy="176" rx="64" ry="8" fill="#000" opacity=".08"/>
  ${shapes[product.shape](ink, light)}
</svg>`;
}
