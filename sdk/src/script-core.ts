/** `dist/cartpulse.core.js`: the script-tag build with the core only (page views, custom events, delivery). */
import { boot } from './boot.js';

boot();
