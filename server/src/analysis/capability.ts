// The analysis capability: puts ctx.services.analysis in place and adds the editor features.
import type { Capability } from '../capabilities.js';
import { analysisFeature } from './lsp/feature.js';
import { startAnalysis } from './service.js';

export const analysisCapability: Capability = {
  name: 'analysis',
  start(ctx) {
    startAnalysis(ctx);
  },
  lsp: [analysisFeature],
};
