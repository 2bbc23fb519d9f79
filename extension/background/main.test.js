// Background entry of the test build: the release entry plus test hooks.
import './main.js';
import { installTestHooks } from './test-hooks.js';

installTestHooks();
