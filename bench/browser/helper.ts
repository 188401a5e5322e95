/// <reference lib="webworker" />
import { serveMatmulHelper } from 'gradlab/browser';

serveMatmulHelper();
