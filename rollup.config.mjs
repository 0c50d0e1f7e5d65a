// One build for the whole workspace: each package lists its own outputs beside its code.
import dashboard from './dashboard/rollup.parts.mjs';
import examples from './examples/rollup.parts.mjs';
import sdk from './sdk/rollup.parts.mjs';

export default [...sdk, ...dashboard, ...examples];
