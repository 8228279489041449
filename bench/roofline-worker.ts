// Worker for the roofline measurement: runs the SIMD matrix-vector kernel on cache-resident data for a while.

import { parentPort, workerData } from 'node:worker_threads';
import { measureKernelPeak } from './roofline.ts';

parentPort?.postMessage(measureKernelPeak(workerData.seconds as number));
