// The dashboard's first script, small and of its own (bundled by ./build.sh, loaded async first in
// dashboard.html's head): it starts the page's first requests while the bundle still arrives
// (early-start.js).
import { startEarly } from './early-start.js';

startEarly();
