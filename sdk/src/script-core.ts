/** `dist/cartpulse.core.js`: the script-tag build with the core only (page views, custom events, delivery). */
import { boot } from './boot.js';
import { track } from './record.js';
import { send } from './delivery.js';
import { optIn, optOut, start } from './tracker.js';

boot({ init: start, track, flush: send, optOut, optIn });
