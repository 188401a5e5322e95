/// <reference lib="webworker" />
// The helper thread for large matrix products: worker.ts starts it when the page is cross-origin isolated.
import { serveMatmulHelper } from 'gradlab/browser';

serveMatmulHelper();
